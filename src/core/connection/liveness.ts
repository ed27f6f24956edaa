// Notices a dead stream that never says so. A real DRP endpoint drops a stalled session
// without a close frame, and a SIGTERMed server sends none either (observed:
// docs/protocol.md §6), so TCP alone may not tell us for minutes. Two
// checks: our own ping must be answered within pongTimeoutMs, and the server, which pings
// every 54 s, must show a sign of life (a ping or a frame) within silenceTimeoutMs. Pongs
// do not count for the second check: a session whose writer is stuck can still answer
// control frames while its events are lost.

import { systemClock, type Clock, type Timer } from '../clock';

export interface LivenessOptions {
  /** How often the client pings. */
  pingIntervalMs: number;
  /** How long a ping may stay unanswered. */
  pongTimeoutMs: number;
  /** How long the server may send neither a ping nor a frame (its pings come every 54 s). */
  silenceTimeoutMs: number;
}

export const DEFAULT_LIVENESS: LivenessOptions = { pingIntervalMs: 30_000, pongTimeoutMs: 10_000, silenceTimeoutMs: 75_000 };

export type DeadReason = 'no-pong' | 'silent';

export class LivenessMonitor {
  private pingTimer: Timer | undefined;
  private pongTimer: Timer | undefined;
  private silenceTimer: Timer | undefined;
  /** clock.monotonic() of the last ping or frame from the server. */
  private lastAliveAt = 0;

  constructor(
    private readonly options: LivenessOptions,
    private readonly ping: () => void,
    private readonly onDead: (reason: DeadReason) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  start(): void {
    this.stop();
    this.pingTimer = this.clock.setInterval(() => this.sendPing(), this.options.pingIntervalMs);
    this.serverAlive();
  }

  stop(): void {
    this.clock.clearInterval(this.pingTimer);
    this.clock.clearTimeout(this.pongTimer);
    this.clock.clearTimeout(this.silenceTimer);
    this.pingTimer = this.pongTimer = this.silenceTimer = undefined;
  }

  /** Our ping was answered. */
  pong(): void {
    this.clock.clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  /**
   * The server sent a ping or a frame. Called for every frame, so it only notes the time:
   * re-arming a timer per frame (clearTimeout + setTimeout) cost ~1 µs each, several
   * percent of the pipeline at thousands of events/s (bench/). The one silence timer
   * re-arms itself for the remainder when it fires early.
   */
  serverAlive(): void {
    this.lastAliveAt = this.clock.monotonic();
    this.silenceTimer ??= this.clock.setTimeout(() => this.checkSilence(), this.options.silenceTimeoutMs);
  }

  private checkSilence(): void {
    this.silenceTimer = undefined;
    const remaining = this.lastAliveAt + this.options.silenceTimeoutMs - this.clock.monotonic();
    // Timers may fire a little early; under 1 ms counts as expired.
    if (remaining >= 1) this.silenceTimer = this.clock.setTimeout(() => this.checkSilence(), remaining);
    else this.dead('silent');
  }

  private sendPing(): void {
    // One outstanding ping at a time: its timer, not a newer ping, decides.
    if (this.pongTimer !== undefined) return;
    this.pongTimer = this.clock.setTimeout(() => this.dead('no-pong'), this.options.pongTimeoutMs);
    this.ping();
  }

  private dead(reason: DeadReason): void {
    this.stop();
    this.onDead(reason);
  }
}
