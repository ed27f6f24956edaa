// One event table page's conversation with the host, without VS Code: keeps the TableQuery in
// step with the stream, answers the page's row requests, and coalesces what it posts into one
// `changed` per batch tick. The VS Code panel (src/extension/table/table-panel.ts) only carries
// messages and visibility, so everything here runs in plain Node tests.
//
// A page that is not visible is torn down by VS Code (retainContextWhenHidden: false), so the
// session posts nothing until the page says `ready` again; events that arrive meanwhile only
// mark the rows stale, and it is rebuilt once, at the next `ready`.
import { systemClock, type Clock, type Timer } from '../clock';
import type { Event } from '../emitter';
import type { BufferedEvent } from '../events/event-buffer';
import { ReceiveRate } from '../events/receive-rate';
import { TableQuery, type QuerySource } from './table-query';
import {
  parseWebviewMessage,
  sameQuery,
  type ExportScope,
  type HostMessage,
  type OpenWhat,
  type EventQuery,
  type WebviewMessage,
} from './webview-messages';

export type TableCommand =
  /** Opened beside the table, so it stays visible; `preserveFocus` keeps the focus in it. */
  | { kind: 'open'; seq: number; what: OpenWhat; preserveFocus: boolean }
  /** `seqs` lists the events of the view (oldest first) when scope is 'view'. */
  | { kind: 'export'; scope: ExportScope; seqs?: number[] }
  | { kind: 'import' };

export interface TableSourceStats {
  /** Events received since the start (monotonic): the sparkline's rate is its derivative. */
  received: number;
  size: number;
  maxEvents: number;
  dropped: number;
  /** A short sentence for the toolbar, e.g. "Connected to 127.0.0.1:8092". */
  connection: string;
}

/** What the table needs from the event stream; the composition root adapts EventStream to it. */
export interface TableSource {
  readonly buffer: QuerySource;
  /** Coalesced appends, held while paused (as EventStream.onDidAppend). */
  readonly onDidAppend: Event<readonly BufferedEvent[]>;
  readonly onDidClear: Event<void>;
  readonly onDidChangePaused: Event<boolean>;
  readonly paused: boolean;
  /** Events buffered since pause and not yet shown: the newest `held` seqs of the buffer. */
  readonly held: number;
  pause(): void;
  resume(): void;
  clear(): void;
  stats(): TableSourceStats;
  /** Runs a row or toolbar action; a rejection is shown to the user as its message. */
  runCommand(command: TableCommand): void | PromiseLike<unknown>;
}

export interface TableSessionOptions {
  /** Sends a message to the page (the panel's webview.postMessage). */
  post(message: HostMessage): void;
  /** Shows a sentence to the user (an error notification). */
  showError(message: string): void;
  /** Coalescing tick for posts to the page, ms (default 100). */
  batchMs?: number;
  /** Sparkline sample interval, ms (default 1000). */
  statsMs?: number;
  /** The timers above and the sparkline's time stamps (default systemClock). */
  clock?: Clock;
}

// At most this many of the newest rows ride along with a `changed` post: a screenful plus
// overscan, so a table following the tail never waits for a round trip.
export const TAIL_ROWS = 120;
const RATE_SAMPLES = 60;

export class TableSession {
  readonly rows: TableQuery;
  private readonly subscriptions: { dispose(): void }[];
  private readonly batchMs: number;
  private visible = true;
  /** The page has said `ready` since it was last (re)loaded. */
  private ready = false;
  /** Events arrived while no page listened: rebuild before the next reset. */
  private stale = true;
  private pendingRemoved = 0;
  private pendingAdded = 0;
  private readonly clock: Clock;
  private flushTimer: Timer | undefined;
  private readonly statsTimer: Timer;
  /** The sparkline: one rate per stats interval, oldest first. */
  private readonly rate: number[] = [];
  private readonly receiveRate: ReceiveRate;
  private facetSize = -1;
  private disposed = false;
  /** A query a command asked for before the page was ready; it wins over the page's saved one. */
  private requestedQuery: EventQuery | undefined;

  constructor(private readonly source: TableSource, private readonly options: TableSessionOptions) {
    this.batchMs = options.batchMs ?? 100;
    this.clock = options.clock ?? systemClock;
    this.rows = new TableQuery(source.buffer);
    // A window of one interval: each sample is the rate since the previous one.
    this.receiveRate = new ReceiveRate(options.statsMs ?? 1000);
    this.receiveRate.sample(source.stats().received, this.clock.now());
    this.subscriptions = [
      source.onDidAppend((events) => this.onAppend(events)),
      source.onDidClear(() => {
        this.rows.rebuild(this.shownUpTo());
        this.resync(false);
      }),
      source.onDidChangePaused(() => this.postStats()),
    ];
    this.statsTimer = this.clock.setInterval(() => this.sampleRate(), options.statsMs ?? 1000);
  }

  /** The panel became visible or hidden; a hidden page is gone and will say `ready` again. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.ready = false;
  }

  /**
   * Shows the rows matching `query` (a command asked, e.g. "… and N older" in the Events
   * tree): now when the page is ready, else when it says `ready`.
   */
  showQuery(query: EventQuery): void {
    if (!this.ready) {
      this.requestedQuery = query;
      return;
    }
    this.rows.setQuery(query, this.shownUpTo());
    this.stale = false;
    this.resync(false);
  }

  /** A message from the page; malformed ones are ignored (the page shows endpoint data). */
  receive(raw: unknown): void {
    const m = parseWebviewMessage(raw);
    if (m === undefined || this.disposed) return;
    try {
      this.handle(m);
    } catch (err) {
      this.options.showError(`The event table could not do that: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clock.clearInterval(this.statsTimer);
    if (this.flushTimer !== undefined) this.clock.clearTimeout(this.flushTimer);
    for (const s of this.subscriptions) s.dispose();
  }

  private get live(): boolean {
    return this.ready && this.visible && !this.disposed;
  }

  /** The newest seq the table may show: events held while paused stay out of a rebuild. */
  private shownUpTo(): number {
    return this.source.paused ? this.source.buffer.lastSeq - this.source.held : Number.POSITIVE_INFINITY;
  }

  private onAppend(events: readonly BufferedEvent[]): void {
    if (!this.live) {
      this.stale = true;
      return;
    }
    const change = this.rows.append(events);
    this.pendingRemoved += change.removed;
    this.pendingAdded += change.added;
    const changed = this.pendingAdded > 0 || this.pendingRemoved > 0 || this.rows.facetSize !== this.facetSize;
    if (changed && this.flushTimer === undefined) this.flushTimer = this.clock.setTimeout(() => this.flush(), this.batchMs);
  }

  private flush(): void {
    this.flushTimer = undefined;
    if (!this.live) return;
    if (this.rows.facetSize !== this.facetSize) this.postFacets();
    if (this.pendingAdded === 0 && this.pendingRemoved === 0) return;
    const { first, count } = this.rows;
    const tailCount = Math.min(this.pendingAdded, TAIL_ROWS, count);
    const tailStart = first + count - tailCount;
    this.options.post({
      type: 'changed',
      ...this.rows.extent,
      removed: this.pendingRemoved,
      added: this.pendingAdded,
      tailStart,
      tail: this.rows.window(tailStart, tailCount),
    });
    this.pendingAdded = 0;
    this.pendingRemoved = 0;
    // The buffer's size moved with this batch: say so in the same tick, so the page's
    // "N shown · M buffered" agrees with its rows instead of trailing them to the next sample.
    this.postStats();
  }

  /** Sends a fresh extent; the page drops its cache and asks for the rows it shows. */
  private resync(rebuildIfStale: boolean): void {
    if (!this.live) {
      this.stale = true;
      return;
    }
    if (rebuildIfStale && this.stale) this.rows.rebuild(this.shownUpTo());
    this.stale = false;
    this.pendingAdded = 0;
    this.pendingRemoved = 0;
    this.post({ type: 'reset', query: this.rows.query, ...this.rows.extent });
    this.postFacets();
    this.postStats();
  }

  private handle(m: WebviewMessage): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        const wanted = this.requestedQuery ?? m.query;
        this.requestedQuery = undefined;
        if (wanted !== undefined && !sameQuery(wanted, this.rows.query)) {
          this.rows.setQuery(wanted, this.shownUpTo());
          this.stale = false;
        }
        this.resync(true);
        return;
      case 'requestRows': {
        const current = m.version === this.rows.version;
        this.post({ type: 'rows', id: m.id, version: this.rows.version, start: m.start, rows: current ? this.rows.window(m.start, m.count) : [] });
        return;
      }
      case 'query':
        this.rows.setQuery(m.query, this.shownUpTo());
        this.stale = false;
        this.resync(false);
        return;
      case 'pause':
        this.source.pause();
        return;
      case 'resume':
        this.source.resume();
        return;
      case 'clear':
        this.source.clear();
        return;
      case 'follow':
        return; // the page keeps its own follow state; nothing host-side depends on it
      case 'export':
        this.run({ kind: 'export', scope: m.scope, seqs: m.scope === 'view' ? this.rows.seqs() : undefined });
        return;
      case 'import':
        this.run({ kind: 'import' });
        return;
      case 'open':
        this.run({ kind: 'open', seq: m.seq, what: m.what, preserveFocus: m.preserveFocus === true });
        return;
    }
  }

  private run(command: TableCommand): void {
    Promise.resolve(this.source.runCommand(command)).catch((err: unknown) => {
      this.options.showError(err instanceof Error ? err.message : String(err));
    });
  }

  private sampleRate(): void {
    const stats = this.source.stats();
    this.rate.push(this.receiveRate.sample(stats.received, this.clock.now()));
    if (this.rate.length > RATE_SAMPLES) this.rate.shift();
    this.postStats(stats);
  }

  private postStats(stats = this.source.stats()): void {
    this.post({
      type: 'stats',
      rate: [...this.rate],
      size: stats.size,
      maxEvents: stats.maxEvents,
      dropped: stats.dropped,
      paused: this.source.paused,
      held: this.source.held,
      connection: stats.connection,
    });
  }

  private postFacets(): void {
    this.facetSize = this.rows.facetSize;
    this.post({ type: 'facets', ...this.rows.facets() });
  }

  /** Never posts to a page that is hidden or not yet ready: it would be lost or torn down. */
  private post(message: HostMessage): void {
    if (this.live) this.options.post(message);
  }
}
