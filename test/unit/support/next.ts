// The unit tests' spelling of waitForEvent (test/support/wait-for-event.ts): the name of
// what is awaited comes before the timeout, which unit tests rarely change.
import { waitForEvent, type Subscribable } from '../../support/wait-for-event';

export { record } from '../../support/wait-for-event';

export function next<T>(event: Subscribable<T>, pred: (e: T) => boolean = () => true, what = 'event', timeoutMs = 4000): Promise<T> {
  return waitForEvent(event, pred, timeoutMs, what);
}
