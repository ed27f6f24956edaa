// EventStream against a real DrpConnection and the simulator over TLS: filters reach the
// wire once, events land in the buffer labelled with their filters, views get batches,
// pause holds only the views, and a new connection gets every filter registered again.
import * as assert from 'node:assert/strict';
import { DrpConnection } from '../../../../src/core/connection/connection';
import { EventBuffer } from '../../../../src/core/events/event-buffer';
import { EventStream } from '../../../../src/core/events/event-stream';
import { FilterRegistry } from '../../../../src/core/filters/filter-registry';
import { readEventHeader } from '../../../../src/core/events/event';
import { DrpSimulator } from '../../../sim/simulator';
import { next } from '../../support/next';

describe('event stream', function () {
  this.timeout(10_000);
  let sim: DrpSimulator;
  const cleanups: Array<() => void> = [];

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

  function stream(maxEvents = 1000): EventStream {
    const s = new EventStream({ registry: new FilterRegistry(), buffer: new EventBuffer({ maxEvents, maxBytes: 64 * 1024 * 1024 }), batchMs: 20 });
    cleanups.push(() => s.dispose());
    return s;
  }

  async function openWith(s: EventStream, c: DrpConnection): Promise<void> {
    const opened = next(c.onDidChangeState, (e) => e.state === 'open', 'open');
    s.attach(c);
    c.connect();
    await opened;
  }

  async function allActive(s: EventStream): Promise<void> {
    if (s.registry.filters().every((f) => f.state === 'active')) return;
    await next(s.registry.onDidChange, () => s.registry.filters().every((f) => f.state === 'active'), 'active filters');
  }

  it('expands a list into wire filters sent once each, and labels events with the user filter', async () => {
    const s = stream();
    const c = connection();
    await openWith(s, c);
    assert.equal(s.addFilter('profiles,params.create.*').ok, true);
    assert.equal(s.addFilter('profiles.create.*').ok, true); // same wire filter as one list item
    await allActive(s);
    const registers = sim.receivedFrames.filter((f) => f.text.startsWith('register ')).map((f) => f.text).sort();
    assert.deepEqual(registers, ['register params.create.*', 'register profiles.create.*']);

    const batch = next(s.onDidAppend, (b) => b.some((e) => e.key === 'p1'), 'batch with p1');
    sim.publish({ Type: 'profiles', Action: 'create', Key: 'p1', Object: { Name: 'p1' } });
    const events = await batch;
    const p1 = events.find((e) => e.key === 'p1')!;
    assert.deepEqual([...p1.filters].sort(), ['profiles,params.create.*', 'profiles.create.*']);
    assert.equal(s.buffer.get(p1.seq)?.raw, p1.raw);
  });

  it('refuses an invalid filter without touching the connection', async () => {
    const s = stream();
    const c = connection();
    await openWith(s, c);
    const check = s.addFilter('machines.*');
    assert.equal(check.ok, false);
    assert.equal(s.registry.filters().length, 0);
    // A valid register afterwards is the first frame the endpoint sees.
    s.addFilter('machines.*.*');
    const frame = await sim.waitForFrame((f) => f.text.startsWith('register'));
    assert.equal(frame.text, 'register machines.*.*');
    assert.equal(sim.crashed, false);
  });

  it('deregisters a wire filter only when its last user filter goes', async () => {
    const s = stream();
    const c = connection();
    await openWith(s, c);
    s.addFilter('jobs.*.*');
    s.addFilter('jobs,machines.*.*');
    await allActive(s);
    s.removeFilter('jobs.*.*');
    // Removing jobs.*.* leaves its wire filter wanted by the list, so nothing is sent; the
    // list's own removal then sends both of its wire filters' deregisters.
    assert.ok(!sim.receivedFrames.some((f) => f.text === 'deregister jobs.*.*'), 'jobs.*.* is still wanted by the list');
    assert.equal(s.removeFilter('jobs,machines.*.*'), true);
    await sim.waitForFrame((f) => f.text === 'deregister jobs.*.*');
    await sim.waitForFrame((f) => f.text === 'deregister machines.*.*');
    assert.equal(sim.receivedFrames.filter((f) => f.text.startsWith('deregister')).length, 2);
    assert.equal(s.removeFilter('never-registered.*.*'), false);
  });

  it('holds batches while paused, keeps buffering, and delivers everything on resume', async () => {
    const s = stream();
    const c = connection();
    await openWith(s, c);
    s.addFilter('params.*.*');
    await allActive(s);
    s.pause();
    let told = 0;
    const sub = s.onDidAppend((b) => (told += b.length));
    cleanups.push(() => sub.dispose());
    const received = next(s.onDidReceive, (e) => e.key === 'k3', 'third event');
    for (const k of ['k1', 'k2', 'k3']) sim.publish({ Type: 'params', Action: 'create', Key: k, Object: {} });
    await received;
    assert.equal(s.buffer.size, 3, 'buffering continues while paused');
    assert.equal(s.held, 3);
    assert.equal(told, 0, 'views are not told while paused');
    const batch = next(s.onDidAppend, () => true, 'resumed batch');
    s.resume();
    assert.deepEqual((await batch).map((e) => e.key), ['k1', 'k2', 'k3']);
    assert.equal(s.held, 0);
  });

  it('re-registers every filter on a newly attached connection', async () => {
    const s = stream();
    const first = connection();
    await openWith(s, first);
    s.addFilter('stages.*.*');
    s.addFilter('workflows.update.*');
    await allActive(s);
    first.dispose();
    const before = sim.receivedFrames.length;
    const second = connection();
    await openWith(s, second);
    await allActive(s);
    const again = sim.receivedFrames.slice(before).map((f) => f.text).sort();
    assert.deepEqual(again, ['register stages.*.*', 'register workflows.update.*']);
  });

  it('imports recorded events into the buffer with their source as the label', () => {
    const s = stream();
    const raw = '{"Time":"2026-11-28T03:52:16.862847807Z","Type":"profiles","Action":"create","Key":"x","Principal":"user:a","Object":{},"Original":null}';
    const read = readEventHeader(raw);
    assert.ok(read.ok);
    const [e] = s.importEvents([{ header: read.header, raw }], 'rec.ndjson');
    assert.deepEqual(e.filters, ['import: rec.ndjson']);
    assert.equal(s.buffer.get(e.seq)?.key, 'x');
  });

  it('clear empties the buffer and tells the views', async () => {
    const s = stream();
    s.importEvents([{ header: { time: 't', type: 'a', action: 'b', key: 'c', principal: '' }, raw: '{}' }], 'r');
    const cleared = next(s.onDidClear, () => true, 'clear');
    s.clear();
    await cleared;
    assert.equal(s.buffer.size, 0);
  });
});
