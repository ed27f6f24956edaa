import * as assert from 'node:assert/strict';
import type { Credential } from '../../../../src/core/endpoint/credentials';
import { parseDevSignIn, signInForDevelopment } from '../../../../src/extension/endpoint/dev-sign-in';

const RAW = JSON.stringify({ origin: 'https://127.0.0.1:8092', username: 'rocketskates', password: 'r0cketsk8ts' });

function fakeStore(initial: Record<string, Credential> = {}) {
  const saved = new Map(Object.entries(initial));
  return {
    saved,
    get: async (origin: string) => saved.get(origin),
    set: async (origin: string, c: Credential) => void saved.set(origin, c),
  };
}

function fakeLog() {
  const lines: string[] = [];
  return { lines, info: (m: string) => void lines.push(`info ${m}`), warn: (m: string) => void lines.push(`warn ${m}`) };
}

describe('dev-sign-in', () => {
  it('stores the credential for its origin in development mode and logs without the password', async () => {
    const store = fakeStore();
    const log = fakeLog();
    await signInForDevelopment(true, RAW, store, log);
    assert.deepEqual(store.saved.get('https://127.0.0.1:8092'), { kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' });
    assert.equal(log.lines.length, 1);
    assert.match(log.lines[0], /^info Signed in to https:\/\/127\.0\.0\.1:8092 as rocketskates/);
    assert.ok(!log.lines.join('\n').includes('r0cketsk8ts'));
  });

  it('does nothing for an installed (production) extension, whatever the environment says', async () => {
    const store = fakeStore();
    const log = fakeLog();
    await signInForDevelopment(false, RAW, store, log);
    assert.equal(store.saved.size, 0);
    assert.deepEqual(log.lines, []);
  });

  it('does nothing when the variable is unset', async () => {
    const store = fakeStore();
    await signInForDevelopment(true, undefined, store, fakeLog());
    assert.equal(store.saved.size, 0);
  });

  it('keeps a credential the user already stored for that origin', async () => {
    const mine: Credential = { kind: 'token', token: 'user-token' };
    const store = fakeStore({ 'https://127.0.0.1:8092': mine });
    await signInForDevelopment(true, RAW, store, fakeLog());
    assert.deepEqual(store.saved.get('https://127.0.0.1:8092'), mine);
  });

  it('keys the credential by the normalized origin, as the sign-in command does', () => {
    const parsed = parseDevSignIn(JSON.stringify({ origin: '127.0.0.1:9001/', username: 'u', password: 'p' }));
    assert.ok(!('error' in parsed));
    assert.equal(parsed.origin, 'https://127.0.0.1:9001');
  });

  it('warns with a sentence that never repeats the value on bad JSON or missing fields', async () => {
    for (const raw of ['{"password": "s3cret-pw"', JSON.stringify({ origin: 'https://h:1', password: 's3cret-pw' }), JSON.stringify({ origin: 'ftp://h', username: 'u', password: 's3cret-pw' })]) {
      const store = fakeStore();
      const log = fakeLog();
      await signInForDevelopment(true, raw, store, log);
      assert.equal(store.saved.size, 0);
      assert.equal(log.lines.length, 1);
      assert.match(log.lines[0], /^warn Development sign-in skipped\. DRP_DEV_SIGN_IN /);
      assert.ok(!log.lines[0].includes('s3cret-pw'));
    }
  });
});
