// An event's Object as a read-only JSON document, Compare with Original as VS Code's diff
// editor, Open Latest over REST, Copy Event as JSON, and documents that outlive the bounded
// buffer, opened by the real commands inside the workbench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rest } from '../sim/test-client';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';

describe('event documents', () => {
  let ep: TestEndpoint;
  const key = `docs-${Date.now().toString(36)}`;
  const object = { Name: key, Params: { 'test/flag': true, n: 2 }, Profiles: ['a', 'b'] };
  const original = { Name: key, Params: { n: 1 }, Profiles: ['a'] };

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await ep.api.register(`profiles.*.${key}`);
    await waitForActiveFilters(ep.api);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('drp').update('maxEvents', undefined, vscode.ConfigurationTarget.Global);
    await ep.dispose();
  });

  async function publishUpdate(): Promise<number> {
    const received = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === key, 10_000, `the ${key} event`);
    ep.sim.publish({ Type: 'profiles', Action: 'update', Key: key, Object: object, Original: original });
    return (await received).seq;
  }

  it('opens an event’s Object as a read-only JSON document equal to the Object', async () => {
    const seq = await publishUpdate();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('drp.openEvent', seq);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.document.uri.scheme, 'drp-event');
    assert.equal(editor.document.languageId, 'json');
    assert.deepEqual(JSON.parse(editor.document.getText()), object);
    // A content provider's document cannot be saved over: it is not a file.
    assert.equal(editor.document.isUntitled, false);
    assert.notEqual(editor.document.uri.scheme, 'file');
  });

  it('opens Compare with Original as a diff of the two event documents', async () => {
    const seq = await publishUpdate();
    await vscode.commands.executeCommand('drp.compareWithOriginal', seq);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff, `active tab is not a diff: ${JSON.stringify(input)}`);
    assert.equal(input.original.scheme, 'drp-event');
    assert.equal(input.modified.scheme, 'drp-event');
    assert.match(input.original.path, new RegExp(`/${seq}-original\\.json$`));
    assert.match(input.modified.path, new RegExp(`/${seq}-object\\.json$`));
    const left = await vscode.workspace.openTextDocument(input.original);
    const right = await vscode.workspace.openTextDocument(input.modified);
    assert.deepEqual(JSON.parse(left.getText()), original);
    assert.deepEqual(JSON.parse(right.getText()), object);
  });

  it('opens Latest as the object’s current state fetched over REST, and fetches again when reopened', async () => {
    const name = `${key}-latest`;
    await ep.api.register(`profiles.*.${name}`);
    await waitForActiveFilters(ep.api);
    const created = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === name && e.action === 'create', 10_000, `the ${name} create event`);
    const made = await rest(ep.sim, 'POST', '/api/v3/profiles', { body: { Name: name, Params: { n: 1 } } });
    assert.equal(made.status, 201, made.body);
    const seq = (await created).seq;
    // The object changes after its event: the event still says n = 1, the endpoint n = 2.
    const put = await rest(ep.sim, 'PUT', `/api/v3/profiles/${name}`, { body: { Name: name, Params: { n: 2 } } });
    assert.equal(put.status, 200, put.body);

    const uri = await vscode.commands.executeCommand<vscode.Uri>('drp.openLatest', seq);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.toString(), uri.toString());
    assert.equal(doc.uri.scheme, 'drp-latest');
    assert.equal(doc.languageId, 'json');
    assert.deepEqual(JSON.parse(doc.getText()), JSON.parse(put.body));
    assert.deepEqual((JSON.parse(doc.getText()) as { Params: unknown }).Params, { n: 2 });

    // Open Latest on a document already open fetches again rather than showing the old text.
    const patched = await rest(ep.sim, 'PUT', `/api/v3/profiles/${name}`, { body: { Name: name, Params: { n: 3 } } });
    assert.equal(patched.status, 200, patched.body);
    const refreshed = waitForEvent(vscode.workspace.onDidChangeTextDocument, (e) => e.document.uri.toString() === uri.toString() && e.document.getText().includes('"n": 3'), 10_000, 'the refreshed Latest document');
    assert.equal((await vscode.commands.executeCommand<vscode.Uri>('drp.openLatest', { type: 'profiles', key: name })).toString(), uri.toString());
    assert.deepEqual(JSON.parse((await refreshed).document.getText()), JSON.parse(patched.body));
    await ep.api.deregister(`profiles.*.${name}`);
  });

  it('copies an event as JSON: the frame, pretty-printed', async () => {
    const seq = await publishUpdate();
    const raw = ep.api.getEvents().find((e) => e.seq === seq)?.raw;
    assert.ok(raw, `event #${seq} is not in the buffer`);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('drp.copyEventJson', seq);
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied, JSON.stringify(JSON.parse(raw), null, 2));
    const frame = JSON.parse(copied) as { Type: string; Action: string; Key: string; Object: unknown; Original: unknown };
    assert.deepEqual([frame.Type, frame.Action, frame.Key], ['profiles', 'update', key]);
    assert.deepEqual(frame.Object, object);
    assert.deepEqual(frame.Original, original);
  });

  it('keeps an opened event’s documents readable after the event left the bounded buffer', async () => {
    await vscode.workspace.getConfiguration('drp').update('maxEvents', 100, vscode.ConfigurationTarget.Global);
    const seq = await publishUpdate();
    const objectUri = await vscode.commands.executeCommand<vscode.Uri>('drp.openEvent', seq);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // 120 later events push it out of a 100-event buffer; the last one arriving means all did.
    await ep.api.register('params.create.*');
    await waitForActiveFilters(ep.api);
    const last = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === `${key}-fill-119`, 10_000, 'the last filler event');
    for (let i = 0; i < 120; i++) ep.sim.publish({ Type: 'params', Action: 'create', Key: `${key}-fill-${i}`, Object: { Name: `${key}-fill-${i}` } });
    await last;
    const buffered = ep.api.getEvents();
    assert.equal(buffered.length, 100);
    assert.equal(buffered.some((e) => e.seq === seq), false, `event #${seq} is still buffered`);

    // Reopened by its command and by its URI, the Object is the event's Object. VS Code may
    // still hold the text it read while the event was buffered, so the note is optional here.
    const again = await vscode.commands.executeCommand<vscode.Uri>('drp.openEvent', seq);
    assert.equal(again?.toString(), objectUri.toString());
    assert.deepEqual(JSON.parse(withoutNote(vscode.window.activeTextEditor!.document.getText())), object);
    // The Original was never opened, so its provider runs now, after the eviction: its first
    // line says the event has left the buffer, and the rest is the Original.
    const originalUri = objectUri.with({ path: objectUri.path.replace(/-object\.json$/, '-original.json') });
    assert.notEqual(originalUri.toString(), objectUri.toString());
    const text = (await vscode.workspace.openTextDocument(originalUri)).getText();
    assert.match(text.split('\n')[0], new RegExp(`^// Event #${seq} has left the buffer`));
    assert.deepEqual(JSON.parse(withoutNote(text)), original);
    await ep.api.deregister('params.create.*');
  });
});

/** An event document's text without the first-line note an evicted event's copy carries. */
function withoutNote(text: string): string {
  return text.startsWith('// ') ? text.slice(text.indexOf('\n') + 1) : text;
}
