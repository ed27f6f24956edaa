// The Type → Key → seqs index behind the Events tree.
//
// It is updated incrementally: every batch of new events is appended, and events the bounded
// buffer dropped are pruned by seq. Both cost O(events added or dropped), never a scan of all
// keys — a busy endpoint has thousands of machine and job keys and the tree refreshes about
// ten times a second. To prune without a scan, the index keeps its own arrival-ordered queue
// of (seq, key entry); the buffer drops oldest-first, so pruning pops from that queue's head.
//
// Order: types, and the keys of a type, are listed in the order they were first seen, not by
// name. The tree refreshes about three times a second while events stream, and in name order
// every new key landed among the existing rows and pushed the rows below it down, under a
// pointer that had not moved (a click or a right-click then hit the wrong row). First-seen
// order adds a new type or key at the end of its list, the one predictable place, and a row
// keeps its place until its last event leaves the buffer. A type or key that comes back after
// that is new again and goes to the end. Finding a key by name is the tree's own find (type
// in the view), which filters whatever the order.

import type { BufferedEvent } from './event-buffer';

/** The fields of a buffered event the index reads. */
export type IndexedEvent = Pick<BufferedEvent, 'seq' | 'type' | 'key'>;

export interface TypeSummary {
  type: string;
  count: number;
  keys: number;
  /** The seq of the type's newest event. */
  newest: number;
}

export interface KeySummary {
  key: string;
  count: number;
  /** The seq of the key's newest event. */
  newest: number;
}

export interface NewestEvents {
  /** Newest first. */
  seqs: number[];
  /** Events for the key beyond `limit`, still in the buffer. */
  older: number;
}

/** Arrays with a moving head: dropping from the front is O(1), compacted now and then. */
class SeqList {
  items: number[] = [];
  head = 0;

  get count(): number {
    return this.items.length - this.head;
  }

  shift(): void {
    this.head++;
    // Compact once the dead prefix dominates, so memory follows the live count.
    if (this.head >= 64 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

class TypeEntry {
  readonly keys = new Map<string, SeqList>();
  count = 0;
  // Events arrive in seq order and leave oldest first, so the last one added stays the newest
  // until the entry itself goes.
  newest = 0;
}

export class EventIndex {
  private readonly types = new Map<string, TypeEntry>();
  // Arrival order of every indexed event, for pruning without a scan.
  private orderSeqs: number[] = [];
  private orderKeys: Array<{ type: string; key: string; list: SeqList }> = [];
  private orderHead = 0;
  private lastSeq = 0;

  /** Events in the index. */
  get size(): number {
    return this.orderSeqs.length - this.orderHead;
  }

  /**
   * Appends events in ascending seq order. An event at or below the last seq is ignored, so a
   * batch delivered twice (an import that also fires an append) is not counted twice.
   */
  add(events: Iterable<IndexedEvent>): void {
    for (const e of events) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      let typeEntry = this.types.get(e.type);
      if (!typeEntry) {
        typeEntry = new TypeEntry();
        this.types.set(e.type, typeEntry);
      }
      let list = typeEntry.keys.get(e.key);
      if (!list) {
        list = new SeqList();
        typeEntry.keys.set(e.key, list);
      }
      list.items.push(e.seq);
      typeEntry.count++;
      typeEntry.newest = e.seq;
      this.orderSeqs.push(e.seq);
      this.orderKeys.push({ type: e.type, key: e.key, list });
    }
  }

  /**
   * Forgets every event with seq below `firstSeq` (the buffer's oldest). Returns whether any
   * went; `touched` collects the types that lost events.
   */
  prune(firstSeq: number, touched?: Set<string>): boolean {
    let pruned = 0;
    while (this.orderHead < this.orderSeqs.length && this.orderSeqs[this.orderHead] < firstSeq) {
      const { type, key, list } = this.orderKeys[this.orderHead];
      this.orderHead++;
      pruned++;
      list.shift();
      touched?.add(type);
      const typeEntry = this.types.get(type);
      if (!typeEntry) continue;
      typeEntry.count--;
      if (list.count === 0) typeEntry.keys.delete(key);
      if (typeEntry.keys.size === 0) this.types.delete(type);
    }
    if (this.orderHead >= 1024 && this.orderHead * 2 >= this.orderSeqs.length) {
      this.orderSeqs = this.orderSeqs.slice(this.orderHead);
      this.orderKeys = this.orderKeys.slice(this.orderHead);
      this.orderHead = 0;
    }
    return pruned > 0;
  }

  clear(): void {
    this.types.clear();
    this.orderSeqs = [];
    this.orderKeys = [];
    this.orderHead = 0;
    // Forgotten too, in case the buffer numbers its events from 1 again after a clear.
    this.lastSeq = 0;
  }

  /** Types in the order first seen (see the top of this file). */
  typeSummaries(): TypeSummary[] {
    const out: TypeSummary[] = [];
    for (const [type, entry] of this.types) out.push({ type, count: entry.count, keys: entry.keys.size, newest: entry.newest });
    return out;
  }

  typeSummary(type: string): TypeSummary | undefined {
    const entry = this.types.get(type);
    return entry ? { type, count: entry.count, keys: entry.keys.size, newest: entry.newest } : undefined;
  }

  /** The keys of a type in the order first seen, so existing rows keep their place as events arrive. */
  keySummaries(type: string): KeySummary[] {
    const entry = this.types.get(type);
    if (!entry) return [];
    const out: KeySummary[] = [];
    for (const [key, list] of entry.keys) out.push({ key, count: list.count, newest: list.items[list.items.length - 1] });
    return out;
  }

  keySummary(type: string, key: string): KeySummary | undefined {
    const list = this.types.get(type)?.keys.get(key);
    return list ? { key, count: list.count, newest: list.items[list.items.length - 1] } : undefined;
  }

  /** The newest `limit` seqs of a key, newest first, and how many older ones remain. */
  newest(type: string, key: string, limit: number): NewestEvents {
    const list = this.types.get(type)?.keys.get(key);
    if (!list) return { seqs: [], older: 0 };
    const seqs: number[] = [];
    for (let i = list.items.length - 1; i >= list.head && seqs.length < limit; i--) seqs.push(list.items[i]);
    return { seqs, older: list.count - seqs.length };
  }
}

