import * as assert from 'node:assert/strict';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { DrpApiError } from '../../../../src/core/endpoint/api-error';
import type { Credential } from '../../../../src/core/endpoint/credentials';
import { DrpRestClient, encodeKeyPath } from '../../../../src/core/endpoint/rest-client';
import { fingerprintOf, TlsTrust, TlsTrustError } from '../../../../src/core/endpoint/tls-trust';
import { CertificateSet, makeCertificates } from '../../support/certificates';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const TOKEN = 'eyJ0b2tlbiI6dHJ1ZX0_-abc==';

describe('rest-client', () => {
  let certs: CertificateSet;
  let server: https.Server;
  let port: number;
  let handler: Handler;
  const seen: Seen[] = [];
  let trust: TlsTrust;

  before(async function () {
    this.timeout(20_000);
    certs = makeCertificates();
    trust = { mode: 'pinned', fingerprint256: fingerprintOf(certs.selfSigned.certPem) };
    server = https.createServer({ cert: certs.selfSigned.certPem, key: certs.selfSigned.keyPem }, (req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    certs.cleanup();
  });
  beforeEach(() => {
    seen.length = 0;
    handler = (_req, res) => json(res, 200, {});
  });

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  function client(credential: Credential | undefined = { kind: 'token', token: TOKEN }, extra: { timeoutMs?: number; trust?: TlsTrust } = {}): DrpRestClient {
    return new DrpRestClient({ restBase: `https://127.0.0.1:${port}/api/v3`, credential: async () => credential, trust: extra.trust ?? trust, timeoutMs: extra.timeoutMs ?? 5000 });
  }

  async function apiError(p: Promise<unknown>): Promise<DrpApiError> {
    try {
      await p;
    } catch (err) {
      assert.ok(err instanceof DrpApiError, `expected DrpApiError, got ${String(err)}`);
      return err;
    }
    assert.fail('the call did not fail');
  }

  it('info() sends the Bearer token, Accept and Cache-Control and returns the info object', async () => {
    handler = (_req, res) => json(res, 200, { version: 'v3.13.6', id: 'ab:cd', features: ['api-v3'] });
    const info = await client().info();
    assert.equal(info.version, 'v3.13.6');
    assert.equal(seen[0]?.url, '/api/v3/info');
    assert.equal(seen[0]?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(seen[0]?.headers.accept, 'application/json');
    assert.equal(seen[0]?.headers['cache-control'], 'no-store');
  });

  it('sends Basic for a user and password', async () => {
    await client({ kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' }).info();
    assert.equal(seen[0]?.headers.authorization, `Basic ${Buffer.from('rocketskates:r0cketsk8ts').toString('base64')}`);
  });

  it('objects() and list() return arrays; list passes index filters as query', async () => {
    handler = (req, res) => json(res, 200, req.url === '/api/v3/objects' ? ['machines', 'profiles'] : [{ Name: 'node-01' }]);
    assert.deepEqual(await client().objects(), ['machines', 'profiles']);
    assert.deepEqual(await client().list('machines', { Name: 'node-01' }), [{ Name: 'node-01' }]);
    assert.equal(seen[1]?.url, '/api/v3/machines?Name=node-01');
  });

  it('get() keeps a key with / as path segments, and index keys readable', async () => {
    await client().get('params', 'test/flag');
    await client().get('machines', 'Name:node-01');
    await client().get('profiles', 'a b?#');
    assert.deepEqual(
      seen.map((s) => s.url),
      ['/api/v3/params/test/flag', '/api/v3/machines/Name:node-01', '/api/v3/profiles/a%20b%3F%23'],
    );
    assert.equal(encodeKeyPath('../x'), '%2E%2E/x');
  });

  it('refuses an object type that is not a plain prefix, without a request', async () => {
    await assert.rejects(client().get('../users', 'x'), /not a DRP object type/);
    assert.equal(seen.length, 0);
  });

  it('mintToken() asks for ttl in seconds and returns the Token', async () => {
    handler = (_req, res) => json(res, 200, { Token: 'minted', Info: {} });
    assert.equal(await client({ kind: 'basic', username: 'rocketskates', password: 'x' }).mintToken('rocketskates', 600), 'minted');
    assert.equal(seen[0]?.url, '/api/v3/users/rocketskates/token?ttl=600');
  });

  it('a DRP 404 becomes "GET machines/x: Not Found (404)."', async () => {
    handler = (_req, res) => json(res, 404, { Model: 'machines', Key: 'x', Type: 'GET', Messages: ['Not Found'], Code: 404 });
    const err = await apiError(client().get('machines', 'x'));
    assert.equal(err.status, 404);
    assert.equal(err.kind, 'http');
    assert.deepEqual(err.messages, ['Not Found']);
    assert.equal(err.message, 'GET machines/x: Not Found (404).');
  });

  it('a 403 that echoes the token is redacted everywhere', async () => {
    handler = (_req, res) =>
      json(res, 403, { Model: 'system', Key: '', Type: '', Messages: ['Invalid Token :token is expired by 1s', TOKEN], Code: 403 });
    const err = await apiError(client().info());
    assert.equal(err.status, 403);
    assert.ok(!err.message.includes(TOKEN) && !err.messages.join().includes(TOKEN), err.message);
    assert.ok(!JSON.stringify(err).includes(TOKEN));
    assert.match(err.message, /Invalid Token :token is expired by 1s; ••• \(403\)\. Run ‘DRP: Sign In’/);
  });

  it('a 401 with an empty body names the status', async () => {
    handler = (_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'dr-provision' });
      res.end();
    };
    const err = await apiError(client().info());
    assert.equal(err.message, 'GET info: Unauthorized (401). Run ‘DRP: Sign In’ to set working credentials.');
  });

  it('a 2xx that is not JSON is a bad response', async () => {
    handler = (_req, res) => res.end('<html>proxy</html>');
    const err = await apiError(client().info());
    assert.equal(err.kind, 'bad-response');
  });

  it('without a credential nothing is sent', async () => {
    const signedOut = new DrpRestClient({ restBase: `https://127.0.0.1:${port}/api/v3`, credential: async () => undefined, trust });
    const err = await apiError(signedOut.info());
    assert.equal(err.kind, 'signed-out');
    assert.equal(seen.length, 0);
  });

  it('times out when the endpoint does not answer', async () => {
    handler = () => undefined; // never answers
    const err = await apiError(client({ kind: 'token', token: TOKEN }, { timeoutMs: 150 }).info());
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /did not answer within/);
  });

  it('passes a TLS refusal through as TlsTrustError, with no request made', async () => {
    await assert.rejects(client({ kind: 'token', token: TOKEN }, { trust: { mode: 'system' } }).info(), TlsTrustError);
    assert.equal(seen.length, 0);
  });

  it('an unreachable endpoint is a network error sentence', async () => {
    const c = new DrpRestClient({ restBase: 'https://127.0.0.1:1/api/v3', credential: async () => ({ kind: 'token', token: TOKEN }), trust });
    const err = await apiError(c.info());
    assert.equal(err.kind, 'network');
    assert.match(err.message, /could not reach 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  });
});
