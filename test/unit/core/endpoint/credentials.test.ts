import * as assert from 'node:assert/strict';
import { authorizationHeader, redact, signedInAs } from '../../../../src/core/endpoint/credentials';

describe('credentials', () => {
  it('names who a credential signs in as, and never any part of the secret', () => {
    assert.equal(signedInAs({ kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' }), 'as rocketskates');
    assert.equal(signedInAs({ kind: 'token', token: 'tok-secret' }), 'with a token');
    assert.equal(signedInAs(undefined), undefined);
  });

  it('builds Bearer and Basic Authorization headers', () => {
    assert.equal(authorizationHeader({ kind: 'token', token: 'abc==' }), 'Bearer abc==');
    assert.equal(
      authorizationHeader({ kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' }),
      `Basic ${Buffer.from('rocketskates:r0cketsk8ts').toString('base64')}`,
    );
  });

  it('redacts a token echoed in a DRP 403 body, raw and percent-encoded', () => {
    const token = 'eyJhbGciOi_-x==';
    const body = `{"Messages":["Invalid Token :token is expired by 1s","${token}"]} url ?token=${encodeURIComponent(token)}`;
    const out = redact(body, { kind: 'token', token });
    assert.ok(!out.includes('eyJhbGciOi'));
    assert.equal(out, '{"Messages":["Invalid Token :token is expired by 1s","•••"]} url ?token=•••');
  });

  it('redacts a password, the user:pass pair and its base64, keeping the user name', () => {
    const c = { kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' } as const;
    const b64 = Buffer.from('rocketskates:r0cketsk8ts').toString('base64');
    const out = redact(`Basic ${b64}; token=rocketskates:r0cketsk8ts; pw r0cketsk8ts`, c);
    assert.equal(out, 'Basic •••; token=•••; pw •••');
    assert.equal(redact('user rocketskates denied', c), 'user rocketskates denied');
  });

  it('leaves text alone without a credential or with an empty secret', () => {
    assert.equal(redact('hello', undefined), 'hello');
    assert.equal(redact('hello', { kind: 'token', token: '' }), 'hello');
  });
});
