import * as assert from 'node:assert/strict';
import { Backoff, backoffDelay, DEFAULT_BACKOFF } from '../../../../src/core/connection/backoff';
import { ManualClock } from '../../support/manual-clock';

const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

describe('backoff', () => {
  it('doubles from initialMs and caps at maxMs', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 50, 5000].map((a) => backoffDelay(a, noJitter));
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('spreads by ±jitter around the exponential value', () => {
    assert.equal(backoffDelay(1, DEFAULT_BACKOFF, () => 0), 1600); // 2000 − 20 %
    assert.equal(backoffDelay(1, DEFAULT_BACKOFF, () => 0.5), 2000);
    assert.equal(backoffDelay(1, DEFAULT_BACKOFF, () => 0.999999), 2400); // ≈ 2000 + 20 %
  });

  it('never exceeds maxMs even with upward jitter, and is never negative', () => {
    assert.equal(backoffDelay(10, DEFAULT_BACKOFF, () => 0.999999), 30_000);
    assert.equal(backoffDelay(0, { initialMs: 10, maxMs: 100, jitter: 5 }, () => 0), 0);
    assert.equal(backoffDelay(-3, noJitter), 1000);
  });

  it('Backoff counts failures and starts over after reset', () => {
    const b = new Backoff(noJitter);
    assert.deepEqual([b.next(), b.next(), b.next()], [1000, 2000, 4000]);
    assert.equal(b.failures, 3);
    b.reset();
    assert.equal(b.next(), 1000);
  });

  it('a lost stream is retried after 1, 2, 4, 8 s, then every 10 s, and backs off to 30 s only after five minutes', () => {
    const clock = new ManualClock();
    const b = new Backoff(noJitter, Math.random, () => clock.monotonic());
    b.streamLost();
    const delays: number[] = [];
    while (clock.monotonic() < 5 * 60_000) {
      const d = b.next();
      delays.push(d);
      clock.advance(d);
    }
    assert.deepEqual(delays.slice(0, 7), [1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    assert.ok(delays.every((d) => d <= 10_000), `a delay over 10 s within five minutes: ${delays.join(', ')}`);
    assert.deepEqual([b.next(), b.next()], [30_000, 30_000]);
  });

  it('the short period counts from the first loss, and reset() ends it', () => {
    const clock = new ManualClock();
    const b = new Backoff(noJitter, Math.random, () => clock.monotonic());
    b.streamLost();
    clock.advance(4 * 60_000);
    b.streamLost(); // it opened and dropped again without proving stable
    clock.advance(60_000);
    for (let i = 0; i < 9; i++) b.next();
    assert.equal(b.next(), 30_000, 'five minutes after the first loss the delays grow again');
    b.reset();
    for (let i = 0; i < 9; i++) b.next();
    assert.equal(b.next(), 30_000, 'without a lost stream (a first connect that fails) the delays grow to maxMs');
  });

  it('keeps the short cap within ±jitter and never above it', () => {
    const clock = new ManualClock();
    const b = new Backoff(DEFAULT_BACKOFF, () => 0.999999, () => clock.monotonic());
    b.streamLost();
    assert.deepEqual([b.next(), b.next(), b.next(), b.next(), b.next()], [1200, 2400, 4800, 9600, 10_000]);
  });
});
