// The simulator's authentication against the table in docs/protocol.md §2.2, row by row.

import assert from 'node:assert/strict';
import { DrpSimulator } from '../../sim/simulator';
import { BASIC, rest, tryUpgrade } from '../../sim/test-client';
import { base64UrlErrorIndex, formatGoSeconds } from '../../sim/auth';

const basic = (userPass: string): string => `Basic ${Buffer.from(userPass).toString('base64')}`;
const ACCESS_DENIED = '{"Model":"users","Key":"","Type":"","Messages":["Access Denied"],"Code":403}';

describe('simulator auth (appendix a)', () => {
  let sim: DrpSimulator;
  // Token expiry reads this clock, which moves only when a test moves it.
  let now = Date.UTC(2026, 10, 28, 3, 52, 16);
  before(async () => { sim = await DrpSimulator.start({ now: () => now }); });
  after(async () => { await sim.stop(); });

  async function token(ttl = 600): Promise<string> {
    const r = await rest(sim, 'GET', `/api/v3/users/rocketskates/token?ttl=${ttl}`);
    assert.equal(r.status, 200);
    return (JSON.parse(r.body) as { Token: string }).Token;
  }

  it('accepts Basic, Bearer, ?token=user:pass and ?token=<token> (raw or percent-encoded)', async () => {
    const t = await token();
    assert.equal((await tryUpgrade(sim, { authorization: BASIC })).status, 101);
    assert.equal((await tryUpgrade(sim, { authorization: `Bearer ${t}` })).status, 101);
    assert.equal((await tryUpgrade(sim, { query: '?token=rocketskates:r0cketsk8ts' })).status, 101);
    assert.equal((await tryUpgrade(sim, { query: `?token=${encodeURIComponent(t)}` })).status, 101);
    assert.equal((await tryUpgrade(sim, { query: `?token=${t}` })).status, 101);
  });

  it('mints an 888-character url-safe token with = padding and no colon, plus Info', async () => {
    const r = await rest(sim, 'GET', '/api/v3/users/rocketskates/token');
    const body = JSON.parse(r.body) as { Token: string; Info: { version: string } };
    assert.equal(body.Token.length, 888);
    assert.match(body.Token, /^[A-Za-z0-9_-]+={1,2}$/);
    assert.equal(body.Info.version, 'v3.13.3');
  });

  for (const [name, opts] of [
    ['no credentials', {}],
    ['capital ?Token=', { query: '?Token=rocketskates:r0cketsk8ts' }],
    ['a Digest scheme', { authorization: 'Digest abc' }],
    ['bad base64', { authorization: 'Basic !!!' }],
    ['no colon', { authorization: basic('rocketskates') }],
  ] as const) {
    it(`401 with WWW-Authenticate and an empty body for ${name}`, async () => {
      const r = await tryUpgrade(sim, opts);
      assert.equal(r.status, 401);
      assert.equal(r.headers['www-authenticate'], 'dr-provision');
      assert.equal(r.body, '');
      assert.equal(r.headers['content-type'], undefined);
    });
  }

  it('403 Access Denied without WWW-Authenticate for a wrong password, unknown user or wrong ?token', async () => {
    for (const opts of [{ authorization: basic('rocketskates:wrong') }, { authorization: basic('greg:x') }, { query: '?token=rocketskates:wrong' }]) {
      const r = await tryUpgrade(sim, opts);
      assert.equal(r.status, 403);
      assert.equal(r.headers['www-authenticate'], undefined);
      assert.match(String(r.headers['content-type']), /application\/json/);
      assert.equal(r.body, ACCESS_DENIED);
    }
  });

  it('403 with WWW-Authenticate and the echoed token for a bad Bearer', async () => {
    const r = await tryUpgrade(sim, { authorization: 'Bearer abc' });
    assert.equal(r.status, 403);
    assert.equal(r.headers['www-authenticate'], 'dr-provision');
    assert.equal(r.body, '{"Model":"system","Key":"","Type":"","Messages":["Invalid Token :illegal base64 data at input byte 0","abc"],"Code":403}');
  });

  it('403 "token is expired by 1s" for an expired token', async () => {
    const t = await token(600);
    sim.expireTokens();
    const r = await tryUpgrade(sim, { authorization: `Bearer ${t}` });
    assert.equal(r.status, 403);
    assert.equal(r.headers['www-authenticate'], 'dr-provision');
    assert.deepEqual(JSON.parse(r.body), { Model: 'system', Key: '', Type: '', Messages: ['Invalid Token :token is expired by 1s', t], Code: 403 });
  });

  it('403 Validation failed for a token minted before a password change', async () => {
    const s2 = await DrpSimulator.start({ users: [{ name: 'alice', password: 'one' }] });
    try {
      const t = s2.mintToken('alice');
      s2.setPassword('alice', 'two');
      const r = await tryUpgrade(s2, { authorization: `Bearer ${t}` });
      assert.equal(r.status, 403);
      assert.equal(r.body, '{"Model":"","Key":"","Type":"AUTH","Messages":["Validation failed"],"Code":403}');
      assert.equal((await tryUpgrade(s2, { authorization: basic('alice:two') })).status, 101);
      assert.equal((await tryUpgrade(s2, { authorization: basic('alice:one') })).status, 403);
    } finally {
      await s2.stop();
    }
  });

  it('a bad Authorization header beats a good ?token= (403)', async () => {
    const r = await tryUpgrade(sim, { authorization: basic('rocketskates:wrong'), query: '?token=rocketskates:r0cketsk8ts' });
    assert.equal(r.status, 403);
    assert.equal(r.body, ACCESS_DENIED);
  });

  it('token endpoint: 400 strconv message for a bad ttl, 404 for an unknown user', async () => {
    const bad = await rest(sim, 'GET', '/api/v3/users/rocketskates/token?ttl=cow');
    assert.equal(bad.status, 400);
    assert.equal(bad.body, '{"Model":"users","Key":"rocketskates","Type":"GET","Messages":["strconv.ParseInt: parsing \\"cow\\": invalid syntax"],"Code":400}');
    const unknown = await rest(sim, 'GET', '/api/v3/users/greg/token');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body, '{"Model":"users","Key":"greg","Type":"GET","Messages":["Not Found"],"Code":404}');
  });

  it('a token with ttl=1 is good for exactly one second of the clock, then expired by whole seconds', async () => {
    const t = await token(1);
    assert.equal((await tryUpgrade(sim, { authorization: `Bearer ${t}` })).status, 101);
    now += 999;
    assert.equal((await tryUpgrade(sim, { authorization: `Bearer ${t}` })).status, 101, '1 ms before the expiry');
    now += 1;
    const r = await tryUpgrade(sim, { authorization: `Bearer ${t}` });
    assert.equal(r.status, 403);
    assert.match(r.body, /Invalid Token :token is expired by 1s"/);
    now += 2_500;
    assert.match((await tryUpgrade(sim, { authorization: `Bearer ${t}` })).body, /Invalid Token :token is expired by 2s"/);
  });

  it('Go-compatible helpers: base64 error index and duration text', () => {
    assert.equal(base64UrlErrorIndex('abc'), 0);
    assert.equal(base64UrlErrorIndex('abcd'), undefined);
    assert.equal(base64UrlErrorIndex('ab+d'), 2);
    assert.equal(base64UrlErrorIndex('abcdef=='), undefined);
    assert.equal(formatGoSeconds(1), '1s');
    assert.equal(formatGoSeconds(125), '2m5s');
    assert.equal(formatGoSeconds(3600), '1h0m0s');
  });
});
