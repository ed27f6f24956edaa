// One event as people read it: its object's display name, its principal's, and for an update
// or save what changed. Computed when asked (an output line being written, a row or tree
// item being rendered, the API's describeEvent), never for the whole buffer, and cached per
// seq: seqs are never reused (event-buffer.ts), so a cached entry can never describe another
// event. The cache keeps what the event itself says (its naming fields, its changes); the
// names it resolves through come from the NameBook on every call, so a name learnt later
// shows on the next render (NameBook.onDidChange says when).

import type { BufferedEvent } from '../events/event-buffer';
import { endsWithNullOriginal } from '../events/event-match';
import { formatEventLine } from '../events/format';
import { nameKind } from '../names/display-name';
import type { NameBook } from '../names/name-book';
import { readNameFields, type NameFacts } from '../names/name-fields';
import { formatChanges, summarizeChanges, type FieldChange } from './change-summary';

export interface EventDescription {
  /** The object's display name; its key while a machine's or job's name is not known. */
  name: string;
  /** The principal, with a runner's or machine's UUID replaced by the machine's name when known. */
  principal: string;
  /** What changed from Original to Object; undefined when the event has no Original. */
  changes?: readonly FieldChange[];
}

interface Cached {
  seq: number;
  facts: NameFacts | undefined;
  changes: FieldChange[] | undefined;
}

const CACHE_SIZE = 4096;

export class EventDescriber {
  // A ring of slots indexed by seq: the output channel describes every event in turn, and a
  // Map with an insert and a delete per event cost more than describing a no-op update.
  private slots: Array<Cached | undefined>;

  constructor(
    private readonly book: NameBook,
    private readonly buffer: { get(seq: number): BufferedEvent | undefined },
    cacheSize = CACHE_SIZE,
  ) {
    this.slots = new Array<Cached | undefined>(Math.max(1, Math.floor(cacheSize)));
  }

  /** The buffered event `seq` described; undefined once it has left the buffer. */
  describeSeq(seq: number): EventDescription | undefined {
    const e = this.buffer.get(seq);
    return e ? this.describe(e) : undefined;
  }

  describe(e: BufferedEvent): EventDescription {
    const cached = this.entry(e);
    const out: EventDescription = { name: this.resolve(e, cached.facts) ?? e.key, principal: this.book.principal(e.principal) };
    if (cached.changes) out.changes = cached.changes;
    return out;
  }

  /**
   * The display name alone (no change summary), for lists of many events; undefined while a
   * machine's or job's name is not known. Uses a cached entry when there is one.
   */
  nameOf(e: BufferedEvent): string | undefined {
    const cached = this.cached(e.seq);
    return this.resolve(e, cached ? cached.facts : readNameFields(e.raw, e.type));
  }

  /** The output channel's line: name, principal and, for an update or save, what changed. */
  line(e: BufferedEvent): string {
    const d = this.describe(e);
    return formatEventLine(e, { name: d.name, principal: d.principal, changes: d.changes ? formatChanges(d.changes) : undefined });
  }

  private cached(seq: number): Cached | undefined {
    const slot = this.slots[seq % this.slots.length];
    return slot?.seq === seq ? slot : undefined;
  }

  private entry(e: BufferedEvent): Cached {
    const hit = this.cached(e.seq);
    if (hit) return hit;
    const entry: Cached = {
      seq: e.seq,
      facts: readNameFields(e.raw, e.type),
      // Most events end `"Original":null}`; the tail says so without a scan of the frame.
      changes: endsWithNullOriginal(e.raw) ? undefined : summarizeChanges(e.raw),
    };
    this.slots[e.seq % this.slots.length] = entry;
    return entry;
  }

  private resolve(e: BufferedEvent, facts: NameFacts | undefined): string | undefined {
    if (facts?.kind === 'machine') {
      // An event's own Name is what the machine was called then; teach the book only what it
      // does not know, so an old event (an import) cannot undo a newer name.
      this.book.learnMachineIfUnknown(e.key, facts.name);
      return facts.name;
    }
    if (facts?.kind === 'job') return this.book.jobLabel(facts.facts) ?? this.book.label(e.type, e.key);
    if (nameKind(e.type) === 'key') return e.key;
    return this.book.label(e.type, e.key);
  }

  /** Forgets the cached summaries (after Clear Events). */
  clear(): void {
    this.slots = new Array<Cached | undefined>(this.slots.length);
  }
}
