// DRP event filters: `type.action.key`, validated before anything reaches the wire.
//
// Protocol facts (docs/protocol.md §3.4 and §4, observed on v3):
// - The server splits a filter at the FIRST TWO dots only, so keys may contain dots
//   (`bootenvs.update.ubuntu-20.04-install`).
// - A field that is exactly `*` is a wildcard; anything else compares exactly and
//   case-sensitively. There are no partial globs (`mach*` matches nothing).
// - A filter with fewer than two dots is acked and then CRASHES a v3 server on the next
//   matching event, so such a filter must never be sent.
// - A frame over 512 bytes closes the socket with 1009.
// - Comma lists and the `\1 \2 \3` escapes are v4.5.4+ syntax that a v3 server silently
//   matches nothing for. We expand lists on the client into single wire filters so both
//   server generations behave the same.

import { plural } from '../text';

export interface FilterParts {
  type: string;
  action: string;
  key: string;
}

/** The server closes the socket with 1009 when a frame is larger than this. */
export const MAX_FRAME_BYTES = 512;
/** A comma list expands into the cross product of its items; more than this is a typo, not a plan. */
export const MAX_WIRE_FILTERS = 64;

export type FilterCheck =
  | { ok: true; filter: string; parts: FilterParts; wire: string[]; warnings: string[] }
  | { ok: false; message: string };

export type ValidFilterCheck = Extract<FilterCheck, { ok: true }>;

// `deregister` is the longer verb, so a filter whose deregister frame fits can always be
// both registered and deregistered.
const LONGEST_FRAME_PREFIX = 'deregister ';

// Whitespace (including Unicode spaces) and C0/C1 control characters. The server keeps them
// inside the filter (a doubled space was observed to produce a Key starting with a space),
// so a filter containing one silently matches nothing.
const BAD_CHARS = /[\s\u0000-\u001f\u007f-\u009f]/;

const FIELD_NAMES = ['type', 'action', 'key'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

/** Splits at the first two dots only; undefined when there are fewer than three parts. */
export function splitFilter(filter: string): FilterParts | undefined {
  const first = filter.indexOf('.');
  if (first < 0) return undefined;
  const second = filter.indexOf('.', first + 1);
  if (second < 0) return undefined;
  return {
    type: filter.slice(0, first),
    action: filter.slice(first + 1, second),
    key: filter.slice(second + 1),
  };
}

export function formatFilter(parts: FilterParts): string {
  return `${parts.type}.${parts.action}.${parts.key}`;
}

/** The v4.5.4+ list escapes: `\1` is `.`, `\2` is `,`, `\3` is `*`. */
export function unescapeFilterItem(item: string): string {
  if (item.indexOf('\\') < 0) return item;
  return item.replace(/\\([123])/g, (_m, d: string) => (d === '1' ? '.' : d === '2' ? ',' : '*'));
}

/** The items of one field: `*` stays a wildcard; lists are split, trimmed and unescaped. */
function fieldItems(field: string): string[] {
  if (field === '*') return ['*'];
  return field.split(',').map((item) => unescapeFilterItem(item.trim()));
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}


/**
 * Validates what a user typed and expands it into wire filters (single `type.action.key`
 * strings that both v3 and v4 servers match the same way). Never throws.
 */
export function checkFilter(text: string): FilterCheck {
  // Spaces around list commas are harmless to a reader; they are trimmed like the v4 client does.
  const filter = text.trim().replace(/\s*,\s*/g, ',');
  if (filter === '') {
    return { ok: false, message: 'The filter is empty. Type one as type.action.key, for example machines.*.*' };
  }
  if (BAD_CHARS.test(filter)) {
    return {
      ok: false,
      message: `‘${printable(filter)}’ contains a space or control character, and DRP compares filters exactly, so it would match nothing. Remove it.`,
    };
  }
  const parts = splitFilter(filter);
  if (!parts) {
    const count = filter.split('.').length;
    return {
      ok: false,
      message:
        `‘${filter}’ has ${plural(count, 'part')}; a filter needs three: type.action.key, e.g. ${suggest(filter)}. ` +
        'It is not sent, because a filter with fewer parts crashes a v3 endpoint.',
    };
  }
  const items: Record<FieldName, string[]> = { type: [], action: [], key: [] };
  for (const name of FIELD_NAMES) {
    const field = parts[name];
    if (field === '') {
      return {
        ok: false,
        message: `‘${filter}’ has an empty ${name}. Use * to match any ${name}, e.g. ${formatFilter({ ...parts, [name]: '*' })}`,
      };
    }
    const problem = checkField(filter, name, field);
    if (problem) return { ok: false, message: problem };
    items[name] = fieldItems(field);
  }

  const total = items.type.length * items.action.length * items.key.length;
  if (total > MAX_WIRE_FILTERS) {
    return {
      ok: false,
      message: `‘${filter}’ expands to ${total} registrations; the limit is ${MAX_WIRE_FILTERS}. Split it into smaller filters or use * for a field.`,
    };
  }
  const wire = new Set<string>();
  for (const type of items.type) {
    for (const action of items.action) {
      for (const key of items.key) {
        const single = `${type}.${action}.${key}`;
        const bytes = byteLength(LONGEST_FRAME_PREFIX) + byteLength(single);
        if (bytes > MAX_FRAME_BYTES) {
          return {
            ok: false,
            message: `The filter ‘${abbreviate(single)}’ makes a ${bytes}-byte frame; the endpoint closes the connection above ${MAX_FRAME_BYTES} bytes. Use a shorter key or * instead.`,
          };
        }
        wire.add(single);
      }
    }
  }
  return { ok: true, filter, parts, wire: [...wire].sort(), warnings: warningsFor(filter, items) };
}

/** Checks one field (as typed, list syntax allowed); returns a sentence or undefined. */
function checkField(filter: string, name: FieldName, field: string): string | undefined {
  if (field === '*') return undefined;
  const raw = field.split(',');
  for (const item of raw) {
    if (item === '') {
      return `‘${filter}’ has an empty item in its ${name} list. Remove the extra comma.`;
    }
    if (item === '*') {
      return `‘${filter}’ puts * inside a ${name} list; * matches only as a whole field. Use * alone for the ${name}.`;
    }
    if (item.includes('*')) {
      return `‘${filter}’: DRP has no globs, so ‘${item}’ would match nothing; * must be a whole field (e.g. ${formatFilter(
        { ...splitFilter(filter)!, [name]: '*' },
      )}).`;
    }
    const value = unescapeFilterItem(item);
    if (value === '*') {
      return `‘${filter}’ asks for a literal * ${name}, which cannot be registered: a v3 endpoint reads a lone * as "any". Use * to match any ${name}.`;
    }
    if (value.includes(',')) {
      return `‘${filter}’ asks for a ${name} containing a comma (\\2), which cannot be registered on the wire. Remove it.`;
    }
    if (name !== 'key' && value.includes('.')) {
      return `‘${filter}’ asks for a ${name} containing a dot (\\1); the endpoint splits filters at the first two dots, so only a key may contain one.`;
    }
  }
  return undefined;
}

function warningsFor(filter: string, items: Record<FieldName, string[]>): string[] {
  const warnings: string[] = [];
  if (filter === '*.*.*') {
    warnings.push('*.*.* receives every event, including log events and static/tftp file-serving noise.');
  }
  for (const name of ['type', 'action'] as const) {
    for (const value of items[name]) {
      if (value !== value.toLowerCase()) {
        warnings.push(`DRP types and actions are lowercase; ‘${value}’ will match nothing.`);
      }
    }
  }
  return warnings;
}

/** The last gate before `register`/`deregister` frames are written. */
export function isSafeWireFilter(wire: string): boolean {
  if (typeof wire !== 'string' || BAD_CHARS.test(wire) || wire.includes(',')) return false;
  const parts = splitFilter(wire);
  if (!parts || parts.type === '' || parts.action === '' || parts.key === '') return false;
  return byteLength(LONGEST_FRAME_PREFIX) + byteLength(wire) <= MAX_FRAME_BYTES;
}

export interface FilterTarget {
  type: string;
  action: string;
  key: string;
}

export type FilterMatcher = (h: FilterTarget) => boolean;

/**
 * Whether an event header matches a filter: each field is `*` or equal, and for user filters
 * with lists, any list item equals after unescaping. Compiled once per filter because it runs
 * for every event: list fields become Sets.
 */
export function compileFilter(parts: FilterParts): FilterMatcher {
  const field = (f: string): ((v: string) => boolean) => {
    if (f === '*') return () => true;
    const items = fieldItems(f);
    if (items.length === 1) {
      const only = items[0];
      return (v) => v === only;
    }
    const set = new Set(items);
    return (v) => set.has(v);
  };
  const type = field(parts.type);
  const action = field(parts.action);
  const key = field(parts.key);
  return (h) => type(h.type) && action(h.action) && key(h.key);
}

/** A plain-English tooltip: "machines events of any action for any key". */
export function describeFilter(filter: string): string {
  const parts = splitFilter(filter);
  if (!parts) return `‘${filter}’ is not a filter (it needs type.action.key).`;
  const list = (f: string): string => fieldItems(f).join(' or ');
  const type = parts.type === '*' ? 'all' : list(parts.type);
  const action = parts.action === '*' ? 'of any action' : `with action ${list(parts.action)}`;
  const key = parts.key === '*' ? 'for any key' : `for key ${list(parts.key)}`;
  return `${type} events ${action} ${key}`;
}

function suggest(filter: string): string {
  const have = filter.split('.').filter((p) => p !== '');
  const padded = [...have.slice(0, 3)];
  while (padded.length < 3) padded.push('*');
  return padded.join('.');
}

function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function printable(text: string): string {
  // Make invisible characters visible in the message so the user can find them.
  return abbreviate(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
