// DRP events: the five header fields read without parsing the object, and full parses on
// demand.
//
// Why not JSON.parse every frame: events can be tens of KB (machines carry inventory params
// twice, as Object and Original), and retaining parsed objects doubles the parse cost in GC
// and puts 65–220 ms pauses into the latency tail (shared/DESIGN.md, "Performance"). The
// Go server encodes struct fields in declaration order, compact, so every frame starts
//   {"Time":"…","Type":"…","Action":"…","Key":"…","Principal":"…","Object":…,"Original":…}
// and the header can be read with anchored startsWith checks. Anything unexpected (another
// order, whitespace, a hand-written NDJSON line) falls back to a full parse and validation.

export interface EventHeader {
  time: string;
  type: string;
  action: string;
  key: string;
  principal: string;
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

/**
 * Finds the end of the string value starting at `start` (just after its opening quote).
 * Returns `end * 2 + escaped` where `end` is the index of the closing quote, or -1 when the
 * value is not a well-formed JSON string (raw control characters, unterminated). The packed
 * number keeps the hot path free of allocations beyond one slice. indexOf is used first
 * because it is several times faster than a charCodeAt loop on V8; the loop only runs for
 * values that hold a backslash.
 */
function scanString(raw: string, start: number): number {
  const quote = raw.indexOf('"', start);
  if (quote < 0) return -1;
  if (!NEEDS_CARE.test(raw.slice(start, quote))) return quote * 2;
  const n = raw.length;
  for (let i = start; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === QUOTE) return i * 2 + 1;
    if (c === BACKSLASH) i++; // skip the escaped character (`\"` must not end the value)
    else if (c < 0x20) return -1; // invalid JSON; let the fallback say so
  }
  return -1;
}

/** The value that starts at `pos`, decoded when it holds escapes; undefined if it cannot be. */
function valueAt(raw: string, pos: number, scanned: number): string | undefined {
  const end = scanned >> 1;
  if ((scanned & 1) === 0) return raw.slice(pos, end);
  // Go escapes <, >, & as \u003c etc., and quotes as \"; decode only this value.
  try {
    return JSON.parse(raw.slice(pos - 1, end + 1)) as string;
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
  let pos = PREFIX_TIME.length;

  let s = scanString(raw, pos);
  if (s < 0) return undefined;
  const time = valueAt(raw, pos, s);
  if (time === undefined || !raw.startsWith(SEP_TYPE, (s >> 1) + 1)) return undefined;
  pos = (s >> 1) + 1 + SEP_TYPE.length;

  s = scanString(raw, pos);
  if (s < 0) return undefined;
  const type = valueAt(raw, pos, s);
  if (type === undefined || !raw.startsWith(SEP_ACTION, (s >> 1) + 1)) return undefined;
  pos = (s >> 1) + 1 + SEP_ACTION.length;

  s = scanString(raw, pos);
  if (s < 0) return undefined;
  const action = valueAt(raw, pos, s);
  if (action === undefined || !raw.startsWith(SEP_KEY, (s >> 1) + 1)) return undefined;
  pos = (s >> 1) + 1 + SEP_KEY.length;

  s = scanString(raw, pos);
  if (s < 0) return undefined;
  const key = valueAt(raw, pos, s);
  if (key === undefined || !raw.startsWith(SEP_PRINCIPAL, (s >> 1) + 1)) return undefined;
  pos = (s >> 1) + 1 + SEP_PRINCIPAL.length;

  s = scanString(raw, pos);
  if (s < 0) return undefined;
  const principal = valueAt(raw, pos, s);
  if (principal === undefined || !raw.startsWith(SEP_OBJECT, (s >> 1) + 1)) return undefined;

  return { time, type, action, key, principal };
}

function describeSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
  if (chars >= 1024) return `${(chars / 1024).toFixed(1)} KB`;
  return `${chars} bytes`;
}

function tooLarge(raw: string): string | undefined {
  return raw.length > MAX_EVENT_BYTES
    ? `frame is ${describeSize(raw.length)}; limit is ${describeSize(MAX_EVENT_BYTES)}`
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
