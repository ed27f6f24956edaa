import assert from 'node:assert/strict';
import { describeCertificate, trustWords } from '../../../../src/core/endpoint/certificate-text';
import type { PresentedCertificate } from '../../../../src/core/endpoint/tls-trust';

const FP = 'AB:'.repeat(31) + 'AB';
const OTHER = 'CD:'.repeat(31) + 'CD';
const cert: PresentedCertificate = {
  fingerprint256: FP, subject: 'CN=drp', issuer: 'CN=drp', validFrom: 'Jan 1 00:00:00 2026 GMT', validTo: 'Jan 1 00:00:00 2036 GMT',
  subjectAltName: 'IP Address:127.0.0.1', selfSigned: true, pem: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n',
};

describe('certificate text (Review Endpoint Certificate)', () => {
  it('says how each trust mode decides', () => {
    assert.match(trustWords({ mode: 'pinned', fingerprint256: FP }, 'https://drp:8092', FP), /you chose to trust this certificate for https:\/\/drp:8092/);
    assert.match(trustWords({ mode: 'pinned', fingerprint256: OTHER }, 'https://drp:8092', FP), /^Not trusted: you trusted a different certificate/);
    assert.match(trustWords({ mode: 'ca', caPem: 'x' }, 'o'), /drp\.tls\.caFile/);
    assert.match(trustWords({ mode: 'system' }, 'o'), /system’s certificate authorities/);
    assert.match(trustWords({ mode: 'insecure' }, 'o'), /^Not checked: drp\.tls\.insecure is on/);
  });

  it('lists what the certificate says about itself, once each, with the PEM last', () => {
    const text = describeCertificate({ origin: 'https://drp:8092', display: 'drp:8092' }, cert, { mode: 'system' });
    assert.match(text, /^Certificate presented by drp:8092\n/);
    assert.match(text, /Issuer: +CN=drp \(self-signed\)/);
    assert.match(text, /Alternative names: IP Address:127\.0\.0\.1/);
    assert.equal(text.split(FP).length - 1, 1, 'the fingerprint appears once');
    assert.ok(text.trimEnd().endsWith('-----END CERTIFICATE-----'));
  });
});
