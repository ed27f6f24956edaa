import * as assert from 'node:assert/strict';
import { checkFilter, type ValidFilterCheck } from '../../../../src/core/filters/filter';
import { FilterRegistry } from '../../../../src/core/filters/filter-registry';

function valid(text: string): ValidFilterCheck {
  const c = checkFilter(text);
  if (!c.ok) assert.fail(c.message);
  return c;
}
const ev = (type: string, action: string, key: string): { type: string; action: string; key: string } => ({ type, action, key });

describe('FilterRegistry', () => {
  it('adds a filter as pending and returns the wire filters to register', () => {
    const r = new FilterRegistry();
    assert.deepEqual(r.add(valid('machines,jobs.create.*')), { added: true, newWire: ['jobs.create.*', 'machines.create.*'] });
    assert.deepEqual(r.filters(), [
      { filter: 'machines,jobs.create.*', state: 'pending', count: 0, wire: ['jobs.create.*', 'machines.create.*'], warnings: [] },
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
    const r = new FilterRegistry();
    r.add(valid('machines,jobs.create.*'));
    assert.equal(r.markWire('jobs.create.*', 'active'), false, 'one of two acked: still pending');
    assert.equal(r.filters()[0].state, 'pending');
    assert.equal(r.markWire('machines.create.*', 'active'), true);
    assert.equal(r.filters()[0].state, 'active');
    assert.equal(r.markWire('jobs.create.*', 'failed', 'The endpoint did not acknowledge jobs.create.* within 5 s.'), true);
    assert.deepEqual(
      { state: r.filters()[0].state, message: r.filters()[0].message },
      { state: 'failed', message: 'The endpoint did not acknowledge jobs.create.* within 5 s.' },
    );
    r.markWire('jobs.create.*', 'active');
    assert.equal(r.filters()[0].state, 'active');
    assert.equal('message' in r.filters()[0], false);
  });

  it('gives a failed filter a message even when none was passed', () => {
    const r = new FilterRegistry();
    r.add(valid('machines.*.*'));
    r.markWire('machines.*.*', 'failed');
    assert.match(r.filters()[0].message!, /machines\.\*\.\*/);
  });

  it('a new filter sharing an already-acked wire filter starts out active', () => {
    const r = new FilterRegistry();
    r.add(valid('jobs.create.*'));
    r.markWire('jobs.create.*', 'active');
    r.add(valid('jobs,jobs.create.*'));
    assert.equal(r.filters()[1].state, 'active');
  });

  it('ignores acks for wire filters nobody needs', () => {
    const r = new FilterRegistry();
    assert.equal(r.markWire('nothing.*.*', 'active'), false);
    assert.equal(r.wireState('nothing.*.*'), undefined);
  });

  it('resetStates() makes every filter pending again', () => {
    const r = new FilterRegistry();
    r.add(valid('machines.*.*'));
    r.add(valid('jobs.*.*'));
    r.markWire('machines.*.*', 'active');
    r.markWire('jobs.*.*', 'failed', 'x');
    r.resetStates();
    assert.deepEqual(r.filters().map((f) => f.state), ['pending', 'pending']);
    assert.equal(r.wireState('machines.*.*'), 'pending');
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
    const r = new FilterRegistry();
    let changes = 0;
    r.onDidChange(() => changes++);
    r.add(valid('machines.*.*'));
    assert.equal(changes, 1);
    r.markWire('machines.*.*', 'active');
    assert.equal(changes, 2);
    r.markWire('machines.*.*', 'active');
    assert.equal(changes, 2, 'no change, no event');
    r.countMatches(ev('machines', 'create', 'x'));
    assert.equal(changes, 2);
    r.resetStates();
    assert.equal(changes, 3);
    r.remove('machines.*.*');
    assert.equal(changes, 4);
  });

  it('keeps warnings for the filters view', () => {
    const r = new FilterRegistry();
    r.add(valid('*.*.*'));
    assert.equal(r.filters()[0].warnings.length, 1);
  });
});
