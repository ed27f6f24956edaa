// No credential ever leaves SecretStorage: after password and token sign-ins and live events,
// none appears in the output channels, the API, the settings or an export; and the docs' URL
// with `?token=user:pass` pasted into drp.endpoint is cleaned, its credential kept as a secret.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { channelText, EVENTS_CHANNEL, logFileText } from './support/channels';
import { pickQuickItem, runPaletteCommand } from './ui';
import { PASSWORD, signInWithPassword, startEndpoint, USER, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';

describe('secrets stay secret', () => {
  let ep: TestEndpoint;
  const run = Date.now().toString(36);
  const key = `sec-${run}`;
  let token = '';

  /** Every form a credential could leak in. */
  const secrets = (): string[] => [PASSWORD, token, `${USER}:${PASSWORD}`, Buffer.from(`${USER}:${PASSWORD}`).toString('base64')];

  function assertClean(where: string, text: string): void {
    for (const s of secrets()) assert.ok(s && !text.includes(s), `${where} contains a credential (${s.length} characters)`);
  }

  before(async () => {
    ep = await startEndpoint();
    // The harness runs VS Code at log level warn; the extension's log channel in full is what must stay clean.
    await runPaletteCommand('Developer: Set Log Level...');
    await pickQuickItem('DRP Event Inspector (log)');
    await pickQuickItem('Trace');
    token = ep.sim.mintToken(USER, 3600);
  });

  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await ep.dispose();
  });

  async function receiveOne(n: number): Promise<void> {
    const received = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === key && e.raw.includes(`"n":${n}`), 10_000, `event ${n}`);
    ep.sim.publish({ Type: 'profiles', Action: 'update', Key: key, Object: { Name: key, Params: { n } }, Original: { Name: key, Params: { n: n - 1 } } });
    await received;
  }

  it('shows no credential in the channels, the API, the endpoint setting or an export', async () => {
    await ep.api.register(`profiles.*.${key}`);
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await waitForActiveFilters(ep.api);
    await receiveOne(1);

    const reopened = ep.sim.nextConnection(10_000);
    await vscode.commands.executeCommand('drp.signIn', { token });
    assert.equal((await reopened).scheme, 'bearer');
    await waitForState(ep.api, 'open');
    await waitForActiveFilters(ep.api);
    await receiveOne(2);

    assertClean('the DRP Events channel', await channelText(EVENTS_CHANNEL, (t) => t.includes(key)));
    assertClean('the extension log channel', await logFileText((t) => (t.match(/Connection open/g)?.length ?? 0) >= 2));
    assertClean('the API', JSON.stringify({ events: ep.api.getEvents(), filters: ep.api.getFilters(), state: ep.api.connectionState }));
    assertClean('drp.endpoint', JSON.stringify(vscode.workspace.getConfiguration('drp').inspect('endpoint')));

    const file = vscode.Uri.file(join(mkdtempSync(join(tmpdir(), 'drp-export-')), 'events.ndjson'));
    assert.equal((await vscode.commands.executeCommand<vscode.Uri>('drp.exportEvents', { scope: 'all', uri: file }))?.toString(), file.toString());
    const exported = readFileSync(file.fsPath, 'utf8');
    assert.ok(exported.includes(key), 'the export holds the events');
    assertClean('the exported NDJSON', exported);
    await ep.api.deregister(`profiles.*.${key}`);
  });

  it('moves a credential pasted into drp.endpoint to secret storage and cleans the setting', async () => {
    await vscode.commands.executeCommand('drp.signOut');
    await waitForState(ep.api, 'idle');
    const config = () => vscode.workspace.getConfiguration('drp');
    const clean = `https://127.0.0.1:${ep.sim.port}`;

    const connected = ep.sim.nextConnection(10_000);
    const cleaned = waitForEvent(vscode.workspace.onDidChangeConfiguration, (e) => e.affectsConfiguration('drp.endpoint') && config().get('endpoint') === clean, 10_000, 'the cleaned drp.endpoint');
    await config().update('endpoint', `wss://127.0.0.1:${ep.sim.port}/api/v3/ws?token=${USER}:${PASSWORD}`, vscode.ConfigurationTarget.Global);
    await cleaned;
    const session = await connected;
    await waitForState(ep.api, 'open');
    // The credential came from SecretStorage and went in the Authorization header as Basic.
    assert.equal(session.scheme, 'basic');
    assert.equal(session.user, USER);
    assert.equal(config().inspect('endpoint')?.globalValue, clean);
    assertClean('drp.endpoint', JSON.stringify(config().inspect('endpoint')));
    assertClean('the extension log channel', await logFileText((t) => t.includes('taken out of it')));
  });
});
