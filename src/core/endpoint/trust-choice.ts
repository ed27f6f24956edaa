// Which TlsTrust the clients of one endpoint get (tls-trust.ts enforces it), in order of
// precedence: drp.tls.insecure, then a certificate the user trusted for that origin, then
// drp.tls.caFile, then the system's certificate authorities.
import { readFile } from 'node:fs/promises';
import type { TlsTrust } from './tls-trust';

export interface TrustSettings {
  insecure: boolean;
  /** A path, or '' for none. */
  caFile: string;
}

/** A certificate the user chose to trust for the origin (TrustStore in the extension). */
export interface TrustedCertificate {
  fingerprint256: string;
  pem?: string;
}

export interface TrustChoice {
  trust: TlsTrust;
  /** Why drp.tls.caFile could not be read; the system's authorities are used instead. */
  caFileError?: string;
}

export async function chooseTrust(
  settings: TrustSettings,
  pinned: TrustedCertificate | undefined,
  read: (path: string) => Promise<string | Buffer> = readFile,
): Promise<TrustChoice> {
  if (settings.insecure) return { trust: { mode: 'insecure' } };
  if (pinned) return { trust: { mode: 'pinned', fingerprint256: pinned.fingerprint256, ...(pinned.pem ? { certPem: pinned.pem } : {}) } };
  if (settings.caFile) {
    try {
      return { trust: { mode: 'ca', caPem: await read(settings.caFile), caFile: settings.caFile } };
    } catch (err) {
      return { trust: { mode: 'system' }, caFileError: err instanceof Error ? err.message : String(err) };
    }
  }
  return { trust: { mode: 'system' } };
}
