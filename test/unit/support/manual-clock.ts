// A Clock (src/core/clock.ts) that moves only when a test says so. Give it to the code under
// test and keep everything else on real time: sockets, the simulator and `next()` still
// work, while "nothing happens within N ms" becomes `advance(N)` followed by an assertion,
// which checks the same thing on a slow machine as on a fast one.
import type { Clock, Timer } from '../../../src/core/clock';

interface Scheduled {
  at: number;
  /** Creation order: timers due at the same time fire in the order they were set, as in Node. */
  order: number;
  callback: () => void;
  /** Set for setInterval. */
  every?: number;
}

export class ManualClock implements Clock {
  private elapsed = 0;
  private created = 0;
  private readonly timers = new Map<Timer, Scheduled>();

  /** `start` is what now() returns before the first advance (default 2026-11-28T03:52:16Z). */
  constructor(private readonly start = Date.UTC(2026, 10, 28, 3, 52, 16)) {}

  now(): number {
    return this.start + this.elapsed;
  }
  monotonic(): number {
    return this.elapsed;
  }
  setTimeout(callback: () => void, ms: number): Timer {
    return this.schedule(callback, ms);
  }
  setInterval(callback: () => void, ms: number): Timer {
    return this.schedule(callback, ms, true);
  }
  clearTimeout(timer: Timer | undefined): void {
    if (timer !== undefined) this.timers.delete(timer);
  }
  clearInterval(timer: Timer | undefined): void {
    this.clearTimeout(timer);
  }

  /** Timers set and not yet fired or cleared (an interval counts until cleared). */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way in time order,
   * including timers that the callbacks set, each with now() at its due time.
   */
  advance(ms: number): void {
    const end = this.elapsed + ms;
    for (;;) {
      const due = this.earliest(end);
      if (!due) break;
      const [timer, t] = due;
      this.elapsed = t.at;
      if (t.every !== undefined) t.at += t.every;
      else this.timers.delete(timer);
      t.callback();
    }
    this.elapsed = end;
  }

  private schedule(callback: () => void, ms: number, repeat = false): Timer {
    // Node runs a delay below 1 ms (or NaN) as 1 ms; so does this clock, which also keeps a
    // zero interval from firing forever within one advance().
    const delay = Number.isFinite(ms) && ms >= 1 ? ms : 1;
    const timer = { id: ++this.created } as unknown as Timer;
    this.timers.set(timer, { at: this.elapsed + delay, order: this.created, callback, ...(repeat ? { every: delay } : {}) });
    return timer;
  }

  private earliest(end: number): [Timer, Scheduled] | undefined {
    let best: [Timer, Scheduled] | undefined;
    for (const entry of this.timers) {
      const t = entry[1];
      if (t.at > end) continue;
      if (!best || t.at < best[1].at || (t.at === best[1].at && t.order < best[1].order)) best = entry;
    }
    return best;
  }
}
