import * as assert from 'node:assert/strict';
import { Backoff, backoffDelay, DEFAULT_BACKOFF } from '../../../../src/core/connection/backoff';

const noJitter = { initialMs: 1000, maxMs: 30_000, jitter: 0 };

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
});
