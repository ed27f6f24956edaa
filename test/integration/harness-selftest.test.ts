// Proves the harness itself: that a failing test makes the run fail (HARNESS_FAIL=1), and
// that every kind of UI bridge request reaches the real workbench DOM, so feature tests
// can trust a bridge failure to be their own.
import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { waitForEvent } from '../support/wait-for-event';
import {
  askUntil,
  clickContextMenuItem,
  clickInWebview,
  clickTreeItem,
  countInWebview,
  evalInWebview,
  pressKey,
  quickInputMessage,
  runPaletteCommand,
  screenshot,
  typeInQuickInput,
  typeInWebview,
  webviewText,
  workbenchText,
} from './ui';


describe('harness self-test', () => {
  it('fails on purpose when HARNESS_FAIL=1', () => {
    const failOnPurpose = process.env.HARNESS_FAIL === '1';
    assert.equal(failOnPurpose, false, 'HARNESS_FAIL=1 is set, so this test fails on purpose');
  });

  it('runs a palette command in the real UI and takes a screenshot', async () => {
    await runPaletteCommand('View: Toggle Output');
    const tab = await workbenchText('.part.panel .composite.title .action-item.checked');
    assert.match(tab, /^output$/i);
    const path = await screenshot('selftest');
    assert.ok(existsSync(path), `no screenshot at ${path}`);
  });

  it('reads an input box validation message and submits a value', async () => {
    const answer = vscode.window.showInputBox({
      prompt: 'self-test',
      validateInput: (v) => (v === 'bad' ? 'Bad value: type something else.' : undefined),
    });
    await typeInQuickInput('bad');
    const msg = await askUntil(quickInputMessage, (m) => m.includes('Bad value'), 'the validation message');
    assert.match(msg, /Bad value: type something else\./);
    await typeInQuickInput('good', { submit: true });
    assert.equal(await answer, 'good');
  });

  it('clicks a tree item and a context menu item in a sidebar view', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the driver opens a workspace folder');
    const file = join(folder.uri.fsPath, 'selftest.txt');
    writeFileSync(file, 'self-test\n');
    await vscode.commands.executeCommand('workbench.view.explorer');

    const opened = waitForEvent(vscode.window.onDidChangeActiveTextEditor, (e) => e?.document.uri.fsPath === file);
    await clickTreeItem(folder.name, 'selftest.txt');
    await opened;

    // Count only this file's editors: an open Output panel is a visible text editor too.
    const split = waitForEvent(
      vscode.window.onDidChangeVisibleTextEditors,
      (eds) => eds.filter((e) => e.document.uri.fsPath === file).length === 2,
    );
    await clickTreeItem(folder.name, 'selftest.txt', { button: 'right' });
    await clickContextMenuItem('Open to the Side');
    await split;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await pressKey('Escape');
  });

  it('reads, types into, clicks and evaluates in a webview', async () => {
    const panel = vscode.window.createWebviewPanel('harnessSelftest', 'Self-test', vscode.ViewColumn.One, {
      enableScripts: true,
    });
    try {
      panel.webview.html = `<!DOCTYPE html><html><body>
        <table id="t"><tbody><tr><td>one</td></tr><tr><td>two</td></tr><tr><td>three</td></tr></tbody></table>
        <input id="q"><button id="send">Send</button>
        <script>
          const api = acquireVsCodeApi();
          document.getElementById('send').onclick = () =>
            api.postMessage({ q: document.getElementById('q').value });
        </script></body></html>`;
      await askUntil(() => countInWebview('#t tbody tr'), (n) => n === 3, 'three rows in the webview');
      assert.equal(await webviewText('#t tbody tr:first-child td'), 'one');
      assert.equal(await evalInWebview('document.querySelectorAll("td").length'), 3);

      const received = waitForEvent(panel.webview.onDidReceiveMessage);
      await typeInWebview('#q', 'hello');
      await clickInWebview('#send');
      assert.deepEqual(await received, { q: 'hello' });
    } finally {
      panel.dispose();
    }
  });
});
