// Frames that are not DRP events (garbage text, a binary frame, a JSON object without the
// event keys) are skipped with one warning that says what happened and what to check; the
// events already received stay and the stream goes on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, countInWorkbench, workbenchText } from './ui';

const TOAST = '.notifications-toasts .notification-toast';

describe('malformed frames', () => {
  let ep: TestEndpoint;
  const key = `mal-${Date.now().toString(36)}`;

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await ep.api.register(`profiles.*.${key}`);
    await waitForActiveFilters(ep.api);
    await vscode.commands.executeCommand('notifications.clearAll');
    await askUntil(() => countInWorkbench(TOAST), (n) => n === 0, 'no notification toasts');
  });

  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await ep.dispose();
  });

  it('skips them with one warning, keeps what was received, and goes on', async () => {
    const first = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === key, 10_000, 'the first event');
    ep.sim.publish({ Type: 'profiles', Action: 'create', Key: key, Object: { Name: key } });
    const before = await first;

    ep.sim.sendRaw('this is not json');
    ep.sim.sendRaw(Buffer.from('register machines.*.*'));
    ep.sim.sendRaw('{"Type":"profiles"}');
    // Same socket, same order: an event after the garbage arriving means all of it was read.
    const after = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === key && e.action === 'update', 10_000, 'the event after the garbage');
    ep.sim.publish({ Type: 'profiles', Action: 'update', Key: key, Object: { Name: key, n: 2 }, Original: { Name: key } });
    await after;

    assert.equal(ep.api.connectionState, 'open', 'garbage must not close the stream');
    assert.deepEqual(ep.api.getEvents().filter((e) => e.key === key).map((e) => e.action), ['create', 'update']);
    assert.ok(ep.api.getEvents().some((e) => e.seq === before.seq), 'the event received before the garbage is still buffered');

    // Read it in the notification center: the workbench may keep a toast back when other
    // suites' notifications (a sign-out) came just before, but the center lists them all.
    await vscode.commands.executeCommand('notifications.showList');
    const warning = `.notifications-center .notification-list-item:has-text("not a DRP event")`;
    const shown = await askUntil(() => countInWorkbench(warning), (n) => n > 0, 'the warning');
    assert.equal(shown, 1, 'three bad frames give one warning, not three');
    const message = await workbenchText(`${warning} .notification-list-item-message`);
    await vscode.commands.executeCommand('notifications.hideList');
    assert.match(message, /not a DRP event/);
    assert.match(message, /skipped/);
    assert.match(message, /drp\.endpoint/);
  });
});
