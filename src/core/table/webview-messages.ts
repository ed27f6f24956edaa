// The typed messages between the extension host and the event table's webview, one union per
// direction. The buffer lives in the host (a hidden webview is torn down and receives
// nothing), so the webview only ever holds the rows it shows plus a small cache.
//
// Rows are addressed by their POSITION in the view: the view is the list of buffered events
// matching the current query, and a position stays attached to the same event until the next
// `reset` (eviction from the buffer's front raises `first`, it does not renumber rows). That
// keeps the webview's row cache valid while old events fall out of a full buffer.

/** One table row: the five header fields, the filters that matched, and no object body. */
export interface TableRow {
  seq: number;
  time: string;
  type: string;
  action: string;
  key: string;
  principal: string;
  filters: string[];
  hasOriginal: boolean;
}

/** What the view shows: a case-insensitive substring of the raw JSON, and quick filters. */
export interface EventQuery {
  text: string;
  /** Empty means every type. */
  types: string[];
  /** Empty means every action. */
  actions: string[];
}

export const EMPTY_QUERY: EventQuery = Object.freeze({ text: '', types: [], actions: [] }) as EventQuery;

export function sameQuery(a: EventQuery, b: EventQuery): boolean {
  return a.text === b.text && a.types.join('\n') === b.types.join('\n') && a.actions.join('\n') === b.actions.join('\n');
}

/** The view's extent: positions `first … first + count - 1` exist. */
export interface TableExtent {
  /** Changes on every reset; a reply for an older version is stale and dropped. */
  version: number;
  first: number;
  count: number;
}

export interface TableStats {
  /** Events per second, oldest first, one sample per second; the last is the current rate. */
  rate: number[];
  size: number;
  maxEvents: number;
  dropped: number;
  paused: boolean;
  /** Events buffered while paused and not yet shown. */
  held: number;
  /** A short sentence for the toolbar, e.g. "Connected to 127.0.0.1:8092". */
  connection: string;
}

export type OpenWhat = 'object' | 'original' | 'diff' | 'latest';
export type ExportScope = 'view' | 'all';

// ---- host → webview ----

export type HostMessage =
  /** Throw away every cached row: the query changed, the buffer was cleared, or the panel re-synced. */
  | ({ type: 'reset'; query: EventQuery } & TableExtent)
  /**
   * The view changed at its ends: `removed` rows left the front, `added` arrived at the
   * back. `tail` carries the newest rows (positions `tailStart …`) so a table that follows
   * the tail needs no round trip.
   */
  | ({ type: 'changed'; removed: number; added: number; tailStart: number; tail: TableRow[] } & TableExtent)
  | { type: 'rows'; id: number; version: number; start: number; rows: TableRow[] }
  | ({ type: 'stats' } & TableStats)
  /** The values the type and action quick filters can offer (seen since the last clear). */
  | { type: 'facets'; types: string[]; actions: string[] };

// ---- webview → host ----

export type WebviewMessage =
  /** Sent on every page load (a hidden panel's page is torn down), with the query it restored. */
  | { type: 'ready'; query?: EventQuery }
  | { type: 'requestRows'; id: number; version: number; start: number; count: number }
  | { type: 'query'; query: EventQuery }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'clear' }
  | { type: 'export'; scope: ExportScope }
  | { type: 'import' }
  /** Opens beside the table; `preserveFocus` keeps the keyboard in the table (a click). */
  | { type: 'open'; seq: number; what: OpenWhat; preserveFocus?: boolean }
  | { type: 'follow'; follow: boolean };

/** The most rows one `requestRows` may ask for: a screen plus overscan, with room to spare. */
export const MAX_WINDOW_ROWS = 500;

const OPEN_WHATS: readonly string[] = ['object', 'original', 'diff', 'latest'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** True when `v` is a well-formed query; the text is bounded because the host searches every event with it. */
export function isEventQuery(v: unknown): v is EventQuery {
  return (
    isRecord(v) &&
    typeof v.text === 'string' &&
    v.text.length <= 1000 &&
    isStringList(v.types) &&
    isStringList(v.actions)
  );
}

function parseQuery(q: EventQuery): EventQuery {
  return { text: q.text, types: [...q.types], actions: [...q.actions] };
}

/**
 * Checks a message from the webview before the host acts on it. The webview renders event
 * content an endpoint controls, so its messages are treated as untrusted input: a malformed
 * one is dropped rather than half-handled.
 */
export function parseWebviewMessage(v: unknown): WebviewMessage | undefined {
  if (!isRecord(v) || typeof v.type !== 'string') return undefined;
  switch (v.type) {
    case 'ready':
      return isEventQuery(v.query) ? { type: 'ready', query: parseQuery(v.query) } : { type: 'ready' };
    case 'pause':
    case 'resume':
    case 'clear':
    case 'import':
      return { type: v.type };
    case 'requestRows':
      if (!isCount(v.id) || !isCount(v.version) || !isCount(v.start) || !isCount(v.count)) return undefined;
      return { type: 'requestRows', id: v.id, version: v.version, start: v.start, count: Math.min(v.count, MAX_WINDOW_ROWS) };
    case 'query':
      if (!isEventQuery(v.query)) return undefined;
      return { type: 'query', query: parseQuery(v.query) };
    case 'export':
      return v.scope === 'view' || v.scope === 'all' ? { type: 'export', scope: v.scope } : undefined;
    case 'open':
      return isCount(v.seq) && typeof v.what === 'string' && OPEN_WHATS.includes(v.what)
        ? { type: 'open', seq: v.seq, what: v.what as OpenWhat, ...(v.preserveFocus === true ? { preserveFocus: true } : {}) }
        : undefined;
    case 'follow':
      return typeof v.follow === 'boolean' ? { type: 'follow', follow: v.follow } : undefined;
    default:
      return undefined;
  }
}
