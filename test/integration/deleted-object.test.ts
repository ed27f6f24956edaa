// Open Latest on an object the endpoint has deleted, through the Events tree's context menu:
// no document holding an error, but a notification that names the object and offers the
// last version the stream carried, which opens the newest buffered event's Object.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rest } from '../sim/test-client';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, clickContextMenuItem, clickInWorkbench, clickTreeItem, countInWorkbench, pressKey, screenshot, workbenchText } from './ui';

const TOAST = '.notifications-toasts .notification-toast';

describe('open latest on a deleted object', () => {
  let ep: TestEndpoint;
  const name = `gone-${Date.now().toString(36)}`;

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await ep.api.register(`profiles.*.${name}`);
    await waitForActiveFilters(ep.api);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    await pressKey('Escape');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ep.dispose();
  });

  it('says the object no longer exists and opens the last version seen in the stream instead', async () => {
    const created = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === name && e.action === 'create', 10_000, `the ${name} create event`);
    const made = await rest(ep.sim, 'POST', '/api/v3/profiles', { body: { Name: name, Params: { n: 1 } } });
    assert.equal(made.status, 201, made.body);
    await created;
    const deleted = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === name && e.action === 'delete', 10_000, `the ${name} delete event`);
    const gone = await rest(ep.sim, 'DELETE', `/api/v3/profiles/${name}`);
    assert.equal(gone.status, 200, gone.body);
    const last = await deleted;
    const lastObject = (JSON.parse(last.raw) as { Object: unknown }).Object;

    await vscode.commands.executeCommand('drp.events.focus');
    await clickTreeItem('Events', 'profiles');
    await clickTreeItem('Events', name, { button: 'right' });
    await askUntil(() => countInWorkbench('.monaco-menu .action-label:text-is("Open Latest")'), (n) => n === 1, 'Open Latest on the key row');
    await clickContextMenuItem('Open Latest');

    const display = new URL(ep.sim.url).host;
    const toast = `${TOAST}:has-text("profiles ‘${name}’ no longer exists on ${display}.")`;
    await askUntil(() => countInWorkbench(toast), (n) => n === 1, 'the notification that the object is gone');
    assert.match(await workbenchText(`${toast} .notification-list-item-message`), new RegExp(`The last version seen in the stream is from event #${last.seq} \\(delete at `));
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'drp-latest'), false, 'no Latest document holding an error');
    await screenshot('open-latest-deleted-object');

    const opened = waitForEvent(vscode.window.onDidChangeActiveTextEditor, (e) => e?.document.uri.scheme === 'drp-event', 10_000, 'the last seen version');
    await clickInWorkbench(`${toast} .monaco-button:has-text("Open Last Seen Version")`);
    const editor = await opened;
    assert.match(editor!.document.uri.path, new RegExp(`/${last.seq}-object\\.json$`));
    assert.deepEqual(JSON.parse(editor!.document.getText()), lastObject);
  });
});
