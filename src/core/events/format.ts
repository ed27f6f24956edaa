// Text for the output channel. These run for every event on the hot path, so they avoid
// Intl and per-call allocations beyond the result string.

import type { EventHeader } from './event';

// Column widths of an event line. `type.action` of real events is at most ~28 characters
// (`plugin_providers.create`); keys are UUIDs (36) for machines and jobs. Wider values
// push the next column right rather than being cut: a key is what a user searches for.
const TYPE_ACTION_WIDTH = 24;
const KEY_WIDTH = 36;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`;
}

/**
 * Local wall-clock time `HH:MM:SS.mmm` of an RFC 3339 time (as DRP writes it; fractions
 * past milliseconds are dropped) or of epoch milliseconds. Text that is not a time is
 * returned unchanged, so a hand-made recording still shows something.
 */
export function formatTime(time: string | number): string {
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) return String(time);
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${pad3(d.getMilliseconds())}`;
}

/** `14:03:12.419  jobs.create               9f1b2c3d-…-0e1f2a3b4c5d  runner:f6ca…` (full key). */
export function formatEventLine(e: EventHeader): string {
  const typeAction = `${e.type}.${e.action}`;
  const line = `${formatTime(e.time)}  ${typeAction.padEnd(TYPE_ACTION_WIDTH)}  ${e.key.padEnd(KEY_WIDTH)}  ${e.principal}`;
  // Acks and log events have an empty Principal; no trailing spaces then.
  return e.principal === '' ? line.trimEnd() : line;
}

/**
 * A visible break in the output: the stream was down from `from` (or `at`) to `to`, and
 * events in between were not received. `reason` is already a sentence.
 */
export function formatGapLine(gap: { from?: number; at?: number; to?: number; reason: string }): string {
  const from = gap.from ?? gap.at;
  const start = from === undefined ? '--:--:--.---' : formatTime(from);
  const until = gap.to === undefined ? '' : ` until ${formatTime(gap.to)}`;
  return `${start}  ── gap${until} ── ${gap.reason}`;
}
