// The command palette offers only what does something now, and Review Endpoint Certificate
// shows the endpoint's certificate at any time, through the real workbench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fingerprintOf } from '../../src/core/endpoint/tls-trust';
import { signInWithPassword, startEndpoint, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, countInWorkbench, pressKey, typeInQuickInput, workbenchText } from './ui';

/** Palette rows labelled exactly `title` (so "DRP: Connect" is not "DRP: Disconnect"). */
async function paletteRows(title: string): Promise<number> {
  await vscode.commands.executeCommand('workbench.action.showCommands');
  // The palette's own prefix, then the title: the list narrows to the few rows that match it.
  // "DRP: Show Output" always matches "DRP:", so waiting for a row waits for the list to answer.
  await typeInQuickInput(`>${title}`);
  await askUntil(() => workbenchText('.quick-input-list'), (t) => t.includes('DRP'), `the palette’s rows for ${title}`);
  const n = await countInWorkbench(`.quick-input-list .monaco-list-row:has(:text-is("${title}"))`);
  await pressKey('Escape');
  return n;
}

describe('command palette and certificate review', () => {
  let ep: TestEndpoint;

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('drp.connect');
    await ep.dispose();
  });

  it('hides Connect while connected and Disconnect while disconnected', async () => {
    assert.equal(await paletteRows('DRP: Connect'), 0, 'Connect is offered while connected');
    assert.equal(await paletteRows('DRP: Disconnect'), 1, 'Disconnect is missing while connected');
    await vscode.commands.executeCommand('drp.disconnect');
    await waitForState(ep.api, 'closed');
    assert.equal(await askUntil(() => paletteRows('DRP: Connect'), (n) => n === 1, 'Connect in the palette'), 1);
    assert.equal(await paletteRows('DRP: Disconnect'), 0, 'Disconnect is offered while disconnected');
    await vscode.commands.executeCommand('drp.connect');
    await waitForState(ep.api, 'open');
  });

  it('hides Clear Events and Deregister All when there is nothing to clear or deregister', async () => {
    for (const f of ep.api.getFilters()) await ep.api.deregister(f.filter);
    await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
    assert.equal(await paletteRows('DRP: Clear Events'), 0);
    assert.equal(await paletteRows('DRP: Deregister All'), 0);
    await ep.api.register('params.*.palette');
    assert.equal(await askUntil(() => paletteRows('DRP: Deregister All'), (n) => n === 1, 'Deregister All in the palette'), 1);
    await ep.api.deregister('params.*.palette');
  });

  it('Review Endpoint Certificate shows the certificate and how it is trusted while connected', async () => {
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.uri.scheme === 'drp-certificate') {
          sub.dispose();
          resolve(e.document);
        }
      });
    });
    await vscode.commands.executeCommand('drp.reviewCertificate');
    const text = (await opened).getText();
    assert.ok(text.includes(`SHA-256:           ${fingerprintOf(ep.sim.certPem)}`), text);
    assert.match(text, /How it is trusted: Checked against the certificate authority in drp\.tls\.caFile\./);
    assert.match(text, /Subject: +\S/);
    assert.match(text, /Valid to: +\S/);
  });
});
