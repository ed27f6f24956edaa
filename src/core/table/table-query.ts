// The event table's query: the buffered events that match the current search (a text search
// over the raw JSON plus type/action quick filters), kept in the host beside the buffer so a
// search covers every event, not only the rows a webview happens to hold.
//
// Positions: the first row of a fresh query is position 0. Rows evicted from the buffer's
// front raise `first` instead of renumbering the rest, so a position names the same event
// until the next rebuild (query change, clear, re-sync), which bumps `version`.

import type { BufferedEvent } from '../events/event-buffer';
import { eventMatcher } from '../events/event-match';
import { toRow } from './table-row';
import type { EventQuery, TableExtent, TableRow } from './webview-messages';

/**
 * The buffer as the query sees it. Sequence numbers are contiguous from `firstSeq` to
 * `lastSeq` (the buffer only drops from its front); an empty buffer has firstSeq > lastSeq.
 */
export interface QuerySource {
  readonly firstSeq: number;
  readonly lastSeq: number;
  get(seq: number): BufferedEvent | undefined;
}

export interface QueryChange {
  removed: number;
  added: number;
}

// Compact the seq array once this many dropped entries sit before `head`.
const COMPACT_AT = 4096;

export class TableQuery {
  private seqList: number[] = [];
  private head = 0;
  private firstPosition = 0;
  private viewVersion = 0;
  /** The newest seq already considered, so a late or repeated append is not added twice. */
  private lastConsidered = -1;
  private currentQuery: EventQuery;
  private matches: (e: BufferedEvent) => boolean;
  private readonly typeSet = new Set<string>();
  private readonly actionSet = new Set<string>();

  constructor(private readonly source: QuerySource, query: EventQuery = { text: '', types: [], actions: [] }) {
    this.currentQuery = query;
    this.matches = eventMatcher(query);
  }

  get query(): EventQuery {
    return this.currentQuery;
  }
  get version(): number {
    return this.viewVersion;
  }
  /** Position of the oldest row still in the query. */
  get first(): number {
    return this.firstPosition;
  }
  get count(): number {
    return this.seqList.length - this.head;
  }
  get extent(): TableExtent {
    return { version: this.viewVersion, first: this.firstPosition, count: this.count };
  }

  /** Rebuilds the rows for a new query (throws nothing: every string is a valid search). */
  setQuery(query: EventQuery, upToSeq?: number): void {
    this.currentQuery = query;
    this.matches = eventMatcher(query);
    this.rebuild(upToSeq);
  }

  /**
   * Scans the whole buffer again. `upToSeq` stops before events that must not be shown yet
   * (those held while the stream is paused).
   */
  rebuild(upToSeq = Number.POSITIVE_INFINITY): void {
    const seqs: number[] = [];
    const last = Math.min(this.source.lastSeq, upToSeq);
    this.typeSet.clear();
    this.actionSet.clear();
    for (let seq = this.source.firstSeq; seq <= last; seq++) {
      const e = this.source.get(seq);
      if (e === undefined) continue;
      this.typeSet.add(e.type);
      this.actionSet.add(e.action);
      if (this.matches(e)) seqs.push(seq);
    }
    this.seqList = seqs;
    this.head = 0;
    this.firstPosition = 0;
    this.lastConsidered = Math.max(last, this.source.firstSeq - 1);
    this.viewVersion++;
  }

  /** Adds newly shown events (in seq order) and drops rows the buffer has evicted since. */
  append(events: readonly BufferedEvent[]): QueryChange {
    let added = 0;
    for (const e of events) {
      if (e.seq <= this.lastConsidered) continue;
      this.lastConsidered = e.seq;
      this.typeSet.add(e.type);
      this.actionSet.add(e.action);
      if (this.matches(e)) {
        this.seqList.push(e.seq);
        added++;
      }
    }
    const removed = this.dropEvicted();
    // A row both added and evicted within one batch was never visible: count it once, as gone.
    const overlap = Math.max(0, added - this.count);
    return { removed: removed - overlap, added: added - overlap };
  }

  /** Drops rows whose events left the buffer's front; returns how many went. */
  dropEvicted(): number {
    const firstSeq = this.source.firstSeq;
    const start = this.head;
    while (this.head < this.seqList.length && this.seqList[this.head] < firstSeq) this.head++;
    const removed = this.head - start;
    this.firstPosition += removed;
    if (this.head >= COMPACT_AT && this.head * 2 >= this.seqList.length) {
      this.seqList = this.seqList.slice(this.head);
      this.head = 0;
    }
    return removed;
  }

  /** The seq at a position, or undefined outside the query. */
  seqAt(position: number): number | undefined {
    const i = position - this.firstPosition;
    if (i < 0 || i >= this.count) return undefined;
    return this.seqList[this.head + i];
  }

  /** Rows for positions `start … start + count - 1`, clipped to the query. */
  window(start: number, count: number): TableRow[] {
    const from = Math.max(start, this.firstPosition);
    const to = Math.min(start + count, this.firstPosition + this.count);
    const rows: TableRow[] = [];
    for (let p = from; p < to; p++) {
      const e = this.source.get(this.seqList[this.head + p - this.firstPosition]);
      if (e !== undefined) rows.push(toRow(e));
    }
    return rows;
  }

  /** Every seq in the query, oldest first (for "export what the table shows"). */
  seqs(): number[] {
    return this.seqList.slice(this.head);
  }

  /** Grows when a new type or action is seen: a cheap "do the dropdowns need updating?". */
  get facetSize(): number {
    return this.typeSet.size + this.actionSet.size;
  }

  /** Types and actions seen since the last rebuild, sorted, for the quick-filter dropdowns. */
  facets(): { types: string[]; actions: string[] } {
    return { types: [...this.typeSet].sort(), actions: [...this.actionSet].sort() };
  }
}
