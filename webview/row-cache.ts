// The rows the page holds: a small LRU keyed by view position, and the requests in flight.
// Rows are fetched in aligned blocks so scrolling back and forth over the same stretch asks
// the host once, and a block already requested is not asked for again until it answers.
import type { TableRow } from '../src/core/table/webview-messages';

export const BLOCK_ROWS = 100;

export interface RowRequest {
  id: number;
  version: number;
  start: number;
  count: number;
}

export class RowCache {
  private rows = new Map<number, TableRow>();
  private inflight = new Map<number, number>(); // block start → request id
  private nextId = 1;
  version = 0;

  constructor(private readonly capacity = 3000) {}

  /** Forgets everything: the host's view was rebuilt. */
  reset(version: number): void {
    this.version = version;
    this.rows.clear();
    this.inflight.clear();
  }

  get(position: number): TableRow | undefined {
    const row = this.rows.get(position);
    if (row !== undefined) {
      // Re-insert so Map order is recency order and eviction takes the least recently used.
      this.rows.delete(position);
      this.rows.set(position, row);
    }
    return row;
  }

  put(start: number, rows: readonly TableRow[]): void {
    for (let i = 0; i < rows.length; i++) {
      this.rows.delete(start + i);
      this.rows.set(start + i, rows[i]);
    }
    while (this.rows.size > this.capacity) {
      const oldest = this.rows.keys().next().value as number;
      this.rows.delete(oldest);
    }
  }

  /** Drops positions that left the view's front. */
  dropBefore(first: number): void {
    for (const p of this.rows.keys()) if (p < first) this.rows.delete(p);
  }

  /** Applies a reply; false when it belongs to an older version of the view. */
  answer(id: number, version: number, start: number, rows: readonly TableRow[]): boolean {
    for (const [block, reqId] of this.inflight) if (reqId === id) this.inflight.delete(block);
    if (version !== this.version) return false;
    this.put(start, rows);
    return true;
  }

  /** Requests for the blocks covering `from … to - 1` that are neither cached nor in flight. */
  missing(from: number, to: number): RowRequest[] {
    const out: RowRequest[] = [];
    if (to <= from) return out;
    for (let block = Math.floor(from / BLOCK_ROWS) * BLOCK_ROWS; block < to; block += BLOCK_ROWS) {
      if (this.inflight.has(block)) continue;
      const lo = Math.max(block, from);
      const hi = Math.min(block + BLOCK_ROWS, to);
      let complete = true;
      for (let p = lo; p < hi; p++) {
        if (!this.rows.has(p)) {
          complete = false;
          break;
        }
      }
      if (complete) continue;
      const id = this.nextId++;
      this.inflight.set(block, id);
      out.push({ id, version: this.version, start: block, count: BLOCK_ROWS });
    }
    return out;
  }
}
