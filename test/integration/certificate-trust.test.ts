// The certificate dialog, answered the way a user answers it: in the workbench's real modal
// dialog, in the same workbench `npm start` opens. DRP endpoints ship self-signed
// certificates, so first contact asks to trust one; a certificate that later changes must not
// be trusted by a reflexive Enter; and a CA file left over from another endpoint is named.
//
// Each endpoint here is addressed as localhost, not 127.0.0.1 like every other suite's, so
// the certificates trusted here (kept per origin) can never apply to another suite's
// simulator that happens to get the same port.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DrpEventInspectorApi } from '../../src/extension/api';
import { DrpSimulator } from '../sim/simulator';
import { extensionApi, PASSWORD, USER, waitForEvent, waitForState } from './support/endpoint';
import {
  askUntil, clickDialogButton, pickQuickItem, pressKey, runPaletteCommand, screenshot, typeInQuickInput,
  waitForDialog, workbenchDialog, workbenchText,
} from './ui';

const STATUS_ITEM = '.statusbar-item:has-text("DRP:")';

function localhostUrl(sim: DrpSimulator): string {
  return sim.url.replace('127.0.0.1', 'localhost');
}

async function setSetting(name: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('drp').update(name, value, vscode.ConfigurationTarget.Global);
}

/** Resolves with the next certificate document to become the active editor. */
function nextCertificateDocument(): Promise<vscode.TextDocument> {
  return new Promise((resolve) => {
    const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e?.document.uri.scheme === 'drp-certificate') {
        sub.dispose();
        resolve(e.document);
      }
    });
  });
}

const count = (text: string, part: string): number => text.split(part).length - 1;

/** Waits until the quick input on screen is the one titled `title` (not the one closing). */
async function quickInputTitled(title: string): Promise<void> {
  await askUntil(() => workbenchText('.quick-input-widget .quick-input-title'), (t) => t === title, `the quick input ‘${title}’`);
}

describe('certificate trust through the real dialog', () => {
  let api: DrpEventInspectorApi;
  const sims: DrpSimulator[] = [];

  async function startSim(): Promise<DrpSimulator> {
    const sim = await DrpSimulator.start({ mode: 'v3' });
    sims.push(sim);
    return sim;
  }

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('drp.signOut');
  });

  afterEach(async () => {
    // A dialog left open would block every test after this one.
    if (await workbenchDialog()) await pressKey('Escape');
    await vscode.commands.executeCommand('drp.signOut');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('tls.caFile', undefined);
    for (const sim of sims) await sim.stop();
  });

  it('first contact: Set Endpoint goes on to Sign In, the Trust dialog shows the fingerprint, Trust connects', async () => {
    await setSetting('tls.caFile', undefined);
    const sim = await startSim();
    const display = `localhost:${sim.port}`;

    await runPaletteCommand('DRP: Set Endpoint');
    await quickInputTitled('DRP: Set Endpoint');
    const endpointSet = waitForEvent(vscode.workspace.onDidChangeConfiguration, (e) => e.affectsConfiguration('drp.endpoint'), 10_000, 'drp.endpoint to change');
    await typeInQuickInput(localhostUrl(sim), { submit: true });
    await endpointSet;
    // Set Endpoint goes on to Sign In by itself for an endpoint without a credential.
    await quickInputTitled(`Sign in to ${display}`);
    await pickQuickItem('User name and password');
    await quickInputTitled(`Sign in to ${display}: user name`);
    await typeInQuickInput(USER, { submit: true });
    await quickInputTitled(`Sign in to ${display}: password for ${USER}`);
    await typeInQuickInput(PASSWORD, { submit: true });

    const dialog = await waitForDialog('the Trust dialog');
    assert.equal(dialog.message, `The certificate of ${display} is not trusted.`);
    assert.equal(count(dialog.detail, sim.fingerprint256), 1, dialog.detail);
    assert.match(dialog.detail, /self-signed/);
    // The workbench lays buttons out in its platform's order, so their set is what counts.
    assert.deepEqual(dialog.buttons.filter((b) => b !== 'Cancel').sort(), ['Open Settings', 'Trust']);
    assert.equal(api.connectionState, 'closed');
    await screenshot('trust-dialog');

    await clickDialogButton('Trust');
    await waitForState(api, 'open');
    assert.match(await askUntil(() => workbenchText(STATUS_ITEM), (t) => /DRP: [\d.]+ ev\/s/.test(t), 'the status bar to show the event rate'), /DRP: [\d.]+ ev\/s/);
    assert.equal(await workbenchDialog(), null, 'the dialog stayed open');
  });

  it('a changed certificate: the dialog says it changed, Enter and Cancel keep it refused, Review then Trust reconnects', async () => {
    await setSetting('tls.caFile', undefined);
    const sim = await startSim();
    const display = `localhost:${sim.port}`;
    await setSetting('endpoint', localhostUrl(sim));
    await vscode.commands.executeCommand('drp.signIn', { username: USER, password: PASSWORD });
    await waitForDialog('the first-contact dialog');
    await clickDialogButton('Trust');
    await waitForState(api, 'open');

    const trusted = sim.fingerprint256;
    await sim.rotateCertificate();
    await vscode.commands.executeCommand('drp.reconnect');
    const dialog = await waitForDialog('the changed-certificate dialog');
    assert.equal(dialog.message, `The certificate of ${display} changed.`);
    assert.doesNotMatch(`${dialog.message} ${dialog.detail}`, /not trusted|untrusted/i);
    assert.equal(count(dialog.detail, trusted), 1, `the trusted fingerprint once: ${dialog.detail}`);
    assert.equal(count(dialog.detail, sim.fingerprint256), 1, `the presented fingerprint once: ${dialog.detail}`);
    assert.match(dialog.detail, new RegExp(`Trusted:\\n${trusted}\\nPresented:\\n${sim.fingerprint256}`));
    assert.ok(dialog.buttons.includes('Trust New Certificate'), dialog.buttons.join());
    assert.notEqual(dialog.focused, 'Trust New Certificate', 'Enter would trust the changed certificate');
    assert.match(await askUntil(() => workbenchText(STATUS_ITEM), (t) => t.includes('Certificate changed'), 'the status bar to say the certificate changed'), /DRP: Certificate changed/);
    await screenshot('certificate-changed-dialog');

    // Enter: the default button shows the certificate, and trusts nothing.
    const shown = nextCertificateDocument();
    await pressKey('Enter');
    const text = (await shown).getText();
    assert.ok(text.includes(`SHA-256:           ${sim.fingerprint256}`), text);
    assert.match(text, /Not trusted: you trusted a different certificate/);
    assert.equal(api.connectionState, 'closed');

    // Review, then Cancel: still refused.
    let reviewing = vscode.commands.executeCommand('drp.reviewCertificate');
    assert.equal((await waitForDialog('the dialog again from Review')).message, `The certificate of ${display} changed.`);
    await clickDialogButton('Cancel');
    await reviewing;
    assert.equal(api.connectionState, 'closed');

    // Review, then Escape: still refused.
    reviewing = vscode.commands.executeCommand('drp.reviewCertificate');
    await waitForDialog('the dialog from Review once more');
    await pressKey('Escape');
    await reviewing;
    assert.equal(api.connectionState, 'closed');
    assert.match(await workbenchText(STATUS_ITEM), /DRP: Certificate changed/);

    // Review, then Trust New Certificate: connected again.
    reviewing = vscode.commands.executeCommand('drp.reviewCertificate');
    await waitForDialog('the dialog from Review to trust');
    await clickDialogButton('Trust New Certificate');
    await reviewing;
    await waitForState(api, 'open');
  });

  it('a CA file from another endpoint: the dialog names the file as not matching this endpoint, and Trust connects', async () => {
    const simulator = await startSim();
    const real = await startSim();
    const file = join(mkdtempSync(join(tmpdir(), 'drp-ca-')), 'drp-simulator.pem');
    writeFileSync(file, simulator.certPem);
    await setSetting('tls.caFile', file);
    await setSetting('endpoint', localhostUrl(simulator));
    await vscode.commands.executeCommand('drp.signIn', { username: USER, password: PASSWORD });
    await waitForState(api, 'open');

    // Switching to another endpoint keeps drp.tls.caFile, which names the first one's certificate.
    const display = `localhost:${real.port}`;
    await setSetting('endpoint', localhostUrl(real));
    await vscode.commands.executeCommand('drp.signIn', { username: USER, password: PASSWORD });
    const dialog = await waitForDialog('the CA file dialog');
    assert.equal(dialog.message, `drp.tls.caFile does not match ${display}.`);
    assert.ok(dialog.detail.includes(`The CA file ‘${file}’ did not issue the certificate ${display} presented`), dialog.detail);
    assert.equal(count(dialog.detail, real.fingerprint256), 1, dialog.detail);
    assert.deepEqual(dialog.buttons.filter((b) => b !== 'Cancel').sort(), ['Open Settings', 'Trust']);
    await screenshot('ca-file-dialog');

    await clickDialogButton('Trust');
    await waitForState(api, 'open');
    assert.equal(vscode.workspace.getConfiguration('drp').get('tls.caFile'), file, 'Trust changed drp.tls.caFile');
  });
});
