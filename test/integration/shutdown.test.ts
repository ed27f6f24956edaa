// Closing or reloading the window deactivates the extension: VS Code calls its deactivate()
// and then disposes context.subscriptions in push order. Everything must go newest first, so
// the connection's closing line still reaches the log, and nothing may write to a channel
// that is gone ("Channel has been closed"), which would skip the rest of a dispose and land
// in the extension host log as an error on every window close.
//
// This file runs last (test/integration/index.ts): after it the extension is deactivated.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { createLog } from '../../src/extension/events/output';
import { extensionHostLogText } from './support/channels';
import { EXTENSION_ID, signInWithPassword, startEndpoint, waitForState, type TestEndpoint } from './support/endpoint';

describe('shutdown', function () {
  this.timeout(60_000);
  let ep: TestEndpoint | undefined;

  after(async () => {
    // The extension is gone, so its commands are too: stop only the simulator.
    await ep?.sim.stop();
  });

  it('a log channel that is gone drops writes instead of throwing', () => {
    // The premise, in this VS Code: a closed channel throws on write.
    const raw = vscode.window.createOutputChannel('DRP shutdown test (raw)', { log: true });
    raw.dispose();
    assert.throws(() => raw.info('late'), /Channel has been closed/);

    const log = createLog('DRP shutdown test');
    log.info('before close');
    log.dispose();
    assert.doesNotThrow(() => {
      log.debug('late');
      log.info('late');
      log.warn('late');
      log.error('late');
      log.show(true);
      log.dispose();
    });
  });

  // The live connection matters: closing it logs a state change while the session disposes,
  // which is the write that hit the closed log channel when the log went first.
  it('deactivating disposes everything, and nothing from the extension errors in the extension host log', async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open', 30_000);
    const hostLogBefore = extensionHostLogText().length;

    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive);
    // The module the extension host loaded (Node's module cache holds one instance per file),
    // so this is the deactivate() VS Code calls when the window closes.
    const main = createRequire(__filename)(join(ext.extensionPath, ext.packageJSON.main as string)) as { deactivate(): void };
    assert.doesNotThrow(() => main.deactivate());

    // Disposed for real: the contributed commands are unregistered.
    const commands = new Set(await vscode.commands.getCommands(true));
    const left = ['drp.signIn', 'drp.showEventTable', 'drp.clearEvents'].filter((c) => commands.has(c));
    assert.deepEqual(left, [], 'commands still registered after deactivate');

    // Nothing failed late either (a write after close surfaces as an unhandled error). This
    // checks that nothing happens, so it has to give late writers real time to happen.
    await new Promise((r) => setTimeout(r, 1000));
    const hostLog = extensionHostLogText().slice(hostLogBefore);
    const ours = hostLog.split('\n').filter((l) => /Channel has been closed|drp-event-inspector/i.test(l) && /error/i.test(l));
    assert.deepEqual(ours, [], 'errors from the extension in the extension host log');
  });
});
