// A filter's state in the Filters tree as a user sees it: while nothing can be sent (signed
// out, disconnected) the row says so with its own icon and tooltip, and no row spins as if
// an acknowledgement were on its way; once signed in the endpoint acks it and it turns active.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, countInWorkbench, hoverText, screenshot } from './ui';

const FILTERS = '.pane:has(.pane-header .title:text-is("Filters"))';
const row = (label: string): string => `${FILTERS} .monaco-list-row[aria-label="${label}"]`;

async function rowShown(label: string): Promise<void> {
  await askUntil(() => countInWorkbench(row(label)), (n) => n === 1, `the Filters row "${label}"`);
}

describe('filter states in the Filters tree', () => {
  let ep: TestEndpoint;
  const filter = `machines.*.fs-${Date.now().toString(36)}`;

  before(async () => {
    ep = await startEndpoint();
    await vscode.commands.executeCommand('drp.filters.focus');
  });

  after(async () => {
    await ep.dispose();
  });

  it('shows a filter as not sent while signed out or disconnected, and spins for none of them', async () => {
    await ep.api.register(filter);
    assert.equal(ep.api.getFilters()[0]?.state, 'unsent');
    await rowShown(`${filter}, not sent, signed out, 0 events`);
    assert.equal(await countInWorkbench(`${FILTERS} .monaco-list-row .codicon-loading`), 0, 'no spinner while nothing is awaited');
    assert.equal(await countInWorkbench(`${row(`${filter}, not sent, signed out, 0 events`)} .codicon-account`), 1, 'the signed-out icon');
    const tooltip = await hoverText(row(`${filter}, not sent, signed out, 0 events`));
    assert.match(tooltip, /Not sent: you are signed out\. Sign in to register it\./);
    assert.doesNotMatch(tooltip, /acknowledge/);
    await screenshot('filters-signed-out');

    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await waitForActiveFilters(ep.api);
    await rowShown(`${filter}, active, 0 events`);

    await vscode.commands.executeCommand('drp.disconnect');
    await waitForState(ep.api, 'closed');
    await rowShown(`${filter}, not sent, not connected, 0 events`);
    assert.equal(await countInWorkbench(`${FILTERS} .monaco-list-row .codicon-loading`), 0, 'no spinner while disconnected');
    assert.match(await hoverText(row(`${filter}, not sent, not connected, 0 events`)), /Not sent: not connected\. Connect to register it\./);
  });
});
