// What an update or save changed: the top-level fields whose value differs between the
// event's Original and Object, each as short text (`Stage discover → sledgehammer-wait`),
// with nested objects summarised by how many of their members differ
// (`Params: 2 changed (+1)`).
//
// Read from the frame's text (json-members.ts), not from JSON.parse of it: the server writes
// struct fields in a fixed order and map keys sorted (docs/protocol.md §5.1), so a field
// whose text is the same on both sides is unchanged, and only the fields that differ are
// decoded, and only when they are small. A value too large to decode (a 3 MB Params blob) is
// still compared by its text and reported as `changed`. Never throws: a frame that cannot be
// read has no summary.

import { eventObjectSpans, objectValueStart, originalEqualsObject, readMembers, skipValue, valueKind, type MemberSpan } from '../events/json-members';
import { formatSize } from '../text';

export interface FieldChange {
  /** The top-level field of the object; '' when Object or Original is not an object at all. */
  field: string;
  /** The value before and after, as text of at most FIELD_TEXT_LIMIT characters; `(none)` when absent. */
  from: string;
  to: string;
  /** For nested objects and long arrays: what changed inside, shown instead of from → to. */
  detail?: string;
}

/** The most characters any one value is shown with. */
export const FIELD_TEXT_LIMIT = 80;
/** Values up to this many characters are decoded (for display, and to compare hand-written text). */
const DECODE_LIMIT = 4096;
/** Nested objects and arrays up to this many characters are compared member by member. */
const NESTED_LIMIT = 256 * 1024;
/** How many changes a one-line summary lists before `+N more`. */
const LINE_FIELDS = 8;

export const ABSENT = '(none)';
/** What a secret's value is shown as. */
export const HIDDEN = '(hidden)';

// A v3 server does not blank a machine's Secret in events (docs/protocol.md §5.9), and the
// line format never showed object values before: a field named like a secret is reported as
// changed, its values never shown.
const SECRET_FIELD = /secret|password|passwd|token|private/i;

/**
 * The changes from Original to Object; [] when they are the same. Undefined when there is
 * nothing to compare: the Original is null or missing, or the frame cannot be read.
 */
export function summarizeChanges(raw: string): FieldChange[] | undefined {
  try {
    if (originalEqualsObject(raw)) return [];
    const spans = eventObjectSpans(raw);
    if (!spans?.object || !spans.original || valueKind(raw, spans.original) === 'null') return undefined;
    const { object, original } = spans;
    if (sameText(raw, original, object)) return [];
    if (!object.members || !original.members) {
      // One side is not an object (a posted event can carry anything): the whole value changed.
      return [{ field: '', from: render(raw, original), to: render(raw, object) }];
    }
    // The server's own frames are canonical (fields in order, map keys sorted), so values with
    // different text differ; other text (a hand-written recording) is compared as JSON.
    return diffMembers({ raw, canonical: objectValueStart(raw) >= 0 }, original.members, object.members);
  } catch {
    return undefined;
  }
}

/** The frame's text, and whether it is the server's canonical encoding. */
interface Frame {
  raw: string;
  canonical: boolean;
}

function diffMembers(frame: Frame, before: MemberSpan[], after: MemberSpan[]): FieldChange[] {
  const { raw } = frame;
  const old = new MemberLookup(before);
  const out: FieldChange[] = [];
  for (let i = 0; i < after.length; i++) {
    const m = after[i];
    const o = old.find(m.key, i);
    if (!o) {
      out.push({ field: m.key, from: ABSENT, to: SECRET_FIELD.test(m.key) ? HIDDEN : render(raw, m) });
      continue;
    }
    const change = fieldChange(frame, m.key, o, m);
    if (change) out.push(change);
  }
  if (old.found < before.length) {
    const now = new Set(after.map((m) => m.key));
    const gone = new Set<string>();
    for (const o of before) {
      if (!now.has(o.key) && !gone.has(o.key)) {
        gone.add(o.key);
        out.push({ field: o.key, from: SECRET_FIELD.test(o.key) ? HIDDEN : render(raw, o), to: ABSENT });
      }
    }
  }
  return out;
}

/**
 * The Original's members by name. Both sides come in the same order in the server's frames,
 * so the member at the same index is tried first and a Map is built only when that fails.
 */
class MemberLookup {
  private map: Map<string, MemberSpan> | undefined;
  /** How many lookups succeeded (fewer than the members: some were removed). */
  found = 0;

  constructor(private readonly members: MemberSpan[]) {}

  find(key: string, index: number): MemberSpan | undefined {
    const same = this.members[index];
    let hit = same?.key === key && !this.map ? same : undefined;
    if (!hit) {
      this.map ??= byKey(this.members);
      hit = this.map.get(key);
    }
    if (hit) this.found++;
    return hit;
  }
}

function fieldChange(frame: Frame, field: string, from: MemberSpan, to: MemberSpan): FieldChange | undefined {
  const { raw } = frame;
  if (same(frame, from, to)) return undefined;
  if (SECRET_FIELD.test(field)) return { field, from: HIDDEN, to: HIDDEN, detail: 'changed' };
  const kind = valueKind(raw, from);
  if (kind === 'object' && valueKind(raw, to) === 'object') return nestedChange(frame, field, from, to);
  if (kind === 'array' && valueKind(raw, to) === 'array') return arrayChange(raw, field, from, to);
  return { field, from: render(raw, from), to: render(raw, to) };
}

function nestedChange(frame: Frame, field: string, from: MemberSpan, to: MemberSpan): FieldChange | undefined {
  const { raw } = frame;
  const change: FieldChange = { field, from: render(raw, from), to: render(raw, to), detail: 'changed' };
  if (length(from) > NESTED_LIMIT || length(to) > NESTED_LIMIT) return change;
  const before = readMembers(raw, from.start);
  const after = readMembers(raw, to.start);
  if (!before || !after) return change;
  const old = byKey(before.members);
  let changed = 0;
  let added = 0;
  let removed = 0;
  const now = new Set<string>();
  for (const m of after.members) {
    now.add(m.key);
    const o = old.get(m.key);
    if (!o) added++;
    else if (!same(frame, o, m)) changed++;
  }
  for (const key of old.keys()) if (!now.has(key)) removed++;
  const total = changed + added + removed;
  // Only the spacing or the order of members differed (a hand-written recording).
  if (total === 0) return undefined;
  const parts = [added > 0 ? `+${added}` : '', removed > 0 ? `−${removed}` : ''].filter((p) => p !== '');
  change.detail = `${total} changed${parts.length > 0 ? ` (${parts.join(' ')})` : ''}`;
  return change;
}

function arrayChange(raw: string, field: string, from: MemberSpan, to: MemberSpan): FieldChange {
  const change: FieldChange = { field, from: render(raw, from), to: render(raw, to) };
  const fits = (s: string): boolean => s.length < FIELD_TEXT_LIMIT && !s.endsWith('…');
  if (fits(change.from) && fits(change.to)) return change;
  const a = countItems(raw, from);
  const b = countItems(raw, to);
  if (a === undefined || b === undefined) change.detail = 'changed';
  else change.detail = a === b ? `changed (${a} items)` : `${a} → ${b} items`;
  return change;
}

function countItems(raw: string, span: MemberSpan): number | undefined {
  if (length(span) > NESTED_LIMIT) return undefined;
  let pos = span.start + 1;
  let count = 0;
  for (;;) {
    while (pos < span.end && /\s/.test(raw[pos])) pos++;
    if (raw[pos] === ']') return count;
    const end = skipValue(raw, pos, span.end);
    if (end < 0) return undefined;
    count++;
    pos = end;
    while (pos < span.end && /\s/.test(raw[pos])) pos++;
    if (raw[pos] === ',') pos++;
    else if (raw[pos] === ']') return count;
    else return undefined;
  }
}

function byKey(members: MemberSpan[]): Map<string, MemberSpan> {
  const map = new Map<string, MemberSpan>();
  for (const m of members) map.set(m.key, m);
  return map;
}

function length(span: MemberSpan): number {
  return span.end - span.start;
}

function sameText(raw: string, a: MemberSpan, b: MemberSpan): boolean {
  return length(a) === length(b) && raw.slice(a.start, a.end) === raw.slice(b.start, b.end);
}

/** The same value: the same text or, outside the server's encoding, the same small JSON written differently. */
function same(frame: Frame, a: MemberSpan, b: MemberSpan): boolean {
  const { raw } = frame;
  if (sameText(raw, a, b)) return true;
  if (frame.canonical || length(a) > DECODE_LIMIT || length(b) > DECODE_LIMIT) return false;
  const x = decode(raw, a);
  const y = decode(raw, b);
  return x.ok && y.ok && deepEqual(x.value, y.value);
}

function decode(raw: string, span: MemberSpan): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw.slice(span.start, span.end)) as unknown };
  } catch {
    return { ok: false };
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const rb = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && deepEqual((a as Record<string, unknown>)[k], rb[k]));
}

/** A value as short text: strings without quotes, the rest as compact JSON, cut at the limit. */
function render(raw: string, span: MemberSpan): string {
  const kind = valueKind(raw, span);
  const size = length(span);
  if (size > DECODE_LIMIT) {
    if (kind === 'string') return cut(raw.slice(span.start + 1, span.start + 1 + FIELD_TEXT_LIMIT) + '…');
    return kind === 'array' ? `[… ${formatSize(size)}]` : kind === 'object' ? `{… ${formatSize(size)}}` : cut(raw.slice(span.start, span.start + FIELD_TEXT_LIMIT + 1));
  }
  const decoded = decode(raw, span);
  if (!decoded.ok) return cut(raw.slice(span.start, span.end));
  const value = decoded.value;
  if (typeof value === 'string') return value === '' ? '""' : cut(value);
  return cut(JSON.stringify(value));
}

/** One line, at most FIELD_TEXT_LIMIT characters, an ellipsis where it was cut. */
function cut(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ↵ ');
  return line.length > FIELD_TEXT_LIMIT ? `${line.slice(0, FIELD_TEXT_LIMIT - 1)}…` : line;
}

/**
 * The changes on one line: `Stage discover → sledgehammer-wait · Params: 2 changed (+1)`;
 * `no change` for an update that changed nothing, and `+N more` past the first few fields.
 */
export function formatChanges(changes: readonly FieldChange[]): string {
  if (changes.length === 0) return 'no change';
  const shown = changes.slice(0, LINE_FIELDS).map((c) => {
    if (c.detail !== undefined) return `${c.field}: ${c.detail}`;
    const values = `${c.from} → ${c.to}`;
    return c.field === '' ? values : `${c.field} ${values}`;
  });
  if (changes.length > LINE_FIELDS) shown.push(`+${changes.length - LINE_FIELDS} more`);
  return shown.join(' · ');
}
