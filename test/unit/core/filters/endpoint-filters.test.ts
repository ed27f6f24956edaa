import * as assert from 'node:assert/strict';
import { EventBuffer } from '../../../../src/core/events/event-buffer';
import { EventStream } from '../../../../src/core/events/event-stream';
import { EndpointFilters, type FilterSets } from '../../../../src/core/filters/endpoint-filters';
import { FilterRegistry } from '../../../../src/core/filters/filter-registry';

const A = 'https://10.0.0.1:8092';
const B = 'https://10.0.0.2:8092';

/** Filter lists per origin, in memory, with every save recorded. */
class MemorySets implements FilterSets {
  readonly saved: Array<[string, string[]]> = [];
  failWith: Error | undefined;
  constructor(private readonly lists: Record<string, string[]> = {}) {}
  get(origin: string): readonly string[] {
    return this.lists[origin] ?? [];
  }
  async set(origin: string, filters: readonly string[]): Promise<void> {
    this.saved.push([origin, [...filters]]);
    if (this.failWith) throw this.failWith;
    this.lists[origin] = [...filters];
  }
}

/** Lets every queued microtask (and the saves they start) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('endpoint filters', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  function setup(lists: Record<string, string[]> = {}, initialOrigin: string | undefined = A) {
    const stream = new EventStream({ registry: new FilterRegistry(), buffer: new EventBuffer({ maxEvents: 100, maxBytes: 1 << 20 }) });
    const sets = new MemorySets(lists);
    const log = { warns: [] as string[], errors: [] as string[] };
    const state: { origin: string | undefined } = { origin: initialOrigin };
    const filters = new EndpointFilters(stream, sets, () => state.origin, { warn: (l) => log.warns.push(l), error: (l) => log.errors.push(l) });
    cleanups.push(() => {
      filters.dispose();
      stream.dispose();
    });
    const held = () => stream.registry.filters().map((f) => f.filter);
    return { stream, sets, log, state, filters, held };
  }

  it('use() makes the stream hold the origin’s remembered filters, saving nothing', async () => {
    const { stream, sets, filters, held } = setup({ [A]: ['machines.*.*', 'jobs.create.*'], [B]: ['profiles.*.*'] });
    stream.addFilter('params.*.*'); // before any use(): no origin's filters to remember
    await settle();
    assert.deepEqual(sets.saved, []);
    filters.use(A);
    assert.deepEqual(held(), ['machines.*.*', 'jobs.create.*']);
    filters.use(B);
    assert.deepEqual(held(), ['profiles.*.*']);
    await settle();
    assert.deepEqual(sets.saved, []);
  });

  it('use() of the origin already held keeps the stream as it is', async () => {
    const { stream, filters, held } = setup({ [A]: ['machines.*.*'] });
    filters.use(A);
    stream.addFilter('jobs.*.*');
    await settle();
    filters.use(A);
    assert.deepEqual(held(), ['machines.*.*', 'jobs.*.*']);
  });

  it('an origin with nothing remembered starts with no filters', () => {
    const { filters, held } = setup({ [A]: ['machines.*.*'] });
    filters.use(A);
    filters.use(B);
    assert.deepEqual(held(), []);
  });

  it('saves once per burst of changes, for the current origin, with the final list', async () => {
    const { stream, sets, filters, state } = setup({ [A]: ['machines.*.*', 'jobs.*.*', 'params.*.*'] });
    filters.use(A);
    stream.addFilter('profiles.*.*');
    stream.removeFilter('jobs.*.*');
    assert.deepEqual(sets.saved, [], 'not saved synchronously');
    await settle();
    assert.deepEqual(sets.saved, [[A, ['machines.*.*', 'params.*.*', 'profiles.*.*']]]);

    stream.removeAllFilters(); // Deregister All: three changes, one save
    await settle();
    assert.deepEqual(sets.saved.slice(1), [[A, []]]);

    filters.use(B);
    state.origin = B;
    stream.addFilter('subnets.*.*');
    await settle();
    assert.deepEqual(sets.saved.slice(2), [[B, ['subnets.*.*']]]);
    assert.deepEqual(sets.get(A), [], 'A keeps what was saved for it');
  });

  it('a change not saved yet when use() switches is saved for the origin left, with its filters', async () => {
    const { stream, sets, filters, held } = setup({ [A]: ['machines.*.*'], [B]: ['profiles.*.*'] });
    filters.use(A);
    stream.addFilter('jobs.*.*');
    filters.use(B);
    await settle();
    assert.deepEqual(sets.saved, [[A, ['machines.*.*', 'jobs.*.*']]]);
    assert.deepEqual(sets.get(B), ['profiles.*.*']);
    assert.deepEqual(held(), ['profiles.*.*']);
  });

  it('while the endpoint in use is moving to another origin, a change is saved for the origin still held', async () => {
    const { stream, sets, filters, state } = setup({ [A]: ['machines.*.*'], [B]: ['profiles.*.*'] });
    filters.use(A);
    state.origin = B; // the link has a new endpoint but has not loaded its filters yet
    stream.addFilter('jobs.*.*');
    await settle();
    assert.deepEqual(sets.saved, [[A, ['machines.*.*', 'jobs.*.*']]]);
    assert.deepEqual(sets.get(B), ['profiles.*.*']);
  });

  it('an invalid filter is not a change', async () => {
    const { stream, sets, filters } = setup();
    filters.use(A);
    assert.equal(stream.addFilter('machines..*').ok, false);
    await settle();
    assert.deepEqual(sets.saved, []);
  });

  it('skips a remembered filter that is no longer valid with a warning, keeping it remembered', async () => {
    const { sets, log, filters, held } = setup({ [A]: ['machines.*.*', 'bad filter', 'jobs.*.*'] });
    filters.use(A);
    assert.deepEqual(held(), ['machines.*.*', 'jobs.*.*']);
    assert.equal(log.warns.length, 1);
    assert.match(log.warns[0]!, /^Skipped a remembered filter that is no longer valid: .*bad filter/);
    await settle();
    assert.deepEqual(sets.saved, []);
    assert.deepEqual(sets.get(A), ['machines.*.*', 'bad filter', 'jobs.*.*']);
  });

  it('saves nothing while there is no usable endpoint', async () => {
    const { stream, sets, filters, state } = setup({ [A]: ['machines.*.*'] });
    filters.use(A);
    state.origin = undefined;
    stream.addFilter('jobs.*.*');
    stream.removeFilter('machines.*.*');
    await settle();
    assert.deepEqual(sets.saved, []);
  });

  it('logs a failed save, naming the origin, and saves again on the next change', async () => {
    const { stream, sets, log, filters } = setup();
    filters.use(A);
    sets.failWith = new Error('storage is read-only');
    stream.addFilter('machines.*.*');
    await settle();
    assert.deepEqual(log.errors, [`Could not remember the filters for ${A}: storage is read-only`]);
    sets.failWith = undefined;
    stream.addFilter('jobs.*.*');
    await settle();
    assert.deepEqual(sets.saved.at(-1), [A, ['machines.*.*', 'jobs.*.*']]);
    assert.deepEqual(sets.get(A), ['machines.*.*', 'jobs.*.*']);
  });

  it('saves nothing once disposed', async () => {
    const { stream, sets, filters } = setup();
    filters.use(A);
    filters.dispose();
    stream.addFilter('machines.*.*');
    await settle();
    assert.deepEqual(sets.saved, []);
  });
});
