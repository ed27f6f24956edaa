// Sign in with a token and with a password, a refused password (one notification, one
// upgrade attempt, no retries), and sign out, against the simulator's real auth table.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DrpEventInspectorApi } from '../../src/extension/api';
import { PASSWORD, signInWithPassword, startEndpoint, USER, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, countInWorkbench, pressKey, runPaletteCommand, workbenchText } from './ui';

type State = DrpEventInspectorApi['connectionState'];

const TOAST = '.notifications-toasts .notification-toast';
const STATUS_ITEM = '.statusbar-item:has-text("DRP:")';

describe('sign in and sign out', () => {
  let ep: TestEndpoint;
  let states: State[] = [];
  let sub: vscode.Disposable | undefined;

  before(async () => {
    ep = await startEndpoint();
  });

  beforeEach(async () => {
    // The workbench drops toasts beyond 3 within 800 ms (its spam protection): sign out only
    // when signed in, and test the refusal first.
    if (ep.api.connectionState !== 'idle') await vscode.commands.executeCommand('drp.signOut');
    await waitForState(ep.api, 'idle');
    await vscode.commands.executeCommand('notifications.clearAll');
    await askUntil(() => countInWorkbench(TOAST), (n) => n === 0, 'no notification toasts');
    states = [];
    sub = ep.api.onDidChangeConnectionState((s) => states.push(s));
  });

  afterEach(() => {
    sub?.dispose();
    // A test that changed the password on the endpoint puts it back even when it fails, so
    // the next tests do not all fail on its refusal.
    ep.sim.setPassword(USER, PASSWORD);
  });

  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ep.dispose();
  });

  it('reports a stored password the endpoint stops accepting once, in state auth-failed, and does not retry it', async () => {
    // Sign In checks a password before storing it, so the refusal the connection meets is a
    // stored one the endpoint no longer accepts: here the password is changed on the endpoint.
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    ep.sim.setPassword(USER, `${PASSWORD}-changed`);
    await vscode.commands.executeCommand('notifications.clearAll');
    await askUntil(() => countInWorkbench(TOAST), (n) => n === 0, 'no notification toasts');
    states = [];
    const refusedBefore = ep.sim.refusedUpgrades.length;
    let connections = 0;
    const counting = ep.sim.onConnection(() => connections++);
    await vscode.commands.executeCommand('drp.reconnect');
    await waitForState(ep.api, 'auth-failed');

    const toasts = await askUntil(() => countInWorkbench(TOAST), (n) => n > 0, 'the sign-in notification');
    const message = await workbenchText(`${TOAST} .notification-list-item-message`);
    assert.match(message, /^The endpoint refused the password for rocketskates \(403[^)]*\)\. Run ‘DRP: Sign In’ to set new credentials\.$/);
    assert.ok(!message.includes(PASSWORD), 'the notification shows the password');
    // The status bar renders after the state change reaches it: wait on what it shows.
    assert.match(await askUntil(() => workbenchText(STATUS_ITEM), (t) => /DRP: Sign-in failed/.test(t), 'the status bar to say Sign-in failed'), /DRP: Sign-in failed/);

    // A round trip through the extension to the endpoint and back (a REST fetch with the same
    // refused credential): had a retry been scheduled, its state change would be recorded.
    assert.equal(toasts, 1);
    assert.equal(await countInWorkbench(TOAST), 1, 'more than one notification for one refusal');
    // Open Latest fetches before it opens anything; a refused fetch says so in a notification.
    await vscode.commands.executeCommand('drp.openLatest', { type: 'profiles', key: 'global' });
    const fetchToast = `${TOAST}:has-text("Could not fetch profiles ‘global’")`;
    await askUntil(() => countInWorkbench(fetchToast), (n) => n === 1, 'the refused fetch’s notification');
    assert.ok(!(await workbenchText(fetchToast)).includes(PASSWORD), 'the fetch’s notification shows the password');
    assert.equal(ep.sim.refusedUpgrades.length - refusedBefore, 1, 'the refused credential was tried more than once');
    counting.dispose();
    assert.equal(connections, 0);
    assert.equal(ep.api.connectionState, 'auth-failed');
    assert.deepEqual(states.slice(states.lastIndexOf('connecting')), ['connecting', 'auth-failed']);
    ep.sim.setPassword(USER, PASSWORD);
  });

  it('refuses to store a wrong password when signed out, saying so once, without a connection attempt', async () => {
    const refusedBefore = ep.sim.refusedUpgrades.length;
    assert.equal(await vscode.commands.executeCommand('drp.signIn', { username: USER, password: `${PASSWORD}-wrong` }), false);
    const message = await askUntil(() => workbenchText(`${TOAST} .notification-list-item-message`), (t) => t.includes('refused'), 'the refusal notification');
    assert.match(message, new RegExp(`refused the password for ${USER}, so it was not stored\\.`));
    assert.ok(!message.includes('previous sign-in'), 'there was no previous sign-in to keep');
    assert.ok(!message.includes(PASSWORD), 'the notification shows the password');
    assert.equal(ep.sim.refusedUpgrades.length, refusedBefore, 'the refused password reached the websocket');
    assert.equal(ep.api.connectionState, 'idle');
  });

  it('signs in with a token: the stream opens with a Bearer session', async () => {
    const token = ep.sim.mintToken(USER, 3600);
    const connected = ep.sim.nextConnection(10_000);
    assert.equal(await vscode.commands.executeCommand('drp.signIn', { token }), true);
    await waitForState(ep.api, 'open');
    const session = await connected;
    assert.equal(session.scheme, 'bearer');
    assert.equal(session.user, USER);
    assert.match(await askUntil(() => workbenchText(STATUS_ITEM), (t) => /DRP: [\d.]+ ev\/s/.test(t), 'the status bar to show the event rate'), /DRP: [\d.]+ ev\/s/);
  });

  it('signs in with a user name and password: the stream opens with a Basic session', async () => {
    const connected = ep.sim.nextConnection(10_000);
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    const session = await connected;
    assert.equal(session.scheme, 'basic');
    assert.equal(session.user, USER);
  });

  it('opening and cancelling Sign In while streaming changes nothing, and the picker says who is signed in', async () => {
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    const filter = `params.*.auth-keep-${Date.now().toString(36)}`;
    await ep.api.register(filter);
    await waitForActiveFilters(ep.api);
    states = [];
    const sessions = ep.sim.sessions.length;

    await runPaletteCommand('DRP: Sign In');
    const title = await askUntil(() => workbenchText('.quick-input-widget .quick-input-title'), (t) => t.includes('Signed in'), 'the Sign In picker');
    assert.match(title, new RegExp(`^Signed in to 127\\.0\\.0\\.1:\\d+ as ${USER} — sign in again\\?$`));
    assert.equal(ep.api.connectionState, 'open', 'the picker alone took the connection down');
    await pressKey('Escape');

    // The same stream still delivers: an event published now arrives on it.
    const key = filter.split('.')[2];
    const arrived = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === key, 10_000, 'an event after the cancelled Sign In');
    ep.sim.publish({ Type: 'params', Action: 'update', Key: key, Object: { Name: key } });
    await arrived;
    assert.deepEqual(states, [], 'the connection changed state');
    assert.equal(ep.sim.sessions.length, sessions, 'a new websocket was opened');
    await ep.api.deregister(filter);
  });

  it('checks a new password before storing it: a refused one keeps the working sign-in and its stream', async () => {
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await vscode.commands.executeCommand('notifications.clearAll');
    const filter = `params.*.auth-check-${Date.now().toString(36)}`;
    await ep.api.register(filter);
    await waitForActiveFilters(ep.api);
    states = [];

    const wrong = 'not-the-password-9431';
    assert.equal(await vscode.commands.executeCommand('drp.signIn', { username: USER, password: wrong }), false);
    const toast = await askUntil(() => workbenchText(TOAST), (t) => t.includes('refused'), 'the refusal notification');
    assert.match(toast, new RegExp(`refused the password for ${USER}, so it was not stored\\. Your previous sign-in is kept\\.`));
    assert.ok(!toast.includes(wrong), 'the notification shows the refused password');

    const key = filter.split('.')[2];
    const arrived = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === key, 10_000, 'an event after the refused sign-in');
    ep.sim.publish({ Type: 'params', Action: 'update', Key: key, Object: { Name: key } });
    await arrived;
    assert.deepEqual(states, [], 'the connection changed state');
    await ep.api.deregister(filter);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('signs out: the session closes and the status bar says Signed out', async () => {
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    const session = ep.sim.sessions.at(-1);
    assert.ok(session, 'no session at the endpoint');
    const closed = new Promise<void>((resolve) => {
      const s = ep.sim.onSessionClosed((c) => {
        if (c !== session) return;
        s.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('drp.signOut');
    await waitForState(ep.api, 'idle');
    await closed;
    assert.equal(ep.sim.sessions.includes(session), false);
    const status = await askUntil(() => workbenchText(STATUS_ITEM), (t) => t.includes('Signed out'), 'the status bar to say Signed out');
    assert.match(status, /DRP: Signed out/);
  });

  it('signs out quietly: the status bar changes and no notification appears, although filters are registered', async () => {
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    const filter = `params.*.auth-out-${Date.now().toString(36)}`;
    await ep.api.register(filter);
    await waitForActiveFilters(ep.api);
    await vscode.commands.executeCommand('notifications.clearAll');
    await askUntil(() => countInWorkbench(TOAST), (n) => n === 0, 'no notification toasts');

    await vscode.commands.executeCommand('drp.signOut');
    await waitForState(ep.api, 'idle');
    assert.match(await askUntil(() => workbenchText(STATUS_ITEM), (t) => t.includes('Signed out'), 'the status bar to say Signed out'), /DRP: Signed out/);
    // A notification known to come after anything the sign-out raised: notifications reach
    // the workbench in order, so once it is there, so would be any from the sign-out.
    assert.equal(await vscode.commands.executeCommand('drp.signIn', { token: '' }), false);
    await vscode.commands.executeCommand('notifications.showList');
    const items = '.notifications-center .notification-list-item-message';
    await askUntil(() => workbenchText(items), (t) => t.includes('needs { token }'), 'the barrier notification');
    const texts: string[] = [];
    for (let i = 0, n = await countInWorkbench(items); i < n; i++) texts.push(await workbenchText(`${items} >> nth=${i}`));
    await vscode.commands.executeCommand('notifications.hideList');
    assert.deepEqual(texts, ['DRP: Sign In needs { token } or { username, password }. Nothing was changed.'], 'the sign-out raised a notification');
    await ep.api.deregister(filter);
  });
});
