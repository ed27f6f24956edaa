// Screenshots of the product at work, for a person to look at (and for the README): the DRP
// sidebar with live traffic, an event's JSON document, and Compare with Original. Each shot
// waits for what it shows to be on screen in the real workbench DOM.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ApiEvent } from '../../src/extension/api';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, clickTreeItem, countInWorkbench, screenshot } from './ui';

const EVENTS_ROWS = '.pane:has(.pane-header .title:text-is("Events")) .monaco-list-row';
const FILTER_ROWS = '.pane:has(.pane-header .title:text-is("Filters")) .monaco-list-row';

/** No toasts, no bottom panel: only what the shot is about. */
async function tidy(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await askUntil(() => countInWorkbench('.notifications-toasts .notification-toast'), (n) => n === 0, 'no toasts');
}

describe('screenshots', () => {
  let ep: TestEndpoint;
  let update: ApiEvent;

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    for (const f of ['machines.*.*', 'jobs.*.*']) await ep.api.register(f);
    await waitForActiveFilters(ep.api);
    const updated = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.type === 'machines' && e.action === 'update', 10_000, 'a machines update');
    ep.sim.startTraffic({ rate: 20 });
    update = await updated;
  });

  after(async () => {
    ep.sim.stopTraffic();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ep.dispose();
  });

  it('sidebar: Filters with counts and the Events tree expanded to a machine', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.drp');
    // Earlier suites may have collapsed or scrolled a view; focusing a view opens it.
    await vscode.commands.executeCommand('drp.filters.focus');
    await vscode.commands.executeCommand('drp.events.focus');
    await tidy();
    await clickTreeItem('Events', 'machines');
    await clickTreeItem('Events', update.key);
    // Type, key, and at least three of its events.
    await askUntil(() => countInWorkbench(EVENTS_ROWS), (n) => n >= 5, 'event rows under the machine');
    // Both filters' rows, with their state in the accessible label.
    await askUntil(() => countInWorkbench(FILTER_ROWS), (n) => n === 2, 'both filter rows');
    await tidy();
    await screenshot('sidebar');
  });

  it('json-document: a machine update’s Object', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('drp.openEvent', update.seq);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    await askUntil(() => countInWorkbench('.editor-instance .view-line'), (n) => n > 10, 'the document’s lines on screen');
    await tidy();
    await screenshot('json-document');
  });

  it('diff: Compare with Original on a machine update', async () => {
    await vscode.commands.executeCommand('drp.compareWithOriginal', update.seq);
    assert.ok(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff);
    // The diff editor marks the changed lines once it has computed them.
    await askUntil(() => countInWorkbench('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert'), (n) => n > 0, 'the diff’s changed lines');
    await tidy();
    await screenshot('diff');
  });
});
