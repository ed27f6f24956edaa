// Time as the core's timers see it. Code whose subject is time (reconnect backoff, liveness,
// ack timeouts, the event table's batch tick and sparkline) takes a Clock, so a test can move
// time by hand (test/unit/support/manual-clock.ts) while sockets and everything else keep
// real time. Replacing the global timers instead would also stop the timers inside ws and
// TLS. Production code passes nothing and gets systemClock.

declare const timerBrand: unique symbol;
/** A timer handle, only good for the clock that made it. */
export interface Timer {
  readonly [timerBrand]: true;
}

export interface Clock {
  /** Wall-clock milliseconds since the epoch, as Date.now(): for time stamps. */
  now(): number;
  /** Milliseconds that never go back, as performance.now(): for measuring durations. */
  monotonic(): number;
  setTimeout(callback: () => void, ms: number): Timer;
  clearTimeout(timer: Timer | undefined): void;
  setInterval(callback: () => void, ms: number): Timer;
  clearInterval(timer: Timer | undefined): void;
}

type NodeTimer = ReturnType<typeof setTimeout>;

/** The real clock and timers (looked up on every call, so nothing is captured at load). */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as Timer,
  clearTimeout: (timer) => clearTimeout(timer as unknown as NodeTimer | undefined),
  setInterval: (callback, ms) => setInterval(callback, ms) as unknown as Timer,
  clearInterval: (timer) => clearInterval(timer as unknown as NodeTimer | undefined),
};
