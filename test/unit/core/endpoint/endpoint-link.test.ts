// EndpointLink with fake ports and the real EventStream. Every endpoint is 127.0.0.1 on a
// port nothing listens on and nothing here asks to connect (autoConnect off, or no
// credential), so no test touches the network.
import * as assert from 'node:assert/strict';
import { DrpConnection } from '../../../../src/core/connection/connection';
import type { Credential } from '../../../../src/core/endpoint/credentials';
import type { Endpoint } from '../../../../src/core/endpoint/endpoint-clients';
import { EndpointLink } from '../../../../src/core/endpoint/endpoint-link';
import type { TlsTrust } from '../../../../src/core/endpoint/tls-trust';
import { EventBuffer } from '../../../../src/core/events/event-buffer';
import { EventStream } from '../../../../src/core/events/event-stream';
import type { FilterSets } from '../../../../src/core/filters/endpoint-filters';
import { FilterRegistry } from '../../../../src/core/filters/filter-registry';

const A = 'https://127.0.0.1:9';
const B = 'https://127.0.0.1:19';
const TOKEN: Credential = { kind: 'token', token: 'tok-A' };

class MemorySets implements FilterSets {
  readonly saved: Array<[string, string[]]> = [];
  constructor(readonly lists: Record<string, string[]> = {}) {}
  get(origin: string): readonly string[] {
    return this.lists[origin] ?? [];
  }
  async set(origin: string, filters: readonly string[]): Promise<void> {
    this.saved.push([origin, [...filters]]);
    this.lists[origin] = [...filters];
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('endpoint link', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  function setup(endpoint: string, options: { autoConnect?: boolean; credentials?: Record<string, Credential>; filters?: Record<string, string[]> } = {}) {
    const settings = { endpoint, autoConnect: options.autoConnect ?? false };
    const credentials = { ...options.credentials };
    const stored: Array<[string, Credential]> = [];
    const moved: Endpoint[] = [];
    const trustAsked: string[] = [];
    const log = { debug: [] as string[], info: [] as string[], warn: [] as string[], error: [] as string[] };
    let changed = 0;
    let trustFor: (origin: string) => Promise<TlsTrust> = async () => ({ mode: 'system' });
    const stream = new EventStream({ registry: new FilterRegistry(), buffer: new EventBuffer({ maxEvents: 100, maxBytes: 1 << 20 }) });
    const sets = new MemorySets(options.filters);
    const link = new EndpointLink({
      settings: () => ({ ...settings }),
      credentials: {
        get: async (origin) => credentials[origin],
        set: async (origin, credential) => {
          stored.push([origin, credential]);
          credentials[origin] = credential;
        },
      },
      trustFor: (origin) => {
        trustAsked.push(origin);
        return trustFor(origin);
      },
      credentialMoved: async (e) => {
        moved.push(e);
      },
      stream,
      filters: sets,
      changed: () => changed++,
      malformed: () => undefined,
      log: {
        debug: (l) => log.debug.push(l),
        info: (l) => log.info.push(l),
        warn: (l) => log.warn.push(l),
        error: (l) => log.error.push(l),
      },
    });
    cleanups.push(() => {
      link.dispose();
      stream.dispose();
    });
    return {
      link,
      settings,
      credentials,
      stored,
      moved,
      trustAsked,
      log,
      stream,
      sets,
      held: () => stream.registry.filters().map((f) => f.filter),
      get changed() {
        return changed;
      },
      setTrustFor(f: (origin: string) => Promise<TlsTrust>) {
        trustFor = f;
      },
    };
  }

  it('an unusable drp.endpoint: no endpoint, the problem as a sentence, idle with that message', async () => {
    const t = setup('ftp://127.0.0.1:9', { credentials: { [A]: TOKEN } });
    await t.link.rebuild();
    assert.equal(t.link.endpoint, undefined);
    assert.match(t.link.endpointProblem ?? '', /^drp\.endpoint is not usable: ‘ftp:\/\/’ is not a DRP endpoint address/);
    assert.deepEqual(t.link.state, { state: 'idle', detail: { message: t.link.endpointProblem } });
    assert.equal(t.link.isSignedIn, false);
    assert.equal(t.stream.currentConnection, undefined);
    assert.ok(t.changed >= 1);
    assert.equal(await t.link.credential(), undefined);
    await assert.rejects(t.link.restClient(), { message: t.link.endpointProblem });
  });

  it('a usable setting clears an earlier problem', async () => {
    const t = setup('', {});
    await t.link.rebuild();
    assert.ok(t.link.endpointProblem);
    t.settings.endpoint = '127.0.0.1:9';
    await t.link.rebuild();
    assert.equal(t.link.endpointProblem, undefined);
    assert.equal(t.link.endpoint?.origin, A);
    assert.deepEqual(t.link.state, { state: 'idle', detail: {} });
  });

  it('moves a ?token= credential out of the setting into the store, and says so', async () => {
    const t = setup('wss://127.0.0.1:9/api/v3/ws?token=rocketskates:r0cketsk8ts');
    await t.link.rebuild();
    assert.deepEqual(t.stored, [[A, { kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' }]]);
    assert.deepEqual(t.moved, [{ origin: A, restBase: `${A}/api/v3`, wsUrl: 'wss://127.0.0.1:9/api/v3/ws', display: '127.0.0.1:9' }]);
    assert.deepEqual(t.link.endpoint, t.moved[0]);
    assert.deepEqual(await t.link.credential(), { kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' });
    assert.equal(t.link.isSignedIn, true);
    assert.equal(t.link.state.state, 'idle', 'autoConnect is off');
    const logged = Object.values(t.log).flat().join('\n');
    assert.match(logged, /credential in the address was taken out/);
    assert.ok(!logged.includes('r0cketsk8ts'));
  });

  it('autoConnect off: builds the connection, attached to the stream, without connecting', async () => {
    const t = setup('127.0.0.1:9', { credentials: { [A]: TOKEN } });
    await t.link.rebuild();
    const connection = t.stream.currentConnection;
    assert.ok(connection instanceof DrpConnection);
    assert.equal(connection.state, 'idle');
    assert.deepEqual(t.link.state, { state: 'idle', detail: {} });
    assert.equal(t.link.isSignedIn, true);
    assert.deepEqual(t.trustAsked, [A]);
    assert.ok(t.changed >= 1);
  });

  it('no credential: builds the connection but never connects it, even with autoConnect on', async () => {
    for (const autoConnect of [false, true]) {
      const t = setup('127.0.0.1:9', { autoConnect });
      await t.link.rebuild();
      assert.ok(t.stream.currentConnection instanceof DrpConnection);
      assert.equal(t.link.state.state, 'idle');
      assert.equal(t.link.isSignedIn, false);
      assert.deepEqual(t.stored, []);
      assert.deepEqual(t.moved, []);
    }
  });

  it('a rebuild disposes the previous connection', async () => {
    const t = setup('127.0.0.1:9');
    await t.link.rebuild();
    const first = t.stream.currentConnection;
    await t.link.rebuild();
    assert.notEqual(t.stream.currentConnection, first);
    assert.ok(t.stream.currentConnection);
  });

  it('switching origin swaps the stream’s filters, and changes are remembered for the endpoint in use', async () => {
    const t = setup('127.0.0.1:9', { filters: { [A]: ['machines.*.*'], [B]: ['profiles.*.*', 'jobs.*.*'] } });
    await t.link.rebuild();
    assert.deepEqual(t.held(), ['machines.*.*']);
    t.settings.endpoint = '127.0.0.1:19';
    await t.link.rebuild();
    assert.deepEqual(t.held(), ['profiles.*.*', 'jobs.*.*']);
    t.stream.addFilter('params.*.*');
    await settle();
    assert.deepEqual(t.sets.saved, [[B, ['profiles.*.*', 'jobs.*.*', 'params.*.*']]]);
    t.settings.endpoint = '127.0.0.1:9';
    await t.link.rebuild();
    assert.deepEqual(t.held(), ['machines.*.*']);
    await settle();
    assert.equal(t.sets.saved.length, 1, 'loading is not a change');
  });

  it('a filter change while a switch to another origin is under way is not saved for the new origin', async () => {
    const t = setup('127.0.0.1:9', { filters: { [A]: ['machines.*.*'], [B]: ['profiles.*.*'] } });
    await t.link.rebuild();
    let release: () => void = () => undefined;
    t.setTrustFor(() => new Promise((resolve) => (release = () => resolve({ mode: 'system' }))));
    t.settings.endpoint = '127.0.0.1:19';
    const switching = t.link.rebuild();
    await settle(); // the rebuild now waits for the trust of B
    assert.equal(t.link.endpoint?.origin, B);
    t.stream.addFilter('jobs.*.*'); // the user is still looking at A's filters
    await settle();
    release();
    await switching;
    assert.deepEqual(t.sets.lists[B], ['profiles.*.*'], 'B keeps its own filters');
    assert.deepEqual(t.sets.lists[A], ['machines.*.*', 'jobs.*.*'], 'the change was to A’s filters');
    assert.deepEqual(t.held(), ['profiles.*.*']);
    assert.ok(!t.sets.saved.some(([origin]) => origin === B));
  });

  it('a credential stored again for the same endpoint keeps the connection; a new one rebuilds it', async () => {
    const t = setup('127.0.0.1:9', { credentials: { [A]: TOKEN } });
    await t.link.rebuild();
    const first = t.stream.currentConnection;
    await t.link.credentialChanged();
    assert.equal(t.stream.currentConnection, first, 'the same credential, reported again');
    t.credentials[A] = { kind: 'token', token: 'tok-new' };
    await t.link.credentialChanged();
    assert.notEqual(t.stream.currentConnection, first);
    assert.equal(t.link.isSignedIn, true);
    assert.equal(t.link.state.state, 'idle');
    delete t.credentials[A];
    await t.link.credentialChanged();
    assert.equal(t.link.isSignedIn, false, 'signed out elsewhere');
  });

  it('a failing rebuild is logged, and the next one still runs', async () => {
    const t = setup('127.0.0.1:9');
    t.setTrustFor(() => Promise.reject(new Error('trust store unavailable')));
    await t.link.rebuild();
    assert.deepEqual(t.log.error, ['Could not set up the connection: trust store unavailable']);
    t.setTrustFor(async () => ({ mode: 'system' }));
    await t.link.rebuild();
    assert.ok(t.stream.currentConnection instanceof DrpConnection);
  });
});
