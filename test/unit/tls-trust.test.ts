import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import WebSocket from 'ws';
import { createVerifiedConnection, fingerprintOf, normalizeFingerprint, TlsTrust, TlsTrustError } from '../../src/core/tls-trust';
import { CertificateSet, makeCertificates } from './support/certificates';
import { ByteCountingServer, startByteCountingServer } from './support/byte-counting-server';

/** GET / with an Authorization header through the verified connection; resolves the body or rejects. */
function get(port: number, trust: TlsTrust, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host,
        port,
        path: '/api/v3/info',
        headers: { Authorization: 'Bearer SECRET-TOKEN' },
        createConnection: createVerifiedConnection(trust, { timeoutMs: 5000 }),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function refusal(p: Promise<unknown>): Promise<TlsTrustError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof TlsTrustError, `expected a TlsTrustError, got ${String(err)}`);
    return err;
  }
  assert.fail('the connection was not refused');
}

describe('tls-trust', () => {
  let certs: CertificateSet;
  const servers: ByteCountingServer[] = [];
  async function serve(pair: { certPem: string; keyPem: string }): Promise<ByteCountingServer> {
    const s = await startByteCountingServer(pair);
    servers.push(s);
    return s;
  }

  before(function () {
    this.timeout(20_000);
    certs = makeCertificates();
  });
  after(() => certs.cleanup());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  describe('normalizeFingerprint', () => {
    it('accepts colons or none, any case, and a sha256 prefix', () => {
      const hex = 'ab'.repeat(32);
      const want = Array(32).fill('AB').join(':');
      assert.equal(normalizeFingerprint(hex), want);
      assert.equal(normalizeFingerprint(want.toLowerCase()), want);
      assert.equal(normalizeFingerprint(`SHA256:${hex}`), want);
      assert.equal(normalizeFingerprint(` ${want} `), want);
    });
    it('rejects what is not 32 bytes of hex', () => {
      assert.equal(normalizeFingerprint('AB:CD'), undefined);
      assert.equal(normalizeFingerprint('zz'.repeat(32)), undefined);
      assert.equal(normalizeFingerprint(''), undefined);
    });
  });

  it('fingerprintOf matches the fingerprint the server presents', async () => {
    const server = await serve(certs.selfSigned);
    const err = await refusal(get(server.port, { mode: 'system' }));
    assert.equal(err.fingerprint256, fingerprintOf(certs.selfSigned.certPem));
    assert.equal(normalizeFingerprint(fingerprintOf(certs.selfSigned.certPem)), fingerprintOf(certs.selfSigned.certPem));
  });

  it('system trust refuses a self-signed certificate before any byte is written', async () => {
    const server = await serve(certs.selfSigned);
    const err = await refusal(get(server.port, { mode: 'system' }));
    await server.allClosed();
    assert.equal(err.code, 'untrusted');
    assert.equal(server.bytesReceived, 0);
    assert.match(err.message, /self-signed and not trusted\. Its SHA-256 fingerprint is ([0-9A-F]{2}:){31}[0-9A-F]{2}\. Trust it, or set drp\.tls\.caFile\./);
    assert.ok(err.certificate?.selfSigned);
    assert.match(err.certificate?.subject ?? '', /CN=localhost/);
    assert.ok(err.certificate?.validTo);
  });

  it('pinned trust accepts the pinned certificate, however the fingerprint is written', async () => {
    const server = await serve(certs.selfSigned);
    const fp = fingerprintOf(certs.selfSigned.certPem).replace(/:/g, '').toLowerCase();
    assert.equal(await get(server.port, { mode: 'pinned', fingerprint256: fp }), '"ok"');
    assert.ok(server.bytesReceived > 0, 'the request reached the server once trusted');
  });

  it('pinned trust refuses a rotated certificate, reporting the presented fingerprint, with no bytes sent', async () => {
    const server = await serve(certs.rotated);
    const pinned = fingerprintOf(certs.selfSigned.certPem);
    const err = await refusal(get(server.port, { mode: 'pinned', fingerprint256: pinned }));
    await server.allClosed();
    assert.equal(err.code, 'fingerprint-mismatch');
    assert.equal(err.fingerprint256, fingerprintOf(certs.rotated.certPem));
    assert.ok(err.message.includes(fingerprintOf(certs.rotated.certPem)));
    assert.equal(server.bytesReceived, 0);
  });

  it('CA trust accepts a certificate the CA issued', async () => {
    const server = await serve(certs.leaf);
    assert.equal(await get(server.port, { mode: 'ca', caPem: certs.ca.certPem }), '"ok"');
  });

  it('CA trust refuses a self-signed certificate the CA did not issue', async () => {
    const server = await serve(certs.selfSigned);
    const err = await refusal(get(server.port, { mode: 'ca', caPem: certs.ca.certPem }));
    await server.allClosed();
    assert.equal(err.code, 'untrusted');
    assert.equal(server.bytesReceived, 0);
  });

  it('CA trust refuses a certificate for another host name', async () => {
    const server = await serve(certs.wrongHost);
    const err = await refusal(get(server.port, { mode: 'ca', caPem: certs.ca.certPem }));
    await server.allClosed();
    assert.equal(err.code, 'hostname');
    assert.match(err.message, /other\.example/);
    assert.equal(server.bytesReceived, 0);
  });

  it('sends SNI for a host name and none for an IP address', async () => {
    const server = await serve(certs.leaf);
    await get(server.port, { mode: 'ca', caPem: certs.ca.certPem }, 'localhost');
    await get(server.port, { mode: 'ca', caPem: certs.ca.certPem }, '127.0.0.1');
    assert.deepEqual(server.servernames, ['localhost', false]);
  });

  it('insecure trust accepts anything', async () => {
    const server = await serve(certs.wrongHost);
    assert.equal(await get(server.port, { mode: 'insecure' }), '"ok"');
  });

  it('a websocket (ws) refused by trust reports the TlsTrustError and sends no upgrade request', async () => {
    const server = await serve(certs.selfSigned);
    const ws = new WebSocket(`wss://127.0.0.1:${server.port}/api/v3/ws`, {
      headers: { Authorization: 'Bearer SECRET-TOKEN' },
      createConnection: createVerifiedConnection({ mode: 'system' }) as never,
    });
    const err = await new Promise<Error>((resolve) => ws.once('error', resolve));
    await server.allClosed();
    assert.ok(err instanceof TlsTrustError);
    assert.equal(err.code, 'untrusted');
    assert.equal(server.bytesReceived, 0);
  });

  it('a refused port is an ordinary error, not a trust decision', async () => {
    const server = await serve(certs.selfSigned);
    const port = server.port;
    await server.close();
    servers.length = 0;
    await assert.rejects(get(port, { mode: 'insecure' }), (err: Error) => !(err instanceof TlsTrustError) && /ECONNREFUSED/.test(String((err as NodeJS.ErrnoException).code)));
  });
});
