// An event's Object as a read-only JSON document, and Compare with Original as VS Code's
// diff editor, opened by the real commands inside the workbench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
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
});
