import assert from 'node:assert/strict';
import { ReceiveRate } from '../../../../src/core/events/receive-rate';

describe('ReceiveRate', () => {
  it('is 0 with a single sample, then events per second since the baseline', () => {
    const r = new ReceiveRate(5000);
    assert.equal(r.sample(100, 0), 0);
    assert.equal(r.sample(110, 1000), 10);
    assert.equal(r.sample(130, 2000), 15, '30 events over 2 s');
  });

  it('looks back only over its window: the baseline is the newest sample at least a window old', () => {
    const r = new ReceiveRate(2000);
    r.sample(0, 0);
    r.sample(1000, 1000); // a burst in the first second
    r.sample(1000, 2000);
    r.sample(1000, 3000);
    assert.equal(r.sample(1010, 4000), 5, 'since the sample at 2000 ms: 10 events in 2 s; the burst has left the window');
  });

  it('a window of one interval gives the rate since the previous sample', () => {
    const r = new ReceiveRate(1000);
    r.sample(0, 0);
    assert.equal(r.sample(3, 1000), 3);
    assert.equal(r.sample(4, 2000), 1);
  });

  it('a counter that did not move reads 0, and never negative', () => {
    const r = new ReceiveRate(1000);
    r.sample(50, 0);
    assert.equal(r.sample(50, 1000), 0);
    assert.equal(r.sample(40, 2000), 0);
  });
});
