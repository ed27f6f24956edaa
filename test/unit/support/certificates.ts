// Real certificates for the TLS tests, made with the openssl CLI the way dr-provision makes
// its own (self-signed ECDSA P-384, SANs localhost and 127.0.0.1), plus a small CA for the
// "CA file" trust mode. Written to a temp dir that the caller removes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  certPem: string;
  keyPem: string;
}

export interface CertificateSet {
  /** Self-signed, SAN localhost + 127.0.0.1: what a fresh DRP endpoint serves. */
  selfSigned: KeyPair;
  /** A second self-signed certificate for the same names: a "rotated" endpoint. */
  rotated: KeyPair;
  /** Self-signed but not a CA (basicConstraints CA:FALSE), as some generators make them. */
  selfSignedLeaf: KeyPair;
  ca: KeyPair;
  /** Issued by `ca` for localhost + 127.0.0.1. */
  leaf: KeyPair;
  /** Issued by `ca` for other.example only. */
  wrongHost: KeyPair;
  cleanup(): void;
}

const SAN = 'subjectAltName=DNS:localhost,IP:127.0.0.1';

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: 'pipe' });
}

function selfSigned(dir: string, name: string, subject: string, extra: string[] = []): KeyPair {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', subject, ...extra]);
  return { certPem: readFileSync(cert, 'utf8'), keyPem: readFileSync(key, 'utf8') };
}

function issued(dir: string, name: string, ca: { key: string; cert: string }, san: string): KeyPair {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.pem`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, `${san}\n`);
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${name}`]);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', cert]);
  return { certPem: readFileSync(cert, 'utf8'), keyPem: readFileSync(key, 'utf8') };
}

export function makeCertificates(): CertificateSet {
  const dir = mkdtempSync(join(tmpdir(), 'drp-tls-'));
  const sanArgs = ['-addext', SAN];
  const ca = selfSigned(dir, 'ca', '/CN=DRP Test CA');
  return {
    selfSigned: selfSigned(dir, 'self', '/O=Acme Co/CN=localhost', sanArgs),
    rotated: selfSigned(dir, 'rotated', '/O=Acme Co/CN=localhost', sanArgs),
    selfSignedLeaf: selfSigned(dir, 'self-leaf', '/O=Acme Co/CN=greg.fill.in', [
      '-addext', 'subjectAltName=DNS:greg.fill.in',
      '-addext', 'basicConstraints=critical,CA:FALSE',
      '-addext', 'keyUsage=critical,digitalSignature',
      '-addext', 'extendedKeyUsage=serverAuth',
    ]),
    ca,
    leaf: issued(dir, 'leaf', { key: join(dir, 'ca.key'), cert: join(dir, 'ca.pem') }, SAN),
    wrongHost: issued(dir, 'wrong', { key: join(dir, 'ca.key'), cert: join(dir, 'ca.pem') }, 'subjectAltName=DNS:other.example'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
