import assert from 'node:assert/strict';
import { EventBuffer, type BufferedEvent } from '../../../../src/core/events/event-buffer';
import { TableQuery } from '../../../../src/core/table/table-query';

// The real buffer, with a shorthand that builds a frame from its parts.
class TestBuffer extends EventBuffer {
  constructor(maxEvents: number) {
    super({ maxEvents, maxBytes: Number.MAX_SAFE_INTEGER });
  }
  add(type: string, action: string, key: string, object: unknown = { Name: key }, original: unknown = null): BufferedEvent {
    const time = new Date(Date.UTC(2026, 10, 28, 3, 52, 16) + this.lastSeq + 1).toISOString();
    const principal = 'user:rocketskates';
    const raw = JSON.stringify({ Time: time, Type: type, Action: action, Key: key, Principal: principal, Object: object, Original: original });
    return this.push({ time, type, action, key, principal }, raw, [`${type}.*.*`]);
  }
}

describe('table-query', () => {
  describe('TableQuery', () => {
    it('shows every event in seq order for an empty query', () => {
      const src = new TestBuffer(100);
      for (let i = 0; i < 5; i++) src.add('machines', 'update', `m${i}`);
      const view = new TableQuery(src);
      view.rebuild();
      assert.equal(view.count, 5);
      assert.deepEqual(view.window(0, 10).map((r) => r.key), ['m0', 'm1', 'm2', 'm3', 'm4']);
    });

    it('filters by text, type and action together', () => {
      const src = new TestBuffer(100);
      src.add('machines', 'update', 'alpha');
      src.add('machines', 'create', 'alpha-2');
      src.add('jobs', 'update', 'alpha-job');
      src.add('machines', 'update', 'beta');
      const view = new TableQuery(src);
      view.setQuery({ text: 'ALPHA', types: ['machines'], actions: ['update'] });
      assert.deepEqual(view.window(0, 10).map((r) => r.key), ['alpha']);
      view.setQuery({ text: '', types: ['machines', 'jobs'], actions: [] });
      assert.equal(view.count, 4);
    });

    it('searches the raw JSON, including the object body', () => {
      const src = new TestBuffer(100);
      src.add('machines', 'update', 'm1', { Params: { 'rack/slot': 'R42' } });
      src.add('machines', 'update', 'm2', { Params: { 'rack/slot': 'R7' } });
      const view = new TableQuery(src);
      view.setQuery({ text: 'r42', types: [], actions: [] });
      assert.deepEqual(view.window(0, 10).map((r) => r.key), ['m1']);
    });

    it('adds matching appends incrementally and ignores repeated ones', () => {
      const src = new TestBuffer(100);
      const view = new TableQuery(src, { text: 'keep', types: [], actions: [] });
      view.rebuild();
      const a = src.add('machines', 'update', 'keep-1');
      const b = src.add('machines', 'update', 'drop-1');
      assert.deepEqual(view.append([a, b]), { removed: 0, added: 1 });
      assert.deepEqual(view.append([a, b]), { removed: 0, added: 0 });
      assert.equal(view.count, 1);
    });

    it('drops evicted events from the front without renumbering the rest', () => {
      const src = new TestBuffer(3);
      const view = new TableQuery(src);
      view.rebuild();
      const first = [src.add('t', 'a', 'k1'), src.add('t', 'a', 'k2'), src.add('t', 'a', 'k3')];
      view.append(first);
      const version = view.version;
      const change = view.append([src.add('t', 'a', 'k4'), src.add('t', 'a', 'k5')]);
      assert.deepEqual(change, { removed: 2, added: 2 });
      assert.equal(view.version, version, 'eviction is not a reset');
      assert.equal(view.first, 2);
      assert.equal(view.count, 3);
      assert.deepEqual(view.window(2, 3).map((r) => r.key), ['k3', 'k4', 'k5']);
      assert.deepEqual(view.window(0, 3).map((r) => r.key), ['k3'], 'positions before first are clipped');
      assert.equal(view.seqAt(4), 5);
      assert.equal(view.seqAt(1), undefined);
    });

    it('counts an event added and evicted in the same batch as never shown', () => {
      const src = new TestBuffer(2);
      const view = new TableQuery(src);
      view.rebuild();
      const batch = [src.add('t', 'a', 'k1'), src.add('t', 'a', 'k2'), src.add('t', 'a', 'k3')];
      assert.deepEqual(view.append(batch), { removed: 0, added: 2 });
      assert.deepEqual(view.window(view.first, 5).map((r) => r.key), ['k2', 'k3']);
    });

    it('rebuilds only up to a given seq (events held while paused stay hidden)', () => {
      const src = new TestBuffer(100);
      for (let i = 1; i <= 6; i++) src.add('t', 'a', `k${i}`);
      const view = new TableQuery(src);
      view.rebuild(4);
      assert.equal(view.count, 4);
      // On resume the held events arrive as an append and are added exactly once.
      const held = [5, 6].map((s) => src.get(s)!);
      assert.deepEqual(view.append(held), { removed: 0, added: 2 });
      assert.equal(view.count, 6);
    });

    it('starts positions at 0 and bumps the version on every rebuild', () => {
      const src = new TestBuffer(2);
      for (let i = 1; i <= 5; i++) src.add('t', 'a', `k${i}`);
      const view = new TableQuery(src);
      view.rebuild();
      const v = view.version;
      view.setQuery({ text: 'k5', types: [], actions: [] });
      assert.equal(view.version, v + 1);
      assert.deepEqual(view.extent, { version: v + 1, first: 0, count: 1 });
    });

    it('marks rows that carry an Original', () => {
      const src = new TestBuffer(10);
      src.add('t', 'update', 'k1', { v: 2 }, { v: 1 });
      src.add('t', 'create', 'k2');
      const view = new TableQuery(src);
      view.rebuild();
      assert.deepEqual(view.window(0, 2).map((r) => r.hasOriginal), [true, false]);
    });

    it('lists the types and actions seen, sorted', () => {
      const src = new TestBuffer(10);
      src.add('machines', 'update', 'a');
      src.add('jobs', 'create', 'b');
      const view = new TableQuery(src, { text: 'nothing-matches', types: [], actions: [] });
      view.rebuild();
      view.append([src.add('bootenvs', 'save', 'c')]);
      assert.deepEqual(view.facets(), { types: ['bootenvs', 'jobs', 'machines'], actions: ['create', 'save', 'update'] });
    });

    it('searches the whole raw text of 3.7 KB events, ignoring case, past a prefix every event repeats', () => {
      // The time this takes over 100,000 events is measured by `npm run bench` (bench/search.ts).
      const src = new TestBuffer(1_000);
      const params = Array.from({ length: 95 }, (_, k) => `"param/key-${k}":"value-${k}-abcdefghij"`).join(',');
      for (let i = 0; i < 1_000; i++) {
        const key = `m-${i}`;
        const raw = `{"Time":"2026-11-28T03:52:16.000Z","Type":"machines","Action":"update","Key":"${key}","Principal":"user:rocketskates","Object":{"Name":"${key}","Params":{${params},"marker":"Serial-${i}"}},"Original":null}`;
        src.push({ time: '2026-11-28T03:52:16.000Z', type: 'machines', action: 'update', key, principal: 'user:rocketskates' }, raw, ['machines.*.*']);
      }
      const view = new TableQuery(src);
      for (const [text, keys] of [
        ['SERIAL-999', ['m-999']],
        ['serial-42', ['m-42', ...Array.from({ length: 10 }, (_, d) => `m-42${d}`)]],
        ['999', ['m-999']], // no cased letter: the plain substring path
        ['no-such-text-anywhere', []],
      ] as const) {
        view.setQuery({ text, types: [], actions: [] });
        assert.deepEqual(view.window(0, 20).map((r) => r.key), keys, text);
        assert.equal(view.count, keys.length, text);
      }
    });
  });
});
