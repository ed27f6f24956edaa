// What the event commands (drp.openEvent, drp.compareWithOriginal, …) accept as their
// argument, so they can be run from the Events tree, the event table, keybindings and
// scripts alike: a seq number, a numeric string, or any object with a numeric `seq` (an
// Events tree item, the webview context VS Code passes from a table row's context menu,
// `{ seq }`). `{ type, key }` alone names an object, which is enough for Open Latest.

export type EventArgument =
  | { seq: number }
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
  if (isSeq(o.seq)) return { seq: o.seq };
  if (typeof o.type === 'string' && typeof o.key === 'string' && o.type !== '') return { type: o.type, key: o.key };
  return undefined;
}

function isSeq(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}
