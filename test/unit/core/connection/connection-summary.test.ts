import assert from 'node:assert/strict';
import { CONDITION_WORDS, connectionCondition, describeConnection, summarizeConnection, SummaryInput } from '../../../../src/core/connection/connection-summary';
import { TlsTrustError } from '../../../../src/core/endpoint/tls-trust';

const base: SummaryInput = { state: 'open', detail: {}, endpoint: 'https://drp:8092', signedIn: true, eventsPerSecond: 0, now: 1_000_000 };

describe('connection summary (status bar)', () => {
  it('offers sign-in when signed out, whatever the state', () => {
    const s = summarizeConnection({ ...base, state: 'idle', signedIn: false });
    assert.equal(s.clickCommand, 'drp.signIn');
    assert.match(s.statusText, /Signed out/);
  });

  it('shows events per second while open and asks to tick', () => {
    const s = summarizeConnection({ ...base, eventsPerSecond: 12.4 });
    assert.equal(s.statusText, '$(pulse) DRP: 12 ev/s');
    assert.equal(s.live, true);
    assert.equal(summarizeConnection({ ...base, eventsPerSecond: 2.5 }).statusText, '$(pulse) DRP: 2.5 ev/s');
    assert.equal(summarizeConnection({ ...base, eventsPerSecond: 0 }).statusText, '$(pulse) DRP: 0 ev/s');
  });

  it('says while open that it is connected, to which endpoint and as whom', () => {
    assert.match(summarizeConnection({ ...base, signedInAs: 'as rocketskates' }).tooltip, /^Connected to https:\/\/drp:8092 as rocketskates\.\n\n0 events per second/);
    assert.match(summarizeConnection({ ...base, signedInAs: 'with a token' }).tooltip, /^Connected to https:\/\/drp:8092 with a token\./);
    assert.match(summarizeConnection(base).tooltip, /^Connected to https:\/\/drp:8092\./);
  });

  it('counts down to the next reconnect and opens the menu that starts with Reconnect Now', () => {
    const s = summarizeConnection({ ...base, state: 'reconnecting', retryAt: base.now + 4200, detail: { reason: 'lost', message: 'The stream closed (1006).' } });
    assert.equal(s.statusText, '$(sync~spin) DRP: Reconnecting in 5 s');
    assert.equal(s.clickCommand, 'drp.showConnectionMenu');
    assert.match(s.tooltip, /Click for Reconnect Now\.$/);
    assert.match(s.tooltip, /The stream closed \(1006\)/);
    assert.equal(s.severity, 'warning');
  });

  it('marks a refused sign-in as an error that asks for new credentials', () => {
    const s = summarizeConnection({ ...base, state: 'auth-failed', detail: { reason: 'auth', status: 403, message: 'The endpoint refused the password (403).' } });
    assert.equal(s.severity, 'error');
    assert.equal(s.clickCommand, 'drp.signIn');
    assert.match(s.tooltip, /refused the password/);
  });

  it('sends an untrusted certificate to the certificate review', () => {
    const s = summarizeConnection({ ...base, state: 'closed', detail: { reason: 'tls', message: 'self-signed' } });
    assert.equal(s.clickCommand, 'drp.reviewCertificate');
    assert.match(s.statusText, /Untrusted certificate/);
  });

  it('says a certificate that replaced the trusted one changed, not that it is untrusted, and sends it to the review', () => {
    const tlsError = new TlsTrustError('fingerprint-mismatch', 'The endpoint\'s certificate changed.', undefined, undefined, 'AB:CD');
    const s = summarizeConnection({ ...base, state: 'closed', detail: { reason: 'tls', message: tlsError.message, tlsError } });
    assert.equal(s.statusText, '$(shield) DRP: Certificate changed');
    assert.equal(s.clickCommand, 'drp.reviewCertificate');
    assert.equal(s.severity, 'error');
    assert.equal(connectionCondition('closed', { reason: 'tls', tlsError: new TlsTrustError('untrusted', 'self-signed', undefined) }), 'untrusted');
  });

  it('offers connect after the user disconnected', () => {
    const s = summarizeConnection({ ...base, state: 'closed', detail: { reason: 'user' } });
    assert.equal(s.clickCommand, 'drp.connect');
    assert.equal(s.live, false);
  });
});

describe('connection condition (the words every view uses)', () => {
  it('classifies each state, refined by its reason, with one set of words', () => {
    assert.equal(connectionCondition('open', {}), 'open');
    assert.equal(connectionCondition('open', {}, false), 'signed-out', 'no stored credential reads as signed out');
    assert.equal(connectionCondition('auth-failed', { reason: 'signed-out' }), 'signed-out');
    assert.equal(connectionCondition('auth-failed', { reason: 'auth' }), 'sign-in-failed');
    assert.equal(connectionCondition('closed', { reason: 'tls' }), 'untrusted');
    assert.equal(connectionCondition('closed', { reason: 'user' }), 'disconnected');
    assert.equal(connectionCondition('idle', {}), 'not-connected');
    assert.equal(describeConnection('reconnecting', '127.0.0.1:8092'), 'Reconnecting… · 127.0.0.1:8092');
  });

  it('the status bar says the same words as the other views', () => {
    assert.equal(summarizeConnection({ ...base, state: 'closed', detail: { reason: 'tls' } }).statusText, `$(shield) DRP: ${CONDITION_WORDS.untrusted}`);
    assert.equal(summarizeConnection({ ...base, state: 'auth-failed', detail: { reason: 'auth' } }).statusText, `$(error) DRP: ${CONDITION_WORDS['sign-in-failed']}`);
  });
});
