// Time stamps the way the DRP server writes them: Go's RFC3339Nano, UTC, trailing zeros of
// the fraction trimmed (docs/protocol.md §5.1: `…20.08332044Z`, `…22.2154815Z`), and no
// fraction at all when it is zero.

/** Go's zero time.Time, which events posted without a Time carry (docs/protocol.md §7.8). */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const startNs = BigInt(Date.now()) * 1_000_000n;
const startHr = process.hrtime.bigint();

/** Nanoseconds since the epoch: wall clock at load plus a monotonic offset, so stamps never repeat or go back. */
export function nowNanos(): bigint {
  return startNs + (process.hrtime.bigint() - startHr);
}

/** Formats nanoseconds since the epoch as RFC3339Nano with trailing zeros trimmed. */
export function formatRfc3339Nano(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const seconds = new Date(ms).toISOString().slice(0, 19);
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction ? `${seconds}.${fraction}Z` : `${seconds}Z`;
}

/** The current time as the server would stamp an event. */
export function drpNow(): string {
  return formatRfc3339Nano(nowNanos());
}
