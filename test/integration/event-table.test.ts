// The event table in the real workbench, against a simulated endpoint: rows for live events,
// host-side search, pause/resume, a row click opening the JSON, NDJSON export/import (more in
// recordings.test.ts), and an event carrying markup rendered as text. The page is read through the UI bridge.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseEventDocumentPath } from '../../src/core/events/document-uri';
import type { ApiEvent } from '../../src/extension/api';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { KEY_CELL, followTail, readAllKeys, rowCount, showTable, shownRows, waitUntil } from './support/table-page';
import { clickInWebview, countInWebview, evalInWebview, screenshot, typeInWebview, webviewText } from './ui';

const SEARCH_INPUT = 'vscode-text-field.search input';
const PAUSE_BUTTON = 'vscode-button.pause[aria-label="Pause Views"]';
const RESUME_BUTTON = 'vscode-button.pause[aria-label^="Resume Views"]';

describe('event table', function () {
  this.timeout(60_000);
  let ep: TestEndpoint;

  const keys = (events: ApiEvent[]) => events.map((e) => e.key);

  /** Publishes machine updates with these keys and waits until the extension buffered them all. */
  async function publish(keyList: string[], object: (key: string, i: number) => unknown = (key) => ({ Name: key })): Promise<void> {
    const want = new Set(keyList);
    const arrived = waitForEvent(ep.api.onDidReceiveEvent, (e) => want.delete(e.key) && want.size === 0, 10_000, `events ${keyList.join(', ')}`);
    keyList.forEach((key, i) => ep.sim.publish({ Type: 'machines', Action: 'update', Key: key, Principal: 'user:rocketskates', Object: object(key, i), Original: { Name: key } }));
    await arrived;
  }

  /** Waits until the table's view holds exactly the buffered events. */
  async function rowsMatchBuffer(): Promise<number> {
    // The buffer is read on every poll: an event still in flight may land meanwhile.
    const [rows] = await waitUntil(async () => [await rowCount(), ep.api.getEvents().length], ([c, n]) => c === n, 'as many rows as buffered events');
    return rows;
  }

  before(async function () {
    this.timeout(60_000);
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open', 30_000);
    const check = await ep.api.register('*.*.*');
    assert.ok(check.ok);
    await waitForActiveFilters(ep.api);
    await showTable();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ep?.dispose();
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('drp.resume');
    await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
    await showTable();
    await waitUntil(rowCount, (c) => c === 0, 'an empty table');
  });

  it('shows a row for each live event, newest last', async () => {
    const sent = Array.from({ length: 12 }, (_, i) => `live-${String(i).padStart(2, '0')}`);
    await publish(sent);
    await rowsMatchBuffer();
    const buffered = keys(ep.api.getEvents());
    for (const k of sent) assert.ok(buffered.includes(k), `${k} is buffered`);
    // Following the tail, the newest row is on screen.
    const onScreen = await shownRows();
    assert.equal(onScreen.at(-1)?.cells[KEY_CELL], buffered.at(-1));
    assert.deepEqual(await readAllKeys(), buffered);
    await followTail();
  });

  it('keeps the "N shown" counter equal to the rows after every batch', async () => {
    // Rows and counter read in one evaluation, so both come from the same moment on the page.
    const page = async () => (await evalInWebview(
      '({ rows: window.__drpTableProbe.rowCount(), text: document.querySelector(".toolbar .counters")?.textContent ?? "" })',
    )) as { rows: number; text: string };
    const shownIn = (text: string) => Number(/^([\d,.\s]+) shown/.exec(text)?.[1]?.replace(/\D/g, '') ?? NaN);
    for (let batch = 0; batch < 4; batch++) {
      await publish(Array.from({ length: 5 }, (_, i) => `count-${batch}-${i}`));
      // The first moment the new rows are there, the counter must already say so.
      const now = await waitUntil(page, (p) => p.rows === ep.api.getEvents().length, `the rows of batch ${batch + 1}`);
      assert.equal(shownIn(now.text), now.rows, `batch ${batch + 1}: the counter reads "${now.text}" with ${now.rows} rows in the view`);
      // The buffered count comes with the same batch (in the next message, not a second later).
      await waitUntil(page, (p) => p.text.includes(` shown · ${p.rows.toLocaleString('en-US')} / `), `"${now.rows} buffered" in the counter`, 900);
    }
  });

  it('narrows the rows to events whose JSON contains the search text', async () => {
    // The needle is in the Object only, so this proves the search covers the raw JSON.
    const sent = Array.from({ length: 10 }, (_, i) => `search-${i}`);
    await publish(sent, (key, i) => ({ Name: key, Description: i % 3 === 0 ? 'rack Needle-7731 slot' : 'rack 12' }));
    const before = await rowsMatchBuffer();
    const expected = ep.api.getEvents().filter((e) => e.raw.toLowerCase().includes('needle-7731'));
    assert.equal(expected.length, 4);

    await typeInWebview(SEARCH_INPUT, 'NEEDLE-7731');
    const after = await waitUntil(rowCount, (c) => c === expected.length, `${expected.length} rows after the search`);
    assert.ok(after < before, `the count dropped (${before} → ${after})`);
    assert.deepEqual(await readAllKeys(), keys(expected));

    await typeInWebview(SEARCH_INPUT, '');
    await rowsMatchBuffer();
    await followTail();
  });

  it('holds new rows while paused, with a badge counting them, and releases them on resume', async () => {
    await publish(['pause-0', 'pause-1', 'pause-2', 'pause-3', 'pause-4']);
    const shownBefore = await rowsMatchBuffer();
    const keysBefore = await readAllKeys();
    await followTail();

    await clickInWebview(PAUSE_BUTTON);
    await waitUntil(() => evalInWebview(`document.querySelectorAll('${RESUME_BUTTON}').length`), (n) => n === 1, 'the Resume button');
    const held = Array.from({ length: 7 }, (_, i) => `held-${i}`);
    await publish(held);
    await waitUntil(() => webviewText('.badge'), (t) => t === String(held.length), `a badge saying ${held.length}`);
    assert.equal(await rowCount(), shownBefore, 'no rows were added while paused');
    assert.deepEqual(await readAllKeys(), keysBefore);

    await clickInWebview(RESUME_BUTTON);
    await rowsMatchBuffer();
    const all = keys(ep.api.getEvents());
    for (const k of held) assert.ok(all.includes(k), `${k} is buffered`);
    assert.deepEqual(await readAllKeys(), all, 'every buffered event is a row after resume');
    assert.equal(await evalInWebview(`document.querySelector('.badge').hidden`), true, 'the badge is gone');
    await followTail();
  });

  it('opens the object of a clicked row as a JSON document beside the table, which stays visible', async () => {
    await publish(['click-before', 'click-target', 'click-after'], (key) => ({ Name: key, Params: { rack: 7, tags: ['a', 'b'] } }));
    await rowsMatchBuffer();
    const target = ep.api.getEvents().find((e) => e.key === 'click-target');
    assert.ok(target);
    await waitUntil(shownRows, (rows) => rows.some((r) => r.cells[KEY_CELL] === 'click-target'), 'the click-target row');

    const isEvent = (e: vscode.TextEditor) => e.document.uri.scheme === 'drp-event';
    const opened = waitForEvent(vscode.window.onDidChangeVisibleTextEditors, (editors) => editors.some(isEvent), 10_000, 'the event document');
    await clickInWebview('.event-table .rows .row:not(.loading):has(.cell[title="click-target"])');
    const editor = (await opened).find(isEvent);
    assert.ok(editor);
    assert.equal(parseEventDocumentPath(editor.document.uri.path)?.seq, target.seq);
    assert.deepEqual(JSON.parse(editor.document.getText()), (JSON.parse(target.raw) as { Object: unknown }).Object);

    // The table is still the visible tab of its own group; the document is a preview in the next.
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const table = tabs.find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('drp.eventTable'));
    const json = tabs.find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === editor.document.uri.toString());
    assert.ok(table && json, 'a tab for the table and one for the document');
    assert.equal(table.isActive, true, 'the table is still shown in its group');
    assert.notEqual(json.group.viewColumn, table.group.viewColumn, 'the document opened in another group');
    assert.equal(json.isPreview, true, 'the document is a preview, which the next row replaces');
    assert.ok((await countInWebview('.event-table .rows .row:not(.loading)')) > 0, 'the table page is still there, with its rows');
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  });

  it('exports NDJSON that import reads back identically, into a recording tab of its own', async () => {
    await publish(Array.from({ length: 15 }, (_, i) => `export-${i}`), (key, i) => ({ Name: key, Params: { 'test/flag': i % 2 === 0, note: 'quote " and \\ backslash' } }));
    await rowsMatchBuffer();
    const raws = ep.api.getEvents().map((e) => e.raw);
    const uri = vscode.Uri.file(join(mkdtempSync(join(tmpdir(), 'drp-export-')), 'events.ndjson'));

    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('drp.exportEvents', { scope: 'all', uri });
    assert.equal(written?.fsPath, uri.fsPath);
    const text = readFileSync(uri.fsPath, 'utf8');
    assert.ok(text.endsWith('\n'));
    const lines = text.slice(0, -1).split('\n');
    for (const line of lines) {
      const e = JSON.parse(line) as Record<string, unknown>;
      assert.deepEqual(Object.keys(e), ['Time', 'Type', 'Action', 'Key', 'Principal', 'Object', 'Original']);
    }
    assert.deepEqual(lines, raws);

    await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
    await waitUntil(rowCount, (c) => c === 0, 'an empty table');
    const imported = await vscode.commands.executeCommand<number>('drp.importEvents', { uri });
    assert.equal(imported, lines.length);
    assert.deepEqual(ep.api.getEvents(), [], 'the recording is not mixed into the live buffer');
    // It opens in a tab of its own, in file order.
    await waitUntil(() => evalInWebview('document.querySelector(\'meta[name="drp-recording"]\') !== null && typeof window.__drpTableProbe === "object"'), (v) => v === true, 'the recording tab');
    await waitUntil(rowCount, (c) => c === lines.length, `${lines.length} recorded rows`);
    assert.deepEqual(await readAllKeys(), lines.map((l) => (JSON.parse(l) as { Key: string }).Key));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('renders markup in an event as text', async () => {
    const key = '<script>alert(1)</script><img src=x onerror="window.__xss=1">';
    await publish([key], () => ({ Name: '<img src=x onerror="window.__xss=2">', Description: '<script>window.__xss=3</script>' }));
    await rowsMatchBuffer();
    const rows = await waitUntil(shownRows, (r) => r.length > 0, 'the row');
    assert.equal(rows.filter((r) => r.cells[KEY_CELL] === key).length, 1, 'the key cell shows the markup as text');
    assert.equal(await evalInWebview('document.querySelectorAll(".event-table img, .event-table script").length'), 0);
    assert.equal(await evalInWebview('window.__xss === undefined'), true);
  });

  it('shows a realistic traffic mix (screenshot event-table.png)', async () => {
    // Filters a user would have alongside the catch-all, so the Filters column says something.
    for (const f of ['machines.*.*', 'jobs.*.*']) assert.ok((await ep.api.register(f)).ok);
    await waitForActiveFilters(ep.api);
    let n = 0;
    const enough = waitForEvent(ep.api.onDidReceiveEvent, () => ++n >= 150, 20_000, '150 traffic events');
    ep.sim.startTraffic({ rate: 60, machines: 6 });
    try {
      await enough;
    } finally {
      ep.sim.stopTraffic();
    }
    await rowsMatchBuffer();
    const rows = await waitUntil(shownRows, (r) => r.length >= 20, 'a screenful of rows');
    const types = new Set(rows.map((r) => r.cells[1]));
    assert.ok(types.size >= 2, `several types on screen: ${[...types].join(', ')}`);
    // The notifications of earlier tests and the sidebar would cover or squeeze the table.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await screenshot('event-table');
    for (const f of ['machines.*.*', 'jobs.*.*']) await ep.api.deregister(f);
  });
});
