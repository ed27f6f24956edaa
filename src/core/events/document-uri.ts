// Paths of the read-only JSON documents that show an event's Object or Original
// (`drp-event:` scheme) and an object's current state fetched over REST (`drp-latest:`).
//
// The path names the type and key as well as the buffer seq: the editor tab and breadcrumbs
// then say what the document is, and a reopened document can be checked against the event
// now at that seq (seqs start again after a reload). Keys may contain `/` (the param
// `test/flag`, observed: docs/protocol.md §5.6) and any other character a posted event
// carries, so each segment is percent-encoded and a key always stays one path segment.

export type EventDocumentPart = 'object' | 'original';

export interface EventDocumentRef {
  type: string;
  key: string;
  seq: number;
  part: EventDocumentPart;
}

export interface LatestDocumentRef {
  type: string;
  key: string;
}

export const EVENT_SCHEME = 'drp-event';
export const LATEST_SCHEME = 'drp-latest';

/**
 * An empty segment would collapse into `//`, so it gets a stand-in that encodeURIComponent
 * can never produce (a `%` not followed by two hex digits).
 */
const EMPTY_SEGMENT = '%empty';

function encodeSegment(text: string): string {
  return text === '' ? EMPTY_SEGMENT : encodeURIComponent(text);
}

function decodeSegment(segment: string): string | undefined {
  if (segment === EMPTY_SEGMENT) return '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** `/machines/<key>/<seq>-object.json` — the `.json` suffix gives the document the json language. */
export function eventDocumentPath(ref: EventDocumentRef): string {
  return `/${encodeSegment(ref.type)}/${encodeSegment(ref.key)}/${ref.seq}-${ref.part}.json`;
}

export function parseEventDocumentPath(path: string): EventDocumentRef | undefined {
  const m = /^\/([^/]*)\/([^/]*)\/(\d+)-(object|original)\.json$/.exec(path);
  if (!m) return undefined;
  const type = decodeSegment(m[1]);
  const key = decodeSegment(m[2]);
  const seq = Number(m[3]);
  if (type === undefined || key === undefined || !Number.isSafeInteger(seq)) return undefined;
  return { type, key, seq, part: m[4] as EventDocumentPart };
}

/** `/machines/<key>.json` */
export function latestDocumentPath(ref: LatestDocumentRef): string {
  return `/${encodeSegment(ref.type)}/${encodeSegment(ref.key)}.json`;
}

export function parseLatestDocumentPath(path: string): LatestDocumentRef | undefined {
  const m = /^\/([^/]*)\/([^/]*)\.json$/.exec(path);
  if (!m) return undefined;
  const type = decodeSegment(m[1]);
  const key = decodeSegment(m[2]);
  if (type === undefined || key === undefined) return undefined;
  return { type, key };
}
