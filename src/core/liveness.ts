// Notices a dead stream that never says so. A real DRP endpoint drops a stalled session
// without a close frame, and a SIGTERMed server sends none either (DRP-PROTOCOL.md
// appendix (f) and "Extra observations"), so TCP alone may not tell us for minutes. Two
// checks: our own ping must be answered within pongTimeoutMs, and the server, which pings
// every 54 s, must show a sign of life (a ping or a frame) within silenceTimeoutMs. Pongs
// do not count for the second check: a session whose writer is stuck can still answer
// control frames while its events are lost.

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
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly options: LivenessOptions,
    private readonly ping: () => void,
    private readonly onDead: (reason: DeadReason) => void,
  ) {}

  start(): void {
    this.stop();
    this.pingTimer = setInterval(() => this.sendPing(), this.options.pingIntervalMs);
    this.serverAlive();
  }

  stop(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    clearTimeout(this.silenceTimer);
    this.pingTimer = this.pongTimer = this.silenceTimer = undefined;
  }

  /** Our ping was answered. */
  pong(): void {
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  /** The server sent a ping or a frame. */
  serverAlive(): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.dead('silent'), this.options.silenceTimeoutMs);
  }

  private sendPing(): void {
    // One outstanding ping at a time: its timer, not a newer ping, decides.
    if (this.pongTimer !== undefined) return;
    this.pongTimer = setTimeout(() => this.dead('no-pong'), this.options.pongTimeoutMs);
    this.ping();
  }

  private dead(reason: DeadReason): void {
    this.stop();
    this.onDead(reason);
  }
}
