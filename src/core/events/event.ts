// DRP events: the five header fields read without parsing the object, and full parses on
// demand.
//
// Why not JSON.parse every frame: events can be tens of KB (machines carry inventory params
// twice, as Object and Original), and retaining parsed objects doubles the parse cost in GC
// and puts 65–220 ms pauses into the latency tail (docs/architecture.md §5.3). The Go
// server encodes struct fields in declaration order, compact (docs/protocol.md §5.1), so
// every frame starts
//   {"Time":"…","Type":"…","Action":"…","Key":"…","Principal":"…","Object":…,"Original":…}
// and the header can be read with anchored startsWith checks. Anything unexpected (another
// order, whitespace, a hand-written NDJSON line) falls back to a full parse and validation.

import { formatSize } from '../text';

export interface EventHeader {
  time: string;
  type: string;
  action: string;
  key: string;
  principal: string;
}

/** One event frame: its text as sent (decoded once) and the five header fields read from it. */
export interface EventFrame {
  raw: string;
  header: EventHeader;
}

export type HeaderRead = { ok: true; header: EventHeader } | { ok: false; reason: string };

export interface DrpEvent {
  Time: string;
  Type: string;
  Action: string;
  Key: string;
  Principal: string;
  Object: unknown;
  Original: unknown;
}

/**
 * Frames larger than this are refused before any parsing. Measured in UTF-16 code units
 * (string length), which equals UTF-8 bytes for the ASCII JSON the server writes.
 */
export const MAX_EVENT_BYTES = 16 * 1024 * 1024;

const HEADER_KEYS = ['Time', 'Type', 'Action', 'Key', 'Principal'] as const;
const ALL_KEYS = [...HEADER_KEYS, 'Object', 'Original'] as const;

// The literal text before each header value, in server order.
const PREFIX_TIME = '{"Time":"';
const SEP_TYPE = ',"Type":"';
const SEP_ACTION = ',"Action":"';
const SEP_KEY = ',"Key":"';
const SEP_PRINCIPAL = ',"Principal":"';
const SEP_OBJECT = ',"Object":';

const QUOTE = 34;
const BACKSLASH = 92;
const CLOSE_BRACE = 125;

// Anything that makes a value more than a plain slice: an escape or an (invalid) raw
// control character.
const NEEDS_CARE = /[\u0000-\u001f\\]/;

/** Where the fast reader is in the frame (one small object per frame; V8 keeps it cheap). */
interface Cursor {
  pos: number;
}

/**
 * Reads the string value at `cur.pos` (just after its opening quote), requires `next` right
 * after its closing quote, and moves the cursor past `next`. Undefined when the frame does
 * not have the server's exact layout. indexOf finds the closing quote (much faster on V8
 * than a charCodeAt loop); the careful scan runs only for values holding a backslash.
 */
function readField(raw: string, cur: Cursor, next: string): string | undefined {
  const start = cur.pos;
  let end = raw.indexOf('"', start);
  if (end < 0) return undefined;
  let value: string | undefined = raw.slice(start, end);
  if (NEEDS_CARE.test(value)) {
    end = closingQuote(raw, start);
    if (end < 0) return undefined;
    // Go escapes <, >, & as \u003c etc., and quotes as \"; decode only this value.
    value = decodeJsonString(raw.slice(start - 1, end + 1));
    if (value === undefined) return undefined;
  }
  if (!raw.startsWith(next, end + 1)) return undefined;
  cur.pos = end + 1 + next.length;
  return value;
}

/** The index of the quote that ends the string starting at `start`, skipping escapes; -1 if none or invalid. */
function closingQuote(raw: string, start: number): number {
  for (let i = start; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH) i++; // skip the escaped character (`\"` must not end the value)
    else if (c < 0x20) return -1; // invalid JSON; let the fallback say so
  }
  return -1;
}

function decodeJsonString(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

/**
 * The fast path alone; undefined means "not the server's exact layout", not "invalid".
 * Exported for the benchmark and the tests that prove it agrees with the full parse.
 */
export function readEventHeaderFast(raw: string): EventHeader | undefined {
  if (!raw.startsWith(PREFIX_TIME) || raw.charCodeAt(raw.length - 1) !== CLOSE_BRACE) return undefined;
  const cur: Cursor = { pos: PREFIX_TIME.length };
  const time = readField(raw, cur, SEP_TYPE);
  if (time === undefined) return undefined;
  const type = readField(raw, cur, SEP_ACTION);
  if (type === undefined) return undefined;
  const action = readField(raw, cur, SEP_KEY);
  if (action === undefined) return undefined;
  const key = readField(raw, cur, SEP_PRINCIPAL);
  if (key === undefined) return undefined;
  const principal = readField(raw, cur, SEP_OBJECT);
  if (principal === undefined) return undefined;
  return { time, type, action, key, principal };
}


function tooLarge(raw: string): string | undefined {
  return raw.length > MAX_EVENT_BYTES
    ? `frame is ${formatSize(raw.length)}, over the ${formatSize(MAX_EVENT_BYTES)} limit`
    : undefined;
}

/** Validates a parsed value as a DRP event; returns a short reason when it is not one. */
function validate(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  for (const key of ALL_KEYS) {
    if (!(key in record)) return `missing ${key}`;
  }
  for (const key of HEADER_KEYS) {
    if (typeof record[key] !== 'string') return `${key} is not a string`;
  }
  return undefined;
}

/** The header by full parse (the fallback, also used to cross-check the fast path in tests). */
export function readEventHeaderSlow(raw: string): HeaderRead {
  const big = tooLarge(raw);
  if (big) return { ok: false, reason: big };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const problem = validate(value);
  if (problem) return { ok: false, reason: problem };
  const e = value as DrpEvent;
  return { ok: true, header: { time: e.Time, type: e.Type, action: e.Action, key: e.Key, principal: e.Principal } };
}

/** The five header fields of a frame. Anchored fast path, full-parse fallback; never throws. */
export function readEventHeader(raw: string): HeaderRead {
  if (typeof raw !== 'string') return { ok: false, reason: 'not text' };
  const big = tooLarge(raw);
  if (big) return { ok: false, reason: big };
  const header = readEventHeaderFast(raw);
  if (header) return { ok: true, header };
  return readEventHeaderSlow(raw);
}

/** Full parse of a frame into a DrpEvent; throws an Error whose message is a sentence. */
export function parseEvent(raw: string): DrpEvent {
  const big = tooLarge(raw);
  if (big) throw new Error(`The event cannot be opened: the ${big}.`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new Error(`The event is not valid JSON (${(err as Error).message}).`);
  }
  const problem = validate(value);
  if (problem) throw new Error(`The text is not a DRP event: ${problem}.`);
  return value as DrpEvent;
}

/**
 * Pretty JSON (2-space indent) of the event's Object or Original, for read-only documents.
 * A missing object (e.g. Original of a create) is the text `null`.
 */
export function eventObjectText(raw: string, member: 'Object' | 'Original'): string {
  const event = parseEvent(raw);
  return JSON.stringify(event[member] ?? null, null, 2);
}
