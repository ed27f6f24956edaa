import assert from 'node:assert/strict';
import { checkFilter } from '../../../../src/core/filters/filter';
import { describeOverlap, filterOverlap, type RegisteredFilter } from '../../../../src/core/filters/filter-overlap';

function registered(...filters: string[]): RegisteredFilter[] {
  return filters.map((f) => {
    const check = checkFilter(f);
    if (!check.ok) throw new Error(check.message);
    return { filter: check.filter, wire: check.wire };
  });
}
function overlap(filter: string, existing: RegisteredFilter[]): string | undefined {
  const check = checkFilter(filter);
  if (!check.ok) throw new Error(check.message);
  const o = filterOverlap(check.filter, check.wire, existing);
  return o && describeOverlap(o);
}

describe('filter-overlap', () => {
  it('says which part of a comma list is new when another filter already receives the rest', () => {
    assert.equal(overlap('machines,jobs.*.*', registered('machines.*.*')), '‘machines.*.*’ already receives part of this; it adds jobs.*.*.');
  });

  it('says when everything is already received, through one filter or several', () => {
    assert.equal(overlap('machines.update.*', registered('machines.*.*')), 'Everything this matches is already received through ‘machines.*.*’.');
    assert.equal(overlap('machines,jobs.create.*', registered('machines.*.*', '*.create.*')), 'Everything this matches is already received through ‘machines.*.*’, ‘*.create.*’.');
  });

  it('says when the same filter is already registered', () => {
    assert.equal(overlap('machines.*.*', registered('machines.*.*')), '‘machines.*.*’ is already registered.');
  });

  it('does not claim a narrower filter covers a wider one', () => {
    assert.equal(overlap('machines.*.*', registered('machines.update.*', 'machines.*.m1')), undefined);
    assert.equal(overlap('*.*.*', registered('machines.*.*')), undefined);
  });

  it('says nothing when nothing overlaps', () => {
    assert.equal(overlap('jobs.*.*', registered('machines.*.*', 'profiles.update.p1')), undefined);
    assert.equal(overlap('jobs.*.*', []), undefined);
  });

  it('reads list and escaped keys the way the registry matches them', () => {
    assert.equal(overlap('bootenvs.update.a.b', registered('bootenvs.update,save.a.b')), 'Everything this matches is already received through ‘bootenvs.update,save.a.b’.');
    assert.equal(overlap('bootenvs.update.a.c', registered('bootenvs.update,save.a.b')), undefined);
  });
});
