// The hand-driven clock other tests rely on to say "nothing happens": it must fire exactly
// what falls due, in order, and nothing early.
import assert from 'node:assert/strict';
import { ManualClock } from './manual-clock';

describe('ManualClock (test support)', () => {
  it('fires timeouts when due, in time order, with now() at their due time', () => {
    const clock = new ManualClock(1_000_000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.monotonic()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.monotonic()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
    clock.advance(9);
    assert.deepEqual(fired, []);
    clock.advance(1);
    assert.deepEqual(fired, ['a@10']);
    clock.advance(100);
    assert.deepEqual(fired, ['a@10', 'b@20', 'c@1000020']);
    assert.equal(clock.monotonic(), 110);
    assert.equal(clock.pending, 0);
  });

  it('repeats intervals until cleared, and fires timers set by callbacks within the same advance', () => {
    const clock = new ManualClock();
    let ticks = 0;
    const nested: number[] = [];
    const interval = clock.setInterval(() => ticks++, 10);
    clock.setTimeout(() => clock.setTimeout(() => nested.push(clock.monotonic()), 5), 5);
    clock.advance(35);
    assert.equal(ticks, 3);
    assert.deepEqual(nested, [10]);
    clock.clearInterval(interval);
    clock.advance(100);
    assert.equal(ticks, 3);
    assert.equal(clock.pending, 0);
  });

  it('never fires a cleared timer, and runs a zero delay as 1 ms', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const t = clock.setTimeout(() => fired.push('cleared'), 10);
    clock.setTimeout(() => fired.push('zero'), 0);
    clock.clearTimeout(t);
    clock.clearTimeout(undefined);
    clock.advance(0);
    assert.deepEqual(fired, []);
    clock.advance(50);
    assert.deepEqual(fired, ['zero']);
  });
});
