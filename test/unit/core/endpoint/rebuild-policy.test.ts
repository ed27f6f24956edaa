import * as assert from 'node:assert/strict';
import type { ConnectionState } from '../../../../src/core/connection/connection-types';
import type { Credential } from '../../../../src/core/endpoint/credentials';
import { afterCredentialChange, connectsAfterBuild, credentialDigest, signedInAfter } from '../../../../src/core/endpoint/rebuild-policy';

const TOKEN: Credential = { kind: 'token', token: 'tok-s3cret-value' };
const BASIC: Credential = { kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' };

describe('rebuild policy', () => {
  describe('credentialDigest', () => {
    it('never contains the secret, in any form', () => {
      for (const c of [TOKEN, BASIC]) {
        const d = credentialDigest(c);
        assert.match(d, /^[0-9a-f]{64}$/);
        const secrets = c.kind === 'token' ? [c.token] : [c.password, c.username, `${c.username}:${c.password}`, Buffer.from(`${c.username}:${c.password}`).toString('base64')];
        for (const s of secrets) assert.ok(!d.includes(s), `digest contains ${s}`);
      }
    });

    it('is stable for one credential and differs between credentials and for none', () => {
      assert.equal(credentialDigest({ kind: 'token', token: 'tok-s3cret-value' }), credentialDigest(TOKEN));
      const all = [credentialDigest(TOKEN), credentialDigest(BASIC), credentialDigest({ ...BASIC, password: 'other' }), credentialDigest(undefined)];
      assert.equal(new Set(all).size, all.length);
    });
  });

  describe('connectsAfterBuild', () => {
    it('connects only with a credential, when asked or when autoConnect is on', () => {
      const table: Array<[('auto' | 'yes' | 'no'), boolean, boolean, boolean]> = [
        ['yes', false, true, true],
        ['yes', true, true, true],
        ['auto', true, true, true],
        ['auto', false, true, false],
        ['no', true, true, false],
        ['no', false, true, false],
        ['yes', true, false, false],
        ['auto', true, false, false],
        ['no', true, false, false],
      ];
      for (const [wish, auto, has, expected] of table) {
        assert.equal(connectsAfterBuild(wish, auto, has), expected, `${wish} autoConnect=${auto} credential=${has}`);
      }
    });
  });

  describe('afterCredentialChange', () => {
    const built = (state: ConnectionState, c: Credential | undefined) => ({ state, builtWith: credentialDigest(c) });

    it('rebuilds when nothing is built yet', () => {
      assert.equal(afterCredentialChange(undefined, TOKEN, 'auto'), 'rebuild');
      assert.equal(afterCredentialChange(undefined, undefined, 'yes'), 'rebuild');
    });

    it('rebuilds when the stored credential is not the one the connection was built with', () => {
      assert.equal(afterCredentialChange(built('open', TOKEN), BASIC, 'auto'), 'rebuild');
      assert.equal(afterCredentialChange(built('idle', undefined), TOKEN, 'auto'), 'rebuild');
      assert.equal(afterCredentialChange(built('open', TOKEN), undefined, 'yes'), 'rebuild');
      assert.equal(afterCredentialChange({ state: 'idle', builtWith: undefined }, TOKEN, 'auto'), 'rebuild');
    });

    it('keeps a connection built with the same credential (the change reported twice)', () => {
      for (const state of ['idle', 'connecting', 'open', 'reconnecting', 'auth-failed', 'closed'] as const) {
        assert.equal(afterCredentialChange(built(state, TOKEN), TOKEN, 'auto'), 'keep', state);
      }
    });

    it('only starts the same-credential connection when asked and not already live', () => {
      for (const state of ['idle', 'auth-failed', 'closed'] as const) {
        assert.equal(afterCredentialChange(built(state, TOKEN), TOKEN, 'yes'), 'connect', state);
      }
      for (const state of ['connecting', 'open', 'reconnecting'] as const) {
        assert.equal(afterCredentialChange(built(state, TOKEN), TOKEN, 'yes'), 'keep', state);
      }
    });

    it('does not connect when still signed out', () => {
      assert.equal(afterCredentialChange(built('idle', undefined), undefined, 'yes'), 'keep');
    });
  });

  describe('signedInAfter', () => {
    it('is signed in once a stream opens', () => {
      assert.equal(signedInAfter(false, { state: 'open', detail: {} }), true);
      assert.equal(signedInAfter(true, { state: 'open', detail: {} }), true);
    });

    it('is signed out when the connection found no credential', () => {
      assert.equal(signedInAfter(true, { state: 'idle', detail: { reason: 'signed-out', message: 'Sign in.' } }), false);
      assert.equal(signedInAfter(false, { state: 'idle', detail: { reason: 'signed-out' } }), false);
    });

    it('leaves it as it was for any other change, an auth failure included', () => {
      for (const signedIn of [true, false]) {
        assert.equal(signedInAfter(signedIn, { state: 'reconnecting', detail: { reason: 'lost', retryInMs: 100 } }), signedIn);
        assert.equal(signedInAfter(signedIn, { state: 'auth-failed', detail: { reason: 'auth', status: 401 } }), signedIn);
        assert.equal(signedInAfter(signedIn, { state: 'closed', detail: { reason: 'user' } }), signedIn);
        assert.equal(signedInAfter(signedIn, { state: 'connecting', detail: {} }), signedIn);
      }
    });
  });
});
