// The fields that name a machine or a job, read from an event's Object without parsing it.
//
// This runs for every machines and jobs event as it arrives, so it reads only the Object's
// leading members and stops once it has what it wants. The server writes struct fields in
// declaration order (docs/protocol.md §5.1), and Name, Machine, Task and State come before the
// heavy ones (Params, inventory); a member that would take the read past READ_LIMIT
// characters of the Object ends it with what was found so far.

import { objectValueStart, readMembers, type MemberSpan } from '../events/json-members';
import { nameKind, type JobFacts } from './display-name';

export type NameFacts = { kind: 'machine'; name: string } | { kind: 'job'; facts: JobFacts };

const READ_LIMIT = 64 * 1024;
const MACHINE_FIELDS = new Set(['Name']);
const JOB_FIELDS = new Set(['Machine', 'Task', 'State']);
/** A UUID or similar short text; anything longer is not a name worth showing. */
const MAX_NAME = 256;

/** The naming fields of the event's Object, for machines and jobs; undefined for anything else or when absent. */
export function readNameFields(raw: string, type: string): NameFacts | undefined {
  const kind = nameKind(type);
  if (kind !== 'machine' && kind !== 'job') return undefined;
  const start = objectStart(raw);
  if (start < 0) return undefined;
  const wanted = kind === 'machine' ? MACHINE_FIELDS : JOB_FIELDS;
  const found = new Map<string, string>();
  readMembers(raw, start, {
    limit: start + READ_LIMIT,
    stopWhen: (m) => {
      if (wanted.has(m.key)) {
        const text = stringValue(raw, m);
        if (text !== undefined) found.set(m.key, text);
      }
      return found.size === wanted.size;
    },
  });
  if (kind === 'machine') {
    const name = found.get('Name');
    return name ? { kind, name } : undefined;
  }
  if (found.size === 0) return undefined;
  return { kind, facts: { machine: found.get('Machine') || undefined, task: found.get('Task'), state: found.get('State') } };
}

/** Where the frame's Object value starts: found directly in the server's layout, by reading the frame's members otherwise. -1 if none. */
function objectStart(raw: string): number {
  const at = objectValueStart(raw);
  if (at >= 0) return at;
  const all = readMembers(raw, 0);
  return all?.members.find((m) => m.key === 'Object')?.start ?? -1;
}

function stringValue(raw: string, m: MemberSpan): string | undefined {
  if (raw.charCodeAt(m.start) !== 34 || m.end - m.start > MAX_NAME + 2) return undefined;
  const inner = raw.slice(m.start + 1, m.end - 1);
  if (inner.indexOf('\\') < 0) return inner;
  try {
    return JSON.parse(raw.slice(m.start, m.end)) as string;
  } catch {
    return undefined;
  }
}
