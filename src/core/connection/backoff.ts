// Reconnect delays: capped exponential growth with jitter, so a restarted endpoint is not
// hit by every client at the same instant and a dead one is not hammered.

export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  /** No delay exceeds this. */
  maxMs: number;
  /** Fraction of the delay added or removed at random: 0.2 → ±20 %. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, jitter: 0.2 };

/**
 * The delay before retry number `attempt` (0-based): initialMs · 2^attempt, capped at maxMs,
 * then spread by ±jitter and capped again. `random` returns [0, 1) like Math.random.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number = Math.random): number {
  const n = Math.max(0, Math.floor(attempt));
  // 2^n overflows to Infinity for large n; Math.min keeps the cap.
  const base = Math.min(opts.maxMs, opts.initialMs * 2 ** Math.min(n, 1024));
  const spread = base * opts.jitter * (2 * random() - 1);
  return Math.round(Math.min(opts.maxMs, Math.max(0, base + spread)));
}

/** Counts consecutive failures; `reset()` once a connection has proved stable. */
export class Backoff {
  private attempt = 0;
  constructor(
    private readonly opts: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** The next delay; each call counts one more failure. */
  next(): number {
    return backoffDelay(this.attempt++, this.opts, this.random);
  }

  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}
