import * as assert from 'node:assert/strict';
import { Lifetime } from '../../../src/core/lifetime';

describe('Lifetime', () => {
  const named = (name: string, seen: string[], fail = false) => ({
    dispose: () => {
      seen.push(name);
      if (fail) throw new Error(`${name} failed`);
    },
  });

  it('disposes in reverse order of creation, once', () => {
    const seen: string[] = [];
    const life = new Lifetime();
    life.add(named('log', seen));
    life.add(named('session', seen), named('tree', seen));
    life.dispose();
    life.dispose();
    assert.deepEqual(seen, ['tree', 'session', 'log']);
    assert.equal(life.isDisposed, true);
  });

  it('disposes the rest when one throws, then rethrows the first error', () => {
    const seen: string[] = [];
    const life = new Lifetime();
    life.add(named('a', seen), named('b', seen, true), named('c', seen, true));
    assert.throws(() => life.dispose(), /c failed/);
    assert.deepEqual(seen, ['c', 'b', 'a']);
  });

  it('disposes at once what is added after it was disposed', () => {
    const seen: string[] = [];
    const life = new Lifetime();
    life.dispose();
    life.add(named('late', seen));
    assert.deepEqual(seen, ['late']);
  });
});
