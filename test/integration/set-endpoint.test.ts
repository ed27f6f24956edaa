// The first steps as a user takes them: DRP: Set Endpoint goes on to Sign In (or, run by a
// script, offers it in one click), and once connected the status bar's tooltip says where
// and as whom, since its text shows only the event rate.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PASSWORD, startEndpoint, USER, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, clickInWorkbench, countInWorkbench, hoverText, pressKey, runPaletteCommand, screenshot, typeInQuickInput, workbenchText } from './ui';

const STATUS_ITEM = '.statusbar-item:has-text("DRP:")';
const TOAST = '.notifications-toasts .notification-toast';
const TITLE = '.quick-input-widget:visible .quick-input-title:visible';

/** Waits for the open quick input's title; each input of a flow replaces the last one's. */
async function quickInputTitled(pattern: RegExp): Promise<void> {
  const title = async (): Promise<string> => ((await countInWorkbench(TITLE)) > 0 ? workbenchText(TITLE) : '');
  await askUntil(title, (t) => pattern.test(t), `a quick input titled ${pattern}`);
}

describe('set endpoint, then sign in', () => {
  let ep: TestEndpoint;
  let display: string;

  before(async () => {
    ep = await startEndpoint();
    display = new URL(ep.sim.url).host;
  });

  beforeEach(async () => {
    // Signed out of the simulator first: with no endpoint set, Sign Out has nothing to act on.
    await vscode.commands.executeCommand('drp.signOut');
    await vscode.workspace.getConfiguration('drp').update('endpoint', '', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    await askUntil(() => countInWorkbench(TOAST), (n) => n === 0, 'no notification toasts');
  });

  after(async () => {
    await pressKey('Escape');
    await vscode.workspace.getConfiguration('drp').update('endpoint', ep.sim.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    await ep.dispose();
  });

  it('goes on from Set Endpoint to Sign In, and the status bar tooltip says connected to where and as whom', async () => {
    await runPaletteCommand('DRP: Set Endpoint');
    await typeInQuickInput(ep.sim.url, { submit: true });
    await quickInputTitled(new RegExp(`^Sign in to ${display.replace(/\./g, '\\.')}$`));
    await typeInQuickInput('User name and password', { submit: true });
    await quickInputTitled(/: user name$/);
    await typeInQuickInput(USER, { submit: true });
    await quickInputTitled(/: password for rocketskates$/);
    await typeInQuickInput(PASSWORD, { submit: true });
    await waitForState(ep.api, 'open');

    await askUntil(() => workbenchText(STATUS_ITEM), (t) => /DRP: [\d.]+ ev\/s/.test(t), 'the status bar to show the event rate');
    const tooltip = await hoverText(STATUS_ITEM);
    assert.match(tooltip, new RegExp(`^Connected to ${display.replace(/\./g, '\\.')} as rocketskates\\.`));
    assert.ok(!tooltip.includes(PASSWORD), 'the tooltip shows the password');
    await screenshot('status-bar-connected-tooltip');
  });

  it('offers Sign In in one click when a script sets the endpoint', async () => {
    await vscode.commands.executeCommand('drp.setEndpoint', ep.sim.url);
    const offer = `${TOAST}:has-text("The endpoint is now ${display}. Sign in to receive its events.")`;
    await askUntil(() => countInWorkbench(offer), (n) => n === 1, 'the Sign In offer');
    await clickInWorkbench(`${offer} .monaco-button:has-text("Sign In")`);
    await quickInputTitled(new RegExp(`^Sign in to ${display.replace(/\./g, '\\.')}$`));
    await pressKey('Escape');
  });
});
