// Certificates the user chose to trust, one per endpoint origin. DRP endpoints ship
// self-signed certificates, so "trust what you saw the first time" is the usual path.
// A certificate is not a secret, so it lives in globalState (per machine, all workspaces).
// Each entry keeps the certificate's PEM beside its fingerprint: the PEM lets the trust
// survive VS Code's proxy agent (tlsRequestOptions). Entries saved before that are plain
// fingerprint strings and are still read.
import * as vscode from 'vscode';
import { fingerprintOf, normalizeFingerprint } from '../../core/endpoint/tls-trust';

const KEY = 'drp.trustedFingerprints';

export interface TrustedCertificate {
  fingerprint256: string;
  pem?: string;
}

type Entry = string | TrustedCertificate;

export class TrustStore {
  constructor(private readonly state: vscode.Memento) {}

  get(origin: string): TrustedCertificate | undefined {
    const entry = this.all()[origin];
    if (typeof entry === 'string') return { fingerprint256: entry };
    if (entry && typeof entry.fingerprint256 === 'string') return entry.pem ? { fingerprint256: entry.fingerprint256, pem: entry.pem } : { fingerprint256: entry.fingerprint256 };
    return undefined;
  }

  /** Pins `fingerprint256`; `pem` is kept only if it is that very certificate. */
  async trust(origin: string, fingerprint256: string, pem?: string): Promise<void> {
    const fp = normalizeFingerprint(fingerprint256);
    if (!fp) throw new Error(`‘${fingerprint256}’ is not a SHA-256 fingerprint, so it cannot be trusted.`);
    const entry: TrustedCertificate = pem && samePem(pem, fp) ? { fingerprint256: fp, pem } : { fingerprint256: fp };
    await this.state.update(KEY, { ...this.all(), [origin]: entry });
  }

  async forget(origin: string): Promise<void> {
    const { [origin]: _gone, ...rest } = this.all();
    await this.state.update(KEY, rest);
  }

  private all(): Record<string, Entry> {
    return this.state.get<Record<string, Entry>>(KEY, {});
  }
}

function samePem(pem: string, fingerprint256: string): boolean {
  try {
    return fingerprintOf(pem) === fingerprint256;
  } catch {
    return false;
  }
}
