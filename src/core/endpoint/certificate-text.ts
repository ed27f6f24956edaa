// The endpoint's certificate as a short plain-text report (DRP: Review Endpoint Certificate):
// what it says about itself, and how this extension decides to trust it. Pure, so the
// wording of each trust mode is unit tested.
import type { PresentedCertificate, TlsTrust } from './tls-trust';

export function trustWords(trust: TlsTrust, origin: string, fingerprint256?: string): string {
  switch (trust.mode) {
    case 'pinned':
      return fingerprint256 === undefined || fingerprint256 === trust.fingerprint256
        ? `Trusted because you chose to trust this certificate for ${origin} (it is pinned by its SHA-256 fingerprint).`
        : `Not trusted: you trusted a different certificate for ${origin} (SHA-256 ${trust.fingerprint256}).`;
    case 'ca':
      return 'Checked against the certificate authority in drp.tls.caFile.';
    case 'system':
      return 'Checked against the system’s certificate authorities.';
    case 'insecure':
      return 'Not checked: drp.tls.insecure is on, so any certificate is accepted.';
  }
}

export function describeCertificate(endpoint: { origin: string; display: string }, cert: PresentedCertificate, trust: TlsTrust): string {
  const lines = [
    `Certificate presented by ${endpoint.display}`,
    '',
    `Subject:           ${cert.subject || '(none)'}`,
    `Issuer:            ${cert.issuer || '(none)'}${cert.selfSigned ? ' (self-signed)' : ''}`,
    `Alternative names: ${cert.subjectAltName || '(none)'}`,
    `Valid from:        ${cert.validFrom}`,
    `Valid to:          ${cert.validTo}`,
    `SHA-256:           ${cert.fingerprint256}`,
    '',
    `How it is trusted: ${trustWords(trust, endpoint.origin, cert.fingerprint256)}`,
    '',
    'To check the fingerprint on the DRP server: openssl x509 -noout -fingerprint -sha256 -in server.crt',
  ];
  if (cert.pem) lines.push('', cert.pem.trim());
  return `${lines.join('\n')}\n`;
}
