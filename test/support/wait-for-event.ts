// Awaiting events in tests, for the unit tests (core Events) and the in-host tests
// (vscode.Events) alike: both are `(listener) => Disposable`. A wait that times out says what
// it waited for, so a hung test says why instead of hitting mocha's timeout.

/** Anything subscribable the way vscode.Event and the core's Event are. */
export type Subscribable<T> = (listener: (value: T) => unknown) => { dispose(): unknown };

/** Resolves with the first value `event` fires that satisfies `predicate`; rejects after `ms`. */
export function waitForEvent<T>(event: Subscribable<T>, predicate: (value: T) => boolean = () => true, ms = 10_000, what = 'event'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const sub = event((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** Collects everything `event` fires until disposed. */
export function record<T>(event: Subscribable<T>): { values: T[]; dispose(): void } {
  const values: T[] = [];
  const sub = event((value) => values.push(value));
  return { values, dispose: () => sub.dispose() };
}
