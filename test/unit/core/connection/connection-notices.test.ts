import assert from 'node:assert/strict';
import { ConnectionNotices, type NoticeInput } from '../../../../src/core/connection/connection-notices';

const endpoint = { origin: 'https://127.0.0.1:8092', display: '127.0.0.1:8092' };
const base: NoticeInput = { state: 'open', detail: {}, endpoint, signedIn: true, filterCount: 2 };
const refused: Partial<NoticeInput> = { state: 'reconnecting', detail: { reason: 'unreachable', message: 'Could not connect (ECONNREFUSED).', retryInMs: 1000 } };

describe('connection notices', () => {
  it('one outage notification naming the endpoint, however many retries fail the same way', () => {
    const n = new ConnectionNotices();
    assert.deepEqual(n.next(base), []);
    assert.deepEqual(n.next({ ...base, state: 'reconnecting', detail: { reason: 'lost', message: 'The connection to the endpoint was lost (1006); reconnecting.' } }), [], 'a lost stream is retried at once: not news yet');
    assert.deepEqual(n.next({ ...base, state: 'connecting' }), []);
    assert.deepEqual(n.next({ ...base, ...refused }), [
      { kind: 'outage', title: 'Reconnecting to 127.0.0.1:8092', message: 'Could not connect (ECONNREFUSED). Events sent meanwhile are missed.' },
    ]);
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(n.next({ ...base, state: 'connecting' }), []);
      assert.deepEqual(n.next({ ...base, ...refused, detail: { ...refused.detail, retryInMs: 2000 * i } }), []);
    }
    assert.deepEqual(n.next(base), [{ kind: 'withdraw' }], 'open again: the notification goes');
  });

  it('a new cause updates the one notification; a certificate refusal withdraws it and adds nothing (its dialog is the notice)', () => {
    const n = new ConnectionNotices();
    n.next(base);
    n.next({ ...base, ...refused });
    const restarting = 'The endpoint refused the token (403) just after the stream closed, as a restarting endpoint does for a moment; trying it again for up to 30 s.';
    assert.deepEqual(n.next({ ...base, state: 'reconnecting', detail: { reason: 'auth', status: 403, message: restarting } }), [
      { kind: 'outage', title: 'Reconnecting to 127.0.0.1:8092', message: `${restarting} Events sent meanwhile are missed.` },
    ]);
    assert.deepEqual(n.next({ ...base, state: 'connecting' }), []);
    assert.deepEqual(n.next({ ...base, state: 'closed', detail: { reason: 'tls', message: 'The certificate changed.' } }), [{ kind: 'withdraw' }]);
    assert.deepEqual(n.next({ ...base, state: 'closed', detail: { reason: 'tls', message: 'The certificate changed.' } }), []);
  });

  it('a token still refused after the restart grace: the outage goes and the refusal is reported once', () => {
    const n = new ConnectionNotices();
    n.next(base);
    n.next({ ...base, state: 'reconnecting', detail: { reason: 'auth', status: 403, message: 'refused while restarting' } });
    const failed: NoticeInput = { ...base, state: 'auth-failed', detail: { reason: 'auth', status: 403, message: 'The endpoint refused the token (403). Run ‘DRP: Sign In’ to set new credentials.' } };
    assert.deepEqual(n.next(failed), [{ kind: 'withdraw' }, { kind: 'auth', message: 'The endpoint refused the token (403). Run ‘DRP: Sign In’ to set new credentials.' }]);
    assert.deepEqual(n.next(failed), []);
  });

  it('Disconnect withdraws the outage notification', () => {
    const n = new ConnectionNotices();
    n.next({ ...base, ...refused });
    assert.deepEqual(n.next({ ...base, state: 'closed', detail: { reason: 'user', message: 'Disconnected.' } }), [{ kind: 'withdraw' }]);
  });

  it('another endpoint while one is unreachable: the old notification goes, the new one names the new endpoint', () => {
    const n = new ConnectionNotices();
    n.next({ ...base, ...refused });
    const other = { origin: 'https://drp.example:8092', display: 'drp.example:8092' };
    assert.deepEqual(n.next({ ...base, endpoint: other, state: 'connecting' }), [{ kind: 'withdraw' }]);
    assert.deepEqual(n.next({ ...base, endpoint: other, ...refused }), [
      { kind: 'outage', title: 'Reconnecting to drp.example:8092', message: 'Could not connect (ECONNREFUSED). Events sent meanwhile are missed.' },
    ]);
  });

  it('a deliberate sign-out, here or in another window, raises nothing: the status bar says it', () => {
    const n = new ConnectionNotices();
    n.next(base);
    assert.deepEqual(n.next({ ...base, state: 'closed', detail: { reason: 'user', message: 'Disconnected.' } }), []);
    assert.deepEqual(n.next({ ...base, state: 'idle', signedIn: false }), []);
    assert.deepEqual(n.next({ ...base, state: 'idle', signedIn: false, filterCount: 3 }), []);
    // Signed out in another window: the stored credential is gone when the connection asks.
    const m = new ConnectionNotices();
    m.next(base);
    assert.deepEqual(m.next({ ...base, state: 'auth-failed', signedIn: false, detail: { reason: 'signed-out', message: 'No credentials are stored for this endpoint.' } }), []);
  });

  it('filters that receive nothing for want of a sign-in are reported once per origin', () => {
    const n = new ConnectionNotices();
    const signedOut: NoticeInput = { ...base, state: 'idle', signedIn: false };
    assert.deepEqual(n.next(signedOut), [
      { kind: 'signed-out', message: 'You are not signed in to 127.0.0.1:8092, so your 2 DRP filters receive nothing. Sign in to start receiving events.' },
    ]);
    assert.deepEqual(n.next(signedOut), []);
    assert.deepEqual(n.next({ ...signedOut, filterCount: 0 }), []);
    const one = new ConnectionNotices().next({ ...signedOut, filterCount: 1 });
    assert.deepEqual(one, [{ kind: 'signed-out', message: 'You are not signed in to 127.0.0.1:8092, so your 1 DRP filter receives nothing. Sign in to start receiving events.' }]);
    assert.deepEqual(new ConnectionNotices().next({ ...signedOut, filterCount: 0 }), [], 'no filters: nothing is missed');
  });
});
