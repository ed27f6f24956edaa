// The extension's long-lived objects, disposed newest first. VS Code disposes
// context.subscriptions in the order they were pushed, which disposes the log channel
// (created first) before the objects that still log while they shut down; so the composition
// root pushes ONE Lifetime there and owns everything else through it.

export interface Disposable {
  dispose(): void;
}

export class Lifetime implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  /** Owns `items` from now on; adding after dispose disposes them at once. */
  add<T extends Disposable>(...items: T[]): void {
    if (this.disposed) {
      disposeAll([...items].reverse());
      return;
    }
    this.items.push(...items);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Disposes in reverse order of `add`. One that throws does not stop the rest; the first
   * error is rethrown once all are disposed. A second call does nothing.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const items = this.items.reverse();
    this.items = [];
    disposeAll(items);
  }
}

function disposeAll(items: readonly Disposable[]): void {
  let first: { error: unknown } | undefined;
  for (const d of items) {
    try {
      d.dispose();
    } catch (error) {
      first ??= { error };
    }
  }
  if (first) throw first.error;
}
