import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/emitter';

describe('Emitter', () => {
  it('delivers fired values to every listener in subscription order', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    emitter.event((n) => seen.push(`a${n}`));
    emitter.event((n) => seen.push(`b${n}`));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(seen, ['a1', 'b1', 'a2', 'b2']);
  });

  it('stops delivering after the subscription is disposed, and disposing twice is harmless', () => {
    const emitter = new Emitter<string>();
    const seen: string[] = [];
    const sub = emitter.event((s) => seen.push(s));
    emitter.fire('x');
    sub.dispose();
    sub.dispose();
    emitter.fire('y');
    assert.deepEqual(seen, ['x']);
    assert.equal(emitter.hasListeners, false);
  });

  it('removes only the disposed subscription when the same listener is added twice', () => {
    const emitter = new Emitter<void>();
    let calls = 0;
    const listener = (): void => {
      calls++;
    };
    const first = emitter.event(listener);
    emitter.event(listener);
    first.dispose();
    emitter.fire();
    assert.equal(calls, 1);
  });

  it('keeps delivering to the current snapshot when a listener unsubscribes another during fire', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    let subB: { dispose(): void } | undefined;
    emitter.event(() => {
      seen.push('a');
      subB?.dispose();
    });
    subB = emitter.event(() => seen.push('b'));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(seen, ['a', 'b', 'a']);
  });

  it('runs all listeners even if one throws, then rethrows the first error', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.event(() => {
      throw new Error('first');
    });
    emitter.event((n) => seen.push(n));
    emitter.event(() => {
      throw new Error('second');
    });
    assert.throws(() => emitter.fire(7), /first/);
    assert.deepEqual(seen, [7]);
  });

  it('ignores subscriptions and drops listeners after dispose()', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.event((n) => seen.push(n));
    emitter.dispose();
    emitter.fire(1);
    const late = emitter.event((n) => seen.push(n));
    emitter.fire(2);
    late.dispose();
    assert.deepEqual(seen, []);
  });
});
