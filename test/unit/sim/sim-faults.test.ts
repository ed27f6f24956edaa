// The simulator's keepalive, backpressure and fault knobs (docs/protocol.md §4.2 crash, §6
// keepalive, queue and failures), plus the traffic and flood generators.

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { DrpSimulator } from '../../sim/simulator';
import { BASIC, connectWs, register, rest, tryUpgrade } from '../../sim/test-client';

describe('simulator keepalive', () => {
  const PING_MS = 50;
  const READ_DEADLINE_MS = 150;
  let sim: DrpSimulator;
  before(async () => { sim = await DrpSimulator.start({ pingIntervalMs: PING_MS, pongTimeoutMs: READ_DEADLINE_MS }); });
  after(async () => { await sim.stop(); });

  it('pings with an empty payload and keeps a ponging client', async () => {
    const c = await connectWs(sim);
    // The simulator's own timers send the pings, so the fourth comes at least 200 ms after the
    // connection, past the 150 ms read deadline: only the pongs can have kept the client.
    const pings: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      c.ws.on('ping', (p: Buffer) => {
        if (pings.push(p) === 4) resolve();
      });
      c.ws.once('close', (code: number) => reject(new Error(`dropped with ${code} after ${pings.length} pings`)));
    });
    assert.ok(4 * PING_MS > READ_DEADLINE_MS);
    assert.deepEqual(pings.map((p) => p.length), [0, 0, 0, 0]);
    assert.equal(c.ws.readyState, c.ws.OPEN);
    c.ws.terminate();
  });

  it('drops a client that does not pong with 1006, even if it keeps sending data', async () => {
    const started = Date.now();
    const c = await connectWs(sim, { autoPong: false });
    const chatter = setInterval(() => c.send('deregister none.*.*'), 30);
    const closed = await c.closed;
    clearInterval(chatter);
    assert.equal(closed.code, 1006);
    assert.ok(Date.now() - started >= READ_DEADLINE_MS - 10, 'not before the read deadline');
    assert.ok(c.frames.length >= 2, `data flowed and was acked (${c.frames.length} acks) yet did not extend the deadline`);
  });
});

describe('simulator crash on short filters', () => {
  it('register profiles.update survives a create and crashes on the next update', async () => {
    const sim = await DrpSimulator.start();
    try {
      const c = await connectWs(sim);
      await register(c, 'profiles.update');
      assert.equal((await rest(sim, 'POST', '/api/v3/profiles', { body: { Name: 'p' } })).status, 201);
      assert.equal(sim.crashed, false);
      const crash = sim.waitForCrash();
      await assert.rejects(rest(sim, 'PUT', '/api/v3/profiles/p', { body: { Name: 'p', Description: 'new' } }));
      assert.match(await crash, /index out of range \[2\] with length 2/);
      assert.equal(sim.crashed, true);
      assert.equal((await c.closed).code, 1006);
      await assert.rejects(rest(sim, 'GET', '/api/v3/info'));
      // Like the real server, the write was persisted before the crash; a restart brings it back.
      await sim.restart();
      assert.equal(sim.crashed, false);
      const p = JSON.parse((await rest(sim, 'GET', '/api/v3/profiles/p')).body) as { Description: string };
      assert.equal(p.Description, 'new');
    } finally {
      await sim.stop();
    }
  });

  it('register * crashes on the very next event (the audit line of a Basic call)', async () => {
    const sim = await DrpSimulator.start();
    try {
      const c = await connectWs(sim);
      await register(c, '*');
      await assert.rejects(rest(sim, 'GET', '/api/v3/info'));
      assert.match(sim.crashedReason ?? '', /index out of range \[1\] with length 1/);
    } finally {
      await sim.stop();
    }
  });

  it('crashOnShortFilter: false just matches nothing', async () => {
    const sim = await DrpSimulator.start({ crashOnShortFilter: false });
    try {
      const c = await connectWs(sim);
      await register(c, '*');
      assert.equal((await rest(sim, 'GET', '/api/v3/info')).status, 200);
      assert.equal(sim.crashed, false);
      c.ws.terminate();
    } finally {
      await sim.stop();
    }
  });
});

describe('simulator faults', () => {
  let sim: DrpSimulator;
  beforeEach(async () => { sim = await DrpSimulator.start({ queueLimit: 16, writeTimeoutMs: 300 }); });
  afterEach(async () => { await sim.stop(); });

  it('restart() comes back on the same port with the store kept', async () => {
    const port = sim.port;
    await rest(sim, 'POST', '/api/v3/profiles', { body: { Name: 'kept' } });
    const c = await connectWs(sim);
    await sim.restart();
    assert.equal((await c.closed).code, 1006);
    assert.equal(sim.port, port);
    assert.equal((await rest(sim, 'GET', '/api/v3/profiles/kept')).status, 200);
  });

  it('restart({ tokenRefusalMs }) refuses valid tokens with 403 while Basic works, then accepts them again', async () => {
    const token = sim.mintToken('rocketskates', 3600);
    const bearer = `Bearer ${token}`;
    assert.equal((await tryUpgrade(sim, { authorization: bearer })).status, 101);
    // Long enough that the window cannot close by itself during the test; startApi() ends it.
    await sim.restart({ tokenRefusalMs: 60_000 });
    assert.equal(sim.refusingTokens, true);
    const refused = await tryUpgrade(sim, { authorization: bearer });
    assert.equal(refused.status, 403);
    assert.equal(JSON.parse(refused.body).Messages[0], 'Invalid Token :signature is invalid');
    assert.equal((await rest(sim, 'GET', '/api/v3/info', { authorization: bearer })).status, 403);
    assert.equal((await tryUpgrade(sim, { authorization: BASIC })).status, 101);
    let started = 0;
    const sub = sim.onApiStarted(() => started++);
    sim.startApi();
    sub.dispose();
    assert.equal(started, 1);
    assert.equal(sim.refusingTokens, false);
    assert.equal((await tryUpgrade(sim, { authorization: bearer })).status, 101);
  });

  it('restart({ tokenRefusalMs }) ends the refusal by itself when the time is up', async () => {
    const bearer = `Bearer ${sim.mintToken('rocketskates', 3600)}`;
    let resolveStarted!: () => void;
    const started = new Promise<void>((r) => (resolveStarted = r));
    const sub = sim.onApiStarted(() => resolveStarted());
    await sim.restart({ tokenRefusalMs: 30 });
    await started;
    sub.dispose();
    assert.equal((await tryUpgrade(sim, { authorization: bearer })).status, 101);
  });

  it('dropAllSockets() ends every websocket with 1006', async () => {
    const a = await connectWs(sim);
    const b = await connectWs(sim);
    sim.dropAllSockets();
    assert.equal((await a.closed).code, 1006);
    assert.equal((await b.closed).code, 1006);
  });

  it('rotateCertificate() changes the fingerprint and the certificate new connections get', async () => {
    const oldPem = sim.certPem;
    const oldFp = sim.fingerprint256;
    assert.equal(new X509Certificate(oldPem).fingerprint256, oldFp);
    assert.match(oldFp, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const cert = new X509Certificate(oldPem);
    assert.match(cert.subject, /O=Acme Co/);
    assert.match(cert.subjectAltName ?? '', /DNS:localhost/);
    assert.match(cert.subjectAltName ?? '', /IP Address:127.0.0.1/);
    assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'secp384r1');
    await sim.rotateCertificate();
    assert.notEqual(sim.fingerprint256, oldFp);
    assert.equal((await tryUpgrade(sim, { authorization: BASIC })).status, 101);
    await assert.rejects(rest({ port: sim.port, certPem: oldPem } as DrpSimulator, 'GET', '/api/v3/info'));
  });

  it('stall() silences the stream; events queued meanwhile arrive after stall(false)', async () => {
    const c = await connectWs(sim);
    await register(c, 'beeblebrox.*.*');
    const session = sim.sessions[0];
    sim.stall(true);
    sim.publish({ Type: 'beeblebrox', Action: 'created', Key: 'during-stall' });
    // Held in the queue, never handed to the socket: nothing can arrive, however long one waits.
    assert.equal(session.queued, 1);
    assert.equal(c.frames.length, 1, 'only the register ack');
    sim.stall(false);
    assert.equal(session.queued, 0);
    assert.match(await c.nextFrame(), /"Key":"during-stall"/);
    c.ws.terminate();
  });

  it('sendRaw() delivers malformed text and binary frames as-is', async () => {
    const c = await connectWs(sim);
    sim.sendRaw('{"Time":"oops"');
    sim.sendRaw(Buffer.from([1, 2, 3]));
    assert.equal(await c.nextFrame(), '{"Time":"oops"');
    assert.equal(await c.nextFrame(), '\u0001\u0002\u0003');
    c.ws.terminate();
  });

  it('a reader that stops loses events silently once its queue is full', async () => {
    const c = await connectWs(sim);
    await register(c, 'machines.*.*');
    const session = sim.sessions[0];
    c.ws.pause();
    await sim.flood({ count: 200, bytes: 20_000, dropWhenFull: true });
    assert.ok(session.dropped > 0, 'some events were dropped');
    assert.equal(session.closed, false);
    c.ws.resume();
    // Every event not dropped arrives (the register ack is frame 0), and nothing after them.
    while (c.frames.length < 1 + 200 - session.dropped) await c.nextFrame();
    assert.deepEqual(await c.barrier(), []);
    assert.equal(c.frames.length - 2 + session.dropped, 200, 'the events, the register ack and the barrier ack');
    assert.equal(c.ws.readyState, c.ws.OPEN);
    c.ws.terminate();
  });
});

describe('simulator write timeout', () => {
  // Its own simulator: the faults above need a write timeout long enough to resume a paused
  // reader in time; here the test waits for it to pass, so it is short.
  let sim: DrpSimulator;
  before(async () => { sim = await DrpSimulator.start({ queueLimit: 16, writeTimeoutMs: 100 }); });
  after(async () => { await sim.stop(); });

  it('a reader stalled past the write timeout is dropped without a close frame', async function () {
    this.timeout(8000);
    const c = await connectWs(sim);
    await register(c, 'machines.*.*');
    c.ws.pause();
    const closed = new Promise((resolve) => sim.onSessionClosed(resolve));
    // Without dropping, the flood keeps the queue full until the kernel buffers fill too.
    await sim.flood({ count: 600, bytes: 50_000 });
    await closed;
    assert.equal(sim.sessions.length, 0);
    c.ws.resume();
    assert.equal((await c.closed).code, 1006);
  });
});

describe('simulator traffic and flood', () => {
  let sim: DrpSimulator;
  before(async () => { sim = await DrpSimulator.start(); });
  after(async () => { await sim.stop(); });

  it('startTraffic() walks machines through discover-base, consistent with REST', async () => {
    const c = await connectWs(sim);
    await register(c, 'jobs.*.*');
    await register(c, 'machines.*.*');
    sim.startTraffic({ rate: 400, machines: 2 });
    const seen = new Set<string>();
    let save: { Object: unknown; Original: unknown } | undefined;
    let update: { Object: { Uuid: string }; Original: unknown } | undefined;
    while (seen.size < 4 || !save || !update) {
      const e = JSON.parse(await c.nextFrame()) as { Type: string; Action: string; Object: { Uuid: string }; Original: unknown };
      seen.add(`${e.Type}.${e.Action}`);
      if (e.Type === 'jobs' && e.Action === 'save') save = e;
      if (e.Type === 'machines' && e.Action === 'update' && e.Original) update = e;
    }
    sim.stopTraffic();
    assert.ok(seen.has('jobs.create') && seen.has('jobs.update'));
    assert.deepEqual(save.Object, save.Original);
    const uuid = update.Object.Uuid;
    await c.barrier(); // every event published before stopTraffic() has arrived
    const last = c.frames.map((f) => JSON.parse(f) as { Type: string; Key: string; Object: unknown }).filter((e) => e.Type === 'machines' && e.Key === uuid).at(-1);
    const current = JSON.parse((await rest(sim, 'GET', `/api/v3/machines/${uuid}`)).body) as unknown;
    assert.deepEqual(current, last?.Object);
    c.ws.terminate();
  });

  it('flood() publishes valid events of about the requested size without dropping', async () => {
    const c = await connectWs(sim);
    await register(c, 'machines.update.*');
    const count = await sim.flood({ count: 60, bytes: 4096 });
    assert.equal(count, 60);
    while (c.frames.length < 61) await c.nextFrame();
    for (const raw of c.frames.slice(1)) {
      assert.ok(raw.length > 3000 && raw.length < 5500, `size ${raw.length}`);
      assert.deepEqual(Object.keys(JSON.parse(raw) as object), ['Time', 'Type', 'Action', 'Key', 'Principal', 'Object', 'Original']);
    }
    c.ws.terminate();
  });
});
