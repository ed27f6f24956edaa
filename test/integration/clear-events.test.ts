// Clear Events through the real UI: its icon is not Deregister All's, it asks before dropping
// more than a few events (nothing changes until the user answers), and after it the Filters
// counts agree with the empty Events view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CLEAR_WITHOUT_ASKING } from '../../src/extension/events/clear-events';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, clickInWorkbench, countInWorkbench, workbenchText } from './ui';

const TOAST = '.notifications-toasts .notification-toast';

function titleAction(view: string, label: string): { header: string; action: string } {
  const header = `.pane-header:has(.title:text-is("${view}"))`;
  return { header, action: `${header} .action-label[aria-label="${label}"]` };
}

describe('Clear Events', () => {
  let ep: TestEndpoint;
  const run = Date.now().toString(36);
  const filter = `params.*.clr-${run}`;
  const many = CLEAR_WITHOUT_ASKING + 20;

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await ep.api.register(filter);
    await waitForActiveFilters(ep.api);
  });

  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await ep.dispose();
  });

  async function receive(n: number): Promise<void> {
    const all = waitForEvent(ep.api.onDidReceiveEvent, () => ep.api.getEvents().length >= n, 10_000, `${n} events`);
    for (let i = 0; i < n; i++) ep.sim.publish({ Type: 'params', Action: 'update', Key: `clr-${run}`, Object: { Name: `clr-${run}`, n: i } });
    await all;
  }

  it('has its own icon, not Deregister All’s', async () => {
    await vscode.commands.executeCommand('drp.events.focus');
    const clear = titleAction('Events', 'Clear Events');
    const deregisterAll = titleAction('Filters', 'Deregister All');
    assert.equal(await countInWorkbench(`${clear.action}.codicon-clear-all`), 1, 'Clear Events shows the clear-all icon');
    assert.equal(await countInWorkbench(`${deregisterAll.action}.codicon-close-all`), 1, 'Deregister All shows the close-all icon');
  });

  it(`asks before clearing more than ${CLEAR_WITHOUT_ASKING} events, and the Filters counts follow the clear`, async () => {
    await receive(many);
    assert.equal(ep.api.getFilters().find((f) => f.filter === filter)?.count, many);
    await vscode.commands.executeCommand('drp.events.focus');
    const clear = titleAction('Events', 'Clear Events');
    await clickInWorkbench(clear.action, { hover: clear.header });

    const toast = await askUntil(() => workbenchText(TOAST), (t) => t.includes('Clear'), 'the confirmation');
    assert.match(toast, new RegExp(`Clear ${many} buffered events\\?`));
    assert.equal(ep.api.getEvents().length, many, 'nothing is cleared before the answer');

    await clickInWorkbench(`${TOAST} .monaco-button:text-is("Clear ${many} Events")`);
    await askUntil(async () => ep.api.getEvents().length, (n) => n === 0, 'the buffer to be empty');
    assert.equal(ep.api.getFilters().find((f) => f.filter === filter)?.count, 0, 'the filter count agrees with the empty Events view');
  });

  it('clears a few events without asking', async () => {
    await receive(3);
    assert.equal(await vscode.commands.executeCommand('drp.clearEvents'), true);
    assert.equal(ep.api.getEvents().length, 0);
  });
});
