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

/** What a line shows instead of the raw key and principal, when names are known. */
export interface LineNames {
  /** The object's display name (its key when unknown). */
  name: string;
  principal: string;
  /** The change summary of an update or save (change-summary.ts), if any. */
  changes?: string;
}

// The principal column is padded only when a change summary follows it, so summaries start
// in one column for the usual principals (`user:rocketskates`, `runner:node-01`).
const PRINCIPAL_WIDTH = 20;

/**
 * `14:03:12.419  jobs.create               9f1b2c3d-…-0e1f2a3b4c5d  runner:f6ca…` (full key),
 * or with `names`: `14:03:12.419  machines.update  node-01  runner:node-01  Stage a → b`.
 */
export function formatEventLine(e: EventHeader, names?: LineNames): string {
  const typeAction = `${e.type}.${e.action}`;
  const name = names ? names.name : e.key;
  const principal = names ? names.principal : e.principal;
  const changes = names?.changes;
  let line = `${formatTime(e.time)}  ${typeAction.padEnd(TYPE_ACTION_WIDTH)}  ${name.padEnd(KEY_WIDTH)}  `;
  if (changes) line += principal === '' ? changes : `${principal.padEnd(PRINCIPAL_WIDTH)}  ${changes}`;
  else line += principal;
  // Acks and log events have an empty Principal; no trailing spaces then.
  return line.trimEnd();
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
