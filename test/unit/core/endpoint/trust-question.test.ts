import * as assert from 'node:assert/strict';
import { TlsTrustError, type PresentedCertificate } from '../../../../src/core/endpoint/tls-trust';
import { trustQuestion } from '../../../../src/core/endpoint/trust-question';

const NEW = 'AA:'.repeat(31) + 'AA';
const OLD = 'BB:'.repeat(31) + 'BB';
const cert: PresentedCertificate = {
  fingerprint256: NEW, subject: 'O=Acme Co', issuer: 'O=Acme Co', validFrom: 'Jan 1 2025', validTo: 'Jan 1 2026',
  subjectAltName: 'IP Address:127.0.0.1', selfSigned: true, pem: '',
};
const count = (text: string, part: string): number => text.split(part).length - 1;

describe('trust question (the certificate dialog)', () => {
  it('on first contact offers Trust first, with the fingerprint once on a line of its own', () => {
    const error = new TlsTrustError('untrusted', `The endpoint's certificate is self-signed and not trusted. Its SHA-256 fingerprint is ${NEW}. Trust it, or set drp.tls.caFile.`, cert);
    const q = trustQuestion(error, 'drp:8092', '');
    assert.equal(q.message, 'The certificate of drp:8092 is not trusted.');
    assert.deepEqual(q.buttons.map((b) => b.label), ['Trust', 'Open Settings']);
    assert.equal(count(q.detail, NEW), 1, q.detail);
    assert.match(q.detail, new RegExp(`presented by drp:8092:\\n${NEW}`));
    assert.match(q.detail, /self-signed and not trusted\. Trust it, or set drp\.tls\.caFile\./);
  });

  it('says a changed certificate changed, shows the trusted and the presented fingerprint once each, one above the other, and does not default to Trust', () => {
    const error = new TlsTrustError('fingerprint-mismatch', `The endpoint's certificate changed: it presented SHA-256 ${NEW}, not the certificate you trusted (${OLD}).`, cert, undefined, OLD);
    const q = trustQuestion(error, 'drp:8092', '');
    assert.equal(q.message, 'The certificate of drp:8092 changed.');
    assert.doesNotMatch(`${q.message} ${q.detail}`, /not trusted|untrusted/i);
    assert.equal(count(q.detail, NEW), 1, q.detail);
    assert.equal(count(q.detail, OLD), 1, q.detail);
    assert.match(q.detail, new RegExp(`Trusted:\\n${OLD}\\nPresented:\\n${NEW}`));
    assert.equal(q.buttons[0].action, 'show-certificate', 'Enter picks the first button');
    assert.deepEqual(q.buttons.map((b) => b.label), ['Show Certificate', 'Trust New Certificate']);
  });

  it('says a CA file that did not issue the certificate does not match this endpoint, names it, and offers to trust the certificate instead', () => {
    const error = new TlsTrustError('ca-file-mismatch', `The endpoint's certificate was not issued by the CA in drp.tls.caFile (/tmp/sim.pem). Its SHA-256 fingerprint is ${NEW}.`, cert);
    const q = trustQuestion(error, 'drp:8092', '/tmp/sim.pem');
    assert.equal(q.message, 'drp.tls.caFile does not match drp:8092.');
    assert.match(q.detail, /The CA file ‘\/tmp\/sim\.pem’ did not issue the certificate drp:8092 presented/);
    assert.equal(count(q.detail, NEW), 1, q.detail);
    assert.deepEqual(q.buttons.map((b) => b.action), ['trust', 'open-settings']);
  });

  it('without a presented certificate offers only the settings', () => {
    const q = trustQuestion(new TlsTrustError('no-certificate', 'The endpoint presented no certificate.', undefined), 'drp:8092', '');
    assert.deepEqual(q.buttons.map((b) => b.action), ['open-settings']);
    assert.equal(q.detail, 'The endpoint presented no certificate.');
  });
});
