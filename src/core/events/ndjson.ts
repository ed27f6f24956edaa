// Event recordings as NDJSON: one raw frame per line, exactly as the endpoint sent it, so an
// export re-imports to the same headers and objects, and `jq` works on it.

import { readEventHeader, type EventFrame } from './event';
import { oneLine } from '../text';

export interface NdjsonError {
  /** 1-based line number in the file. */
  line: number;
  reason: string;
}

export interface NdjsonParse {
  events: EventFrame[];
  errors: NdjsonError[];
}

/**
 * One line per event. The server's frames are compact JSON and never contain a line break;
 * a frame that does (an imported pretty-printed recording) is re-encoded compactly so the
 * output stays one event per line.
 */
export function* ndjsonLines(events: Iterable<{ raw: string }>): Generator<string> {
  for (const e of events) yield `${oneLine(e.raw)}\n`;
}

/** The whole recording as one string (ends with a newline unless empty). */
export function toNdjson(events: Iterable<{ raw: string }>): string {
  let out = '';
  for (const line of ndjsonLines(events)) out += line;
  return out;
}

/**
 * Parses a recording. Blank lines are skipped, CRLF and a UTF-8 byte-order mark are
 * accepted, and a bad line is reported with its number without losing the others.
 */
export function parseNdjson(text: string): NdjsonParse {
  const events: EventFrame[] = [];
  const errors: NdjsonError[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  let lineNo = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    lineNo++;
    // trim() also drops the CR of a CRLF line and stray indentation; the server's frames
    // have neither, so the stored raw text stays what the endpoint sent.
    const line = body.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    const read = readEventHeader(line);
    if (read.ok) events.push({ header: read.header, raw: line });
    else errors.push({ line: lineNo, reason: read.reason });
  }
  return { events, errors };
}

/**
 * The export dialog's suggested file name, `drp-events-YYYYMMDD-HHMMSS.ndjson` in local time:
 * it sorts by date, names the moment the user sees on their clock, and has no character a
 * file system refuses.
 */
export function exportFileName(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}`;
  const time = `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  return `drp-events-${day}-${time}.ndjson`;
}
