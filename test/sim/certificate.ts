// The endpoint's self-signed certificate, made the way a fresh dr-provision makes its own
// (ECDSA P-384, O="Acme Co", 365 days; docs/protocol.md §1.2), with SANs for the loopback
// names the simulator answers on. The openssl CLI does the work in a throwaway directory.

import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificate {
  certPem: string;
  keyPem: string;
  /** Node's `X509Certificate.fingerprint256` format: colon-separated uppercase hex. */
  fingerprint256: string;
}

export async function generateCertificate(): Promise<Certificate> {
  const dir = await mkdtemp(join(tmpdir(), 'drp-sim-cert-'));
  try {
    const keyFile = join(dir, 'server.key');
    const certFile = join(dir, 'server.crt');
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp384r1',
      '-nodes', '-days', '365', '-subj', '/O=Acme Co',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', keyFile, '-out', certFile,
    ]);
    const [certPem, keyPem] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    return { certPem, keyPem, fingerprint256: new X509Certificate(certPem).fingerprint256 };
  } catch (err) {
    throw new Error(`The simulator could not create its TLS certificate with openssl (${(err as Error).message}). Install openssl and try again.`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
