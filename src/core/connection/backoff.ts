// Reconnect delays: capped exponential growth with jitter, so a restarted endpoint is not
// hit by every client at the same instant and a dead one is not hammered. A stream that was
// open a moment ago is most likely an endpoint restarting, back within seconds: its retries
// stay short (no delay over shortMaxMs) for shortForMs after it was lost, and only then grow
// to maxMs.

export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  /** No delay exceeds this. */
  maxMs: number;
  /** Fraction of the delay added or removed at random: 0.2 → ±20 %. */
  jitter: number;
  /** No delay exceeds this either, while a lost stream is less than shortForMs old. */
  shortMaxMs: number;
  /** How long after an open stream was lost its retries stay within shortMaxMs. */
  shortForMs: number;
}

/** 1, 2, 4, 8, then 10 s for five minutes after a stream is lost; 1 s doubling to 30 s otherwise. */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, jitter: 0.2, shortMaxMs: 10_000, shortForMs: 5 * 60_000 };

/**
 * The delay before retry number `attempt` (0-based): initialMs · 2^attempt, capped at
 * `capMs` (maxMs unless given), then spread by ±jitter and capped again. `random` returns
 * [0, 1) like Math.random.
 */
export function backoffDelay(attempt: number, opts: Pick<BackoffOptions, 'initialMs' | 'maxMs' | 'jitter'>, random: () => number = Math.random, capMs = opts.maxMs): number {
  const n = Math.max(0, Math.floor(attempt));
  const cap = Math.min(opts.maxMs, capMs);
  // 2^n overflows to Infinity for large n; Math.min keeps the cap.
  const base = Math.min(cap, opts.initialMs * 2 ** Math.min(n, 1024));
  const spread = base * opts.jitter * (2 * random() - 1);
  return Math.round(Math.min(cap, Math.max(0, base + spread)));
}

/** Counts consecutive failures; `reset()` once a connection has proved stable. */
export class Backoff {
  private attempt = 0;
  /** When the open stream this run of failures follows was lost. */
  private lostAt: number | undefined;
  constructor(
    private readonly opts: BackoffOptions,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  /** The next delay; each call counts one more failure. */
  next(): number {
    const short = this.lostAt !== undefined && this.now() - this.lostAt < this.opts.shortForMs;
    return backoffDelay(this.attempt++, this.opts, this.random, short ? this.opts.shortMaxMs : this.opts.maxMs);
  }

  /**
   * An open stream was lost: retries stay short for shortForMs from the first loss since the
   * last reset, so a stream that keeps dropping right after it opens still backs off.
   */
  streamLost(): void {
    this.lostAt ??= this.now();
  }

  reset(): void {
    this.attempt = 0;
    this.lostAt = undefined;
  }

  get failures(): number {
    return this.attempt;
  }
}
