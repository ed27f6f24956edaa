import * as assert from 'node:assert/strict';
import { EventIndex, IndexedEvent } from '../../../../src/core/events/event-index';

function events(...specs: Array<[number, string, string]>): IndexedEvent[] {
  return specs.map(([seq, type, key]) => ({ seq, type, key }));
}

describe('EventIndex', () => {
  it('groups events by type then key, with counts and the newest seq, in the order first seen', () => {
    const index = new EventIndex();
    index.add(events([1, 'machines', 'n2'], [2, 'jobs', 'j1'], [3, 'machines', 'n1'], [4, 'machines', 'n2']));
    assert.equal(index.size, 4);
    assert.deepEqual(index.typeSummaries(), [
      { type: 'machines', count: 3, keys: 2, newest: 4 },
      { type: 'jobs', count: 1, keys: 1, newest: 2 },
    ]);
    assert.deepEqual(index.keySummaries('machines'), [
      { key: 'n2', count: 2, newest: 4 },
      { key: 'n1', count: 1, newest: 3 },
    ]);
    assert.deepEqual(index.keySummaries('nothing'), []);
  });

  it('keeps existing types and keys in place as events arrive, adding new ones at the end', () => {
    const index = new EventIndex();
    index.add(events([1, 'profiles', 'm'], [2, 'machines', 'n1']));
    index.add(events([3, 'profiles', 'a'], [4, 'jobs', 'j1'], [5, 'profiles', 'm'], [6, 'profiles', 'z']));
    assert.deepEqual(index.typeSummaries().map((t) => t.type), ['profiles', 'machines', 'jobs'], 'a newer or busier type does not move up');
    assert.deepEqual(index.keySummaries('profiles').map((k) => k.key), ['m', 'a', 'z'], '"a" goes after "m", not before it');
    index.prune(3); // m's first event and machines' only one leave
    assert.deepEqual(index.typeSummaries().map((t) => t.type), ['profiles', 'jobs']);
    assert.deepEqual(index.keySummaries('profiles').map((k) => k.key), ['m', 'a', 'z'], 'm still has an event, so it keeps its place');
    index.add(events([7, 'machines', 'n1']));
    assert.deepEqual(index.typeSummaries().map((t) => t.type), ['profiles', 'jobs', 'machines'], 'a type that came back is new again, at the end');
  });

  it('returns the newest events of a key first, capped, with the count of older ones', () => {
    const index = new EventIndex();
    index.add(Array.from({ length: 25 }, (_, i) => ({ seq: i + 1, type: 'machines', key: 'n1' })));
    const newest = index.newest('machines', 'n1', 20);
    assert.equal(newest.seqs.length, 20);
    assert.equal(newest.seqs[0], 25);
    assert.equal(newest.seqs[19], 6);
    assert.equal(newest.older, 5);
    assert.deepEqual(index.newest('machines', 'n1', 100).older, 0);
    assert.deepEqual(index.newest('machines', 'missing', 20), { seqs: [], older: 0 });
  });

  it('prunes events the buffer dropped, removing empty keys and types', () => {
    const index = new EventIndex();
    index.add(events([1, 'jobs', 'j1'], [2, 'machines', 'n1'], [3, 'machines', 'n1'], [4, 'machines', 'n2']));
    assert.equal(index.prune(1), false, 'nothing below the first seq');
    const touched = new Set<string>();
    assert.equal(index.prune(3, touched), true);
    assert.deepEqual([...touched].sort(), ['jobs', 'machines'], 'the types that lost events');
    assert.equal(index.size, 2);
    assert.equal(index.typeSummary('jobs'), undefined);
    assert.deepEqual(index.keySummaries('machines'), [
      { key: 'n1', count: 1, newest: 3 },
      { key: 'n2', count: 1, newest: 4 },
    ]);
    assert.deepEqual(index.newest('machines', 'n1', 20), { seqs: [3], older: 0 });
    index.prune(5);
    assert.equal(index.size, 0);
    assert.deepEqual(index.typeSummaries(), []);
  });

  it('keeps counts right across many prunes and compactions', () => {
    const index = new EventIndex();
    const keys = ['a', 'b', 'c'];
    let seq = 0;
    for (let batch = 0; batch < 50; batch++) {
      const add: IndexedEvent[] = [];
      for (let i = 0; i < 100; i++) {
        seq++;
        add.push({ seq, type: seq % 2 ? 'machines' : 'jobs', key: keys[seq % 3] });
      }
      index.add(add);
      index.prune(seq - 999); // a buffer of 1000
    }
    assert.equal(index.size, 1000);
    const total = index.typeSummaries().reduce((n, t) => n + t.count, 0);
    assert.equal(total, 1000);
    for (const t of index.typeSummaries()) {
      const sum = index.keySummaries(t.type).reduce((n, k) => n + k.count, 0);
      assert.equal(sum, t.count);
    }
    // machines (odd seqs) with key index seq % 3 === 1: the newest is the largest such seq.
    const newest = index.newest('machines', 'b', 1).seqs[0];
    assert.equal(newest % 2, 1);
    assert.equal(newest % 3, 1);
    assert.ok(newest > seq - 6);
  });

  it('ignores a batch delivered twice and starts over after clear', () => {
    const index = new EventIndex();
    const batch = events([1, 'machines', 'n1'], [2, 'machines', 'n1']);
    index.add(batch);
    index.add(batch);
    assert.equal(index.size, 2);
    index.clear();
    assert.equal(index.size, 0);
    index.add(events([1, 'jobs', 'j1']));
    assert.deepEqual(index.typeSummaries(), [{ type: 'jobs', count: 1, keys: 1, newest: 1 }]);
  });

  it('re-creates a key that emptied and came back', () => {
    const index = new EventIndex();
    index.add(events([1, 'machines', 'n1']));
    index.prune(2);
    index.add(events([2, 'machines', 'n1']));
    assert.deepEqual(index.newest('machines', 'n1', 20), { seqs: [2], older: 0 });
    index.prune(3);
    assert.equal(index.size, 0);
  });
});
