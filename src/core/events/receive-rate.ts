// Events per second, from the stream's `received` counter (which only ever grows): the one
// rate the status bar and the table's sparkline both show. Sampling a counter costs nothing
// per event, so the rate stays free at thousands of events per second.

export class ReceiveRate {
  /** [time, received] pairs, oldest first; the first one is the baseline of the window. */
  private readonly samples: Array<[number, number]> = [];

  /** @param windowMs how far back the rate looks. */
  constructor(private readonly windowMs: number) {}

  /** Records the counter at `now`, and returns events per second over the window up to it. */
  sample(received: number, now: number): number {
    const last = this.samples[this.samples.length - 1];
    if (last && now <= last[0]) last[1] = received;
    else this.samples.push([now, received]);
    // Keep the newest sample at least windowMs old as the baseline, and drop the older ones.
    while (this.samples.length > 2 && this.samples[1][0] <= now - this.windowMs) this.samples.shift();
    const [t0, n0] = this.samples[0];
    const seconds = (now - t0) / 1000;
    return seconds > 0 ? Math.max(0, received - n0) / seconds : 0;
  }
}
