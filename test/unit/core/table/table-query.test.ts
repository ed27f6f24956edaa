import assert from 'node:assert/strict';
import { EventView, hasOriginal, textMatcher, type ViewEvent, type ViewSource } from '../../../../src/core/table/table-query';

// A minimal bounded buffer with the same seq contract as core's EventBuffer: contiguous seqs,
// oldest dropped first. Kept here so the view is tested on its own.
class RingSource implements ViewSource {
  private events: ViewEvent[] = [];
  private nextSeq = 1;
  constructor(private readonly max: number) {}
  get firstSeq(): number {
    return this.events.length > 0 ? this.events[0].seq : this.nextSeq;
  }
  get lastSeq(): number {
    return this.nextSeq - 1;
  }
  get(seq: number): ViewEvent | undefined {
    return this.events[seq - this.firstSeq];
  }
  push(type: string, action: string, key: string, object: unknown = { Name: key }, original: unknown = null): ViewEvent {
    const time = new Date(Date.UTC(2026, 10, 28, 3, 52, 16) + this.nextSeq).toISOString();
    const raw = JSON.stringify({ Time: time, Type: type, Action: action, Key: key, Principal: 'user:rocketskates', Object: object, Original: original });
    const e: ViewEvent = { seq: 0, time, type, action, key, principal: 'user:rocketskates', raw, filters: [`${type}.*.*`] };
    return this.pushRaw(e);
  }
  pushRaw(e: ViewEvent): ViewEvent {
    e.seq = this.nextSeq++;
    this.events.push(e);
    if (this.events.length > this.max) this.events.shift();
    return e;
  }
}

describe('event-view', () => {
  describe('textMatcher', () => {
    it('matches a substring case-insensitively', () => {
      const m = textMatcher('MaChInE-7');
      assert.ok(m);
      assert.equal(m('{"Key":"machine-7x"}'), true);
      assert.equal(m('{"Key":"machine-8"}'), false);
    });

    it('treats regular-expression characters literally', () => {
      const m = textMatcher('a.b*(c)[d]/e-f');
      assert.ok(m);
      assert.equal(m('xx a.b*(c)[d]/e-f yy'), true);
      assert.equal(m('xx aXbbb(c)[d]/e-f yy'), false);
    });

    it('folds case for non-ASCII queries too', () => {
      const m = textMatcher('ÉTÉ');
      assert.ok(m);
      assert.equal(m('{"Description":"un été"}'), true);
    });

    it('returns undefined for an empty query (everything matches)', () => {
      assert.equal(textMatcher(''), undefined);
    });
  });

  describe('hasOriginal', () => {
    it('is false for a null Original and true for an object', () => {
      assert.equal(hasOriginal('{"Type":"x","Object":{},"Original":null}'), false);
      assert.equal(hasOriginal('{"Type":"x","Object":{},"Original":{"Name":"a"}}'), true);
      assert.equal(hasOriginal('{"Type":"x","Object":{}}'), false);
    });
  });

  describe('EventView', () => {
    it('shows every event in seq order for an empty query', () => {
      const src = new RingSource(100);
      for (let i = 0; i < 5; i++) src.push('machines', 'update', `m${i}`);
      const view = new EventView(src);
      view.rebuild();
      assert.equal(view.count, 5);
      assert.deepEqual(view.window(0, 10).map((r) => r.key), ['m0', 'm1', 'm2', 'm3', 'm4']);
    });

    it('filters by text, type and action together', () => {
      const src = new RingSource(100);
      src.push('machines', 'update', 'alpha');
      src.push('machines', 'create', 'alpha-2');
      src.push('jobs', 'update', 'alpha-job');
      src.push('machines', 'update', 'beta');
      const view = new EventView(src);
      view.setQuery({ text: 'ALPHA', types: ['machines'], actions: ['update'] });
      assert.deepEqual(view.window(0, 10).map((r) => r.key), ['alpha']);
      view.setQuery({ text: '', types: ['machines', 'jobs'], actions: [] });
      assert.equal(view.count, 4);
    });

    it('searches the raw JSON, including the object body', () => {
      const src = new RingSource(100);
      src.push('machines', 'update', 'm1', { Params: { 'rack/slot': 'R42' } });
      src.push('machines', 'update', 'm2', { Params: { 'rack/slot': 'R7' } });
      const view = new EventView(src);
      view.setQuery({ text: 'r42', types: [], actions: [] });
      assert.deepEqual(view.window(0, 10).map((r) => r.key), ['m1']);
    });

    it('adds matching appends incrementally and ignores repeated ones', () => {
      const src = new RingSource(100);
      const view = new EventView(src, { text: 'keep', types: [], actions: [] });
      view.rebuild();
      const a = src.push('machines', 'update', 'keep-1');
      const b = src.push('machines', 'update', 'drop-1');
      assert.deepEqual(view.append([a, b]), { removed: 0, added: 1 });
      assert.deepEqual(view.append([a, b]), { removed: 0, added: 0 });
      assert.equal(view.count, 1);
    });

    it('drops evicted events from the front without renumbering the rest', () => {
      const src = new RingSource(3);
      const view = new EventView(src);
      view.rebuild();
      const first = [src.push('t', 'a', 'k1'), src.push('t', 'a', 'k2'), src.push('t', 'a', 'k3')];
      view.append(first);
      const version = view.version;
      const change = view.append([src.push('t', 'a', 'k4'), src.push('t', 'a', 'k5')]);
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
      const src = new RingSource(2);
      const view = new EventView(src);
      view.rebuild();
      const batch = [src.push('t', 'a', 'k1'), src.push('t', 'a', 'k2'), src.push('t', 'a', 'k3')];
      assert.deepEqual(view.append(batch), { removed: 0, added: 2 });
      assert.deepEqual(view.window(view.first, 5).map((r) => r.key), ['k2', 'k3']);
    });

    it('rebuilds only up to a given seq (events held while paused stay hidden)', () => {
      const src = new RingSource(100);
      for (let i = 1; i <= 6; i++) src.push('t', 'a', `k${i}`);
      const view = new EventView(src);
      view.rebuild(4);
      assert.equal(view.count, 4);
      // On resume the held events arrive as an append and are added exactly once.
      const held = [5, 6].map((s) => src.get(s)!);
      assert.deepEqual(view.append(held), { removed: 0, added: 2 });
      assert.equal(view.count, 6);
    });

    it('starts positions at 0 and bumps the version on every rebuild', () => {
      const src = new RingSource(2);
      for (let i = 1; i <= 5; i++) src.push('t', 'a', `k${i}`);
      const view = new EventView(src);
      view.rebuild();
      const v = view.version;
      view.setQuery({ text: 'k5', types: [], actions: [] });
      assert.equal(view.version, v + 1);
      assert.deepEqual(view.extent, { version: v + 1, first: 0, count: 1 });
    });

    it('marks rows that carry an Original', () => {
      const src = new RingSource(10);
      src.push('t', 'update', 'k1', { v: 2 }, { v: 1 });
      src.push('t', 'create', 'k2');
      const view = new EventView(src);
      view.rebuild();
      assert.deepEqual(view.window(0, 2).map((r) => r.hasOriginal), [true, false]);
    });

    it('lists the types and actions seen, sorted', () => {
      const src = new RingSource(10);
      src.push('machines', 'update', 'a');
      src.push('jobs', 'create', 'b');
      const view = new EventView(src, { text: 'nothing-matches', types: [], actions: [] });
      view.rebuild();
      view.append([src.push('bootenvs', 'save', 'c')]);
      assert.deepEqual(view.facets(), { types: ['bootenvs', 'jobs', 'machines'], actions: ['create', 'save', 'update'] });
    });

    it('searches 100,000 events of 4 KB correctly (the time is reported, not asserted)', function () {
      this.timeout(30_000);
      const src = new RingSource(100_000);
      // Built by concatenation: JSON.stringify of 100,000 objects would dominate the test.
      const params = Array.from({ length: 95 }, (_, k) => `"param/key-${k}":"value-${k}-abcdefghij"`).join(',');
      for (let i = 0; i < 100_000; i++) {
        const key = `m-${i}`;
        // Buffer round trip: a flat string like the ones ws hands over (a concatenation is a rope).
        const raw = Buffer.from(`{"Time":"2026-11-28T03:52:16.000Z","Type":"machines","Action":"update","Key":"${key}","Principal":"user:rocketskates","Object":{"Name":"${key}","Params":{${params},"marker":"Serial-${i}"}},"Original":null}`).toString();
        src.pushRaw({ seq: 0, time: '2026-11-28T03:52:16.000Z', type: 'machines', action: 'update', key, principal: 'user:rocketskates', raw, filters: ['machines.*.*'] });
      }
      const view = new EventView(src);
      const timings: string[] = [];
      for (const text of ['SERIAL-99999', 'serial-4242', 'no-such-text-anywhere']) {
        const t0 = performance.now();
        view.setQuery({ text, types: [], actions: [] });
        timings.push(`${text}: ${(performance.now() - t0).toFixed(0)} ms`);
        const expected = text === 'no-such-text-anywhere' ? 0 : text === 'SERIAL-99999' ? 1 : 11; // 4242, 42420…42429
        assert.equal(view.count, expected, text);
      }
      const bytes = src.get(1)!.raw.length;
      if (process.env.DRP_VIEW_TIMING) console.log(`      search over 100,000 × ${bytes} B events: ${timings.join(', ')}`);
    });
  });
});
