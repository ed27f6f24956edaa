// Each endpoint origin keeps its own filters. When drp.endpoint moves to another origin the
// stream's filters are swapped for the ones remembered for it, and every change to the
// stream's filters is remembered for the origin whose filters the stream holds. Saving follows
// the stream's onDidChangeFilters, so a command or API call that adds or removes filters saves
// nothing itself.
import type { Disposable, Event } from '../emitter';
import type { FilterCheck } from './filter';

/** Where filter lists are remembered, per origin (FilterStore in the extension). */
export interface FilterSets {
  get(origin: string): readonly string[];
  set(origin: string, filters: readonly string[]): Promise<void>;
}

/** What this needs of the EventStream. */
export interface FilterHolder {
  readonly registry: { filters(): readonly { filter: string }[] };
  /** Fires when filters are added or removed (not on state or count changes). */
  readonly onDidChangeFilters: Event<void>;
  addFilter(text: string): FilterCheck;
  removeAllFilters(): void;
  attach(connection: undefined): void;
}

export interface EndpointFiltersLog {
  warn(line: string): void;
  error(line: string): void;
}

export class EndpointFilters implements Disposable {
  /** The origin whose filters the stream holds. */
  private heldFor: string | undefined;
  private loading = false;
  /** The origin a save is queued for (always heldFor: use() saves it first). */
  private saveQueuedFor: string | undefined;
  private readonly subscription: Disposable;

  /**
   * `origin` is the endpoint in use; undefined while drp.endpoint is unusable, and then
   * nothing is saved. A change is saved for the origin whose filters the stream holds (the
   * last use()), which is the endpoint in use except while a rebuild is switching to another
   * one: then the change is to the old origin's filters, and saving it for the new origin
   * would overwrite the filters remembered there.
   */
  constructor(
    private readonly stream: FilterHolder,
    private readonly sets: FilterSets,
    private readonly origin: () => string | undefined,
    private readonly log: EndpointFiltersLog,
  ) {
    this.subscription = stream.onDidChangeFilters(() => this.changed());
  }

  /** Makes the stream hold `origin`'s filters unless it already does, sending nothing yet. */
  use(origin: string): void {
    if (origin === this.heldFor) return;
    // A change not saved yet belongs to the origin being left; save it before its filters go.
    this.saveNow();
    // Loading is not a change to remember: a remembered filter that is no longer valid
    // stays remembered until the user next changes this endpoint's filters.
    this.loading = true;
    try {
      this.stream.attach(undefined);
      this.stream.removeAllFilters();
      for (const filter of this.sets.get(origin)) {
        const check = this.stream.addFilter(filter);
        if (!check.ok) this.log.warn(`Skipped a remembered filter that is no longer valid: ${check.message}`);
      }
    } finally {
      this.loading = false;
    }
    this.heldFor = origin;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private changed(): void {
    const origin = this.heldFor;
    // Before the first use() the stream holds no origin's filters: nothing to remember.
    if (this.loading || this.saveQueuedFor !== undefined || origin === undefined) return;
    // Deregister All removes filters one at a time; one save after the last is enough.
    this.saveQueuedFor = origin;
    queueMicrotask(() => this.saveNow());
  }

  /** Starts the queued save, if any, with the filters the stream holds now. */
  private saveNow(): void {
    const origin = this.saveQueuedFor;
    if (origin === undefined) return;
    this.saveQueuedFor = undefined;
    if (this.origin() === undefined) return;
    void this.save(origin, this.stream.registry.filters().map((f) => f.filter));
  }

  private async save(origin: string, filters: string[]): Promise<void> {
    try {
      await this.sets.set(origin, filters);
    } catch (err) {
      this.log.error(`Could not remember the filters for ${origin}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
