// What Open Latest says when the endpoint no longer has the object: a 404 to the REST GET.
// An event is a notice of change (docs/protocol.md §5.2), so a deleted object's last state
// may still be in the buffer (a delete event carries the object as it was), and the message
// offers that instead of a document holding only an error.
import { DrpApiError } from '../endpoint/api-error';
import { formatTime } from './format';

/** Whether a failed fetch means the endpoint has no such object (404). */
export function isNotFound(err: unknown): boolean {
  return err instanceof DrpApiError && err.kind === 'http' && err.status === 404;
}

/** The newest buffered event for the object, as far as the message needs it. */
export interface LastSeen {
  seq: number;
  action: string;
  time: string;
}

/** The notification's sentence; `where` names the endpoint. */
export function objectGoneMessage(type: string, key: string, where: string | undefined, lastSeen: LastSeen | undefined): string {
  const gone = `${type} ‘${key}’ no longer exists on ${where ?? 'the endpoint'}.`;
  if (!lastSeen) return `${gone} No event for it is left in the buffer, so there is no earlier version to show.`;
  return `${gone} The last version seen in the stream is from event #${lastSeen.seq} (${lastSeen.action} at ${formatTime(lastSeen.time)}).`;
}

/** The notification's button that opens that version. */
export const OPEN_LAST_SEEN = 'Open Last Seen Version';
