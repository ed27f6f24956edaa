// Display names and change summaries as the user meets them: the DRP Events output line, the
// API's getEvents() names and describeEvent(), against the simulator over TLS. The expected
// changes are worked out here from the frame the simulator published, not by the code under test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { channelText, EVENTS_CHANNEL } from './support/channels';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { screenshot } from './ui';

/** The simulator's seeded machine (test/sim/seed.ts). */
const MACHINE = 'e7fecfa5-1c0d-444d-b9df-fb07ab977110';
const MACHINE_NAME = 'node-00';

/** A scalar as the summary shows it: strings bare (`""` when empty), the rest as JSON. */
function shown(v: unknown): string {
  return typeof v === 'string' ? (v === '' ? '""' : v) : JSON.stringify(v);
}

async function eventsLine(includes: string): Promise<string> {
  const text = await channelText(EVENTS_CHANNEL, (t) => t.includes(includes));
  const line = text.split('\n').find((l) => l.includes(includes));
  assert.ok(line, `no line with ${includes}`);
  return line;
}

describe('display names and change summaries', () => {
  describe('a machine update', () => {
    let ep: TestEndpoint;

    before(async () => {
      ep = await startEndpoint();
      await signInWithPassword();
      await waitForState(ep.api, 'open');
      await ep.api.register('machines.*.*');
      await waitForActiveFilters(ep.api);
    });

    after(async () => {
      await ep.dispose();
    });

    it('shows the machine’s name, its runner’s name and exactly the fields the simulator changed, in the output line and describeEvent', async () => {
      const marker = `changed by the names test ${Date.now()}`;
      const published = ep.sim.waitForEvent((p) => p.header.Type === 'machines' && p.header.Action === 'update' && p.raw.includes(marker));
      const received = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.type === 'machines' && e.raw.includes(marker), 10_000, 'the machine update');
      ep.sim.store.change('machines', MACHINE, 'update', `runner:${MACHINE}`, (m) => {
        Object.assign(m, { Stage: 'sledgehammer-wait', CurrentTask: 3, Description: marker });
      });
      const frame = JSON.parse((await published).raw) as { Object: Record<string, unknown>; Original: Record<string, unknown> };
      const fields = [...new Set([...Object.keys(frame.Object), ...Object.keys(frame.Original)])]
        .filter((k) => JSON.stringify(frame.Object[k]) !== JSON.stringify(frame.Original[k]));
      assert.deepEqual([...fields].sort(), ['CurrentTask', 'Description', 'Stage'], 'the simulator changed what the test asked');
      const expected = fields.map((field) => ({ field, from: shown(frame.Original[field]), to: shown(frame.Object[field]) }));

      const e = await received;
      assert.deepEqual(ep.api.describeEvent(e.seq), { name: MACHINE_NAME, changes: expected });
      assert.equal(ep.api.getEvents().find((x) => x.seq === e.seq)?.name, MACHINE_NAME);

      const line = await eventsLine(marker);
      const summary = expected.map((c) => `${c.field} ${c.from} → ${c.to}`).join(' · ');
      assert.match(line, new RegExp(`machines\\.update +${MACHINE_NAME} +runner:${MACHINE_NAME} +`), line);
      assert.ok(line.endsWith(`  ${summary}`), `${line}\nshould end with: ${summary}`);
      assert.equal(line.includes(MACHINE), false, `the line still shows the UUID: ${line}`);
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await screenshot('names-output-machine-update');
    });

    it('says no change for an update that changed nothing, and undefined once the seq is gone', async () => {
      const received = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.type === 'machines' && e.action === 'update', 10_000, 'the no-op update');
      ep.sim.store.change('machines', MACHINE, 'update', 'user:rocketskates', () => undefined);
      const e = await received;
      assert.deepEqual(ep.api.describeEvent(e.seq), { name: MACHINE_NAME, changes: [] });
      assert.equal(ep.api.describeEvent(e.seq + 1000), undefined);
    });
  });

  describe('names seeded at connect', () => {
    let ep: TestEndpoint;

    before(async () => {
      ep = await startEndpoint();
      // Jobs only: no machine event will ever arrive, so the machine's name can come only
      // from the list the extension asks for when the stream opens.
      await ep.api.register('jobs.*.*');
      const seeded = waitForEvent(ep.api.onDidChangeNames, (changes) => changes.some((c) => c.type === 'machines' && c.key === MACHINE), 15_000, 'the machine names listed at connect');
      await signInWithPassword();
      await waitForState(ep.api, 'open');
      await waitForActiveFilters(ep.api);
      await seeded;
    });

    after(async () => {
      await ep.dispose();
    });

    it('names a job by its machine, task and state, and its runner principal by the machine’s name', async () => {
      const received = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.type === 'jobs' && e.action === 'create', 10_000, 'the job create');
      const made = ep.sim.store.create('jobs', { Machine: MACHINE, Task: 'gohai', Stage: 'discover', State: 'created', Current: true }, `runner:${MACHINE}`);
      assert.ok(made.ok);
      const e = await received;
      const name = `${MACHINE_NAME} · gohai · created`;
      assert.equal(ep.api.getEvents().find((x) => x.seq === e.seq)?.name, name);
      assert.deepEqual(ep.api.describeEvent(e.seq), { name, changes: [] });
      const line = await eventsLine(name);
      assert.match(line, new RegExp(`jobs\\.create +${name} +runner:${MACHINE_NAME}$`), line);
      assert.equal(ep.api.getEvents().some((x) => x.type === 'machines'), false, 'no machine event taught the name');
    });
  });
});
