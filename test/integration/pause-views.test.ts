// One pause for the views, through the real workbench: Pause Views in the event table also
// pauses the Events view (its title bar then offers Resume Views), the status bar says the
// views are paused and how many events arrived since, the table's toolbar controls stay where
// they were, and Resume Views in the Events view's title bar resumes both.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startStreamingEndpoint, waitForEvent, type TestEndpoint } from './support/endpoint';
import { rowCount, showTable, waitUntil } from './support/table-page';
import { askUntil, clickInWebview, clickInWorkbench, countInWorkbench, evalInWebview, screenshot, webviewText, workbenchText } from './ui';

const EVENTS_HEADER = '.pane-header:has(.title:text-is("Events"))';
const titleAction = (label: string) => `${EVENTS_HEADER} .actions .action-label[aria-label="${label}"]`;
const PAUSED_ITEM = '.statusbar-item:has-text("DRP: paused")';
const TABLE_PAUSE = 'vscode-button.pause';

/** Each toolbar control's left edge and width, in order. */
async function controlBoxes(): Promise<{ left: number; width: number }[]> {
  return (await evalInWebview(
    `[...document.querySelectorAll('.toolbar .controls > *')].map((e) => { const r = e.getBoundingClientRect(); return { left: r.left, width: r.width }; })`,
  )) as { left: number; width: number }[];
}

describe('Pause Views', function () {
  this.timeout(60_000);
  let ep: TestEndpoint;

  async function publish(keys: string[]): Promise<void> {
    const want = new Set(keys);
    const arrived = waitForEvent(ep.api.onDidReceiveEvent, (e) => want.delete(e.key) && want.size === 0, 10_000, `events ${keys.join(', ')}`);
    for (const key of keys) ep.sim.publish({ Type: 'machines', Action: 'update', Key: key, Object: { Name: key }, Original: { Name: key } });
    await arrived;
  }

  before(async function () {
    this.timeout(60_000);
    ep = await startStreamingEndpoint('machines.*.*');
  });

  after(async () => {
    await vscode.commands.executeCommand('drp.resume');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ep?.dispose();
  });

  it('Pause in the table pauses the Events view and the status bar says so; the toolbar stays put; Resume in the Events title resumes both', async () => {
    await publish(['pause-a', 'pause-b']);
    await vscode.commands.executeCommand('drp.events.focus');
    await showTable();
    await waitUntil(rowCount, (c) => c === ep.api.getEvents().length, 'the rows of the buffered events');
    assert.equal(await countInWorkbench(titleAction('Pause Views')), 1, 'the Events title offers Pause Views');
    assert.equal(await countInWorkbench(PAUSED_ITEM), 0, 'no paused item before pausing');
    const before = await controlBoxes();

    await clickInWebview(TABLE_PAUSE);
    await askUntil(() => countInWorkbench(titleAction('Resume Views')), (n) => n === 1, 'Resume Views in the Events title');
    assert.equal(await countInWorkbench(titleAction('Pause Views')), 0);

    const held = Array.from({ length: 8 }, (_, i) => `held-${i}`);
    await publish(held);
    const status = await askUntil(() => workbenchText(PAUSED_ITEM), (t) => t.includes('paused · 8 new'), 'the status bar to say paused · 8 new');
    assert.equal(status, 'DRP: paused · 8 new');
    await waitUntil(() => webviewText('.toolbar .badge.held'), (t) => t === '8', 'the table badge saying 8');
    assert.equal(await evalInWebview(`document.querySelector('${TABLE_PAUSE}').textContent.includes('Resume Views')`), true);
    assert.deepEqual(await controlBoxes(), before, 'every toolbar control kept its place and width');

    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('drp.events.focus'); // a focused view shows its title actions
    await screenshot('views-paused');

    await clickInWorkbench(titleAction('Resume Views'), { hover: EVENTS_HEADER });
    await askUntil(() => countInWorkbench(PAUSED_ITEM), (n) => n === 0, 'the paused item to go');
    assert.equal(await countInWorkbench(titleAction('Pause Views')), 1, 'the Events title offers Pause Views again');
    await waitUntil(() => evalInWebview(`document.querySelector('${TABLE_PAUSE}').getAttribute('aria-label')`), (l) => l === 'Pause Views', 'the table to offer Pause Views');
    await waitUntil(rowCount, (c) => c === ep.api.getEvents().length, 'the held events as rows');
    assert.deepEqual(await controlBoxes(), before, 'the toolbar is back as it was');
    // Move the pointer off the title button: its hover would cover the next test's first tree row.
    await clickInWorkbench('.tabs-container .tab:has-text("DRP Event Table")');
  });
});
