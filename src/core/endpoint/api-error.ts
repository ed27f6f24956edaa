// The one error type of the REST client. DRP answers errors with
// {"Model","Key","Type","Messages":[…],"Code"} (docs/protocol.md §7.1); drpcli prints them as
// "GET: machines/x: Not Found", and we say the same thing as a sentence with the status.

export type DrpApiErrorKind =
  | 'http' // the endpoint answered with a non-2xx status
  | 'signed-out' // no credential to send
  | 'timeout'
  | 'network' // refused, reset, DNS…
  | 'bad-response'; // 2xx that is not the JSON we expected

export class DrpApiError extends Error {
  override readonly name = 'DrpApiError';
  constructor(
    readonly kind: DrpApiErrorKind,
    message: string,
    /** HTTP status, 0 when there was no response. */
    readonly status: number,
    /** The DRP error body's Messages, already redacted. */
    readonly messages: string[] = [],
  ) {
    super(message);
  }
}

/** `Messages` out of a DRP error body, or [] when the body is something else. */
export function drpErrorMessages(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { Messages?: unknown }).Messages)) {
      return ((parsed as { Messages: unknown[] }).Messages).map((m) => String(m));
    }
  } catch {
    // Not JSON: the 401s have an empty body, a proxy may answer HTML.
  }
  return [];
}
