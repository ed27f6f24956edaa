// Which notifications the connection's state calls for, as plain data, so every rule is unit
// tested; ConnectionNotifications (src/extension/connection) shows them. One notification per
// problem, never a storm:
//   outage      while the connection retries an endpoint it cannot reach (or that refuses a
//               token while it restarts): ONE notification naming the endpoint, kept up to
//               date with the cause and withdrawn as soon as the state moves on (open again,
//               auth-failed, a certificate refusal, disconnected), so nothing stale is left
//               in the notification centre.
//   auth        a refused sign-in, once (the connection does not retry it).
//   signed-out  filters that receive nothing because this endpoint has no sign-in, once per
//               origin. Not after a sign-out, here or in another window: the user chose it,
//               and the status bar says it.
import type { ConnectionState, StateDetail } from './connection-types';
import { plural } from '../text';

export interface NoticeInput {
  state: ConnectionState;
  detail: StateDetail;
  /** The endpoint's origin and its name for people; undefined when none is usable. */
  endpoint?: { origin: string; display: string };
  signedIn: boolean;
  /** How many filters the user has: signed out with none is not news. */
  filterCount: number;
}

export type NoticeStep =
  /** Show the outage notification, or update the one shown when it has the same title. */
  | { kind: 'outage'; title: string; message: string }
  /** Withdraw the outage notification. */
  | { kind: 'withdraw' }
  | { kind: 'auth'; message: string }
  | { kind: 'signed-out'; message: string };

export class ConnectionNotices {
  /** The once-only notice last given; cleared when the stream opens again. */
  private reported: string | undefined;
  /** The outage notification up now. */
  private outage: { origin: string | undefined; title: string; message: string } | undefined;
  private last: { origin: string | undefined; signedIn: boolean } | undefined;

  /** The steps that take the notifications from the last situation to `s`. */
  next(s: NoticeInput): NoticeStep[] {
    const steps: NoticeStep[] = [];
    const origin = s.endpoint?.origin;
    const where = s.endpoint?.display ?? 'the DRP endpoint';
    const signedOutJustNow = this.last !== undefined && this.last.origin === origin && this.last.signedIn && !s.signedIn;
    this.last = { origin, signedIn: s.signedIn };

    const cause = outageCause(s);
    if (cause !== undefined) {
      const title = `Reconnecting to ${where}`;
      const message = `${cause} Events sent meanwhile are missed.`;
      if (this.outage && this.outage.title !== title) steps.push({ kind: 'withdraw' });
      if (this.outage?.title !== title || this.outage.message !== message) steps.push({ kind: 'outage', title, message });
      this.outage = { origin, title, message };
    } else if (this.outage && !(s.state === 'connecting' && this.outage.origin === origin)) {
      // 'connecting' between two retries is the same outage; anything else ends it.
      steps.push({ kind: 'withdraw' });
      this.outage = undefined;
    }

    if (s.state === 'open') {
      this.reported = undefined;
    } else if (signedOutJustNow && origin) {
      this.reported = `signed-out ${origin}`;
    } else if (!s.signedIn && origin && s.filterCount > 0) {
      // Credentials are bound to the endpoint's origin, so a workspace that points
      // drp.endpoint elsewhere lands here: say why nothing arrives, once per origin.
      this.once(steps, `signed-out ${origin}`, {
        kind: 'signed-out',
        message: `You are not signed in to ${where}, so your ${plural(s.filterCount, 'DRP filter')} receive${s.filterCount === 1 ? 's' : ''} nothing. Sign in to start receiving events.`,
      });
    } else if (s.state === 'auth-failed' && s.detail.reason === 'auth') {
      this.once(steps, `auth ${s.detail.status}`, {
        kind: 'auth',
        // The connection's message already ends with what to do; don't say it twice.
        message: s.detail.message ?? `${where} refused the credentials. Run ‘DRP: Sign In’ to set new ones.`,
      });
    }
    return steps;
  }

  private once(steps: NoticeStep[], key: string, step: NoticeStep): void {
    if (this.reported === key) return;
    this.reported = key;
    steps.push(step);
  }
}

/** Why the connection is retrying, when that is worth a notification; undefined otherwise. */
function outageCause(s: NoticeInput): string | undefined {
  if (s.state !== 'reconnecting') return undefined;
  const { reason, message } = s.detail;
  // A stream that was lost or stalled is retried at once and usually reopens: only a retry
  // that fails too is news.
  if (reason !== 'unreachable' && reason !== 'frame-too-long' && reason !== 'auth') return undefined;
  return message ?? 'The endpoint cannot be reached.';
}
