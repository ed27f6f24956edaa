// The event stream as the UI sees it: the user's filters (FilterRegistry), the connection
// that keeps their wire filters registered (a StreamConnection: DrpConnection, or a fake in
// unit tests), and the buffer events land in. The connection owns the wire filters' states;
// the registry reads them from it to give each user filter its state. Buffering never
// stops; `pause` only holds back what the views are told, so a paused table catches up on
// resume. Views get events in batches (one per ~100 ms tick) because a busy endpoint sends
// thousands per second and per-event UI work would swamp the extension host.
import type { Gap, ReceivedEvent } from '../connection/connection-types';
import type { StreamConnection } from '../connection/stream-connection';
import { Disposable, Emitter } from '../emitter';
import type { BufferedEvent, EventBuffer } from './event-buffer';
import { checkFilter, type FilterCheck } from '../filters/filter';
import type { FilterRegistry } from '../filters/filter-registry';

export interface EventStreamOptions {
  registry: FilterRegistry;
  buffer: EventBuffer;
  /** How long appends are coalesced before views hear of them. */
  batchMs?: number;
}

export class EventStream {
  readonly registry: FilterRegistry;
  readonly buffer: EventBuffer;
  private readonly appendEmitter = new Emitter<BufferedEvent[]>();
  private readonly gapEmitter = new Emitter<Gap>();
  private readonly clearEmitter = new Emitter<void>();
  private readonly pausedEmitter = new Emitter<boolean>();
  private readonly eventEmitter = new Emitter<BufferedEvent>();
  private readonly filtersEmitter = new Emitter<void>();
  /** Batched appends for views; held while paused. */
  readonly onDidAppend = this.appendEmitter.event;
  /**
   * Every event as it is buffered, unbatched and never held by pause. Subscribers: the
   * extension API's onDidReceiveEvent (one subscription per API listener), the status bar's
   * events-per-second rate (ConnectionStatus), and the latency benchmark.
   */
  readonly onDidReceive = this.eventEmitter.event;
  readonly onDidGap = this.gapEmitter.event;
  readonly onDidClear = this.clearEmitter.event;
  readonly onDidChangePaused = this.pausedEmitter.event;
  /** The set of user filters changed (added or removed); states and counts come from the registry. */
  readonly onDidChangeFilters = this.filtersEmitter.event;

  private connection: StreamConnection | undefined;
  private connectionSubscriptions: Disposable[] = [];
  /** The first buffered seq views have not been told about (a range, not a list, so a long
   * pause pins no evicted events in memory). */
  private nextToTell = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private isPaused = false;
  private heldCount = 0;
  private readonly batchMs: number;
  /** Events that matched no registered filter (a late event after a deregister). */
  unmatched = 0;
  /** Events received since the start, across connections and clears (only ever grows). */
  received = 0;

  constructor(options: EventStreamOptions) {
    this.registry = options.registry;
    this.buffer = options.buffer;
    this.batchMs = options.batchMs ?? 100;
  }

  get paused(): boolean {
    return this.isPaused;
  }
  /** Events buffered since pause() that views have not been told about yet. */
  get held(): number {
    return this.heldCount;
  }
  get currentConnection(): StreamConnection | undefined {
    return this.connection;
  }

  /**
   * Makes `connection` the one the filters are registered on, and the one the registry reads
   * wire states from. The previous connection is only unhooked: its owner disposes it.
   */
  attach(connection: StreamConnection | undefined): void {
    for (const d of this.connectionSubscriptions) d.dispose();
    this.connectionSubscriptions = [];
    this.connection = connection;
    // Registered before the registry watches the new connection, so the views hear one
    // change (the states under the new connection), not one per wire filter kept.
    if (connection) for (const wire of this.registry.wireFilters()) connection.register(wire);
    this.registry.watch(connection);
    if (!connection) return;
    this.connectionSubscriptions.push(
      connection.onEvent((e) => this.receive(e)),
      connection.onGap((g) => this.gap(g)),
    );
  }

  /** Validates `text` and, if valid, keeps it registered. Returns the check either way. */
  addFilter(text: string): FilterCheck {
    const check = checkFilter(text);
    if (!check.ok) return check;
    const { newWire } = this.registry.add(check);
    for (const wire of newWire) this.connection?.register(wire);
    this.filtersEmitter.fire();
    return check;
  }

  /** Stops watching `filter` (as listed by the registry); false if it was not registered. */
  removeFilter(filter: string): boolean {
    const known = this.registry.filters().some((f) => f.filter === filter);
    if (!known) return false;
    const { goneWire } = this.registry.remove(filter);
    for (const wire of goneWire) this.connection?.deregister(wire);
    this.filtersEmitter.fire();
    return true;
  }

  removeAllFilters(): void {
    for (const f of this.registry.filters()) this.removeFilter(f.filter);
  }

  pause(): void {
    if (this.isPaused) return;
    this.isPaused = true;
    this.pausedEmitter.fire(true);
  }

  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    this.heldCount = 0;
    this.pausedEmitter.fire(false);
    this.flush();
  }

  clear(): void {
    this.heldCount = 0;
    this.buffer.clear();
    // The Filters view's counts then agree with the (now empty) Events view.
    this.registry.resetCounts();
    this.nextToTell = this.buffer.lastSeq + 1;
    this.clearEmitter.fire();
  }

  private receive(e: ReceivedEvent): void {
    const filters = this.registry.countMatches(e.header);
    if (filters.length === 0) {
      // The server matched a wire filter we no longer want (an event in flight while a
      // deregister was on its way); showing it would contradict the Filters view.
      this.unmatched++;
      return;
    }
    this.received++;
    const event = this.buffer.push(e.header, e.raw, filters, e.receivedAt);
    if (this.eventEmitter.hasListeners) this.eventEmitter.fire(event);
    this.queue(1);
  }

  private gap(g: Gap): void {
    this.flush();
    this.gapEmitter.fire(g);
  }

  private queue(count: number): void {
    if (count === 0) return;
    if (this.isPaused) {
      this.heldCount += count;
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.isPaused) return;
    // Events already evicted from a full buffer are not worth telling views about.
    const from = Math.max(this.nextToTell, this.buffer.firstSeq);
    const to = this.buffer.lastSeq;
    this.nextToTell = to + 1;
    const batch: BufferedEvent[] = [];
    for (let seq = from; seq <= to; seq++) {
      const e = this.buffer.get(seq);
      if (e) batch.push(e);
    }
    if (batch.length > 0) this.appendEmitter.fire(batch);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.attach(undefined);
    for (const e of [this.appendEmitter, this.gapEmitter, this.clearEmitter, this.pausedEmitter, this.eventEmitter, this.filtersEmitter]) e.dispose();
  }
}
