// Client side of the UI bridge (see test/harness/bridge-protocol.ts): lets a test running
// in the extension host ask the Playwright driver to click, type and read the real
// workbench DOM. Polling for the response file is IPC with another process, not a sleep.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  BridgeRequestName,
  BridgeRequests,
  BridgeResponse,
  requestFileName,
  responseFileName,
  type WorkbenchDialog,
} from '../harness/bridge-protocol';

/** Below mocha's 30 s test timeout, so a stuck request fails with its own message. */
const RESPONSE_TIMEOUT_MS = 25_000;
const POLL_MS = 40;

export async function askDriver<K extends BridgeRequestName>(
  request: K,
  args: BridgeRequests[K]['args'],
): Promise<BridgeRequests[K]['result']> {
  const dir = process.env.HARNESS_BRIDGE_DIR;
  if (!dir) {
    throw new Error(
      'HARNESS_BRIDGE_DIR is not set: UI tests must run under the driver (node dist/test/runInServer.js).',
    );
  }
  const id = randomUUID();
  const target = join(dir, requestFileName(id));
  // Write then rename, so the driver never reads half a request.
  writeFileSync(target + '.tmp', JSON.stringify({ id, request, args }));
  renameSync(target + '.tmp', target);

  const resPath = join(dir, responseFileName(id));
  const deadline = Date.now() + RESPONSE_TIMEOUT_MS;
  while (!existsSync(resPath)) {
    if (Date.now() > deadline) {
      throw new Error(`The driver did not answer "${request}" within ${RESPONSE_TIMEOUT_MS / 1000} s.`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const res = JSON.parse(readFileSync(resPath, 'utf8')) as BridgeResponse;
  rmSync(resPath, { force: true });
  if (res.error) throw new Error(`UI bridge "${request}" failed: ${res.error}`);
  return res.result as BridgeRequests[K]['result'];
}

/** F1, type ">title", wait for the row whose label is exactly `title`, Enter. */
export async function runPaletteCommand(title: string): Promise<void> {
  await askDriver('runPaletteCommand', { title });
}

/** Fill the open quick input (input box or quick pick filter); Enter when `submit`. */
export async function typeInQuickInput(text: string, opts: { submit?: boolean } = {}): Promise<void> {
  await askDriver('typeInQuickInput', { text, submit: opts.submit ?? false });
}

/** The validation message currently shown under the quick input ('' when none). */
export async function quickInputMessage(): Promise<string> {
  return askDriver('quickInputMessage', {});
}

/** What the open quick input's box holds now, e.g. the path a file dialog suggests (waits for it to open). */
export async function quickInputValue(): Promise<string> {
  return askDriver('quickInputValue', {});
}

/** Choose the item labelled exactly `label` in the open quick pick. */
export async function pickQuickItem(label: string): Promise<void> {
  await askDriver('pickQuickItem', { label });
}

/** A Playwright key name, e.g. 'Escape', 'Enter', 'Control+Shift+P'. */
export async function pressKey(key: string): Promise<void> {
  await askDriver('pressKey', { key });
}

/** Click the row labelled `label` in the sidebar view titled `viewTitle` (must be visible). */
export async function clickTreeItem(
  viewTitle: string,
  label: string,
  opts: { button?: 'left' | 'right' } = {},
): Promise<void> {
  await askDriver('clickTreeItem', { viewTitle, label, button: opts.button ?? 'left' });
}

/** Choose `label` in the context menu that is open. */
export async function clickContextMenuItem(label: string): Promise<void> {
  await askDriver('clickContextMenuItem', { label });
}

/** The open context menu's items in order: "label" or "label keybinding", "---" for a separator. */
export async function contextMenuItems(): Promise<string[]> {
  return askDriver('contextMenuItems', {});
}

/** Elements matching `selector` in the active webview's document (0 when none yet). */
export async function countInWebview(selector: string): Promise<number> {
  return askDriver('countInWebview', { selector });
}

/** Text of the first element matching `selector` in the active webview. */
export async function webviewText(selector: string): Promise<string> {
  return askDriver('webviewText', { selector });
}

/** Click in the active webview; `position` is px from the element's top-left (default its centre). */
export async function clickInWebview(
  selector: string,
  opts: { button?: 'left' | 'right'; position?: { x: number; y: number } } = {},
): Promise<void> {
  await askDriver('clickInWebview', { selector, ...opts });
}

/** Move the mouse over the first element matching `selector` in the active webview. */
export async function hoverInWebview(selector: string): Promise<void> {
  await askDriver('hoverInWebview', { selector });
}

/** Replace the value of the input matching `selector` in the active webview. */
export async function typeInWebview(selector: string, text: string): Promise<void> {
  await askDriver('typeInWebview', { selector, text });
}

/** Evaluate a JS expression in the active webview's frame; promises are awaited. */
export async function evalInWebview(js: string): Promise<unknown> {
  return askDriver('evalInWebview', { js });
}

/** Save a PNG of the workbench to test-results/<name>.png; returns its path. */
export async function screenshot(name: string): Promise<string> {
  return askDriver('screenshot', { name });
}

/** Text of the first workbench element matching `selector`, e.g. a status bar item. */
export async function workbenchText(selector: string): Promise<string> {
  return askDriver('workbenchText', { selector });
}

/** Workbench elements matching `selector` now, e.g. '.notification-toast' (0 when none). */
export async function countInWorkbench(selector: string): Promise<number> {
  return askDriver('countInWorkbench', { selector });
}

/**
 * Click the first workbench element matching `selector`, after hovering `opts.hover` (an
 * inline tree action or a view title button is shown only while its row or pane is hovered).
 */
export async function clickInWorkbench(selector: string, opts: { hover?: string } = {}): Promise<void> {
  await askDriver('clickInWorkbench', { selector, ...(opts.hover ? { hover: opts.hover } : {}) });
}

/** The workbench's modal dialog now (its message, detail, buttons and focused button), or null. */
export async function workbenchDialog(): Promise<WorkbenchDialog | null> {
  return askDriver('dialog', {});
}

/** Waits for the workbench's modal dialog; fails after 10 s if none opens. */
export async function waitForDialog(what: string): Promise<WorkbenchDialog> {
  return (await askUntil(workbenchDialog, (d) => d !== null, what))!;
}

/** Click the button labelled exactly `label` in the workbench's modal dialog. */
export async function clickDialogButton(label: string): Promise<void> {
  await askDriver('clickDialogButton', { label });
}

/**
 * Resizes the workbench's browser page (the window a user would drag smaller); answers the
 * size it had, so a test can put it back.
 */
export async function setViewportSize(width: number, height: number): Promise<{ width: number; height: number }> {
  return askDriver('setViewportSize', { width, height });
}

/**
 * Hovers the first workbench element matching `selector` and reads the tooltip it opens,
 * with the non-breaking spaces the rendered markdown uses read as plain spaces.
 */
export async function hoverText(selector: string): Promise<string> {
  return (await askDriver('hoverText', { selector })).replace(/[^\S\n]+/g, ' ');
}

/**
 * Asks the driver until `done` accepts the answer; each ask is a round trip to the real
 * workbench, so this waits on what the UI shows rather than on a timer. Fails after 10 s
 * with the last answer, so a hung check says what it saw.
 */
export async function askUntil<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} (last: ${JSON.stringify(v)})`);
  }
}
