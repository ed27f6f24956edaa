// What the status bar says about the connection, as plain data: the text, a tooltip, the
// command a click runs, and how alarming it is. Pure, so every state's wording is unit tested.
import type { ConnectionState, StateDetail } from './connection';

export interface ConnectionSummary {
  statusText: string;
  tooltip: string;
  /** The next useful action for this state. */
  clickCommand: string;
  severity: 'ok' | 'warning' | 'error';
  /** True when the text changes with time (events/s, a countdown) and needs a ticker. */
  live: boolean;
}

export interface SummaryInput {
  state: ConnectionState;
  detail: StateDetail;
  endpoint: string;
  signedIn: boolean;
  eventsPerSecond: number;
  /** When the pending reconnect fires (ms since epoch), for the countdown. */
  retryAt?: number;
  now: number;
}

export function summarizeConnection(s: SummaryInput): ConnectionSummary {
  const where = `Endpoint: ${s.endpoint}`;
  const why = s.detail.message ? `\n\n${s.detail.message}` : '';
  if (!s.signedIn || s.detail.reason === 'signed-out') {
    return {
      statusText: '$(account) DRP: Signed out',
      tooltip: `${where}\n\nNot signed in. Click to sign in with a token or a user name and password.`,
      clickCommand: 'drp.signIn', severity: 'warning', live: false,
    };
  }
  switch (s.state) {
    case 'idle':
      return { statusText: '$(plug) DRP: Not connected', tooltip: `${where}\n\nClick to connect.`, clickCommand: 'drp.connect', severity: 'ok', live: false };
    case 'connecting':
      return { statusText: '$(sync~spin) DRP: Connecting…', tooltip: `${where}\n\nConnecting to the event stream.`, clickCommand: 'drp.showConnectionMenu', severity: 'ok', live: false };
    case 'open': {
      const eps = s.eventsPerSecond;
      const rate = eps >= 100 ? Math.round(eps).toString() : eps >= 10 ? eps.toFixed(0) : eps.toFixed(1).replace(/\.0$/, '');
      return {
        statusText: `$(pulse) DRP: ${rate} ev/s`,
        tooltip: `${where}\n\nConnected. ${rate} events per second over the last few seconds. Click for actions.`,
        clickCommand: 'drp.showConnectionMenu', severity: 'ok', live: true,
      };
    }
    case 'reconnecting': {
      const secs = s.retryAt !== undefined ? Math.max(0, Math.ceil((s.retryAt - s.now) / 1000)) : undefined;
      return {
        statusText: secs !== undefined ? `$(sync~spin) DRP: Reconnecting in ${secs} s` : '$(sync~spin) DRP: Reconnecting…',
        tooltip: `${where}${why}\n\nEvents sent while disconnected are missed. Click to reconnect now.`,
        clickCommand: 'drp.reconnect', severity: 'warning', live: secs !== undefined,
      };
    }
    case 'auth-failed':
      return {
        statusText: '$(error) DRP: Sign-in failed',
        tooltip: `${where}${why}\n\nClick to sign in again.`,
        clickCommand: 'drp.signIn', severity: 'error', live: false,
      };
    case 'closed':
      if (s.detail.reason === 'tls') {
        return {
          statusText: '$(shield) DRP: Untrusted certificate',
          tooltip: `${where}${why}\n\nClick to review the certificate.`,
          clickCommand: 'drp.reviewCertificate', severity: 'error', live: false,
        };
      }
      return { statusText: '$(debug-disconnect) DRP: Disconnected', tooltip: `${where}${why}\n\nClick to connect.`, clickCommand: 'drp.connect', severity: 'ok', live: false };
  }
}
