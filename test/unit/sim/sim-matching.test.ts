// The simulator's server-side filter matching against docs/protocol.md §4.1, §4.3 and §4.4,
// plus the matcher's own crash conditions (§4.2), in v3 and v4 modes.

import assert from 'node:assert/strict';
import { matchFilters, splitN3 } from '../../sim/matcher';
import { DrpSimulator } from '../../sim/simulator';
import { connectWs, register, rest, type WsClient } from '../../sim/test-client';

const ev = (Type: string, Action: string, Key: string) => ({ Type, Action, Key });

describe('simulator matcher (pure)', () => {
  it('splits at the first two dots only', () => {
    assert.deepEqual(splitN3('bootenvs.update.ubuntu-20.04-install'), ['bootenvs', 'update', 'ubuntu-20.04-install']);
    assert.deepEqual(splitN3('a.b'), ['a', 'b']);
    assert.deepEqual(splitN3('*'), ['*']);
  });

  it('`*` is a whole-field wildcard; everything else is exact and case-sensitive', () => {
    const e = ev('profiles', 'create', 'ubuntu-20.04-install');
    assert.equal(matchFilters(['profiles.*.*'], e, 'v3').kind, 'match');
    assert.equal(matchFilters(['profiles.create.ubuntu-20.04-install'], e, 'v3').kind, 'match');
    for (const f of ['profiles.*.ubuntu-20', 'profiles.*.ubuntu-20.04', 'profiles.*.ubuntu*', 'prof*.*.*', 'Profiles.*.*', 'profiles.CREATE.*']) {
      assert.equal(matchFilters([f], e, 'v3').kind, 'no-match', f);
    }
  });

  it('v3 treats comma lists and escapes literally; v4 expands them', () => {
    const p = ev('profiles', 'create', 'x');
    const param = ev('params', 'delete', 'a.b');
    for (const [filters, e] of [[['profiles,params.*.*'], p], [['profiles.create,delete.*'], p], [['params.*.a\\1b'], param]] as const) {
      assert.equal(matchFilters(filters, e, 'v3').kind, 'no-match');
      assert.equal(matchFilters(filters, e, 'v4').kind, 'match');
    }
    assert.equal(matchFilters(['params.*. a\\1b ,zzz'], param, 'v4').kind, 'match');
    assert.equal(matchFilters(['x.*.a\\2b'], ev('x', 'y', 'a,b'), 'v4').kind, 'match');
    assert.equal(matchFilters(['x.*.\\3'], ev('x', 'y', '*'), 'v4').kind, 'match');
    assert.equal(matchFilters(['x.*.\\3'], ev('x', 'y', 'z'), 'v4').kind, 'no-match');
  });

  it('short filters crash exactly where the Go matcher indexes past the end', () => {
    assert.equal(matchFilters(['profiles.update'], ev('profiles', 'create', 'p'), 'v3').kind, 'no-match');
    assert.equal(matchFilters(['profiles.update'], ev('machines', 'update', 'p'), 'v3').kind, 'no-match');
    assert.equal(matchFilters(['profiles.update'], ev('profiles', 'update', 'p'), 'v3').kind, 'crash');
    assert.equal(matchFilters(['profiles.*'], ev('profiles', 'delete', 'p'), 'v3').kind, 'crash');
    assert.equal(matchFilters(['*'], ev('log', 'audit', 'frontend'), 'v3').kind, 'crash');
    assert.equal(matchFilters(['profiles'], ev('profiles', 'x', 'y'), 'v3').kind, 'crash');
    assert.equal(matchFilters(['profiles'], ev('params', 'x', 'y'), 'v3').kind, 'no-match');
    // An earlier filter that matches stops the loop before the short one is reached.
    assert.equal(matchFilters(['*.*.*', '*'], ev('log', 'audit', 'frontend'), 'v3').kind, 'match');
  });
});

describe('simulator filter semantics over the wire (appendix e)', () => {
  let sim: DrpSimulator;
  const clients: WsClient[] = [];
  before(async () => { sim = await DrpSimulator.start(); });
  after(async () => { await sim.stop(); });
  afterEach(() => { clients.splice(0).forEach((c) => c.ws.terminate()); });
  const client = async (): Promise<WsClient> => {
    const c = await connectWs(sim);
    clients.push(c);
    return c;
  };
  const createAndDelete = async (prefix: string, name: string): Promise<void> => {
    assert.equal((await rest(sim, 'POST', `/api/v3/${prefix}`, { body: { Name: name } })).status, 201);
    assert.equal((await rest(sim, 'DELETE', `/api/v3/${prefix}/${name}`)).status, 200);
  };

  it('keys with dots: only the full key matches', async () => {
    const c = await client();
    for (const f of ['profiles.create.ubuntu-20.04-install', 'profiles.*.ubuntu-20', 'profiles.*.ubuntu-20.04']) await register(c, f);
    await createAndDelete('profiles', 'ubuntu-20.04-install');
    assert.match(await c.nextFrame(), /"Action":"create","Key":"ubuntu-20\.04-install"/);
    assert.deepEqual(await c.barrier(), []);
  });

  it('no globs, case-sensitive, and v3 lists match nothing', async () => {
    const c = await client();
    for (const f of ['profiles.*.ubuntu*', 'prof*.*.*', 'Profiles.*.*', 'profiles.CREATE.*', 'profiles,params.*.*', 'profiles.create,delete.*', 'params.*.a\\1b']) await register(c, f);
    await createAndDelete('profiles', 'ubuntu-glob');
    await createAndDelete('params', 'a.b');
    assert.deepEqual(await c.barrier(), []);
  });

  it('overlapping filters deliver exactly one copy per socket', async () => {
    const c = await client();
    for (const f of ['profiles.*.*', '*.create.*', '*.*.overlap-probe', 'profiles.create.overlap-probe']) await register(c, f);
    await createAndDelete('profiles', 'overlap-probe');
    assert.match(await c.nextFrame(), /"Action":"create"/);
    assert.match(await c.nextFrame(), /"Action":"delete"/);
    assert.deepEqual(await c.barrier(), []);
  });

  it('v4 mode matches comma lists', async () => {
    const v4 = await DrpSimulator.start({ mode: 'v4' });
    try {
      const c = await connectWs(v4);
      await register(c, 'profiles,params.create,delete.*');
      assert.equal((await rest(v4, 'POST', '/api/v3/params', { body: { Name: 'a.b' } })).status, 201);
      assert.match(await c.nextFrame(), /"Type":"params","Action":"create","Key":"a\.b"/);
      c.ws.terminate();
    } finally {
      await v4.stop();
    }
  });
});
