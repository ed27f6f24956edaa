import * as assert from 'node:assert/strict';
import type { DrpConnection } from '../../../../src/core/connection/connection';
import type { ConnectionState, MalformedFrame, StateChange, StateDetail } from '../../../../src/core/connection/connection-types';
import { Emitter } from '../../../../src/core/emitter';
import { ConnectionSlot } from '../../../../src/core/endpoint/connection-slot';
import type { Credential } from '../../../../src/core/endpoint/credentials';

const TOKEN: Credential = { kind: 'token', token: 'tok-1' };
const OTHER: Credential = { kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' };

/** The part of DrpConnection the slot uses, driven by hand. */
class FakeConnection {
  readonly stateEmitter = new Emitter<StateChange>();
  readonly malformedEmitter = new Emitter<MalformedFrame>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onMalformed = this.malformedEmitter.event;
  state: ConnectionState = 'idle';
  detail: StateDetail = {};
  malformedCount = 0;
  connects = 0;
  disposed = 0;

  connect(): void {
    this.connects++;
  }
  dispose(): void {
    // The emitters stay usable, so a test can show the slot no longer listens.
    this.disposed++;
  }
  /** Moves to `state` and tells listeners, as DrpConnection does. */
  move(state: ConnectionState, detail: StateDetail = {}): void {
    this.state = state;
    this.detail = detail;
    this.stateEmitter.fire({ state, detail });
  }
  skip(frame: MalformedFrame): void {
    this.malformedCount++;
    this.malformedEmitter.fire(frame);
  }
  get asConnection(): DrpConnection {
    return this as unknown as DrpConnection;
  }
}

function setup(start = 1000) {
  let time = start;
  const infos: string[] = [];
  const warns: string[] = [];
  const malformed: MalformedFrame[] = [];
  let changed = 0;
  const slot = new ConnectionSlot({
    changed: () => changed++,
    malformed: (m) => malformed.push(m),
    log: { info: (l) => infos.push(l), warn: (l) => warns.push(l) },
    now: () => time,
  });
  return {
    slot,
    infos,
    warns,
    malformed,
    get changed() {
      return changed;
    },
    advance(ms: number) {
      time += ms;
    },
  };
}

/** A slot holding a fake connection built with `credential`. */
function filled(credential: Credential | undefined, start = 1000) {
  const s = setup(start);
  const connection = new FakeConnection();
  s.slot.building(credential);
  s.slot.fill(connection.asConnection, '10.0.0.5:8092');
  return Object.assign(s, { connection });
}

describe('connection slot', () => {
  it('starts empty: idle, signed out, since construction, with the problem as the message', () => {
    const { slot } = setup(1234);
    assert.equal(slot.connection, undefined);
    assert.equal(slot.isSignedIn, false);
    assert.equal(slot.stateSince, 1234);
    assert.deepEqual(slot.state(undefined), { state: 'idle', detail: {} });
    assert.deepEqual(slot.state('drp.endpoint is not usable: it is empty.'), { state: 'idle', detail: { message: 'drp.endpoint is not usable: it is empty.' } });
  });

  it('reports the held connection state and detail, not the problem', () => {
    const { slot, connection } = filled(TOKEN);
    assert.equal(slot.connection, connection.asConnection);
    connection.move('reconnecting', { reason: 'lost', message: 'Lost.', retryInMs: 500 });
    assert.deepEqual(slot.state('ignored'), { state: 'reconnecting', detail: { reason: 'lost', message: 'Lost.', retryInMs: 500 } });
  });

  it('counts as signed in while building with a credential, and not without one', () => {
    const { slot } = setup();
    slot.building(TOKEN);
    assert.equal(slot.isSignedIn, true);
    slot.building(undefined);
    assert.equal(slot.isSignedIn, false);
    slot.building(TOKEN);
    slot.signedOut();
    assert.equal(slot.isSignedIn, false);
  });

  it('says as whom the user is signed in, and nothing once signed out', () => {
    const { slot } = setup();
    assert.equal(slot.signedInAs, undefined);
    slot.building({ kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' });
    assert.equal(slot.signedInAs, 'as rocketskates');
    slot.building(TOKEN);
    assert.equal(slot.signedInAs, 'with a token');
    slot.signedOut();
    assert.equal(slot.signedInAs, undefined);
    const s = filled({ kind: 'basic', username: 'u1', password: 'p' });
    s.connection.move('auth-failed', { reason: 'signed-out', message: 'No credentials.' });
    assert.equal(s.slot.signedInAs, undefined, 'the connection found no credential');
  });

  it('on each state change: the time it began, signed-in, a log line, and changed()', () => {
    const s = filled(undefined, 5000);
    assert.equal(s.slot.isSignedIn, false);
    s.advance(250);
    s.connection.move('connecting');
    assert.equal(s.slot.stateSince, 5250);
    assert.equal(s.changed, 1);
    s.advance(100);
    s.connection.move('open');
    assert.equal(s.slot.stateSince, 5350);
    assert.equal(s.slot.isSignedIn, true);
    s.advance(100);
    s.connection.move('reconnecting', { reason: 'lost', message: 'The stream closed.' });
    assert.equal(s.slot.isSignedIn, true, 'a lost stream does not sign out');
    s.advance(100);
    s.connection.move('idle', { reason: 'signed-out', message: 'Sign in to connect.' });
    assert.equal(s.slot.isSignedIn, false);
    assert.equal(s.slot.stateSince, 5550);
    assert.equal(s.changed, 4);
    assert.deepEqual(s.infos, ['Connection connecting', 'Connection open', 'Connection reconnecting: The stream closed.', 'Connection idle: Sign in to connect.']);
  });

  it('an auth failure keeps the signed-in flag (the credential is still stored)', () => {
    const s = filled(TOKEN);
    s.connection.move('auth-failed', { reason: 'auth', status: 403, message: 'Rejected.' });
    assert.equal(s.slot.isSignedIn, true);
  });

  it('passes malformed frames on and logs their reason and count, never the frame text', () => {
    const s = filled(TOKEN);
    const frame = { reason: 'not JSON', sample: '{"Object":{"Secret":"hunter2"' };
    s.connection.skip(frame);
    assert.deepEqual(s.malformed, [frame]);
    assert.equal(s.warns.length, 1);
    assert.match(s.warns[0]!, /from 10\.0\.0\.5:8092 .*\(not JSON\); 1 so far/);
    assert.ok(!s.warns[0]!.includes('hunter2'));
  });

  it('empty() disposes the connection and stops listening to it', () => {
    const s = filled(TOKEN);
    s.slot.empty();
    assert.equal(s.connection.disposed, 1);
    assert.equal(s.slot.connection, undefined);
    assert.deepEqual(s.slot.state(undefined), { state: 'idle', detail: {} });
    const since = s.slot.stateSince;
    s.advance(1000);
    s.connection.move('open');
    s.connection.skip({ reason: 'binary', sample: '' });
    assert.equal(s.changed, 0);
    assert.equal(s.slot.stateSince, since);
    assert.deepEqual(s.malformed, []);
    assert.deepEqual(s.warns, []);
    s.slot.empty();
    assert.equal(s.connection.disposed, 1, 'emptying twice disposes once');
  });

  it('dispose() empties the slot', () => {
    const s = filled(TOKEN);
    s.slot.dispose();
    assert.equal(s.connection.disposed, 1);
    assert.equal(s.slot.connection, undefined);
  });

  describe('credentialChanged', () => {
    it('asks for a rebuild when nothing is held', () => {
      const { slot } = setup();
      assert.equal(slot.credentialChanged(TOKEN, 'auto'), 'rebuild');
      slot.building(TOKEN);
      assert.equal(slot.credentialChanged(TOKEN, 'yes'), 'rebuild', 'building alone holds nothing');
    });

    it('asks for a rebuild when the credential is not the one built with, starting nothing', () => {
      const s = filled(TOKEN);
      assert.equal(s.slot.credentialChanged(OTHER, 'yes'), 'rebuild');
      assert.equal(s.slot.credentialChanged(undefined, 'auto'), 'rebuild');
      const signedOut = filled(undefined);
      assert.equal(signedOut.slot.credentialChanged(TOKEN, 'auto'), 'rebuild');
      assert.equal(s.connection.connects + signedOut.connection.connects, 0);
    });

    it('keeps a connection built with the same credential, starting it only when asked and not live', () => {
      const s = filled(TOKEN);
      assert.equal(s.slot.credentialChanged(TOKEN, 'auto'), 'done');
      assert.equal(s.connection.connects, 0);
      assert.equal(s.slot.credentialChanged(TOKEN, 'yes'), 'done');
      assert.equal(s.connection.connects, 1);
      s.connection.move('open');
      assert.equal(s.slot.credentialChanged(TOKEN, 'yes'), 'done');
      assert.equal(s.connection.connects, 1, 'an open connection is not started again');
      s.connection.move('closed', { reason: 'user' });
      assert.equal(s.slot.credentialChanged(TOKEN, 'yes'), 'done');
      assert.equal(s.connection.connects, 2);
    });

    it('after empty() the old credential no longer counts', () => {
      const s = filled(TOKEN);
      s.slot.empty();
      assert.equal(s.slot.credentialChanged(TOKEN, 'auto'), 'rebuild');
    });
  });
});
