import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import * as https from 'node:https';
import WebSocket from 'ws';
import { DrpConnection } from '../../../../src/core/connection/connection';
import { DrpRestClient } from '../../../../src/core/endpoint/rest-client';
import {
  asTlsTrustError,
  createVerifiedConnection,
  fingerprintOf,
  normalizeFingerprint,
  probeCertificate,
  TlsTrust,
  TlsTrustError,
  tlsRequestOptions,
} from '../../../../src/core/endpoint/tls-trust';
import { DrpSimulator } from '../../../sim/simulator';
import { CertificateSet, makeCertificates } from '../../support/certificates';
import { ByteCountingServer, startByteCountingServer } from '../../support/byte-counting-server';
import { next } from '../../support/next';
import { simulateVsCodeProxyAgent } from '../../support/proxy-agent-patch';

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

/**
 * GET / through a plain https.Agent with the trust only in the request options: what VS
 * Code's proxy agent does to our requests (it ignores our agent and createConnection).
 */
function getThroughPlainAgent(port: number, options: ReturnType<typeof tlsRequestOptions>, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host, port, path: '/api/v3/info', headers: { Authorization: 'Bearer SECRET-TOKEN' }, agent: new https.Agent(), ...options },
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

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  assert.fail('the request did not fail');
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

  it('pinned trust refuses a rotated certificate, reporting the presented and the trusted fingerprint, with no bytes sent', async () => {
    const server = await serve(certs.rotated);
    const pinned = fingerprintOf(certs.selfSigned.certPem);
    const err = await refusal(get(server.port, { mode: 'pinned', fingerprint256: pinned }));
    await server.allClosed();
    assert.equal(err.code, 'fingerprint-mismatch');
    assert.equal(err.fingerprint256, fingerprintOf(certs.rotated.certPem));
    assert.equal(err.trustedFingerprint256, pinned);
    assert.match(err.message, /^The endpoint's certificate changed/);
    assert.equal(err.message.split(fingerprintOf(certs.rotated.certPem)).length - 1, 1, 'the presented fingerprint appears once');
    assert.equal(err.message.split(pinned).length - 1, 1, 'the trusted fingerprint appears once');
    assert.equal(server.bytesReceived, 0);
  });

  it('CA trust accepts a certificate the CA issued', async () => {
    const server = await serve(certs.leaf);
    assert.equal(await get(server.port, { mode: 'ca', caPem: certs.ca.certPem }), '"ok"');
  });

  it('CA trust refuses a self-signed certificate the CA did not issue, saying the CA file (named) does not match this endpoint', async () => {
    const server = await serve(certs.selfSigned);
    const err = await refusal(get(server.port, { mode: 'ca', caPem: certs.ca.certPem, caFile: '/home/me/sim.pem' }));
    await server.allClosed();
    assert.equal(err.code, 'ca-file-mismatch');
    assert.match(err.message, /not issued by the CA in drp\.tls\.caFile \(\/home\/me\/sim\.pem\), so that file does not match this endpoint\./);
    assert.match(err.message, /Trust this certificate instead/);
    assert.equal(err.fingerprint256, fingerprintOf(certs.selfSigned.certPem));
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

  describe('in the request options, for an agent that replaces ours (VS Code proxy agent)', () => {
    const pinnedTo = (pair: { certPem: string }): TlsTrust => ({ mode: 'pinned', fingerprint256: fingerprintOf(pair.certPem), certPem: pair.certPem });

    it('the presented certificate carries its PEM, from which its fingerprint follows', async () => {
      const server = await serve(certs.selfSigned);
      const err = await refusal(get(server.port, { mode: 'system' }));
      assert.equal(fingerprintOf(err.certificate!.pem), err.fingerprint256);
      assert.equal(err.certificate!.pem, new X509Certificate(certs.selfSigned.certPem).toString());
    });

    it('system, CA and insecure trust map to tls.connect options', () => {
      assert.deepEqual(tlsRequestOptions({ mode: 'system' }), {});
      assert.deepEqual(tlsRequestOptions({ mode: 'ca', caPem: certs.ca.certPem }), { ca: certs.ca.certPem });
      assert.deepEqual(tlsRequestOptions({ mode: 'insecure' }), { rejectUnauthorized: false });
      assert.deepEqual(tlsRequestOptions({ mode: 'pinned', fingerprint256: fingerprintOf(certs.selfSigned.certPem) }), {}, 'a pin without its certificate adds nothing');
    });

    it('pinned with the certificate: a plain agent connects, and checkServerIdentity decides', async () => {
      const server = await serve(certs.selfSigned);
      const options = tlsRequestOptions(pinnedTo(certs.selfSigned));
      const check = options.checkServerIdentity!;
      const seen: string[] = [];
      options.checkServerIdentity = (host, cert) => {
        seen.push(cert.fingerprint256);
        return check(host, cert);
      };
      assert.equal(await getThroughPlainAgent(server.port, options, 'localhost'), '"ok"');
      assert.deepEqual(seen, [fingerprintOf(certs.selfSigned.certPem)]);
      assert.ok(server.bytesReceived > 0);
    });

    it('pinned with the certificate accepts a self-signed non-CA certificate whose names do not match', async () => {
      const server = await serve(certs.selfSignedLeaf);
      assert.equal(await getThroughPlainAgent(server.port, tlsRequestOptions(pinnedTo(certs.selfSignedLeaf))), '"ok"');
    });

    it('pinned with the certificate refuses a rotated certificate before any byte, and asTlsTrustError reports the new fingerprint', async () => {
      const server = await serve(certs.rotated);
      const trust = pinnedTo(certs.selfSigned);
      const err = await failure(getThroughPlainAgent(server.port, tlsRequestOptions(trust)));
      await server.allClosed();
      assert.equal(server.bytesReceived, 0);
      assert.ok(!(err instanceof TlsTrustError), 'OpenSSL refused it, not our check');
      const tlsError = await asTlsTrustError(err, trust, `wss://127.0.0.1:${server.port}/api/v3/ws`);
      assert.ok(tlsError instanceof TlsTrustError);
      assert.equal(tlsError.code, 'fingerprint-mismatch');
      assert.equal(tlsError.fingerprint256, fingerprintOf(certs.rotated.certPem));
      assert.equal(fingerprintOf(tlsError.certificate!.pem), fingerprintOf(certs.rotated.certPem));
      assert.match(tlsError.message, /certificate changed: it presented .*, not the certificate you trusted .* trust the new one/);
      assert.equal(tlsError.trustedFingerprint256, fingerprintOf(certs.selfSigned.certPem));
      await server.allClosed();
      assert.equal(server.bytesReceived, 0, 'the probe wrote nothing either');
    });

    it('checkServerIdentity refuses a certificate that chains to the pinned one but is not it, before any byte', async () => {
      // Pinning the CA makes OpenSSL accept the leaf it issued; only the fingerprint check stops it.
      const server = await serve(certs.leaf);
      const err = await failure(getThroughPlainAgent(server.port, tlsRequestOptions(pinnedTo(certs.ca))));
      await server.allClosed();
      assert.ok(err instanceof TlsTrustError);
      assert.equal(err.code, 'fingerprint-mismatch');
      assert.equal(err.fingerprint256, fingerprintOf(certs.leaf.certPem));
      assert.equal(server.bytesReceived, 0);
    });

    it('system trust refuses a self-signed certificate before any byte, and asTlsTrustError offers its fingerprint', async () => {
      const server = await serve(certs.selfSigned);
      const err = await failure(getThroughPlainAgent(server.port, tlsRequestOptions({ mode: 'system' })));
      await server.allClosed();
      assert.equal(server.bytesReceived, 0);
      assert.equal((err as NodeJS.ErrnoException).code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      const tlsError = await asTlsTrustError(err, { mode: 'system' }, new URL(`https://127.0.0.1:${server.port}/api/v3`));
      assert.equal(tlsError?.code, 'untrusted');
      assert.equal(tlsError?.fingerprint256, fingerprintOf(certs.selfSigned.certPem));
      assert.match(tlsError!.message, /self-signed and not trusted\. Its SHA-256 fingerprint is .* Trust it, or set drp\.tls\.caFile\./);
    });

    it('an old pin without its certificate fails through a plain agent and asks to be trusted again', async () => {
      const server = await serve(certs.selfSigned);
      const trust: TlsTrust = { mode: 'pinned', fingerprint256: fingerprintOf(certs.selfSigned.certPem) };
      const err = await failure(getThroughPlainAgent(server.port, tlsRequestOptions(trust)));
      await server.allClosed();
      assert.equal(server.bytesReceived, 0);
      const tlsError = await asTlsTrustError(err, trust, `https://127.0.0.1:${server.port}`);
      assert.equal(tlsError?.code, 'untrusted');
      assert.match(tlsError!.message, /matches the fingerprint you trusted .* Trust it again\./);
      assert.ok(tlsError!.certificate!.pem.startsWith('-----BEGIN CERTIFICATE-----'));
    });

    it('CA trust refuses another endpoint\'s certificate through a plain agent, and asTlsTrustError names the CA file that does not match', async () => {
      const server = await serve(certs.selfSigned);
      const trust: TlsTrust = { mode: 'ca', caPem: certs.ca.certPem, caFile: '/tmp/other-endpoint.pem' };
      const err = await failure(getThroughPlainAgent(server.port, tlsRequestOptions(trust)));
      await server.allClosed();
      assert.equal(server.bytesReceived, 0);
      const tlsError = await asTlsTrustError(err, trust, `https://127.0.0.1:${server.port}`);
      assert.equal(tlsError?.code, 'ca-file-mismatch');
      assert.match(tlsError!.message, /drp\.tls\.caFile \(\/tmp\/other-endpoint\.pem\), so that file does not match this endpoint/);
    });

    it('CA trust works through a plain agent, and a wrong host name is explained', async () => {
      const good = await serve(certs.leaf);
      assert.equal(await getThroughPlainAgent(good.port, tlsRequestOptions({ mode: 'ca', caPem: certs.ca.certPem }), 'localhost'), '"ok"');
      const wrong = await serve(certs.wrongHost);
      const trust: TlsTrust = { mode: 'ca', caPem: certs.ca.certPem };
      const err = await failure(getThroughPlainAgent(wrong.port, tlsRequestOptions(trust)));
      await wrong.allClosed();
      assert.equal(wrong.bytesReceived, 0);
      const tlsError = await asTlsTrustError(err, trust, `https://127.0.0.1:${wrong.port}`);
      assert.equal(tlsError?.code, 'hostname');
      assert.match(tlsError!.message, /other\.example/);
    });

    it('insecure trust works through a plain agent', async () => {
      const server = await serve(certs.wrongHost);
      assert.equal(await getThroughPlainAgent(server.port, tlsRequestOptions({ mode: 'insecure' })), '"ok"');
    });

    it('asTlsTrustError passes a TlsTrustError through and leaves other errors alone', async () => {
      const own = new TlsTrustError('untrusted', 'x', undefined);
      assert.equal(await asTlsTrustError(own, { mode: 'system' }, 'https://127.0.0.1:1'), own);
      const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      assert.equal(await asTlsTrustError(refused, { mode: 'system' }, 'https://127.0.0.1:1'), undefined);
    });

    it('probeCertificate reads the certificate without writing a byte, and gives undefined with no server', async () => {
      const server = await serve(certs.rotated);
      const cert = await probeCertificate('127.0.0.1', server.port);
      await server.allClosed();
      assert.equal(cert?.fingerprint256, fingerprintOf(certs.rotated.certPem));
      assert.equal(server.bytesReceived, 0);
      const port = server.port;
      await server.close();
      servers.length = 0;
      assert.equal(await probeCertificate('127.0.0.1', port), undefined);
    });

    describe('with https.request patched as VS Code patches it', () => {
      let restore: (() => void) | undefined;
      afterEach(() => {
        restore?.();
        restore = undefined;
      });

      it('the REST client reaches a pinned endpoint, and reports a rotated one as a TlsTrustError with no bytes sent', async () => {
        const server = await serve(certs.selfSigned);
        const rotated = await serve(certs.rotated);
        restore = simulateVsCodeProxyAgent();
        const credential = async () => ({ kind: 'token' as const, token: 'SECRET-TOKEN' });
        const client = (port: number, trust = pinnedTo(certs.selfSigned)) => new DrpRestClient({ restBase: `https://127.0.0.1:${port}/api/v3`, credential, trust, timeoutMs: 5000 });
        assert.equal(await client(server.port).get('machines', 'm1'), 'ok');
        // The patch is in effect: our own agent would have accepted this old pin.
        const oldPin = await refusal(client(server.port, { mode: 'pinned', fingerprint256: fingerprintOf(certs.selfSigned.certPem) }).info());
        assert.match(oldPin.message, /Trust it again/);
        const err = await refusal(client(rotated.port).info());
        await rotated.allClosed();
        assert.equal(err.code, 'fingerprint-mismatch');
        assert.equal(err.fingerprint256, fingerprintOf(certs.rotated.certPem));
        assert.equal(rotated.bytesReceived, 0);
      });

      it('the websocket connection opens on a pinned endpoint, and closes with the presented certificate when untrusted', async function () {
        this.timeout(10_000);
        const sim = await DrpSimulator.start({ pingIntervalMs: 60_000, pongTimeoutMs: 120_000 });
        restore = simulateVsCodeProxyAgent();
        const connection = (trust: TlsTrust) =>
          new DrpConnection({ wsUrl: sim.wsUrl, credential: async () => ({ kind: 'token', token: sim.mintToken('rocketskates', 60) }), trust, backoff: { initialMs: 20, maxMs: 100, jitter: 0 } });
        const pinned = connection({ mode: 'pinned', fingerprint256: sim.fingerprint256, certPem: sim.certPem });
        const untrusted = connection({ mode: 'system' });
        const oldPin = connection({ mode: 'pinned', fingerprint256: sim.fingerprint256 });
        try {
          const opened = next(pinned.onDidChangeState, (s) => s.state === 'open', 'state open');
          pinned.connect();
          await opened;
          const closed = next(untrusted.onDidChangeState, (s) => s.state === 'closed', 'state closed');
          untrusted.connect();
          const { detail } = await closed;
          assert.equal(detail.reason, 'tls');
          assert.equal(detail.tlsError?.code, 'untrusted');
          assert.equal(detail.tlsError?.fingerprint256, sim.fingerprint256);
          assert.equal(detail.tlsError?.certificate?.pem.trim(), sim.certPem.trim());
          // The patch is in effect: our own agent would have accepted this old pin.
          const refused = next(oldPin.onDidChangeState, (s) => s.state === 'closed', 'old pin closed');
          oldPin.connect();
          assert.match((await refused).detail.tlsError?.message ?? '', /Trust it again/);
        } finally {
          pinned.dispose();
          untrusted.dispose();
          oldPin.dispose();
          await sim.stop();
        }
      });
    });
  });
});
