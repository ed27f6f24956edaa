import * as assert from 'node:assert/strict';
import { EventBuffer, MAX_GAPS } from '../../../../src/core/events/event-buffer';
import type { EventHeader } from '../../../../src/core/events/event';

function header(type = 'machines', action = 'update', key = 'k'): EventHeader {
  return { time: '2026-11-28T03:52:17.9Z', type, action, key, principal: 'user:rocketskates' };
}
function raw(body: string, type = 'machines', action = 'update'): string {
  return `{"Time":"t","Type":"${type}","Action":"${action}","Key":"k","Principal":"p","Object":${JSON.stringify(body)},"Original":null}`;
}
function fill(buffer: EventBuffer, n: number, size = 10): void {
  for (let i = 0; i < n; i++) buffer.push(header(), 'x'.repeat(size), [], i);
}

describe('EventBuffer', () => {
  it('starts empty with firstSeq > lastSeq', () => {
    const b = new EventBuffer({ maxEvents: 10, maxBytes: 1000 });
    assert.equal(b.size, 0);
    assert.equal(b.bytes, 0);
    assert.equal(b.lastSeq, 0);
    assert.equal(b.firstSeq, 1);
    assert.equal(b.get(1), undefined);
    assert.equal(b.at(0), undefined);
  });

  it('assigns increasing seqs from 1 and keeps header, raw, filters and receivedAt', () => {
    const b = new EventBuffer({ maxEvents: 10, maxBytes: 1000 });
    const filters = ['machines.*.*'];
    const e1 = b.push(header('jobs', 'create', 'j1'), 'raw1', filters, 42);
    const e2 = b.push(header(), 'raw22', [], 43);
    assert.equal(e1.seq, 1);
    assert.equal(e2.seq, 2);
    assert.deepEqual(
      { ...b.get(1) },
      { seq: 1, time: '2026-11-28T03:52:17.9Z', type: 'jobs', action: 'create', key: 'j1', principal: 'user:rocketskates', raw: 'raw1', receivedAt: 42, filters },
    );
    assert.equal(b.get(1)!.filters, filters, 'the filters array is shared, not copied');
    assert.equal(b.bytes, 9);
    assert.equal(b.firstSeq, 1);
    assert.equal(b.lastSeq, 2);
  });

  it('evicts the oldest when maxEvents is reached and counts them as dropped', () => {
    const b = new EventBuffer({ maxEvents: 3, maxBytes: 1e9 });
    fill(b, 5);
    assert.equal(b.size, 3);
    assert.equal(b.dropped, 2);
    assert.equal(b.firstSeq, 3);
    assert.equal(b.lastSeq, 5);
    assert.equal(b.get(2), undefined);
    assert.equal(b.get(3)!.seq, 3);
    assert.deepEqual(b.slice().map((e) => e.seq), [3, 4, 5]);
    assert.equal(b.bytes, 30);
  });

  it('evicts the oldest when maxBytes is exceeded, whichever limit fills first', () => {
    const b = new EventBuffer({ maxEvents: 100, maxBytes: 25 });
    fill(b, 3); // 30 bytes > 25
    assert.equal(b.size, 2);
    assert.equal(b.bytes, 20);
    assert.equal(b.dropped, 1);
    b.push(header(), 'y'.repeat(24), []);
    assert.deepEqual(b.slice().map((e) => e.seq), [4]);
    assert.equal(b.bytes, 24);
  });

  it('keeps a single event larger than maxBytes rather than losing what just arrived', () => {
    const b = new EventBuffer({ maxEvents: 10, maxBytes: 5 });
    b.push(header(), 'much too big', []);
    assert.equal(b.size, 1);
    assert.equal(b.lastSeq, 1);
  });

  it('wraps around the ring many times and stays consistent (get, at, indexOfSeq)', () => {
    const b = new EventBuffer({ maxEvents: 7, maxBytes: 1e9 });
    for (let i = 1; i <= 1000; i++) {
      b.push(header('t', 'a', String(i)), 'r', []);
      assert.equal(b.get(i)!.key, String(i));
    }
    assert.equal(b.size, 7);
    assert.equal(b.firstSeq, 994);
    for (let i = 0; i < 7; i++) {
      assert.equal(b.at(i)!.seq, 994 + i);
      assert.equal(b.indexOfSeq(994 + i), i);
    }
    assert.equal(b.indexOfSeq(993), -1);
    assert.equal(b.indexOfSeq(1001), -1);
    assert.equal(b.indexOfSeq(995.5), -1);
    assert.equal(b.at(7), undefined);
    assert.equal(b.at(-1), undefined);
    assert.deepEqual([...b].map((e) => e.seq), [994, 995, 996, 997, 998, 999, 1000]);
  });

  it('grows past its initial capacity up to maxEvents without losing order', () => {
    const b = new EventBuffer({ maxEvents: 5000, maxBytes: 1e9 });
    fill(b, 4000, 1);
    assert.equal(b.size, 4000);
    assert.equal(b.dropped, 0);
    fill(b, 2000, 1);
    assert.equal(b.size, 5000);
    assert.equal(b.dropped, 1000);
    assert.equal(b.at(0)!.seq, 1001);
    assert.equal(b.at(4999)!.seq, 6000);
  });

  it('slices by index like Array.prototype.slice', () => {
    const b = new EventBuffer({ maxEvents: 4, maxBytes: 1e9 });
    fill(b, 6);
    const seqs = (start?: number, end?: number): number[] => b.slice(start, end).map((e) => e.seq);
    assert.deepEqual(seqs(), [3, 4, 5, 6]);
    assert.deepEqual(seqs(1, 3), [4, 5]);
    assert.deepEqual(seqs(-2), [5, 6]);
    assert.deepEqual(seqs(3, 100), [6]);
    assert.deepEqual(seqs(3, 1), []);
  });

  it('searches the raw text case-insensitively and types/actions exactly, with fromSeq and limit', () => {
    const b = new EventBuffer({ maxEvents: 100, maxBytes: 1e9 });
    b.push(header('machines', 'create'), raw('Node-01', 'machines', 'create'), []);
    b.push(header('jobs', 'create'), raw('job for node-01', 'jobs', 'create'), []);
    b.push(header('machines', 'update'), raw('NODE-02', 'machines', 'update'), []);
    b.push(header('machines', 'delete'), raw('node-01', 'machines', 'delete'), []);
    assert.deepEqual(b.search({ text: 'node-01' }), [1, 2, 4]);
    assert.deepEqual(b.search({ text: 'NODE-0' }), [1, 2, 3, 4]);
    assert.deepEqual(b.search({ types: ['machines'] }), [1, 3, 4]);
    assert.deepEqual(b.search({ types: ['Machines'] }), []);
    assert.deepEqual(b.search({ types: ['machines'], actions: ['create', 'delete'], text: 'node-01' }), [1, 4]);
    assert.deepEqual(b.search({ text: 'node' }, { fromSeq: 3 }), [3, 4]);
    assert.deepEqual(b.search({ text: 'node' }, { limit: 2 }), [1, 2]);
    assert.deepEqual(b.search({}, { limit: 0 }), []);
    assert.deepEqual(b.search({ types: [], actions: [], text: '' }), [1, 2, 3, 4]);
  });

  it('counts buffered events by type', () => {
    const b = new EventBuffer({ maxEvents: 100, maxBytes: 1e9 });
    b.push(header('machines'), 'a', []);
    b.push(header('jobs'), 'b', []);
    b.push(header('machines'), 'c', []);
    assert.deepEqual([...b.countByType()], [['machines', 2], ['jobs', 1]]);
  });

  it('stores gap markers with the seq after which they happened, bounded in number', () => {
    const b = new EventBuffer({ maxEvents: 3, maxBytes: 1e9 });
    assert.deepEqual(b.pushGap({ at: 5, reason: 'before any event' }), { at: 5, reason: 'before any event', afterSeq: 0 });
    fill(b, 2);
    b.pushGap({ at: 10, reason: 'reconnected' });
    assert.deepEqual(b.gaps().map((g) => g.afterSeq), [0, 2]);
    fill(b, 3); // seqs 3..5 remain; the gap after 0 no longer borders anything buffered
    assert.deepEqual(b.gaps().map((g) => g.reason), ['reconnected']);
    for (let i = 0; i < MAX_GAPS + 10; i++) b.pushGap({ at: i, reason: `g${i}` });
    assert.equal(b.gaps().length, MAX_GAPS);
    assert.equal(b.gaps()[MAX_GAPS - 1].reason, `g${MAX_GAPS + 9}`);
  });

  it('clear() empties events, bytes, gaps and the dropped counter but keeps seqs increasing', () => {
    const b = new EventBuffer({ maxEvents: 2, maxBytes: 1e9 });
    fill(b, 3);
    b.pushGap({ at: 1, reason: 'r' });
    b.clear();
    assert.equal(b.size, 0);
    assert.equal(b.bytes, 0);
    assert.equal(b.dropped, 0);
    assert.deepEqual(b.gaps(), []);
    assert.equal(b.lastSeq, 3);
    assert.equal(b.firstSeq, 4);
    assert.equal(b.get(3), undefined);
    assert.equal(b.push(header(), 'r', []).seq, 4);
    assert.equal(b.get(4)!.seq, 4);
  });

  it('setLimits() shrinking drops the oldest and reports how many; growing keeps everything', () => {
    const b = new EventBuffer({ maxEvents: 10, maxBytes: 1e9 });
    fill(b, 10);
    assert.equal(b.setLimits({ maxEvents: 4, maxBytes: 1e9 }), 6);
    assert.deepEqual(b.slice().map((e) => e.seq), [7, 8, 9, 10]);
    assert.equal(b.dropped, 6);
    assert.equal(b.setLimits({ maxEvents: 4, maxBytes: 25 }), 2);
    assert.deepEqual(b.slice().map((e) => e.seq), [9, 10]);
    assert.equal(b.setLimits({ maxEvents: 100, maxBytes: 1e9 }), 0);
    fill(b, 50);
    assert.equal(b.size, 52);
    assert.equal(b.get(9)!.seq, 9);
    assert.equal(b.maxEvents, 100);
  });

  it('refuses nonsensical limits', () => {
    assert.throws(() => new EventBuffer({ maxEvents: 0, maxBytes: 10 }), RangeError);
    assert.throws(() => new EventBuffer({ maxEvents: 10, maxBytes: Number.NaN }), RangeError);
  });
});
