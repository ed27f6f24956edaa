import * as assert from 'node:assert/strict';
import { EventBuffer } from '../../../../src/core/events/event-buffer';
import type { EventHeader } from '../../../../src/core/events/event';

function header(type = 'machines', action = 'update', key = 'k'): EventHeader {
  return { time: '2026-11-28T03:52:17.9Z', type, action, key, principal: 'user:rocketskates' };
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

  it('finds the newest event for an object, and none once its events have left', () => {
    const b = new EventBuffer({ maxEvents: 4, maxBytes: 1000 });
    b.push(header('profiles', 'create', 'p1'), 'a', []);
    b.push(header('profiles', 'update', 'p2'), 'b', []);
    b.push(header('profiles', 'delete', 'p1'), 'c', []);
    b.push(header('machines', 'update', 'p1'), 'd', []);
    assert.deepEqual([b.newestOf('profiles', 'p1')?.seq, b.newestOf('profiles', 'p1')?.action], [3, 'delete']);
    assert.equal(b.newestOf('profiles', 'p3'), undefined);
    fill(b, 4);
    assert.equal(b.newestOf('profiles', 'p1'), undefined, 'dropped from the buffer');
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

  it('wraps around the ring many times and stays consistent (get, at)', () => {
    const b = new EventBuffer({ maxEvents: 7, maxBytes: 1e9 });
    for (let i = 1; i <= 1000; i++) {
      b.push(header('t', 'a', String(i)), 'r', []);
      assert.equal(b.get(i)!.key, String(i));
    }
    assert.equal(b.size, 7);
    assert.equal(b.firstSeq, 994);
    for (let i = 0; i < 7; i++) {
      assert.equal(b.at(i)!.seq, 994 + i);
    }
    assert.equal(b.get(993), undefined);
    assert.equal(b.get(1001), undefined);
    assert.equal(b.get(995.5), undefined);
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

  it('clear() empties events, bytes and the dropped counter but keeps seqs increasing', () => {
    const b = new EventBuffer({ maxEvents: 2, maxBytes: 1e9 });
    fill(b, 3);
    b.clear();
    assert.equal(b.size, 0);
    assert.equal(b.bytes, 0);
    assert.equal(b.dropped, 0);
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
