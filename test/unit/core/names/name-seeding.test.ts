import * as assert from 'node:assert/strict';
import type { DrpInfo } from '../../../../src/core/endpoint/rest-client';
import { DrpRestClient } from '../../../../src/core/endpoint/rest-client';
import { NameBook } from '../../../../src/core/names/name-book';
import { NameSeeder, seedTypes, type NameSeedingPorts } from '../../../../src/core/names/name-seeding';
import { DrpSimulator } from '../../../sim/simulator';

interface Call {
  prefix: string;
  params: Record<string, string>;
}

function fakePorts(options: { filters: string[]; features?: string[]; fail?: Error; machines?: unknown[] }) {
  const calls: Call[] = [];
  const lines: string[] = [];
  const ports: NameSeedingPorts = {
    rest: async () => ({
      info: async (): Promise<DrpInfo> => ({ features: options.features ?? [] }),
      list: async (prefix: string, params: Record<string, string> = {}) => {
        calls.push({ prefix, params });
        if (options.fail) throw options.fail;
        return options.machines ?? [{ Uuid: 'm1', Name: 'node-01' }];
      },
    }),
    wireFilters: () => options.filters,
    log: { info: (l) => lines.push(`info ${l}`), warn: (l) => lines.push(`warn ${l}`) },
  };
  return { ports, calls, lines, options };
}

describe('name seeding', () => {
  it('lists machines for filters on machines, jobs or every type, and nothing for other types', () => {
    assert.deepEqual(seedTypes(['machines.*.*']), ['machines']);
    assert.deepEqual(seedTypes(['jobs.update.*']), ['machines']);
    assert.deepEqual(seedTypes(['*.*.*']), ['machines']);
    assert.deepEqual(seedTypes(['profiles.*.*', 'leases.*.*', 'log.*.*']), []);
    assert.deepEqual(seedTypes([]), []);
  });

  it('lists machines once when the stream opens, slim when the endpoint offers slim-objects', async () => {
    const book = new NameBook();
    const fake = fakePorts({ filters: ['machines.*.*', 'jobs.*.*'], features: ['api-v3', 'slim-objects'] });
    const seeder = new NameSeeder(book, fake.ports);
    await seeder.stateChanged('connecting');
    assert.equal(fake.calls.length, 0);
    await seeder.stateChanged('open');
    assert.deepEqual(fake.calls, [{ prefix: 'machines', params: { slim: 'Params,Meta' } }]);
    assert.equal(book.machineName('m1'), 'node-01');
    // A filter added while open for a type already listed does not list again.
    await seeder.filtersChanged();
    assert.equal(fake.calls.length, 1);
  });

  it('asks for the full list when the endpoint does not advertise slim-objects', async () => {
    const fake = fakePorts({ filters: ['*.*.*'], features: ['api-v3'] });
    await new NameSeeder(new NameBook(), fake.ports).stateChanged('open');
    assert.deepEqual(fake.calls, [{ prefix: 'machines', params: {} }]);
  });

  it('lists nothing for filters that need no names, and lists when such a filter is added while open', async () => {
    const fake = fakePorts({ filters: ['profiles.*.*'] });
    const seeder = new NameSeeder(new NameBook(), fake.ports);
    await seeder.stateChanged('open');
    assert.equal(fake.calls.length, 0);
    fake.options.filters.push('machines.*.*');
    await seeder.filtersChanged();
    assert.equal(fake.calls.length, 1);
  });

  it('lists again after a reconnect', async () => {
    const fake = fakePorts({ filters: ['machines.*.*'] });
    const seeder = new NameSeeder(new NameBook(), fake.ports);
    await seeder.stateChanged('open');
    await seeder.stateChanged('reconnecting');
    await seeder.stateChanged('connecting');
    await seeder.stateChanged('open');
    assert.equal(fake.calls.length, 2);
  });

  it('forgets the names of another endpoint when the stream opens to a new origin, and keeps them on a reconnect to the same one', async () => {
    const book = new NameBook();
    const fake = fakePorts({ filters: ['profiles.*.*'] });
    const seeder = new NameSeeder(book, fake.ports);
    const emptied: number[] = [];
    book.onDidChange((c) => emptied.push(c.length));
    await seeder.stateChanged('open', 'https://a:8092');
    book.learnList('machines', [{ Uuid: 'm1', Name: 'on-a' }]);
    await seeder.stateChanged('reconnecting', 'https://a:8092');
    await seeder.stateChanged('open', 'https://a:8092');
    assert.equal(book.machineName('m1'), 'on-a');
    await seeder.stateChanged('closed', 'https://a:8092');
    await seeder.stateChanged('open', 'https://b:8092');
    assert.equal(book.machineName('m1'), undefined);
    assert.deepEqual(emptied, [1, 0], 'one change for the list, one empty change for the clear');
  });

  it('only logs a failed list, and tries again on a later filter change', async () => {
    const fake = fakePorts({ filters: ['machines.*.*'], fail: new Error('GET machines: Not Found (404).') });
    const book = new NameBook();
    const seeder = new NameSeeder(book, fake.ports);
    await seeder.stateChanged('open');
    assert.equal(book.machineCount, 0);
    assert.equal(fake.lines.length, 1);
    assert.match(fake.lines[0], /^warn Names: could not list machines .*Not Found \(404\).*names come from events only\.$/);
    fake.options.fail = undefined;
    await seeder.filtersChanged();
    assert.equal(book.machineName('m1'), 'node-01');
  });

  it('learns the simulator’s machine names over real TLS', async function () {
    this.timeout(20_000);
    const sim = await DrpSimulator.start();
    try {
      const client = new DrpRestClient({
        restBase: `${sim.url}/api/v3`,
        credential: async () => ({ kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' }),
        trust: { mode: 'pinned', fingerprint256: sim.fingerprint256 },
      });
      const book = new NameBook();
      const lines: string[] = [];
      const seeder = new NameSeeder(book, { rest: async () => client, wireFilters: () => ['jobs.*.*'], log: { info: (l) => lines.push(l), warn: (l) => lines.push(l) } });
      await seeder.stateChanged('open');
      assert.equal(book.machineName('e7fecfa5-1c0d-444d-b9df-fb07ab977110'), 'node-00', lines.join('\n'));
      assert.deepEqual(lines, ['Names: listed 1 machines (1 new or renamed).']);
    } finally {
      await sim.stop();
    }
  });
});
