// The Events tree's context menus through the real workbench: a type or key row offers only
// what applies to it (no event-only items that would then warn "Select an event first"), and
// Open Latest on a key row opens that object's current state over REST.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rest } from '../sim/test-client';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { readAllRows, rowCount, waitUntil, KEY_CELL } from './support/table-page';
import { askUntil, clickContextMenuItem, clickTreeItem, countInWorkbench, evalInWebview, pressKey, workbenchText } from './ui';

const EVENT_ONLY = ['Open Object', 'Copy Event as JSON', 'Compare with Original', 'Open Original'];

/** The number of items labelled `label` in the context menu that is open. */
function menuItems(label: string): Promise<number> {
  return countInWorkbench(`.monaco-menu .action-menu-item .action-label:text-is("${label}")`);
}

describe('Events tree menus', () => {
  let ep: TestEndpoint;
  const name = `menus-${Date.now().toString(36)}`;

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await ep.api.register(`profiles.*.${name}`);
    await waitForActiveFilters(ep.api);
  });

  after(async () => {
    await pressKey('Escape');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ep.api.deregister(`profiles.*.${name}`);
    await ep.dispose();
  });

  it('offers event items only on event rows, and Open Latest on a key row opens the object', async () => {
    const created = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === name, 10_000, `the ${name} event`);
    const made = await rest(ep.sim, 'POST', '/api/v3/profiles', { body: { Name: name, Params: { n: 1 } } });
    assert.equal(made.status, 201, made.body);
    await created;
    await vscode.commands.executeCommand('drp.events.focus');

    await clickTreeItem('Events', 'profiles', { button: 'right' });
    await askUntil(() => menuItems('Show in Event Table'), (n) => n === 1, 'Show in Event Table on the type row');
    for (const label of [...EVENT_ONLY, 'Open Latest']) assert.equal(await menuItems(label), 0, `${label} on a type row`);
    await pressKey('Escape');

    // The row keeps focus after the menu closes; ArrowRight expands it (and leaves an expanded one be).
    await pressKey('ArrowRight');
    await clickTreeItem('Events', name, { button: 'right' });
    await askUntil(() => menuItems('Open Latest'), (n) => n === 1, 'Open Latest on the key row');
    assert.equal(await menuItems('Show in Event Table'), 1);
    for (const label of EVENT_ONLY) assert.equal(await menuItems(label), 0, `${label} on a key row`);
    const opened = waitForEvent(vscode.workspace.onDidOpenTextDocument, (d) => d.uri.scheme === 'drp-latest', 10_000, 'the Latest document');
    await clickContextMenuItem('Open Latest');
    const doc = await opened;
    assert.deepEqual(JSON.parse(doc.getText()), JSON.parse(made.body));
  });

  it('opens the event table filtered to a key from its "… and N older" row', async () => {
    // A key that starts with this one, and an event of another type that mentions it: neither belongs.
    const sibling = `${name}0`;
    await ep.api.register(`profiles.*.${sibling}`);
    await ep.api.register(`params.*.${name}`);
    await waitForActiveFilters(ep.api);
    const others = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.type === 'params' && e.key === name, 10_000, 'the params event');
    ep.sim.publish({ Type: 'profiles', Action: 'update', Key: sibling, Object: { Name: sibling }, Original: { Name: sibling } });
    ep.sim.publish({ Type: 'params', Action: 'update', Key: name, Object: { Name: name }, Original: { Name: name } });
    await others;
    const updates = 22;
    const last = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === name && e.raw.includes(`"n":${updates}}`), 10_000, 'the last update');
    for (let n = 1; n <= updates; n++) ep.sim.publish({ Type: 'profiles', Action: 'update', Key: name, Object: { Name: name, Params: { n } }, Original: { Name: name, Params: { n: n - 1 } } });
    await last;
    // Other suites' events of other types and keys are in the buffer too: the table must leave them out.
    const expected = ep.api.getEvents().filter((e) => e.type === 'profiles' && e.key === name).length;
    assert.ok(expected > 20, `${expected} events for ${name}`);
    await vscode.commands.executeCommand('drp.events.focus');
    // From a collapsed tree, a click expands a row; then walk down to the key's last child with
    // the keyboard (the tree is virtualized: rows below the fold are not in the DOM) and open it.
    await vscode.commands.executeCommand('workbench.actions.treeView.drp.events.collapseAll');
    await clickTreeItem('Events', 'profiles');
    await clickTreeItem('Events', name);
    // One key press at a time, reading the focus after each: a press that lands while the
    // tree re-renders its rows can be lost, so count focus moves rather than presses.
    const focused = () => workbenchText('.pane:has(.pane-header .title:text-is("Events")) .monaco-list-row.focused');
    let text = await focused();
    for (let i = 0; i < 60 && !text.startsWith('…'); i++) {
      await pressKey('ArrowDown');
      text = await focused();
    }
    assert.equal(text, `… and ${expected - 20} older`);
    await pressKey('Enter');
    await waitUntil(() => evalInWebview('typeof window.__drpTableProbe === "object"'), (v) => v === true, 'the event table page');
    await waitUntil(rowCount, (n) => n === expected, `${expected} rows for ${name}`);
    const rows = await readAllRows();
    assert.equal(rows.length, expected);
    for (const cells of rows) assert.equal(cells[KEY_CELL], name);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await ep.api.deregister(`profiles.*.${sibling}`);
    await ep.api.deregister(`params.*.${name}`);
  });
});
