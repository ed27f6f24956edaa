// Export and Open Event Recording through the real UI: the save dialog (VS Code's simple file
// dialog in this web workbench, a quick input holding the path) starts in the workspace
// folder with a dated file name, the notification after saving offers Open and Reveal, and a
// recording opens as its own read-only table tab, apart from the live stream.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EVENTS_CHANNEL, channelText } from './support/channels';
import { startStreamingEndpoint, waitForEvent, type TestEndpoint } from './support/endpoint';
import { KEY_CELL, readAllRows, rowCount, showTable, waitUntil } from './support/table-page';
import {
  askUntil,
  clickInWebview,
  clickInWorkbench,
  countInWorkbench,
  evalInWebview,
  quickInputValue,
  runPaletteCommand,
  screenshot,
  typeInQuickInput,
  countInWebview,
  webviewText,
  workbenchText,
  clickContextMenuItem,
} from './ui';

const EVENT_ROWS = '.pane:has(.pane-header .title:text-is("Events")) .monaco-list-rows';
const toast = (text: string) => `.notification-toast:has-text("${text}")`;

describe('event recordings', function () {
  this.timeout(60_000);
  let ep: TestEndpoint;
  let workspace: string;
  /** Files this suite writes into the workspace folder, removed afterwards. */
  const written: string[] = [];

  /** Publishes machine updates with these keys and waits until the extension buffered them all. */
  async function publish(keys: string[]): Promise<void> {
    const want = new Set(keys);
    const arrived = waitForEvent(ep.api.onDidReceiveEvent, (e) => want.delete(e.key) && want.size === 0, 10_000, `events ${keys.join(', ')}`);
    for (const key of keys) ep.sim.publish({ Type: 'machines', Action: 'update', Key: key, Principal: 'user:rocketskates', Object: { Name: key, n: 2 }, Original: { Name: key, n: 1 } });
    await arrived;
  }

  /**
   * evalInWebview on a page VS Code is still loading: the driver gives up on a frame that
   * is not there within 10 s, which a busy machine can exceed, so that answer means "not yet".
   */
  async function whenLoaded(js: string): Promise<unknown> {
    try {
      return await evalInWebview(js);
    } catch (err) {
      if (/Timeout \d+ms exceeded/.test(String(err))) return undefined;
      throw err;
    }
  }

  /** Right-clicks the row with `key` in the page's table and chooses `label` in VS Code's menu for it. */
  async function chooseFromRowMenu(key: string, label: string): Promise<void> {
    await clickInWebview(`.event-table .rows .row:not(.loading):has(.cell[title=${JSON.stringify(key)}])`, { button: 'right', position: { x: 40, y: 5 } });
    await clickContextMenuItem(label);
  }

  /** The save dialog's path once it has its file name (it shows the folder first). */
  const suggestedFile = () => askUntil(quickInputValue, (v) => v.endsWith('.ndjson'), 'a file name in the save dialog');

  /**
   * Clicks `button` on the notification saying `text`, in the notification center: a toast
   * hides on its own after a while, which a busy machine can outlast.
   */
  async function clickNotificationButton(text: string, button: string): Promise<void> {
    await vscode.commands.executeCommand('notifications.showList');
    await clickInWorkbench(`.notifications-center .notification-list-item:has-text("${text}") .monaco-button:text-is("${button}")`);
    await vscode.commands.executeCommand('notifications.hideList');
  }

  /** A frame as the endpoint writes it. */
  const frame = (type: string, action: string, key: string, object: unknown, original: unknown = null) =>
    JSON.stringify({ Time: '2026-11-28T03:52:16.862847807Z', Type: type, Action: action, Key: key, Principal: 'user:recorder', Object: object, Original: original });

  before(async function () {
    this.timeout(60_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the driver opens a workspace folder');
    workspace = folder.uri.fsPath;
    ep = await startStreamingEndpoint('machines.*.*');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    await ep?.dispose();
    for (const f of written) rmSync(f, { force: true });
  });

  it('suggests drp-events-YYYYMMDD-HHMMSS.ndjson in the workspace folder, then offers Open and Reveal in Explorer View', async () => {
    await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
    await vscode.commands.executeCommand('notifications.clearAll');
    await publish(['export-0', 'export-1', 'export-2']);

    await runPaletteCommand('DRP: Export Events as NDJSON…');
    const suggested = await suggestedFile();
    assert.match(suggested, /^(.*)\/drp-events-\d{8}-\d{6}\.ndjson$/, `the dialog suggests ${suggested}`);
    assert.equal(suggested.slice(0, suggested.lastIndexOf('/')), workspace, 'the dialog starts in the workspace folder, not the file system root');
    const stamp = /drp-events-(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)/.exec(suggested)!.slice(1).map(Number);
    const named = new Date(stamp[0], stamp[1] - 1, stamp[2], stamp[3], stamp[4], stamp[5]).getTime();
    assert.ok(Math.abs(Date.now() - named) < 120_000, 'the name is the local time of the export');

    const file = join(workspace, `exported-${Date.now()}.ndjson`);
    written.push(file);
    await typeInQuickInput(file, { submit: true });
    const message = `Exported 3 events to ${file}`;
    await askUntil(() => countInWorkbench(toast(message)), (n) => n === 1, `the notification "${message}"`);
    assert.deepEqual(readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { Key: string }).Key), ['export-0', 'export-1', 'export-2']);
    const buttons = (await workbenchText(`${toast(message)} .notification-list-item-buttons-container`)).split(/\s*\n\s*/);
    assert.deepEqual(buttons, ['Open', 'Reveal in Explorer View']);
    await screenshot('export-notification');

    // Reveal selects the file in the Explorer view.
    await clickNotificationButton(message, 'Reveal in Explorer View');
    const name = file.slice(file.lastIndexOf('/') + 1);
    await askUntil(
      () => countInWorkbench(`.explorer-folders-view .monaco-list-row.selected[aria-label="${name}"], .explorer-folders-view .monaco-list-row.focused[aria-label="${name}"]`),
      (n) => n === 1,
      `${name} selected in the Explorer view`,
    );

    // A second export, kept where the dialog suggests; Open shows the file in an editor.
    await runPaletteCommand('DRP: Export Events as NDJSON…');
    const second = await suggestedFile();
    written.push(second);
    await typeInQuickInput(second, { submit: true });
    const opened = waitForEvent(vscode.window.onDidChangeActiveTextEditor, (e) => e?.document.uri.fsPath === second, 10_000, `an editor on ${second}`);
    await askUntil(() => countInWorkbench(`.notification-toast:has-text("Exported 3 events to ${second}"), .notification-list-item:has-text("Exported 3 events to ${second}")`), (n) => n > 0, 'the second notification');
    await clickNotificationButton(`Exported 3 events to ${second}`, 'Open');
    const editor = await opened;
    assert.equal(editor?.document.getText(), readFileSync(second, 'utf8'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a recording as its own read-only tab titled with the file name, apart from the live stream', async () => {
    await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
    await vscode.commands.executeCommand('notifications.clearAll');
    await publish(['live-0', 'live-1']);
    const liveBefore = ep.api.getEvents().map((e) => e.key);
    const countBefore = ep.api.getFilters()[0].count;

    const recorded = ['rec-a', 'rec-b', 'rec-c', 'rec-d'];
    const file = join(workspace, 'recording-test.ndjson');
    written.push(file);
    const lines = recorded.map((key) => frame('reservations', 'update', key, { Addr: key, Strategy: 'MAC' }, { Addr: key }));
    lines.splice(2, 0, '{"not":"an event"}');
    writeFileSync(file, lines.join('\n') + '\n');

    await showTable();
    await runPaletteCommand('DRP: Open Event Recording (NDJSON)…');
    await quickInputValue();
    await typeInQuickInput(file, { submit: true });

    // Its own tab, titled with the file name and active, holding the recording's page.
    await askUntil(() => countInWorkbench('.tabs-container .tab.active:has(.label-name:text-is("recording-test.ndjson"))'), (n) => n === 1, 'the recording-test.ndjson tab');
    assert.equal(await countInWorkbench('.tabs-container .tab:has(.label-name:text-is("DRP Event Table"))'), 1, 'the live table keeps its own tab');
    await waitUntil(() => whenLoaded('document.querySelector(\'meta[name="drp-recording"]\') !== null && typeof window.__drpTableProbe === "object"'), (v) => v === true, 'the recording page', 30_000);
    const banner = await webviewText('.recording-banner');
    assert.match(banner, /^Recording of 4 events from recording-test\.ndjson; 1 line that is not a DRP event left out\. Read-only/);
    await askUntil(() => countInWorkbench(toast('skipped 1 line that is not a DRP event (line 3:')), (n) => n === 1, 'the warning about the skipped line');

    // Read-only: no Pause, Clear or Follow, no rate or connection; search and export stay.
    const buttons = (await evalInWebview('[...document.querySelectorAll(".toolbar vscode-button")].filter((b) => !b.hidden).map((b) => b.textContent.trim())')) as string[];
    assert.deepEqual(buttons, ['Export View…', 'Export All…', 'Import…']);
    assert.equal(await evalInWebview('document.querySelectorAll(".toolbar canvas, .toolbar .connection").length'), 0);
    await waitUntil(() => webviewText('.toolbar .counters'), (t) => t === '4 shown of 4 recorded events', 'the counters');

    // The rows are the file's events in file order.
    await waitUntil(rowCount, (c) => c === recorded.length, 'four rows');
    const rows = await readAllRows();
    assert.deepEqual(rows.map((r) => r[KEY_CELL]), recorded);
    assert.deepEqual(rows.map((r) => r[1]), recorded.map(() => 'reservations'));
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('recording-table');

    // Apart from the live stream: a live event published after the import is the barrier;
    // once the views show it, they would show the recorded ones too if they had them.
    await publish(['live-after']);
    assert.deepEqual(ep.api.getEvents().map((e) => e.key), [...liveBefore, 'live-after'], 'the live buffer holds no recorded event');
    assert.equal(ep.api.getFilters()[0].count, countBefore + 1, 'the filter counted only the live event');
    const output = await channelText(EVENTS_CHANNEL, (t) => t.includes('live-after'));
    for (const key of recorded) assert.ok(!output.includes(key), `the DRP Events channel does not list ${key}`);
    await vscode.commands.executeCommand('drp.events.focus');
    const tree = await askUntil(() => workbenchText(EVENT_ROWS), (t) => t.replace(/\s+/g, '').includes(`machines${liveBefore.length + 1}`), 'the Events tree with the live events');
    assert.doesNotMatch(tree, /reservations|rec-/, 'the Events tree shows no recorded event');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("opens a recorded event's JSON and its diff from the recording tab", async () => {
    const file = join(workspace, 'recording-open.ndjson');
    written.push(file);
    writeFileSync(file, [
      frame('profiles', 'create', 'prof-new', { Name: 'prof-new', Params: { tier: 'gold' } }),
      frame('profiles', 'update', 'prof-changed', { Name: 'prof-changed', Params: { tier: 'silver' } }, { Name: 'prof-changed', Params: { tier: 'bronze' } }),
    ].join('\n'));
    assert.ok(existsSync(file));
    await runPaletteCommand('DRP: Open Event Recording (NDJSON)…');
    await quickInputValue();
    await typeInQuickInput(file, { submit: true });
    await askUntil(() => countInWorkbench('.tabs-container .tab.active:has(.label-name:text-is("recording-open.ndjson"))'), (n) => n === 1, 'the recording-open.ndjson tab');
    await waitUntil(() => whenLoaded('typeof window.__drpTableProbe === "object" && document.querySelector(".recording-banner") !== null'), (v) => v === true, 'the recording page', 30_000);
    await waitUntil(rowCount, (c) => c === 2, 'two rows');

    // A click on the row opens the recorded object, named by the recording (URI authority).
    const opened = waitForEvent(vscode.workspace.onDidOpenTextDocument, (d) => d.uri.scheme === 'drp-event' && d.uri.path.endsWith('-object.json'), 10_000, 'the event document');
    await clickInWebview('.event-table .rows .row:not(.loading):has(.cell[title="prof-changed"])');
    const doc = await opened;
    assert.match(doc.uri.authority, /^recording-\d+$/, `${doc.uri.toString()} names the recording`);
    assert.deepEqual(JSON.parse(doc.getText()), { Name: 'prof-changed', Params: { tier: 'silver' } });

    // Compare with Original from the row's context menu (back in the recording's tab, whose
    // page VS Code reloads) opens the recorded diff. The document opens before its editor
    // shows, and that editor takes the focus: switch back only once its tab is there.
    const shown = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString()));
    await waitUntil(async () => shown(), (v) => v, 'the event document\'s tab');
    await clickInWorkbench('.tabs-container .tab:has(.label-name:text-is("recording-open.ndjson"))');
    await waitUntil(async () => vscode.window.tabGroups.activeTabGroup.activeTab?.label, (l) => l === 'recording-open.ndjson', 'the recording tab active again');
    await waitUntil(() => whenLoaded('typeof window.__drpTableProbe === "object" && document.querySelector(".recording-banner") !== null && window.__drpTableProbe.rowCount() === 2'), (v) => v === true, 'the recording page again', 30_000);
    await waitUntil(() => countInWebview('.event-table .rows .row:not(.loading):has(.cell[title="prof-changed"])'), (n) => n === 1, 'the prof-changed row');
    await chooseFromRowMenu('prof-changed', 'Compare with Original');
    // It opens beside the table, in whichever group that is.
    const diff = (await waitUntil(
      async () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.input).find((input) => input instanceof vscode.TabInputTextDiff),
      (input) => input !== undefined,
      'the diff editor',
    )) as vscode.TabInputTextDiff;
    assert.equal(diff.original.authority, doc.uri.authority);
    assert.deepEqual(JSON.parse((await vscode.workspace.openTextDocument(diff.original)).getText()), { Name: 'prof-changed', Params: { tier: 'bronze' } });
    assert.deepEqual(JSON.parse((await vscode.workspace.openTextDocument(diff.modified)).getText()), { Name: 'prof-changed', Params: { tier: 'silver' } });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
