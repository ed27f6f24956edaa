// The simulator's websocket command handling against docs/protocol.md §1.3, §2.2, §3 and
// §4.3.

import assert from 'node:assert/strict';
import { DrpSimulator } from '../../sim/simulator';
import { connectWs, register, rest, tryUpgrade, type WsClient } from '../../sim/test-client';

const ACK = /^\{"Time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z","Type":"websocket","Action":"(register|deregister)","Key":"(.*)","Principal":"","Object":null,"Original":null\}$/;

describe('simulator websocket commands', () => {
  let sim: DrpSimulator;
  const clients: WsClient[] = [];
  before(async () => { sim = await DrpSimulator.start(); });
  after(async () => { await sim.stop(); });
  afterEach(() => { clients.splice(0).forEach((c) => c.ws.terminate()); });
  const client = async (opts = {}): Promise<WsClient> => {
    const c = await connectWs(sim, opts);
    clients.push(c);
    return c;
  };

  it('sends nothing before a command and acks register with the exact frame shape', async () => {
    const c = await client();
    assert.deepEqual(await c.barrier(), [], 'the ack of the first command is the first frame');
    c.send('register profiles.*.*');
    const ack = await c.nextFrame();
    const m = ACK.exec(ack);
    assert.ok(m, ack);
    assert.equal(m[2], 'register');
    assert.equal(m[3], 'profiles.*.*');
  });

  it('acks every command: duplicates, deregister of unknown filters, short filters', async () => {
    const c = await client();
    for (const frame of ['register profiles.*.*', 'register profiles.*.*', 'deregister nothing.*.*', 'deregister *.*.*', 'deregister a.b', 'register a.b']) {
      c.send(frame);
      const [verb, filter] = [frame.slice(0, frame.indexOf(' ')), frame.slice(frame.indexOf(' ') + 1)];
      const ack = JSON.parse(await c.nextFrame()) as { Action: string; Key: string };
      assert.deepEqual([ack.Action, ack.Key], [verb, filter]);
    }
    const session = sim.sessions.find((s) => s.filters.includes('a.b'));
    assert.deepEqual(session?.filters, ['profiles.*.*', 'a.b']);
  });

  it('ignores malformed frames silently and keeps the socket open', async () => {
    const c = await client();
    for (const f of ['hello', 'register', 'register ', '', 'deregister', 'Register profiles.*.*', 'REGISTER params.*.*', 'subscribe profiles.*.*']) c.send(f);
    c.ws.send(Buffer.from('register machines.*.*'), { binary: true });
    assert.deepEqual(await c.barrier(), []);
    assert.equal(c.ws.readyState, c.ws.OPEN);
    c.send('register params.*.*');
    assert.match(await c.nextFrame(), /"Key":"params\.\*\.\*"/);
    assert.deepEqual(sim.sessions.at(-1)?.filters, ['params.*.*']);
  });

  it('trims the frame ends only: odd whitespace keeps a leading space in the Key', async () => {
    const c = await client();
    c.send('  register params.*.*  \n');
    assert.match(await c.nextFrame(), /"Key":"params\.\*\.\*"/);
    c.send('register  params.*.*');
    assert.match(await c.nextFrame(), /"Key":" params\.\*\.\*"/);
    c.send('register a.*.* b.*.*');
    assert.match(await c.nextFrame(), /"Key":"a\.\*\.\* b\.\*\.\*"/);
  });

  it('a 512-byte frame is acked; 513 bytes closes with 1009 and an empty reason', async () => {
    const c = await client();
    const frame512 = 'register profiles.*.' + 'x'.repeat(512 - 'register profiles.*.'.length);
    assert.equal(Buffer.byteLength(frame512), 512);
    c.send(frame512);
    const ack = JSON.parse(await c.nextFrame()) as { Key: string };
    assert.equal(ack.Key.length, 503);
    c.send(frame512 + 'y');
    const closed = await c.closed;
    assert.deepEqual(closed, { code: 1009, reason: '' });
  });

  it('records every received frame with its session', async () => {
    const c = await client();
    c.send('hello there');
    const f = await sim.waitForFrame((x) => x.text === 'hello there');
    assert.equal(f.session, sim.sessions.at(-1)?.id);
    assert.equal(f.binary, false);
  });

  it('offers no subprotocol and no compression', async () => {
    const c = await client();
    assert.equal(c.ws.protocol, '');
    assert.equal(c.ws.extensions, '');
    await assert.rejects(connectWs(sim, { protocols: ['drp'] }));
  });

  it('non-upgrade GET /api/v3/ws: 401 without auth, 400 Bad Request with Sec-Websocket-Version after auth', async () => {
    const noAuth = await rest(sim, 'GET', '/api/v3/ws', { authorization: null });
    assert.equal(noAuth.status, 401);
    const r = await rest(sim, 'GET', '/api/v3/ws');
    assert.equal(r.status, 400);
    assert.equal(r.headers['sec-websocket-version'], '13');
    assert.equal(r.body.trim(), 'Bad Request');
  });

  it('POST /api/v3/ws and /api/v3/ws/<proxy> get 404 No route without auth', async () => {
    const post = await rest(sim, 'POST', '/api/v3/ws', { authorization: null });
    assert.equal(post.status, 404);
    assert.equal(post.body, '{"Model":"","Key":"/api/v3/ws","Type":"POST","Messages":["No route"],"Code":404}');
    const proxy = await tryUpgrade(sim, { path: '/api/v3/ws/someproxy' });
    assert.equal(proxy.status, 404);
    assert.equal(proxy.body, '{"Model":"","Key":"/api/v3/ws/someproxy","Type":"GET","Messages":["No route"],"Code":404}');
  });

  it('acks and events share one ordered queue (register, create, deregister, delete → no delete event)', async () => {
    const c = await client();
    await register(c, 'profiles.*.*');
    await rest(sim, 'POST', '/api/v3/profiles', { body: { Name: 'order-probe' } });
    c.send('deregister profiles.*.*');
    await rest(sim, 'DELETE', '/api/v3/profiles/order-probe');
    assert.match(await c.nextFrame(), /"Type":"profiles","Action":"create","Key":"order-probe"/);
    assert.match(await c.nextFrame(), /"Action":"deregister","Key":"profiles\.\*\.\*"/);
    assert.deepEqual(await c.barrier(), []);
  });

  it('dedups registrations: two registers, one deregister, then nothing arrives', async () => {
    const c = await client();
    await register(c, 'profiles.*.*');
    await register(c, 'profiles.*.*');
    c.send('deregister profiles.*.*');
    await c.nextFrame();
    await rest(sim, 'POST', '/api/v3/profiles', { body: { Name: 'dedup-probe' } });
    assert.deepEqual(await c.barrier(), []);
    await register(c, 'profiles.*.*');
    await rest(sim, 'DELETE', '/api/v3/profiles/dedup-probe');
    assert.match(await c.nextFrame(), /"Action":"delete","Key":"dedup-probe"/);
  });
});
