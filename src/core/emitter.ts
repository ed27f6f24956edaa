// A tiny typed event source shaped like `vscode.Event`, so core modules can publish changes
// without importing `vscode`. The VS Code glue can pass `emitter.event` anywhere a
// `vscode.Event<T>` is expected: the call shape `event(listener) → Disposable` is the same.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (e: T) => void) => Disposable;

export class Emitter<T> {
  private listeners: Array<(e: T) => void> = [];
  private disposed = false;

  /** Subscribe; the returned Disposable unsubscribes (calling it twice is harmless). */
  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    this.listeners.push(listener);
    let active = true;
    return {
      dispose: () => {
        if (!active) return;
        active = false;
        // Copy-on-write so a fire() in progress keeps iterating its own snapshot; remove one
        // occurrence only, so the same function subscribed twice keeps its other subscription.
        const index = this.listeners.indexOf(listener);
        if (index >= 0) this.listeners = [...this.listeners.slice(0, index), ...this.listeners.slice(index + 1)];
      },
    };
  };

  /**
   * Calls every listener with `e`. A listener that throws does not stop the others: one
   * broken view must not starve the rest of events. The first error is rethrown after all
   * listeners ran, so it still surfaces in tests and logs.
   */
  fire(e: T): void {
    const snapshot = this.listeners;
    let firstError: unknown;
    let failed = false;
    for (const listener of snapshot) {
      try {
        listener(e);
      } catch (err) {
        if (!failed) {
          failed = true;
          firstError = err;
        }
      }
    }
    if (failed) throw firstError;
  }

  /** True while at least one listener is subscribed (lets producers skip building payloads). */
  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
