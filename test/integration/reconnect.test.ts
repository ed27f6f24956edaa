// An endpoint restart: the extension reconnects by itself, registers its filters again,
// marks the gap in the "DRP Events" channel, and events after the restart arrive.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DrpEventInspectorApi } from '../../src/extension/api';
import { channelText, EVENTS_CHANNEL } from './support/channels';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';

const GAP = /── gap until \d\d:\d\d:\d\d\.\d{3} ── .*missed events cannot be replayed\./g;

describe('reconnect after an endpoint restart', () => {
  let ep: TestEndpoint;
  const run = Date.now().toString(36);
  const filters = [`profiles.*.rc-${run}`, `params.create.rc-${run}`];

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    for (const f of filters) await ep.api.register(f);
    await waitForActiveFilters(ep.api);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await ep.dispose();
  });

  it('reconnects by itself, registers the filters again, marks the gap, and receives new events', async () => {
    const gapsBefore = (await channelText(EVENTS_CHANNEL)).match(GAP)?.length ?? 0;
    const states: Array<DrpEventInspectorApi['connectionState']> = [];
    const sub = ep.api.onDidChangeConnectionState((s) => states.push(s));
    const framesBefore = ep.sim.receivedFrames.length;
    try {
      const reconnecting = waitForState(ep.api, 'reconnecting');
      await ep.sim.restart();
      await reconnecting;
      await waitForState(ep.api, 'open', 15_000);
      for (const f of filters) {
        await ep.sim.waitForFrame((fr) => ep.sim.receivedFrames.indexOf(fr) >= framesBefore && fr.text === `register ${f}`);
      }
      await waitForActiveFilters(ep.api);
    } finally {
      sub.dispose();
    }
    assert.equal(states[0], 'reconnecting');
    assert.equal(states.at(-1), 'open');
    assert.ok(!states.includes('auth-failed') && !states.includes('closed'), `states: ${states.join(' → ')}`);
    assert.deepEqual(ep.api.getFilters().map((f) => [f.filter, f.state]), filters.map((f) => [f, 'active']));

    const text = await channelText(EVENTS_CHANNEL, (t) => (t.match(GAP)?.length ?? 0) > gapsBefore);
    assert.equal(text.match(GAP)?.length, gapsBefore + 1, 'one gap line for one restart');

    const received = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === `rc-${run}`, 10_000, 'an event after the restart');
    ep.sim.publish({ Type: 'profiles', Action: 'update', Key: `rc-${run}`, Object: { Name: `rc-${run}`, Params: { after: true } } });
    const event = await received;
    assert.deepEqual(event.filters, [filters[0]]);
    // The event line follows the gap line in the channel.
    const after = await channelText(EVENTS_CHANNEL, (t) => t.lastIndexOf(`rc-${run}`) > t.lastIndexOf('── gap'));
    assert.ok(after.lastIndexOf(`rc-${run}`) > after.lastIndexOf('── gap'));
  });
});
