// The bounded ring of received events. It lives in the extension host (a hidden webview is
// torn down and receives nothing), holds each frame's raw text for documents, search and
// export, and is bounded by count AND by size, whichever fills first; the oldest go first
// and `dropped` says how many went.
//
// Sequence numbers are local (DRP events carry none): 1, 2, 3 … in arrival order, never
// reused, not even after clear(), so a seq held by a document or a webview row can never
// name a different event. Because events only leave from the front, the seqs in the buffer
// are contiguous, which makes get(seq) a subtraction.
//
// Memory: the goal is that 100,000 buffered 4 KB events cost at most 1.15× their raw text.
// An entry is one small object with fixed fields; its header strings are slices of `raw`
// (the fast header reader makes them so), and `filters` is an array shared between events
// (FilterRegistry.countMatches returns the same array for the same single filter). Measured:
// 25,000 events of 4 KB cost 1.08–1.10× their raw text (heap + external), i.e. ~350–400
// bytes of overhead per event, most of it the five header strings.
//
// Bytes are estimated as `raw.length` (UTF-16 code units). The server writes ASCII JSON
// (Go escapes nothing above ASCII but keeps UTF-8 as is; object names are ASCII in practice),
// and V8 stores ASCII strings one byte per character, so for real frames this is the size.

import type { EventHeader } from './event';

export interface BufferedEvent extends EventHeader {
  seq: number;
  raw: string;
  receivedAt: number;
  filters: string[];
}

export interface BufferLimits {
  maxEvents: number;
  maxBytes: number;
}

// A class rather than an object literal so V8 gives every entry the same compact shape.
class Entry implements BufferedEvent {
  constructor(
    readonly seq: number,
    readonly time: string,
    readonly type: string,
    readonly action: string,
    readonly key: string,
    readonly principal: string,
    readonly raw: string,
    readonly receivedAt: number,
    readonly filters: string[],
  ) {}
}

const INITIAL_CAPACITY = 1024;

export class EventBuffer {
  // A circular array: `head` is the slot of the oldest event. It grows by doubling up to
  // maxEvents so a large limit costs nothing until it is used; it never shifts.
  private ring: Array<BufferedEvent | undefined>;
  private head = 0;
  private count = 0;
  private totalBytes = 0;
  private nextSeq = 1;
  private droppedCount = 0;
  private limits: BufferLimits;

  constructor(limits: BufferLimits) {
    this.limits = checkLimits(limits);
    this.ring = new Array<BufferedEvent | undefined>(Math.min(INITIAL_CAPACITY, this.limits.maxEvents));
  }

  get size(): number {
    return this.count;
  }
  /** Sum of raw.length of the buffered events (see the note on bytes above). */
  get bytes(): number {
    return this.totalBytes;
  }
  /** Events evicted by the limits since construction or the last clear(). */
  get dropped(): number {
    return this.droppedCount;
  }
  /** The oldest buffered seq; when empty, lastSeq + 1 (so firstSeq > lastSeq). */
  get firstSeq(): number {
    return this.nextSeq - this.count;
  }
  /** The newest seq ever assigned (0 before the first push); stays put after clear(). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }
  get maxEvents(): number {
    return this.limits.maxEvents;
  }
  get maxBytes(): number {
    return this.limits.maxBytes;
  }

  /**
   * Appends an event and evicts the oldest ones past either limit. The newest event is kept
   * even when it alone exceeds maxBytes: an event that arrived must be inspectable.
   */
  push(header: EventHeader, raw: string, filters: string[], receivedAt: number = Date.now()): BufferedEvent {
    const entry = new Entry(
      this.nextSeq++,
      header.time,
      header.type,
      header.action,
      header.key,
      header.principal,
      raw,
      receivedAt,
      filters,
    );
    if (this.count === this.ring.length) {
      if (this.ring.length < this.limits.maxEvents) this.resize(Math.min(this.limits.maxEvents, this.ring.length * 2));
      else this.dropOldest();
    }
    this.ring[(this.head + this.count) % this.ring.length] = entry;
    this.count++;
    this.totalBytes += raw.length;
    while (this.totalBytes > this.limits.maxBytes && this.count > 1) this.dropOldest();
    return entry;
  }

  /** The event with this seq, or undefined once it has left the buffer. O(1). */
  get(seq: number): BufferedEvent | undefined {
    return this.at(seq - this.firstSeq);
  }

  /**
   * The newest buffered event for an object (Open Latest's fallback once the object is gone).
   * A scan from the newest end, O(buffer) at worst: run once per command, never per event.
   */
  newestOf(type: string, key: string): BufferedEvent | undefined {
    for (let i = this.count - 1; i >= 0; i--) {
      const e = this.at(i)!;
      if (e.type === type && e.key === key) return e;
    }
    return undefined;
  }

  /** The event at `index` (0 = oldest), or undefined out of range. */
  at(index: number): BufferedEvent | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.ring[(this.head + index) % this.ring.length];
  }

  /** Events by index, like Array.prototype.slice (negative indexes count from the end). */
  slice(start = 0, end = this.count): BufferedEvent[] {
    const from = clampIndex(start, this.count);
    const to = clampIndex(end, this.count);
    const out: BufferedEvent[] = [];
    for (let i = from; i < to; i++) out.push(this.ring[(this.head + i) % this.ring.length]!);
    return out;
  }

  /** Oldest first. */
  *[Symbol.iterator](): IterableIterator<BufferedEvent> {
    for (let i = 0; i < this.count; i++) yield this.ring[(this.head + i) % this.ring.length]!;
  }

  /** Empties the buffer and the dropped counter; seqs keep counting up. */
  clear(): void {
    this.ring = new Array<BufferedEvent | undefined>(Math.min(INITIAL_CAPACITY, this.limits.maxEvents));
    this.head = 0;
    this.count = 0;
    this.totalBytes = 0;
    this.droppedCount = 0;
  }

  /** Applies new limits; shrinking drops the oldest events (counted in `dropped`). Returns how many went. */
  setLimits(limits: BufferLimits): number {
    const before = this.droppedCount;
    this.limits = checkLimits(limits);
    while (this.count > this.limits.maxEvents) this.dropOldest();
    while (this.totalBytes > this.limits.maxBytes && this.count > 1) this.dropOldest();
    if (this.ring.length > this.limits.maxEvents || this.count < this.ring.length / 4) {
      this.resize(Math.min(this.limits.maxEvents, Math.max(INITIAL_CAPACITY, this.count)));
    }
    return this.droppedCount - before;
  }

  private dropOldest(): void {
    const old = this.ring[this.head]!;
    this.ring[this.head] = undefined; // let the raw text be collected now
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    this.totalBytes -= old.raw.length;
    this.droppedCount++;
  }

  private resize(capacity: number): void {
    const next = new Array<BufferedEvent | undefined>(Math.max(capacity, this.count, 1));
    for (let i = 0; i < this.count; i++) next[i] = this.ring[(this.head + i) % this.ring.length];
    this.ring = next;
    this.head = 0;
  }
}

function checkLimits(limits: BufferLimits): BufferLimits {
  const maxEvents = Math.floor(limits.maxEvents);
  if (!(maxEvents >= 1)) throw new RangeError(`maxEvents must be at least 1 (got ${limits.maxEvents}).`);
  if (!(limits.maxBytes >= 1)) throw new RangeError(`maxBytes must be at least 1 (got ${limits.maxBytes}).`);
  return { maxEvents, maxBytes: limits.maxBytes };
}

function clampIndex(index: number, length: number): number {
  const i = Math.trunc(index);
  if (i < 0) return Math.max(0, length + i);
  return Math.min(i, length);
}
