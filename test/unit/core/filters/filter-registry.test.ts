import * as assert from 'node:assert/strict';
import { checkFilter, type ValidFilterCheck } from '../../../../src/core/filters/filter';
import { FilterRegistry } from '../../../../src/core/filters/filter-registry';
import { FakeStreamConnection } from '../../support/fake-stream-connection';

function valid(text: string): ValidFilterCheck {
  const c = checkFilter(text);
  if (!c.ok) assert.fail(c.message);
  return c;
}
const ev = (type: string, action: string, key: string): { type: string; action: string; key: string } => ({ type, action, key });

/**
 * A registry watching a fake connection, with the wire filters each add() asks for kept
 * there (what EventStream does). The connection owns the wire states; the test plays its acks.
 */
function watched(): { r: FilterRegistry; c: FakeStreamConnection; add(text: string): void; changes(): number } {
  const r = new FilterRegistry();
  const c = new FakeStreamConnection();
  r.watch(c);
  let changes = 0;
  r.onDidChange(() => changes++);
  return {
    r,
    c,
    add: (text) => {
      for (const wire of r.add(valid(text)).newWire) c.register(wire);
    },
    changes: () => changes,
  };
}

describe('FilterRegistry', () => {
  it('adds a filter as unsent (nothing sent yet) and returns the wire filters to register', () => {
    const r = new FilterRegistry();
    assert.deepEqual(r.add(valid('machines,jobs.create.*')), { added: true, newWire: ['jobs.create.*', 'machines.create.*'] });
    assert.deepEqual(r.filters(), [
      { filter: 'machines,jobs.create.*', state: 'unsent', count: 0, wire: ['jobs.create.*', 'machines.create.*'], warnings: [] },
    ]);
    assert.deepEqual(r.wireFilters(), ['jobs.create.*', 'machines.create.*']);
  });

  it('adding the same filter twice changes nothing', () => {
    const r = new FilterRegistry();
    r.add(valid('machines.*.*'));
    assert.deepEqual(r.add(valid(' machines.*.* ')), { added: false, newWire: [] });
    assert.equal(r.size, 1);
  });

  it('reference-counts shared wire filters: registered once, deregistered when the last user goes', () => {
    const r = new FilterRegistry();
    assert.deepEqual(r.add(valid('jobs.create.*')).newWire, ['jobs.create.*']);
    assert.deepEqual(r.add(valid('machines,jobs.create.*')).newWire, ['machines.create.*']);
    assert.deepEqual(r.remove('jobs.create.*'), { removed: true, goneWire: [] });
    assert.deepEqual(r.wireFilters(), ['jobs.create.*', 'machines.create.*']);
    assert.deepEqual(r.remove('machines,jobs.create.*'), { removed: true, goneWire: ['jobs.create.*', 'machines.create.*'] });
    assert.deepEqual(r.wireFilters(), []);
    assert.deepEqual(r.remove('machines,jobs.create.*'), { removed: false, goneWire: [] });
  });

  it('is active when all its wire filters are acked, failed if any failed, else pending', () => {
    const { r, c, add, changes } = watched();
    add('machines,jobs.create.*');
    const before = changes();
    c.ack('jobs.create.*');
    assert.equal(changes(), before, 'one of two acked: still pending, no change');
    assert.equal(r.filters()[0].state, 'pending');
    c.ack('machines.create.*');
    assert.equal(changes(), before + 1);
    assert.equal(r.filters()[0].state, 'active');
    c.fail('jobs.create.*', 'The endpoint did not acknowledge jobs.create.* within 5 s.');
    assert.equal(changes(), before + 2);
    assert.deepEqual(
      { state: r.filters()[0].state, message: r.filters()[0].message },
      { state: 'failed', message: 'The endpoint did not acknowledge jobs.create.* within 5 s.' },
    );
    c.ack('jobs.create.*');
    assert.equal(r.filters()[0].state, 'active');
    assert.equal('message' in r.filters()[0], false);
  });

  it('is unsent while any of its wire filters is unsent, and failed beats unsent', () => {
    const { r, c, add } = watched();
    add('machines,jobs.create.*');
    c.set('jobs.create.*', 'unsent');
    assert.equal(r.filters()[0].state, 'unsent', 'one sent and awaited, one not sent: nothing is in progress for all of it');
    c.ack('machines.create.*');
    assert.equal(r.filters()[0].state, 'unsent');
    c.fail('machines.create.*', 'x');
    assert.equal(r.filters()[0].state, 'failed');
  });

  it('gives a failed filter a message even when the connection has none', () => {
    const { r, c, add } = watched();
    add('machines.*.*');
    c.set('machines.*.*', 'failed');
    assert.match(r.filters()[0].message!, /machines\.\*\.\*/);
  });

  it('a new filter sharing an already-acked wire filter starts out active', () => {
    const { r, c, add } = watched();
    add('jobs.create.*');
    c.ack('jobs.create.*');
    add('jobs,jobs.create.*');
    assert.equal(r.filters()[1].state, 'active');
  });

  it('ignores wire state changes for wire filters nobody needs', () => {
    const { r, c, add, changes } = watched();
    add('machines.*.*');
    const before = changes();
    c.set('nothing.*.*', 'active');
    assert.equal(changes(), before);
    assert.deepEqual(r.filters().map((f) => f.state), ['pending']);
  });

  it('is unsent while the socket is down, pending again after a reconnect, and unsent with no connection watched', () => {
    const { r, c, add, changes } = watched();
    add('machines.*.*');
    add('jobs.*.*');
    c.ack('machines.*.*');
    c.fail('jobs.*.*', 'x');
    assert.deepEqual(r.filters().map((f) => f.state), ['active', 'failed']);
    c.drop();
    assert.deepEqual(r.filters().map((f) => f.state), ['unsent', 'unsent']);
    c.reconnect();
    assert.deepEqual(r.filters().map((f) => f.state), ['pending', 'pending']);
    c.ackAll();
    assert.deepEqual(r.filters().map((f) => f.state), ['active', 'active']);
    const before = changes();
    r.watch(undefined);
    assert.equal(changes(), before + 1, 'unwatching changed the states');
    assert.deepEqual(r.filters().map((f) => f.state), ['unsent', 'unsent']);
    c.fail('jobs.*.*', 'y');
    assert.equal(changes(), before + 1, 'an unwatched connection is not heard');
    assert.equal(r.filters()[1].state, 'unsent');
  });

  it('reads the states of a newly watched connection that already keeps the wire filters', () => {
    const { r, c, add } = watched();
    add('machines.*.*');
    c.ack('machines.*.*');
    const other = new FakeStreamConnection();
    r.watch(other);
    assert.equal(r.filters()[0].state, 'unsent', 'the other connection does not keep it');
    r.watch(c);
    assert.equal(r.filters()[0].state, 'active');
  });

  it('matching() returns the user filters an event matches, in add order, and counts them', () => {
    const r = new FilterRegistry();
    r.add(valid('machines.*.*'));
    r.add(valid('*.create.*'));
    r.add(valid('machines,jobs.update,save.*'));
    assert.deepEqual(r.countMatches(ev('machines', 'create', 'm1')), ['machines.*.*', '*.create.*']);
    assert.deepEqual(r.countMatches(ev('jobs', 'save', 'j1')), ['machines,jobs.update,save.*']);
    assert.deepEqual(r.countMatches(ev('machines', 'update', 'm1')), ['machines.*.*', 'machines,jobs.update,save.*']);
    assert.deepEqual(r.countMatches(ev('profiles', 'delete', 'p')), []);
    assert.deepEqual(r.filters().map((f) => f.count), [2, 1, 2]);
    r.resetCounts();
    assert.deepEqual(r.filters().map((f) => f.count), [0, 0, 0]);
  });

  it('matching() returns one shared array per filter for the single-match case', () => {
    const r = new FilterRegistry();
    r.add(valid('machines.*.*'));
    assert.equal(r.countMatches(ev('machines', 'create', 'a')), r.countMatches(ev('machines', 'delete', 'b')));
  });

  it('matches keys with dots and escaped dots exactly', () => {
    const r = new FilterRegistry();
    r.add(valid('params.*.a\\1b'));
    r.add(valid('bootenvs.update.ubuntu-20.04-install'));
    assert.deepEqual(r.countMatches(ev('params', 'create', 'a.b')), ['params.*.a\\1b']);
    assert.deepEqual(r.countMatches(ev('params', 'create', 'a\\1b')), []);
    assert.deepEqual(r.countMatches(ev('bootenvs', 'update', 'ubuntu-20.04-install')), ['bootenvs.update.ubuntu-20.04-install']);
    assert.deepEqual(r.countMatches(ev('bootenvs', 'update', 'ubuntu-20')), []);
  });

  it('fires onDidChange on add, remove and state changes, but not per matched event', () => {
    const { r, c, add, changes } = watched();
    add('machines.*.*');
    assert.equal(changes(), 2, 'the add, then its wire filter sent (unsent → pending)');
    c.ack('machines.*.*');
    assert.equal(changes(), 3);
    c.ack('machines.*.*');
    assert.equal(changes(), 3, 'no change, no event');
    r.countMatches(ev('machines', 'create', 'x'));
    assert.equal(changes(), 3);
    c.reconnect();
    assert.equal(changes(), 4);
    r.remove('machines.*.*');
    assert.equal(changes(), 5);
  });

  it('keeps warnings for the filters view', () => {
    const r = new FilterRegistry();
    r.add(valid('*.*.*'));
    assert.equal(r.filters()[0].warnings.length, 1);
  });
});
