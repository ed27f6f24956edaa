import * as assert from 'node:assert/strict';
import { normalizeEndpoint, NormalizedEndpoint } from '../../../../src/core/endpoint/endpoint';

type Ok = Extract<NormalizedEndpoint, { ok: true }>;

function ok(input: string): Ok {
  const r = normalizeEndpoint(input);
  assert.ok(r.ok, `expected ${input} to be accepted, got: ${r.ok ? '' : r.message}`);
  return r;
}

function rejected(input: string): string {
  const r = normalizeEndpoint(input);
  assert.ok(!r.ok, `expected ${input} to be rejected`);
  return r.message;
}

function assertClean(r: Ok, ...secrets: string[]): void {
  for (const s of secrets) {
    for (const field of [r.origin, r.restBase, r.wsUrl, r.display, ...r.notes]) {
      assert.ok(!field.includes(s), `"${field}" leaks ${s}`);
    }
  }
}

describe('endpoint', () => {
  it('a bare host gets https and port 8092', () => {
    const r = ok('drp.example.com');
    assert.equal(r.origin, 'https://drp.example.com:8092');
    assert.equal(r.restBase, 'https://drp.example.com:8092/api/v3');
    assert.equal(r.wsUrl, 'wss://drp.example.com:8092/api/v3/ws');
    assert.equal(r.display, 'drp.example.com:8092');
    assert.deepEqual(r.notes, []);
    assert.equal(r.credential, undefined);
  });

  it('keeps an explicit port, including the https default 443', () => {
    assert.equal(ok('host:9000').origin, 'https://host:9000');
    assert.equal(ok('https://host:443').origin, 'https://host:443');
    assert.equal(ok('1.2.3.4').origin, 'https://1.2.3.4:8092');
  });

  it('handles IPv6, bracketed or bare', () => {
    assert.equal(ok('[::1]:8092').wsUrl, 'wss://[::1]:8092/api/v3/ws');
    assert.equal(ok('::1').origin, 'https://[::1]:8092');
    assert.equal(ok('https://[fe80::1]').display, '[fe80::1]:8092');
  });

  it('accepts the CLI form, a trailing slash, the REST base and the websocket URL alike', () => {
    for (const input of [
      'https://127.0.0.1:8092',
      'https://127.0.0.1:8092/',
      'https://127.0.0.1:8092/api/v3',
      'https://127.0.0.1:8092/api/v3/',
      'wss://127.0.0.1:8092/api/v3/ws',
      '  HTTPS://127.0.0.1:8092  ',
    ]) {
      const r = ok(input);
      assert.equal(r.origin, 'https://127.0.0.1:8092', input);
      assert.deepEqual(r.notes, [], input);
    }
  });

  it('converts http:// and ws:// to TLS, with a note', () => {
    const r = ok('http://drp:8092');
    assert.equal(r.origin, 'https://drp:8092');
    assert.match(r.notes.join(' '), /only speaks TLS/);
    assert.equal(ok('ws://drp/api/v3/ws').wsUrl, 'wss://drp:8092/api/v3/ws');
  });

  it("lifts the docs' ?token=user:pass out as a Basic credential", () => {
    const r = ok('wss://127.0.0.1:8092/api/v3/ws?token=rocketskates:r0cketsk8ts');
    assert.deepEqual(r.credential, { kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' });
    assert.equal(r.wsUrl, 'wss://127.0.0.1:8092/api/v3/ws');
    assertClean(r, 'r0cketsk8ts', 'token=');
    assert.match(r.notes.join(' '), /Authorization header/);
  });

  it('lifts ?Token=<token> (capital T) as a token, percent-decoded', () => {
    const r = ok('https://127.0.0.1:8092/api/v3/ws?Token=abc_DEF-123%3D%3D');
    assert.deepEqual(r.credential, { kind: 'token', token: 'abc_DEF-123==' });
    assertClean(r, 'abc_DEF', '%3D');
  });

  it('lifts user:pass@ userinfo, percent-decoded, and keeps it out of every address', () => {
    const r = ok('https://rocketskates:p%40ss%3Aword@drp:8092');
    assert.deepEqual(r.credential, { kind: 'basic', username: 'rocketskates', password: 'p@ss:word' });
    assertClean(r, 'p%40ss', 'p@ss', 'rocketskates');
  });

  it('ignores a lone user name with a note rather than keeping it', () => {
    const r = ok('https://someone@drp');
    assert.equal(r.credential, undefined);
    assertClean(r, 'someone');
    assert.match(r.notes.join(' '), /user name .* ignored/);
  });

  it('refuses two credentials at once', () => {
    assert.match(rejected('https://a:b@drp/?token=c:d'), /two credentials/);
  });

  it('drops an object path under /api/v3 with a note', () => {
    const r = ok('https://drp:8092/api/v3/machines/abc');
    assert.equal(r.restBase, 'https://drp:8092/api/v3');
    assert.match(r.notes.join(' '), /\/api\/v3\/machines\/abc was dropped/);
  });

  it('notes ignored query parameters and fragments', () => {
    const r = ok('https://drp/?foo=1#bar');
    assert.match(r.notes.join(' '), /foo were ignored/);
    assert.match(r.notes.join(' '), /fragment/);
  });

  it('rejects garbage with a sentence', () => {
    for (const input of ['', '   ', 'not a host', 'ftp://drp', 'https://', 'https://drp:99999', 'https://drp/ux/']) {
      const message = rejected(input);
      assert.match(message, /^[A-Z‘].*\.$/, `"${message}" for ${JSON.stringify(input)} is not a sentence`);
    }
  });
});
