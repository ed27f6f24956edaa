// Awaits the next value an Event<T> fires that satisfies `pred`, or fails after `timeoutMs`
// with a message naming what was awaited (so a hung test says why).
import type { Event } from '../../../src/core/emitter';

export function next<T>(event: Event<T>, pred: (e: T) => boolean = () => true, what = 'event', timeoutMs = 4000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const sub = event((e) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

/** Collects everything an Event<T> fires until disposed. */
export function record<T>(event: Event<T>): { values: T[]; dispose(): void } {
  const values: T[] = [];
  const sub = event((e) => values.push(e));
  return { values, dispose: () => sub.dispose() };
}
