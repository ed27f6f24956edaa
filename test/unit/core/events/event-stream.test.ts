// EventStream's logic against a fake StreamConnection (no socket): filters reach the
// connection once per wire filter, user filters take their state from the connection's wire
// states, events land in the buffer labelled with their filters, views get batches, pause
// holds only the views, and a new connection gets every filter registered again. One test
// runs the same path end to end against a real DrpConnection and the simulator over TLS.
import * as assert from 'node:assert/strict';
import { DrpConnection } from '../../../../src/core/connection/connection';
import { EventBuffer } from '../../../../src/core/events/event-buffer';
import { EventStream } from '../../../../src/core/events/event-stream';
import { FilterRegistry } from '../../../../src/core/filters/filter-registry';
import { DrpSimulator } from '../../../sim/simulator';
import { FakeStreamConnection } from '../../support/fake-stream-connection';
import { next, record } from '../../support/next';

describe('event stream', function () {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  function stream(maxEvents = 1000): EventStream {
    const s = new EventStream({ registry: new FilterRegistry(), buffer: new EventBuffer({ maxEvents, maxBytes: 64 * 1024 * 1024 }), batchMs: 20 });
    cleanups.push(() => s.dispose());
    return s;
  }

  function attached(s: EventStream): FakeStreamConnection {
    const c = new FakeStreamConnection();
    s.attach(c);
    return c;
  }

  const states = (s: EventStream): string[] => s.registry.filters().map((f) => f.state);

  describe('with a fake connection', () => {
    it('expands a list into wire filters registered once each, and labels events with the user filter', async () => {
      const s = stream();
      const c = attached(s);
      assert.equal(s.addFilter('profiles,params.create.*').ok, true);
      assert.equal(s.addFilter('profiles.create.*').ok, true); // same wire filter as one list item
      assert.deepEqual([...c.commands].sort(), ['register params.create.*', 'register profiles.create.*']);

      const batch = next(s.onDidAppend, (b) => b.some((e) => e.key === 'p1'), 'batch with p1');
      c.publish({ Type: 'profiles', Action: 'create', Key: 'p1' }, 42);
      const events = await batch;
      const p1 = events.find((e) => e.key === 'p1')!;
      assert.deepEqual([...p1.filters].sort(), ['profiles,params.create.*', 'profiles.create.*']);
      assert.equal(p1.receivedAt, 42);
      assert.equal(s.buffer.get(p1.seq)?.raw, p1.raw);
      assert.equal(s.received, 1);
    });

    it('takes each filter’s state from the connection’s wire states', () => {
      const s = stream();
      const c = attached(s);
      const changes = record(s.registry.onDidChange);
      cleanups.push(() => changes.dispose());
      s.addFilter('machines,jobs.create.*');
      s.addFilter('jobs.create.*');
      assert.deepEqual(states(s), ['pending', 'pending']);
      c.ack('jobs.create.*');
      assert.deepEqual(states(s), ['pending', 'active']);
      c.ack('machines.create.*');
      assert.deepEqual(states(s), ['active', 'active']);
      c.fail('jobs.create.*', 'The endpoint did not acknowledge ‘register jobs.create.*’ within 10 s.');
      assert.deepEqual(states(s), ['failed', 'failed']);
      assert.deepEqual(
        s.registry.filters().map((f) => f.message),
        ['The endpoint did not acknowledge ‘register jobs.create.*’ within 10 s.', 'The endpoint did not acknowledge ‘register jobs.create.*’ within 10 s.'],
      );
      c.reconnect();
      assert.deepEqual(states(s), ['pending', 'pending']);
      assert.equal(s.registry.filters().some((f) => 'message' in f), false);
      // the first add and its wire filters sent (unsent → pending), the second add,
      // jobs.create.* acked, machines.create.* acked, the failure, the reconnect
      assert.equal(changes.values.length, 7);
    });

    it('refuses an invalid filter without touching the connection', () => {
      const s = stream();
      const c = attached(s);
      const check = s.addFilter('machines.*');
      assert.equal(check.ok, false);
      assert.equal(s.registry.filters().length, 0);
      assert.deepEqual(c.commands, []);
      s.addFilter('machines.*.*');
      assert.deepEqual(c.commands, ['register machines.*.*']);
    });

    it('deregisters a wire filter only when its last user filter goes', () => {
      const s = stream();
      const c = attached(s);
      s.addFilter('jobs.*.*');
      s.addFilter('jobs,machines.*.*');
      c.ackAll();
      assert.equal(s.removeFilter('jobs.*.*'), true);
      assert.deepEqual(c.commands.filter((x) => x.startsWith('deregister')), [], 'jobs.*.* is still wanted by the list');
      assert.deepEqual(states(s), ['active']);
      assert.equal(s.removeFilter('jobs,machines.*.*'), true);
      assert.deepEqual(c.commands.filter((x) => x.startsWith('deregister')).sort(), ['deregister jobs.*.*', 'deregister machines.*.*']);
      assert.equal(c.wireState('jobs.*.*'), undefined);
      assert.equal(s.removeFilter('never-registered.*.*'), false);
    });

    it('drops an event no user filter matches (one in flight during a deregister)', () => {
      const s = stream();
      const c = attached(s);
      s.addFilter('params.*.*');
      c.publish({ Type: 'machines', Action: 'update', Key: 'm' });
      assert.equal(s.unmatched, 1);
      assert.equal(s.received, 0);
      assert.equal(s.buffer.size, 0);
    });

    it('holds batches while paused, keeps buffering, and delivers everything on resume', async () => {
      const s = stream();
      const c = attached(s);
      s.addFilter('params.*.*');
      s.pause();
      let told = 0;
      const sub = s.onDidAppend((b) => (told += b.length));
      cleanups.push(() => sub.dispose());
      const received = record(s.onDidReceive);
      cleanups.push(() => received.dispose());
      for (const k of ['k1', 'k2', 'k3']) c.publish({ Type: 'params', Action: 'create', Key: k });
      assert.deepEqual(received.values.map((e) => e.key), ['k1', 'k2', 'k3'], 'onDidReceive is not held');
      assert.equal(s.buffer.size, 3, 'buffering continues while paused');
      assert.equal(s.held, 3);
      await new Promise((r) => setTimeout(r, 40)); // two batch ticks
      assert.equal(told, 0, 'views are not told while paused');
      const batch = next(s.onDidAppend, () => true, 'resumed batch');
      s.resume();
      assert.deepEqual((await batch).map((e) => e.key), ['k1', 'k2', 'k3']);
      assert.equal(s.held, 0);
    });

    it('flushes waiting events before telling views of a gap', async () => {
      const s = stream();
      const c = attached(s);
      s.addFilter('params.*.*');
      const order: string[] = [];
      const a = s.onDidAppend((b) => order.push(`append ${b.map((e) => e.key).join(',')}`));
      const g = s.onDidGap((gap) => order.push(`gap ${gap.from}-${gap.to}`));
      cleanups.push(() => a.dispose(), () => g.dispose());
      c.publish({ Type: 'params', Action: 'create', Key: 'before' });
      c.gap({ from: 1, to: 2, reason: 'The connection was lost.' });
      assert.deepEqual(order, ['append before', 'gap 1-2']);
    });

    it('registers filters added while detached once a connection is attached', () => {
      const s = stream();
      s.addFilter('stages.*.*');
      s.addFilter('workflows,stages.update.*');
      assert.deepEqual(states(s), ['unsent', 'unsent'], 'nothing is awaited: there is no connection to send them on');
      const c = attached(s);
      assert.deepEqual([...c.commands].sort(), ['register stages.*.*', 'register stages.update.*', 'register workflows.update.*']);
      c.ackAll();
      assert.deepEqual(states(s), ['active', 'active']);
    });

    it('re-registers every filter on a newly attached connection, and stops hearing the old one', () => {
      const s = stream();
      const first = attached(s);
      s.addFilter('stages.*.*');
      s.addFilter('workflows.update.*');
      first.ackAll();
      assert.deepEqual(states(s), ['active', 'active']);
      const changes = record(s.registry.onDidChange);
      cleanups.push(() => changes.dispose());
      const second = attached(s);
      assert.equal(first.hasListeners, false, 'the old connection is unhooked');
      assert.deepEqual([...second.commands].sort(), ['register stages.*.*', 'register workflows.update.*']);
      assert.deepEqual(states(s), ['pending', 'pending'], 'states come from the new connection');
      assert.equal(changes.values.length, 1, 'one change: active → pending');
      first.fail('stages.*.*');
      first.publish({ Type: 'stages', Action: 'create', Key: 'old' });
      assert.deepEqual(states(s), ['pending', 'pending']);
      assert.equal(s.buffer.size, 0);
      second.ackAll();
      assert.deepEqual(states(s), ['active', 'active']);
    });

    it('detaching makes every filter unsent and unhooks the connection', () => {
      const s = stream();
      const c = attached(s);
      s.addFilter('stages.*.*');
      c.ackAll();
      s.attach(undefined);
      assert.deepEqual(states(s), ['unsent']);
      assert.equal(c.hasListeners, false);
      assert.equal(s.currentConnection, undefined);
    });

    it('clear empties the buffer and tells the views', async () => {
      const s = stream();
      s.buffer.push({ time: 't', type: 'a', action: 'b', key: 'c', principal: '' }, '{}', ['a.*.*']);
      const cleared = next(s.onDidClear, () => true, 'clear');
      s.clear();
      await cleared;
      assert.equal(s.buffer.size, 0);
    });
  });

  describe('with a DrpConnection and the simulator', function () {
    this.timeout(10_000);
    let sim: DrpSimulator;
    beforeEach(async () => {
      sim = await DrpSimulator.start({ pingIntervalMs: 60_000, pongTimeoutMs: 120_000 });
    });
    afterEach(async () => {
      for (const c of cleanups.splice(0)) c();
      await sim.stop();
    });

    function connection(): DrpConnection {
      const c = new DrpConnection({
        wsUrl: sim.wsUrl,
        credential: async () => ({ kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' }),
        trust: { mode: 'pinned', fingerprint256: sim.fingerprint256 },
        backoff: { initialMs: 20, maxMs: 100, jitter: 0 },
      });
      cleanups.push(() => c.dispose());
      return c;
    }

    async function allActive(s: EventStream): Promise<void> {
      if (s.registry.filters().every((f) => f.state === 'active')) return;
      await next(s.registry.onDidChange, () => s.registry.filters().every((f) => f.state === 'active'), 'active filters');
    }

    it('sends each wire filter once, goes active on the acks, labels events, and re-registers on a new connection', async () => {
      const s = stream();
      const c = connection();
      const opened = next(c.onDidChangeState, (e) => e.state === 'open', 'open');
      s.attach(c);
      c.connect();
      await opened;
      assert.equal(s.addFilter('profiles,params.create.*').ok, true);
      assert.equal(s.addFilter('profiles.create.*').ok, true);
      await allActive(s);
      const registers = sim.receivedFrames.filter((f) => f.text.startsWith('register ')).map((f) => f.text).sort();
      assert.deepEqual(registers, ['register params.create.*', 'register profiles.create.*']);

      const batch = next(s.onDidAppend, (b) => b.some((e) => e.key === 'p1'), 'batch with p1');
      sim.publish({ Type: 'profiles', Action: 'create', Key: 'p1', Object: { Name: 'p1' } });
      const p1 = (await batch).find((e) => e.key === 'p1')!;
      assert.deepEqual([...p1.filters].sort(), ['profiles,params.create.*', 'profiles.create.*']);

      c.dispose();
      const before = sim.receivedFrames.length;
      const second = connection();
      const reopened = next(second.onDidChangeState, (e) => e.state === 'open', 'open again');
      s.attach(second);
      second.connect();
      await reopened;
      await allActive(s);
      const again = sim.receivedFrames.slice(before).map((f) => f.text).sort();
      assert.deepEqual(again, ['register params.create.*', 'register profiles.create.*']);
    });
  });
});
