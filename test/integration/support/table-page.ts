// Reads the event table's page (webview/*) from an in-host test through the UI bridge. The
// table is virtualized, so "the rows" means the row elements currently showing a row; a row's
// index in the view is read back from its aria-rowindex (its translateY serializes large
// offsets in exponent notation, e.g. 1.16552e+06px, so it cannot be read back exactly).
// Every wait here is a sequence of bridge round trips (IPC with the driver), not a sleep.
import * as vscode from 'vscode';
import { evalInWebview } from '../ui';

/** One rendered row: its index in the view and the six cells' text as the user sees it. */
export interface ShownRow {
  index: number;
  cells: string[];
}

/** Column order of webview/table.ts. */
export const KEY_CELL = 3;

// Shared by the snippets below. ROW_HEIGHT is read from the page: webview/table.ts publishes
// its ROW_HEIGHT as the table's --row-height.
const PAGE_HELPERS = `
  const ROW_HEIGHT = parseFloat(getComputedStyle(document.querySelector('.event-table')).getPropertyValue('--row-height'));
  if (!(ROW_HEIGHT > 0)) throw new Error('the event table publishes no --row-height');
  const viewport = document.querySelector('.event-table .viewport');
  const indexOf = (r) => Number(r.getAttribute('aria-rowindex')) - 2; // the header is row 1
  const rendered = () => [...document.querySelectorAll('.event-table .rows .row')].filter((r) => r.style.display !== 'none');
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const settled = () => {
    const rs = rendered();
    const want = Math.floor(viewport.scrollTop / ROW_HEIGHT);
    return rs.length > 0 && rs.every((r) => !r.classList.contains('loading')) && rs.some((r) => indexOf(r) === want);
  };
`;

/** Polls `read` (each call is a round trip to the driver) until `done` accepts its value. */
export async function waitUntil<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} (last: ${JSON.stringify(v)?.slice(0, 500)})`);
    // A `read` that answers from memory resolves in a microtask; yield so timers and I/O run.
    await new Promise((r) => setImmediate(r));
  }
}

/** Opens (or reveals) the table and waits for its page to be loaded and answering. */
export async function showTable(): Promise<void> {
  await vscode.commands.executeCommand('drp.showEventTable');
  await waitUntil(
    // A page being (re)loaded, as after the panel was hidden, has no frame to ask yet: the
    // bridge's own wait for it can run out on a busy machine, which is not an answer.
    () => evalInWebview('typeof window.__drpTableProbe === "object" && document.querySelector(".event-table .viewport") !== null').catch(() => false),
    (v) => v === true,
    'the event table page',
  );
}

/** The view's row count as the page knows it (the host's extent). */
export async function rowCount(): Promise<number> {
  return (await evalInWebview('window.__drpTableProbe.rowCount()')) as number;
}

/** The rows on screen now, in view order; rows still loading are left out. */
export async function shownRows(): Promise<ShownRow[]> {
  return (await evalInWebview(`(() => {${PAGE_HELPERS}
    return rendered().filter((r) => !r.classList.contains('loading'))
      .map((r) => ({ index: indexOf(r), cells: [...r.children].map((c) => c.textContent) }))
      .sort((a, b) => a.index - b.index);
  })()`)) as ShownRow[];
}

/**
 * Every row's cells, top to bottom: scrolls the table a screen at a time (which stops
 * follow-tail, as a user scrolling up would) and reads each screen once its rows arrived.
 */
export async function readAllRows(): Promise<string[][]> {
  return (await evalInWebview(`(async () => {${PAGE_HELPERS}
    const count = window.__drpTableProbe.rowCount();
    const byIndex = new Map();
    const step = Math.max(ROW_HEIGHT, viewport.clientHeight - 2 * ROW_HEIGHT);
    for (let top = 0; byIndex.size < count; top += step) {
      viewport.scrollTop = top;
      const deadline = performance.now() + 5000;
      do {
        await frame();
        if (performance.now() > deadline) throw new Error('rows at ' + top + 'px did not arrive within 5 s');
      } while (!settled());
      for (const r of rendered()) byIndex.set(indexOf(r), [...r.children].map((c) => c.textContent));
      if (viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight) break;
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  })()`)) as string[][];
}

/** Keys of every row, top to bottom. */
export async function readAllKeys(): Promise<string[]> {
  return (await readAllRows()).map((cells) => cells[KEY_CELL]);
}

/** Scrolls to the newest row and turns follow-tail back on (the End key's job). */
export async function followTail(): Promise<void> {
  await evalInWebview(`(() => {
    const v = document.querySelector('.event-table .viewport');
    v.focus();
    v.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
  })()`);
}

/** The JS (for evalInWebview) that resolves once the rows for the current scroll position show. */
export const SETTLED_JS = PAGE_HELPERS;
