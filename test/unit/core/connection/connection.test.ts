// DrpConnection against the simulator over real TLS on 127.0.0.1, with short intervals.
// Where time is the subject (backoff, liveness, ack timeouts, "never retried"), the
// connection gets a ManualClock: its own timers move only when the test advances them, while
// the socket, TLS and the simulator keep real time and are awaited through events.
import * as assert from 'node:assert/strict';
import { ConnectionOptions, DrpConnection } from '../../../../src/core/connection/connection';
import type { Credential } from '../../../../src/core/endpoint/credentials';
import { checkFilter } from '../../../../src/core/filters/filter';
import { DrpSimulator } from '../../../sim/simulator';
import { startCountingProxy } from '../../support/counting-proxy';
import { ManualClock } from '../../support/manual-clock';
import { next, record } from '../../support/next';

const USER = 'rocketskates';
const PASSWORD = 'r0cketsk8ts';
const BASIC: Credential = { kind: 'basic', username: USER, password: PASSWORD };

describe('connection', function () {
  this.timeout(10_000);
  let sim: DrpSimulator;
  const live: DrpConnection[] = [];

  beforeEach(async () => {
    sim = await DrpSimulator.start({ pingIntervalMs: 60_000, pongTimeoutMs: 120_000 });
  });
  afterEach(async () => {
    for (const c of live.splice(0)) c.dispose();
    await sim.stop();
  });

  function connection(credential: Credential | undefined | (() => Credential | undefined), extra: Partial<ConnectionOptions> = {}): DrpConnection {
    const c = new DrpConnection({
      wsUrl: sim.wsUrl,
      credential: async () => (typeof credential === 'function' ? credential() : credential),
      trust: { mode: 'pinned', fingerprint256: sim.fingerprint256 },
      ackTimeoutMs: 1000,
      backoff: { initialMs: 20, maxMs: 100, jitter: 0 },
      liveness: { pingIntervalMs: 100, pongTimeoutMs: 300, silenceTimeoutMs: 60_000 },
      ...extra,
    });
    live.push(c);
    return c;
  }

  async function open(c: DrpConnection): Promise<void> {
    const opened = next(c.onDidChangeState, (s) => s.state === 'open', 'state open');
    c.connect();
    await opened;
  }

  async function registered(c: DrpConnection, wire: string): Promise<void> {
    const active = next(c.onWireState, (w) => w.wire === wire && w.state === 'active', `ack of ${wire}`);
    c.register(wire);
    await active;
  }

  it('opens with a Bearer token, registers, and delivers events (acks are consumed)', async () => {
    const c = connection({ kind: 'token', token: sim.mintToken(USER, 3600) });
    const events = record(c.onEvent);
    const acks = record(c.onAck);
    await open(c);
    await registered(c, 'profiles.*.*');
    const got = next(c.onEvent, (e) => e.header.key === 'p1', 'profiles event');
    sim.publish({ Type: 'profiles', Action: 'create', Key: 'p1', Object: { Name: 'p1' } });
    const e = await got;
    assert.equal(typeof e.raw, 'string');
    assert.equal(e.header.type, 'profiles');
    assert.equal(e.header.action, 'create');
    assert.ok(e.receivedAt > 0);
    assert.deepEqual(acks.values, [{ action: 'register', filter: 'profiles.*.*' }]);
    assert.ok(events.values.every((v) => v.header.type !== 'websocket'));
    assert.equal(sim.sessions[0]?.scheme, 'bearer');
    assert.equal(c.stats.events, 1);
    assert.ok(c.stats.bytes > 0 && c.stats.lastEventAt !== undefined);
  });

  it('opens with Basic user and password', async () => {
    const c = connection(BASIC);
    await open(c);
    assert.equal(sim.sessions[0]?.scheme, 'basic');
    assert.equal(sim.sessions[0]?.user, USER);
  });

  it('a wrong password is auth-failed (403) and is not retried', async () => {
    const proxy = await startCountingProxy(sim.port);
    try {
      const clock = new ManualClock();
      const c = connection({ kind: 'basic', username: USER, password: 'wrong-pass' }, { wsUrl: `wss://127.0.0.1:${proxy.port}/api/v3/ws`, clock });
      const states = record(c.onDidChangeState);
      const failed = next(c.onDidChangeState, (s) => s.state === 'auth-failed', 'auth-failed');
      c.connect();
      const s = await failed;
      assert.equal(s.detail.status, 403);
      assert.equal(s.detail.reason, 'auth');
      assert.match(s.detail.message ?? '', /refused the password for rocketskates \(403: Access Denied\)\. Run ‘DRP: Sign In’/);
      assert.ok(!(s.detail.message ?? '').includes('wrong-pass'));
      // Nothing is scheduled, and an hour of backoff periods later there is still one attempt
      // (a retry would say 'connecting' synchronously when its timer fires).
      assert.equal(clock.pending, 0);
      clock.advance(3_600_000);
      assert.deepEqual(states.values.map((v) => v.state), ['connecting', 'auth-failed']);
      assert.equal(proxy.connections, 1);
    } finally {
      await proxy.close();
    }
  });

  it('an expired token is auth-failed and the echoed token is redacted', async () => {
    const token = sim.mintToken(USER, 3600);
    sim.expireTokens();
    const c = connection({ kind: 'token', token });
    const failed = next(c.onDidChangeState, (s) => s.state === 'auth-failed', 'auth-failed');
    c.connect();
    const s = await failed;
    assert.equal(s.detail.status, 403);
    assert.match(s.detail.message ?? '', /expired/);
    assert.ok(!JSON.stringify(s.detail).includes(token));
  });

  it('a password changed on the endpoint fails the reconnect, and a new sign-in recovers', async () => {
    let credential: Credential = BASIC;
    const c = connection(() => credential);
    await open(c);
    sim.setPassword(USER, 'n3w-pass');
    const failed = next(c.onDidChangeState, (s) => s.state === 'auth-failed', 'auth-failed after password change');
    sim.dropAllSockets();
    assert.equal((await failed).detail.status, 403);
    credential = { kind: 'basic', username: USER, password: 'n3w-pass' };
    await open(c);
  });

  describe('a token refused while the endpoint restarts (403 from its temporary API)', () => {
    const TOKEN = (): Credential => ({ kind: 'token', token: sim.mintToken(USER, 3600) });

    it('is retried with the backoff while the stream was open a moment ago, and the stream reopens', async () => {
      const clock = new ManualClock();
      const c = connection(TOKEN(), { clock });
      const states = record(c.onDidChangeState);
      await open(c);
      await registered(c, 'profiles.*.*');
      const lost = next(c.onDidChangeState, (s) => s.state === 'reconnecting', 'reconnecting after the restart');
      await sim.restart({ tokenRefusalMs: 60_000 }); // ended by startApi() below
      assert.equal((await lost).detail.retryInMs, 20);

      for (const delay of [20, 40]) {
        const refused = next(c.onDidChangeState, (s) => s.state === 'reconnecting' && s.detail.reason === 'auth', 'a refused retry');
        clock.advance(delay);
        const r = await refused;
        assert.equal(r.detail.status, 403);
        assert.match(r.detail.message ?? '', /^The endpoint refused the token \(403\) just after the stream closed, as a restarting endpoint does for a moment; trying it again for up to 30 s\.$/);
      }
      assert.equal(sim.refusedUpgrades.filter((u) => u.status === 403).length, 2);

      sim.startApi();
      const reopened = next(c.onWireState, (w) => w.wire === 'profiles.*.*' && w.state === 'active', 're-registration after the restart');
      clock.advance(80);
      await reopened;
      assert.equal(c.state, 'open');
      assert.ok(!states.values.some((v) => v.state === 'auth-failed'), `states: ${states.values.map((v) => v.state).join(' → ')}`);
    });

    it('counts as refused once restartGraceMs has passed since the first refusal, and is then not retried', async () => {
      const clock = new ManualClock();
      const c = connection(TOKEN(), { clock, restartGraceMs: 100 });
      await open(c);
      const lost = next(c.onDidChangeState, (s) => s.state === 'reconnecting', 'reconnecting after the restart');
      await sim.restart({ tokenRefusalMs: 60_000 });
      await lost;
      const first = next(c.onDidChangeState, (s) => s.detail.reason === 'auth', 'the first refusal');
      clock.advance(20);
      assert.equal((await first).state, 'reconnecting'); // refused at 20 ms: the grace runs to 120 ms
      const second = next(c.onDidChangeState, (s) => s.detail.reason === 'auth', 'the second refusal');
      clock.advance(40);
      assert.equal((await second).state, 'reconnecting'); // at 60 ms
      const failed = next(c.onDidChangeState, (s) => s.state === 'auth-failed', 'auth-failed');
      clock.advance(80); // at 140 ms: past the grace
      const f = await failed;
      assert.match(f.detail.message ?? '', /^The endpoint refused the token \(403: Invalid Token :signature is invalid; .*\)\. Run ‘DRP: Sign In’ to set new credentials\.$/);
      const refusals = sim.refusedUpgrades.length;
      assert.equal(clock.pending, 0);
      clock.advance(3_600_000);
      assert.equal(sim.refusedUpgrades.length, refusals, 'retried after auth-failed');
    });

    it('is never retried on first use, even while the endpoint restarts', async () => {
      const clock = new ManualClock();
      await sim.restart({ tokenRefusalMs: 60_000 });
      const c = connection(TOKEN(), { clock });
      const states = record(c.onDidChangeState);
      const failed = next(c.onDidChangeState, (s) => s.state === 'auth-failed', 'auth-failed');
      c.connect();
      assert.equal((await failed).detail.status, 403);
      assert.equal(clock.pending, 0);
      clock.advance(3_600_000);
      assert.deepEqual(states.values.map((v) => v.state), ['connecting', 'auth-failed']);
    });

    it('is not retried after connect() starts again, although the stream was open before', async () => {
      const clock = new ManualClock();
      const c = connection(TOKEN(), { clock });
      await open(c);
      c.disconnect();
      await sim.restart({ tokenRefusalMs: 60_000 });
      const failed = next(c.onDidChangeState, (s) => s.state === 'auth-failed', 'auth-failed');
      c.connect();
      assert.equal((await failed).detail.status, 403);
      assert.equal(clock.pending, 0);
    });

    it('a password refused after a restart is auth-failed at once: the temporary API accepts Basic, so the refusal is real', async () => {
      const clock = new ManualClock();
      const c = connection(BASIC, { clock });
      await open(c);
      const lost = next(c.onDidChangeState, (s) => s.state === 'reconnecting', 'reconnecting');
      sim.setPassword(USER, 'changed-meanwhile');
      await sim.restart({ tokenRefusalMs: 60_000 });
      await lost;
      const failed = next(c.onDidChangeState, (s) => s.state !== 'connecting', 'the retry to end');
      clock.advance(20);
      assert.equal((await failed).state, 'auth-failed');
    });
  });

  it('retries a lost stream at most every shortMaxMs for shortForMs, then backs off to maxMs', async () => {
    const clock = new ManualClock();
    const c = connection(BASIC, { clock, backoff: { initialMs: 20, maxMs: 1000, shortMaxMs: 100, shortForMs: 2000, jitter: 0 } });
    await open(c);
    const delays: number[] = [];
    let waiting = next(c.onDidChangeState, (s) => s.state === 'reconnecting', 'reconnecting');
    await sim.stop(); // the port refuses every retry
    for (let elapsed = 0; elapsed < 2600;) {
      const s = await waiting;
      const delay = s.detail.retryInMs ?? NaN;
      delays.push(delay);
      waiting = next(c.onDidChangeState, (v) => v.state === 'reconnecting', 'the next reconnecting');
      clock.advance(delay);
      elapsed += delay;
    }
    await waiting;
    assert.deepEqual(delays.slice(0, 6), [20, 40, 80, 100, 100, 100]);
    const within = delays.filter((_, i) => delays.slice(0, i).reduce((a, b) => a + b, 0) < 2000);
    assert.ok(within.every((d) => d <= 100), `a delay over 100 ms within 2 s: ${delays.join(', ')}`);
    assert.equal(delays.at(-1), 1000, `no longer delay after 2 s: ${delays.join(', ')}`);
    assert.equal(c.detail.reason, 'unreachable');
    assert.match(c.detail.message ?? '', /^Could not connect \(ECONNREFUSED\)\.$/);
  });

  it('without a credential it stops as auth-failed, reason signed-out', async () => {
    const c = connection(undefined);
    const failed = next(c.onDidChangeState, (s) => s.state === 'auth-failed', 'auth-failed');
    c.connect();
    const s = await failed;
    assert.equal(s.detail.reason, 'signed-out');
    assert.match(s.detail.message ?? '', /No credentials .* Run ‘DRP: Sign In’/);
  });

  it('reconnects after a server restart, re-registers every filter and reports one gap', async () => {
    const c = connection(BASIC);
    const gaps = record(c.onGap);
    const disconnects = record(c.onDisconnect);
    await open(c);
    await registered(c, 'profiles.*.*');
    await registered(c, 'machines.update.*');
    const before = Date.now();
    const reregistered = next(c.onWireState, (w) => w.wire === 'machines.update.*' && w.state === 'active' && sim.sessions.length > 0 && sim.sessions[0]!.id > 1, 're-registration');
    await sim.restart();
    await reregistered;
    // Acks come in order, so the earlier registration is active too.
    assert.deepEqual([...c.wireStates.entries()].sort(), [['machines.update.*', 'active'], ['profiles.*.*', 'active']]);
    const texts = sim.receivedFrames.map((f) => `${f.session}:${f.text}`);
    assert.deepEqual(texts.filter((t) => t.startsWith('1:')), ['1:register profiles.*.*', '1:register machines.update.*']);
    assert.deepEqual(texts.filter((t) => !t.startsWith('1:')).sort(), [`${sim.sessions[0]!.id}:register machines.update.*`, `${sim.sessions[0]!.id}:register profiles.*.*`]);
    assert.equal(gaps.values.length, 1);
    assert.ok(gaps.values[0]!.from >= before && gaps.values[0]!.to >= gaps.values[0]!.from);
    assert.match(gaps.values[0]!.reason, /not received/);
    assert.equal(disconnects.values.length, 1);
    assert.ok(c.stats.reconnects >= 1);
    // And events flow again on the new session.
    const got = next(c.onEvent, (e) => e.header.key === 'after-restart', 'event after restart');
    sim.publish({ Type: 'profiles', Action: 'create', Key: 'after-restart' });
    await got;
  });

  it('reconnects after the endpoint drops every socket (1006), when the backoff delay has passed', async () => {
    const clock = new ManualClock();
    const c = connection(BASIC, { clock });
    await open(c);
    await registered(c, 'profiles.*.*');
    const reconnecting = next(c.onDidChangeState, (s) => s.state === 'reconnecting', 'reconnecting');
    const gap = next(c.onGap, () => true, 'gap');
    sim.dropAllSockets();
    const s = await reconnecting;
    assert.equal(s.detail.reason, 'lost');
    assert.equal(s.detail.closeCode, 1006);
    assert.equal(s.detail.retryInMs, 20);
    clock.advance(19);
    assert.equal(c.state, 'reconnecting', 'not before the backoff delay');
    clock.advance(1);
    assert.equal(c.state, 'connecting');
    const g = await gap;
    assert.equal(c.state, 'open');
    assert.equal(g.to - g.from, 20, 'the gap runs on the same clock');
  });

  it('refuses a rotated certificate when pinned, reporting the presented fingerprint, and stops', async () => {
    const clock = new ManualClock();
    const c = connection(BASIC, { clock });
    await open(c);
    const oldFingerprint = sim.fingerprint256;
    await sim.rotateCertificate();
    assert.notEqual(sim.fingerprint256, oldFingerprint);
    const reconnecting = next(c.onDidChangeState, (s) => s.state === 'reconnecting', 'reconnecting after the drop');
    sim.dropAllSockets();
    await reconnecting;
    const closed = next(c.onDidChangeState, (s) => s.state === 'closed', 'closed by TLS');
    clock.advance(20); // the backoff: the retry meets the new certificate
    const s = await closed;
    assert.equal(s.detail.reason, 'tls');
    assert.equal(s.detail.tlsError?.code, 'fingerprint-mismatch');
    assert.equal(s.detail.tlsError?.fingerprint256, sim.fingerprint256);
    assert.equal(clock.pending, 0);
    clock.advance(3_600_000);
    assert.equal(c.state, 'closed', 'an untrusted certificate is not retried');
    // The user trusts the new certificate: the same connection recovers.
    c.setTrust({ mode: 'pinned', fingerprint256: s.detail.tlsError!.fingerprint256! });
    await open(c);
  });

  it('counts malformed, binary and huge frames without closing the stream', async () => {
    const c = connection(BASIC);
    const disconnects = record(c.onDisconnect);
    const malformed = record(c.onMalformed);
    await open(c);
    await registered(c, 'profiles.*.*');
    sim.sendRaw('this is not json');
    sim.sendRaw(Buffer.from([0x00, 0xff, 0x10]));
    sim.sendRaw(`{"Time":"2026-11-28T03:52:25.796113169Z","Type":"profiles","Action":"create","Key":"big","Principal":"","Object":{"pad":"${'x'.repeat(2 * 1024 * 1024)}"},"Original":null}`);
    const after = next(c.onEvent, (e) => e.header.key === 'after-junk', 'event after junk');
    sim.publish({ Type: 'profiles', Action: 'create', Key: 'after-junk' });
    await after;
    assert.equal(c.malformedCount, 2);
    assert.equal(malformed.values.length, 2);
    assert.match(malformed.values[1]!.reason, /binary/);
    assert.ok(malformed.values.every((m) => m.sample.length <= 200));
    assert.equal(c.stats.events, 2, 'the 2 MiB event and the one after it');
    assert.equal(disconnects.values.length, 0);
  });

  it('a malformed sample is redacted, even when the token straddles the 200-character cut', async () => {
    const token = sim.mintToken(USER, 3600);
    const c = connection({ kind: 'token', token });
    await open(c);
    const bad = next(c.onMalformed, () => true, 'malformed');
    sim.sendRaw(`oops ${token} more`);
    const m = await bad;
    assert.equal(m.sample, 'oops ••• more');
  });

  it('an event over the receive limit closes with 1009, explained, and reconnects', async () => {
    const c = connection(BASIC, { maxPayloadBytes: 4096 });
    await open(c);
    await registered(c, 'profiles.*.*');
    const reconnecting = next(c.onDidChangeState, (s) => s.state === 'reconnecting', 'reconnecting after 1009');
    sim.publish({ Type: 'profiles', Action: 'create', Key: 'huge', Object: { pad: 'x'.repeat(10_000) } });
    const s = await reconnecting;
    assert.equal(s.detail.reason, 'frame-too-long');
    assert.match(s.detail.message ?? '', /1009/);
    await next(c.onDidChangeState, (x) => x.state === 'open', 'reopen');
  });

  it('detects a stalled endpoint by liveness (a ping unanswered for pongTimeoutMs) and reconnects', async () => {
    const clock = new ManualClock();
    const c = connection(BASIC, { clock }); // ping every 100 ms, pong within 300 ms
    await open(c);
    sim.stall(true);
    clock.advance(100); // the ping goes out
    clock.advance(299);
    assert.equal(c.state, 'open', 'not before the pong timeout');
    clock.advance(1);
    assert.equal(c.state, 'reconnecting');
    assert.equal(c.detail.reason, 'stalled');
    assert.equal(c.detail.message, 'The endpoint stopped answering; reconnecting.');
    sim.stall(false);
    const reopened = next(c.onDidChangeState, (x) => x.state === 'open', 'reopen after stall');
    clock.advance(20); // the backoff
    await reopened;
  });

  it('treats an endpoint that sends neither a ping nor a frame for too long as dead', async () => {
    const clock = new ManualClock();
    const c = connection(BASIC, { clock, liveness: { pingIntervalMs: 60_000, pongTimeoutMs: 60_000, silenceTimeoutMs: 200 } });
    await open(c);
    clock.advance(199);
    assert.equal(c.state, 'open', 'not before the silence timeout');
    clock.advance(1);
    assert.equal(c.state, 'reconnecting');
    assert.equal(c.detail.reason, 'stalled');
  });

  it('marks a filter failed when its ack does not come in time', async () => {
    const clock = new ManualClock();
    const c = connection(BASIC, { clock, ackTimeoutMs: 150, liveness: { pingIntervalMs: 60_000, pongTimeoutMs: 60_000, silenceTimeoutMs: 60_000 } });
    await open(c);
    sim.stall(true);
    const changes = record(c.onWireState);
    c.register('profiles.*.*');
    clock.advance(149);
    assert.equal(c.wireStates.get('profiles.*.*'), 'pending', 'not before the ack timeout');
    clock.advance(1);
    const w = changes.values.at(-1);
    assert.deepEqual([w?.wire, w?.state], ['profiles.*.*', 'failed']);
    assert.match(w?.message ?? '', /did not acknowledge ‘register profiles\.\*\.\*’ within 0\.2 s/);
    assert.deepEqual(w?.previous, { state: 'pending' });
    assert.deepEqual(c.wireState('profiles.*.*'), { state: 'failed', message: w?.message }, 'the connection keeps the failure and its sentence');
    // A late ack still counts.
    const active = next(c.onWireState, (x) => x.state === 'active', 'the late ack');
    sim.stall(false);
    await active;
  });

  it('never sends an unsafe filter: the server does not crash and sees no frame', async () => {
    const c = connection(BASIC);
    await open(c);
    for (const wire of ['profiles.update', '*', 'profiles', 'a.b.c d', 'machines,jobs.*.*', `profiles.*.${'k'.repeat(600)}`]) {
      assert.throws(() => c.register(wire), /cannot be sent to the endpoint/, wire);
      assert.throws(() => c.deregister(wire), /cannot be sent to the endpoint/, wire);
    }
    await registered(c, 'profiles.*.*'); // a frame round trip after the refusals
    sim.publish({ Type: 'profiles', Action: 'create', Key: 'x' });
    await next(c.onEvent, (e) => e.header.key === 'x', 'event');
    assert.equal(sim.crashed, false);
    assert.deepEqual(sim.receivedFrames.map((f) => f.text), ['register profiles.*.*']);
  });

  it('refuses a filter whose frame would exceed 512 bytes, and accepts one that fits', async () => {
    const c = connection(BASIC);
    await open(c);
    const fits = `profiles.*.${'k'.repeat(512 - 'deregister profiles.*.'.length)}`;
    assert.throws(() => c.register(`${fits}k`), /512 bytes/);
    await registered(c, fits);
    assert.deepEqual(sim.receivedFrames.map((f) => f.text), [`register ${fits}`]);
  });

  it('deregister sends deregister and stops re-registering on reconnect', async () => {
    const c = connection(BASIC);
    await open(c);
    await registered(c, 'profiles.*.*');
    const ack = next(c.onAck, (a) => a.action === 'deregister', 'deregister ack');
    assert.equal(c.deregister('profiles.*.*'), true);
    await ack;
    assert.equal(c.deregister('profiles.*.*'), false);
    assert.equal(c.wireStates.size, 0);
  });

  it('filters registered while disconnected are unsent, then sent (pending) on open', async () => {
    const c = connection(BASIC);
    const changes = record(c.onWireState);
    c.register('machines.*.*');
    assert.equal(c.wireStates.get('machines.*.*'), 'unsent', 'no socket: nothing is awaited');
    const active = next(c.onWireState, (w) => w.state === 'active', 'active');
    await open(c);
    await active;
    assert.deepEqual(changes.values.map((w) => w.state), ['unsent', 'pending', 'active']);
  });

  it('is pending only while an ack is awaited on an open socket: unsent while the stream is down', async () => {
    const clock = new ManualClock();
    const c = connection(BASIC, { clock });
    await open(c);
    await registered(c, 'machines.*.*');
    const changes = record(c.onWireState);
    const reconnecting = next(c.onDidChangeState, (s) => s.state === 'reconnecting', 'reconnecting');
    sim.dropAllSockets();
    await reconnecting;
    assert.equal(c.wireStates.get('machines.*.*'), 'unsent');
    assert.equal(c.register('machines.*.*'), false, 'still kept while unsent');
    const active = next(c.onWireState, (w) => w.state === 'active', 'active again');
    clock.advance(20); // the backoff delay
    await active;
    assert.deepEqual(changes.values.map((w) => w.state), ['unsent', 'pending', 'active']);
  });

  it('disconnect() closes, reports reason user, and does not reconnect', async () => {
    const clock = new ManualClock();
    const c = connection(BASIC, { clock });
    await open(c);
    const closed = next(c.onDidChangeState, (s) => s.state === 'closed', 'closed');
    c.disconnect();
    assert.equal((await closed).detail.reason, 'user');
    assert.equal(clock.pending, 0, 'no reconnect, liveness or backoff-reset timer left');
    clock.advance(3_600_000);
    assert.equal(c.state, 'closed');
  });

  for (const mode of ['v3', 'v4'] as const) {
    it(`a comma-list filter expanded into wire filters gets events on a ${mode} endpoint`, async () => {
      await sim.stop();
      sim = await DrpSimulator.start({ mode, pingIntervalMs: 60_000, pongTimeoutMs: 120_000 });
      const check = checkFilter('machines,jobs.update,save.*');
      assert.ok(check.ok);
      const c = connection(BASIC);
      await open(c);
      for (const wire of check.wire) await registered(c, wire);
      const keys: string[] = [];
      const done = next(c.onEvent, (e) => (keys.push(`${e.header.type}.${e.header.action}`), keys.length === 2), 'two events');
      sim.publish({ Type: 'machines', Action: 'update', Key: 'm1' });
      sim.publish({ Type: 'profiles', Action: 'update', Key: 'ignored' });
      sim.publish({ Type: 'jobs', Action: 'save', Key: 'j1' });
      await done;
      assert.deepEqual(keys, ['machines.update', 'jobs.save']);
      assert.ok(sim.receivedFrames.every((f) => !f.text.includes(',')));
    });
  }
});
