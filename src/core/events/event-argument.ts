// What the event commands (drp.openEvent, drp.compareWithOriginal, …) accept as their
// argument, so they can be run from the Events tree, the event table, keybindings and
// scripts alike: a seq number, a numeric string, or any object with a numeric `seq` (an
// Events tree item, a table row, `{ seq }`). `{ type, key }` alone names an object, which
// is enough for Open Latest. A `recording` beside the seq names an opened recording's event
// (core/events/recording.ts) instead of the live buffer's.

import { isRecordingId } from './recording';

export type EventArgument =
  | { seq: number; recording?: string }
  | { type: string; key: string };

export function readEventArgument(arg: unknown): EventArgument | undefined {
  if (typeof arg === 'number') return isSeq(arg) ? { seq: arg } : undefined;
  if (typeof arg === 'string') {
    const trimmed = arg.trim().replace(/^#/, '');
    if (!/^\d+$/.test(trimmed)) return undefined;
    const seq = Number(trimmed);
    return isSeq(seq) ? { seq } : undefined;
  }
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as Record<string, unknown>;
  if (isSeq(o.seq)) return isRecordingId(o.recording) ? { seq: o.seq, recording: o.recording } : { seq: o.seq };
  if (typeof o.type === 'string' && typeof o.key === 'string' && o.type !== '') return { type: o.type, key: o.key };
  return undefined;
}

function isSeq(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}
