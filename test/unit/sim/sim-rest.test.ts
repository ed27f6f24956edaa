// The simulator's REST routes and the events they emit, against docs/protocol.md §5.2 and §7.

import assert from 'node:assert/strict';
import { DrpSimulator } from '../../sim/simulator';
import { connectWs, register, rest, type WsClient } from '../../sim/test-client';

interface Frame { Time: string; Type: string; Action: string; Key: string; Principal: string; Object: Record<string, unknown> | null; Original: Record<string, unknown> | null }

describe('simulator REST and its events', () => {
  let sim: DrpSimulator;
  let c: WsClient;
  before(async () => {
    sim = await DrpSimulator.start();
    c = await connectWs(sim);
    await register(c, 'profiles.*.*');
    await register(c, 'params.*.*');
    await register(c, 'machines.*.*');
  });
  after(async () => {
    c.ws.terminate();
    await sim.stop();
  });
  const next = async (): Promise<Frame> => JSON.parse(await c.nextFrame()) as Frame;

  it('profile lifecycle: create, update with Original (also a no-op PUT), PATCH as update, delete', async () => {
    const created = await rest(sim, 'POST', '/api/v3/profiles', { body: { Name: 'drp-ws-test', Description: 'v1', Params: { foo: 'bar' } } });
    assert.equal(created.status, 201);
    const raw = await c.nextFrame();
    const e1 = JSON.parse(raw) as Frame;
    assert.equal(raw, `{"Time":"${e1.Time}","Type":"profiles","Action":"create","Key":"drp-ws-test","Principal":"user:rocketskates","Object":{"Validated":true,"Available":true,"Errors":[],"ReadOnly":false,"Meta":{},"Endpoint":"","Bundle":"","Partial":false,"Name":"drp-ws-test","Description":"v1","Documentation":"","Params":{"foo":"bar"}},"Original":null}`);
    await rest(sim, 'PUT', '/api/v3/profiles/drp-ws-test', { body: { Name: 'drp-ws-test', Description: 'v2', Params: { foo: 'bar' } } });
    const e2 = await next();
    assert.deepEqual([e2.Action, e2.Object?.Description, e2.Original?.Description], ['update', 'v2', 'v1']);
    await rest(sim, 'PUT', '/api/v3/profiles/drp-ws-test', { body: { Name: 'drp-ws-test', Description: 'v2', Params: { foo: 'bar' } } });
    const e3 = await next();
    assert.equal(e3.Action, 'update');
    assert.deepEqual(e3.Object, e3.Original);
    const patched = await rest(sim, 'PATCH', '/api/v3/profiles/drp-ws-test', { body: [{ op: 'replace', path: '/Description', value: 'v3' }] });
    assert.equal(patched.status, 200);
    const e4 = await next();
    assert.deepEqual([e4.Action, e4.Object?.Description, e4.Original?.Description], ['update', 'v3', 'v2']);
    await rest(sim, 'POST', '/api/v3/profiles/drp-ws-test/params/baz', { rawBody: '42' });
    assert.deepEqual((await next()).Object?.Params, { baz: 42, foo: 'bar' });
    const del = await rest(sim, 'DELETE', '/api/v3/profiles/drp-ws-test');
    assert.equal(del.status, 200);
    const e5 = await next();
    assert.equal(e5.Action, 'delete');
    assert.equal(e5.Original, null);
    assert.equal(e5.Object?.Description, 'v3');
  });

  it('failed calls answer in the DRP error shape and emit no object event', async () => {
    await rest(sim, 'POST', '/api/v3/profiles', { body: { Name: 'dup' } });
    await next();
    const conflict = await rest(sim, 'POST', '/api/v3/profiles', { body: { Name: 'dup' } });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body, '{"Model":"profiles","Key":"dup","Type":"CREATE","Messages":["already exists"],"Code":409}');
    await rest(sim, 'DELETE', '/api/v3/profiles/dup');
    await next();
    const gone = await rest(sim, 'DELETE', '/api/v3/profiles/dup');
    assert.equal(gone.status, 404);
    assert.equal(gone.body, '{"Model":"profiles","Key":"dup","Type":"DELETE","Messages":["Not Found"],"Code":404}');
    const badPatch = await rest(sim, 'PATCH', '/api/v3/profiles/global', { body: [{ op: 'test', path: '/Description', value: 'nope' }] });
    assert.equal(badPatch.status, 409);
    assert.deepEqual(await c.barrier(), []);
  });

  it('param keys keep their slash in the path; Schema maps come back sorted', async () => {
    assert.equal((await rest(sim, 'POST', '/api/v3/params', { body: { Name: 'test/flag', Schema: { type: 'boolean', default: false } } })).status, 201);
    const e = await next();
    assert.equal(e.Key, 'test/flag');
    assert.match(c.frames.at(-1) ?? '', /"Schema":\{"default":false,"type":"boolean"\}/);
    const got = await rest(sim, 'GET', '/api/v3/params/test/flag');
    assert.equal(got.status, 200);
    assert.equal((JSON.parse(got.body) as { Name: string }).Name, 'test/flag');
    assert.equal((await rest(sim, 'DELETE', '/api/v3/params/test%2Fflag')).status, 200);
    assert.equal((await next()).Action, 'delete');
  });

  it('lists carry X-DRP-LIST-COUNT/TOTAL-COUNT; HEAD checks existence; Name: index for machines', async () => {
    const list = await rest(sim, 'GET', '/api/v3/stages');
    assert.equal(list.status, 200);
    const stages = JSON.parse(list.body) as Array<{ Name: string }>;
    assert.ok(stages.some((s) => s.Name === 'discover'));
    assert.equal(list.headers['x-drp-list-count'], String(stages.length));
    assert.equal(list.headers['x-drp-list-total-count'], String(stages.length));
    assert.equal((await rest(sim, 'HEAD', '/api/v3/workflows/discover-base')).status, 200);
    assert.equal((await rest(sim, 'HEAD', '/api/v3/workflows/nope')).status, 404);
    const m = await rest(sim, 'GET', '/api/v3/machines/Name:node-00');
    const machine = JSON.parse(m.body) as Record<string, unknown>;
    assert.equal(machine.Uuid, 'e7fecfa5-1c0d-444d-b9df-fb07ab977110');
    assert.equal(typeof machine.Secret, 'string');
    assert.equal((machine.Secret as string).length, 16);
    assert.equal(machine.CurrentTask, -1);
    assert.ok('Profile' in machine && !('Fingerprint' in machine), 'v3 machine shape');
  });

  it('info, objects and unknown routes', async () => {
    const info = JSON.parse((await rest(sim, 'GET', '/api/v3/info')).body) as Record<string, unknown>;
    assert.equal(info.version, 'v3.13.3');
    assert.equal(info.api_port, sim.port);
    assert.ok(!('local_id' in info) && !('server_hostname' in info));
    const objects = JSON.parse((await rest(sim, 'GET', '/api/v3/objects')).body) as string[];
    assert.ok(objects.includes('machines') && objects.includes('params'));
    const unknown = await rest(sim, 'GET', '/api/v3/nothing', { authorization: null });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body, '{"Model":"","Key":"/api/v3/nothing","Type":"GET","Messages":["No route"],"Code":404}');
  });

  it('every Basic-auth call emits one log.audit event; Bearer calls none', async () => {
    const audit = await connectWs(sim);
    try {
      await register(audit, 'log.*.*');
      await rest(sim, 'GET', '/api/v3/profiles/nope');
      const e = JSON.parse(await audit.nextFrame()) as Frame;
      assert.deepEqual([e.Type, e.Action, e.Key, e.Principal], ['log', 'audit', 'frontend', '']);
      assert.deepEqual(Object.keys(e.Object ?? {}), ['Group', 'Seq', 'Time', 'Service', 'Principal', 'Level', 'File', 'Line', 'Message', 'Data', 'IgnorePublish']);
      assert.equal(e.Object?.Message, 'Authenticated user rocketskates from 127.0.0.1');
      const token = sim.mintToken('rocketskates');
      await rest(sim, 'GET', '/api/v3/info', { authorization: `Bearer ${token}` });
      await rest(sim, 'POST', '/api/v3/profiles', { authorization: `Bearer ${token}`, body: { Name: 'bearer-made' } });
      assert.deepEqual(await audit.barrier(), []);
      const made = await next();
      assert.equal(made.Principal, 'user:rocketskates');
    } finally {
      audit.ws.terminate();
    }
  });

  it('POST /api/v3/events: 204, Principal overwritten, Time kept or zero, Original passed through', async () => {
    const any = await connectWs(sim);
    try {
      await register(any, 'beeblebrox.*.*');
      await register(any, 'profiles.custom.*');
      const r1 = await rest(sim, 'POST', '/api/v3/events', { body: { Type: 'beeblebrox', Action: 'created', Key: 'zaphod' } });
      assert.equal(r1.status, 204);
      assert.equal(await any.nextFrame(), '{"Time":"0001-01-01T00:00:00Z","Type":"beeblebrox","Action":"created","Key":"zaphod","Principal":"user:rocketskates","Object":null,"Original":null}');
      await rest(sim, 'POST', '/api/v3/events', { body: { Time: '2020-01-01T00:00:00Z', Type: 'profiles', Action: 'custom', Key: 'fake', Principal: 'user:spoofed', Object: { a: 1 }, Original: { a: 0 } } });
      assert.equal(await any.nextFrame(), '{"Time":"2020-01-01T00:00:00Z","Type":"profiles","Action":"custom","Key":"fake","Principal":"user:rocketskates","Object":{"a":1},"Original":{"a":0}}');
      await next();
    } finally {
      any.ws.terminate();
    }
  });

  it('event Time is RFC3339Nano with trailing zeros trimmed', () => {
    for (const raw of c.frames) {
      const t = (JSON.parse(raw) as Frame).Time;
      assert.match(t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,8}[1-9])?Z$/, t);
    }
  });
});
