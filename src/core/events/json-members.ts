// The members of a JSON object read as spans of the text, without building the values.
//
// Display names and change summaries need a few fields of an event's Object and a field by
// field comparison of Object and Original. JSON.parse of the whole frame would build every
// value of objects that can be tens of KB (or a 3 MB Params blob) only to look at a handful
// (docs/architecture.md §5.3). Here a value is skipped by scanning its text: strings are
// jumped with indexOf, containers by counting brackets. A member's value stays a span
// (start, end) of the text; the few values that are shown are decoded on their own.
//
// Whitespace between tokens is allowed, so pretty-printed recordings read too. The scanner
// checks structure (brackets, quotes, commas, colons), not every literal: a bad number
// inside a skipped value is not noticed. Nothing here throws on bad input; it answers
// undefined instead.

export interface MemberSpan {
  /** The member's name, decoded. */
  key: string;
  /** Where its value's text starts and ends (end exclusive). */
  start: number;
  end: number;
  /** The value's own members, when it is an object the reader was asked to descend into. */
  members?: MemberSpan[];
}

export interface ObjectSpans {
  members: MemberSpan[];
  /** The index just past the object's closing brace. */
  end: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/** The index just past the string whose opening quote is at `pos`; -1 if it never ends. */
export function skipString(text: string, pos: number): number {
  let i = pos + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    // A quote preceded by an odd run of backslashes is escaped.
    let b = q - 1;
    while (b > pos && text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    i = q + 1;
  }
}

/**
 * The index just past the value that starts at `pos` (after any whitespace); -1 when the
 * text is not a JSON value there, or when the value runs past `limit`.
 */
export function skipValue(text: string, pos: number, limit = text.length): number {
  pos = skipSpace(text, pos);
  if (pos >= text.length) return -1;
  const c = text.charCodeAt(pos);
  if (c === QUOTE) {
    const end = skipString(text, pos);
    return end > limit ? -1 : end;
  }
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return skipContainer(text, pos, Math.min(limit, text.length));
  // A number, true, false or null: up to the next delimiter.
  let i = pos;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break;
    if (d === QUOTE || d === OPEN_BRACE || d === OPEN_BRACKET || d === COLON) return -1;
    i++;
  }
  return i === pos || i > limit ? -1 : i;
}

// The closing brackets a container scan expects, innermost last: one preallocated stack for
// every scan (nothing here is re-entrant), since an array per skipped value was most of the
// scanner's garbage. Deeper nesting than this is refused; no DRP object comes near it.
const MAX_DEPTH = 512;
const expected = new Uint8Array(MAX_DEPTH);

/** Brackets are paired by kind; strings inside are jumped over. */
function skipContainer(text: string, pos: number, limit: number): number {
  let depth = 0;
  for (let i = pos; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = skipString(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === MAX_DEPTH) return -1;
      expected[depth++] = c + 2; // `{` + 2 is `}`, `[` + 2 is `]`
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0 || expected[--depth] !== c) return -1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function readKey(text: string, pos: number): { key: string; end: number } | undefined {
  if (text.charCodeAt(pos) !== QUOTE) return undefined;
  const end = skipString(text, pos);
  if (end < 0) return undefined;
  const inner = text.slice(pos + 1, end - 1);
  if (inner.indexOf('\\') < 0) return { key: inner, end };
  try {
    return { key: JSON.parse(text.slice(pos, end)) as string, end };
  } catch {
    return undefined;
  }
}

/**
 * The members of the object whose `{` is at `pos` (after any whitespace), in text order.
 * `stopWhen` ends the reading early (after the member it accepted): `end` is then -1.
 * Undefined when the text there is not an object, or a value runs past `limit`.
 */
export function readMembers(
  text: string,
  pos: number,
  options: { limit?: number; stopWhen?: (m: MemberSpan) => boolean; descend?: (key: string) => boolean } = {},
): ObjectSpans | undefined {
  const limit = options.limit ?? text.length;
  pos = skipSpace(text, pos);
  if (text.charCodeAt(pos) !== OPEN_BRACE) return undefined;
  const members: MemberSpan[] = [];
  pos = skipSpace(text, pos + 1);
  if (text.charCodeAt(pos) === CLOSE_BRACE) return { members, end: pos + 1 };
  for (;;) {
    const k = readKey(text, pos);
    if (!k) return undefined;
    pos = skipSpace(text, k.end);
    if (text.charCodeAt(pos) !== COLON) return undefined;
    const start = skipSpace(text, pos + 1);
    let member: MemberSpan;
    if (options.descend?.(k.key) && text.charCodeAt(start) === OPEN_BRACE) {
      // One pass: the nested object's members are read while its end is found.
      const inner = readMembers(text, start, { limit });
      if (!inner) return undefined;
      member = { key: k.key, start, end: inner.end, members: inner.members };
    } else {
      const end = skipValue(text, start, limit);
      if (end < 0) return undefined;
      member = { key: k.key, start, end };
    }
    const end = member.end;
    members.push(member);
    if (options.stopWhen?.(member)) return { members, end: -1 };
    pos = skipSpace(text, end);
    const c = text.charCodeAt(pos);
    if (c === CLOSE_BRACE) return { members, end: pos + 1 };
    if (c !== COMMA) return undefined;
    pos = skipSpace(text, pos + 1);
  }
}

const OBJECT_MEMBER = ',"Object":';
const ORIGINAL_MEMBER = ',"Original":';

/**
 * Where the Object value of a frame in the server's layout starts, found without scanning:
 * the frame's first `,"Object":`, if no `{` comes before it. Only string and array members
 * can precede it then, and neither can hold that text (a quote inside a string is escaped, a
 * colon cannot stand in an array), so it is the top-level member. -1 for any other layout.
 */
export function objectValueStart(raw: string): number {
  if (raw.charCodeAt(0) !== OPEN_BRACE) return -1;
  const at = raw.indexOf(OBJECT_MEMBER);
  if (at < 0 || raw.indexOf('{', 1) < at) return -1;
  return at + OBJECT_MEMBER.length;
}

/**
 * True when a frame in the server's layout ends `…"Object":X,"Original":X}` with the same X:
 * a no-op update, or a save in place (docs/protocol.md §5.2). One comparison of the two
 * halves, no scan. False says only "not known to be equal".
 */
export function originalEqualsObject(raw: string): boolean {
  const start = objectValueStart(raw);
  if (start < 0 || raw.charCodeAt(raw.length - 1) !== CLOSE_BRACE) return false;
  const both = raw.length - 1 - start - ORIGINAL_MEMBER.length;
  if (both <= 0 || both % 2 !== 0) return false;
  const half = both / 2;
  if (!raw.startsWith(ORIGINAL_MEMBER, start + half)) return false;
  const object = raw.slice(start, start + half);
  return object !== 'null' && object === raw.slice(start + half + ORIGINAL_MEMBER.length, raw.length - 1);
}

/**
 * Where an event frame's Object and Original values are (undefined for either that is
 * missing), with their members when they are objects; the frame is scanned once. Undefined
 * when the frame is not a JSON object.
 */
export function eventObjectSpans(raw: string): { object?: MemberSpan; original?: MemberSpan } | undefined {
  const spans = readMembers(raw, 0, { descend: (key) => key === 'Object' || key === 'Original' });
  if (!spans) return undefined;
  let object: MemberSpan | undefined;
  let original: MemberSpan | undefined;
  for (const m of spans.members) {
    if (m.key === 'Object') object = m;
    else if (m.key === 'Original') original = m;
  }
  return { object, original };
}

/** The first character of a value span: `{`, `[`, `"`, or the start of a literal. */
export function valueKind(text: string, span: { start: number }): 'object' | 'array' | 'string' | 'null' | 'other' {
  const c = text.charCodeAt(span.start);
  if (c === OPEN_BRACE) return 'object';
  if (c === OPEN_BRACKET) return 'array';
  if (c === QUOTE) return 'string';
  if (text.startsWith('null', span.start)) return 'null';
  return 'other';
}
