// What the views say about the connection, as plain data. One classification of the
// connection (ConnectionCondition) with one set of words, used by the status bar (the text,
// a tooltip, the command a click runs, how alarming it is), the event table's toolbar and the
// Filters tree's description. Pure, so every state's wording is unit tested.
import type { ConnectionState, StateDetail } from './connection';

/** How the connection looks to the user: its state, refined by why it is in it. */
export type ConnectionCondition =
  | 'signed-out' | 'not-connected' | 'connecting' | 'open' | 'reconnecting' | 'sign-in-failed' | 'untrusted' | 'certificate-changed' | 'disconnected';

export const CONDITION_WORDS: Record<ConnectionCondition, string> = {
  'signed-out': 'Signed out',
  'not-connected': 'Not connected',
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  'sign-in-failed': 'Sign-in failed',
  untrusted: 'Untrusted certificate',
  // Not "untrusted": the user trusted this endpoint, and what they trusted was replaced.
  'certificate-changed': 'Certificate changed',
  disconnected: 'Disconnected',
};

/** `signedIn` false (no stored credential) reads as signed out whatever the state. */
export function connectionCondition(state: ConnectionState, detail: StateDetail, signedIn = true): ConnectionCondition {
  if (!signedIn || detail.reason === 'signed-out') return 'signed-out';
  switch (state) {
    case 'idle': return 'not-connected';
    case 'connecting': return 'connecting';
    case 'open': return 'open';
    case 'reconnecting': return 'reconnecting';
    case 'auth-failed': return 'sign-in-failed';
    case 'closed':
      if (detail.reason !== 'tls') return 'disconnected';
      return detail.tlsError?.code === 'fingerprint-mismatch' ? 'certificate-changed' : 'untrusted';
  }
}

/** The words for a condition, followed by where (the toolbar's "Connected · 127.0.0.1:8092"). */
export function describeConnection(condition: ConnectionCondition, where: string): string {
  return `${CONDITION_WORDS[condition]} · ${where}`;
}

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
  /** 'as rocketskates' or 'with a token' (signedInAs in credentials.ts), when known. */
  signedInAs?: string;
  eventsPerSecond: number;
  /** When the pending reconnect fires (ms since epoch), for the countdown. */
  retryAt?: number;
  now: number;
}

export function summarizeConnection(s: SummaryInput): ConnectionSummary {
  const where = `Endpoint: ${s.endpoint}`;
  const why = s.detail.message ? `\n\n${s.detail.message}` : '';
  const condition = connectionCondition(s.state, s.detail, s.signedIn);
  const text = (icon: string) => `$(${icon}) DRP: ${CONDITION_WORDS[condition]}`;
  switch (condition) {
    case 'signed-out':
      return {
        statusText: text('account'),
        tooltip: `${where}\n\nNot signed in. Click to sign in with a token or a user name and password.`,
        clickCommand: 'drp.signIn', severity: 'warning', live: false,
      };
    case 'not-connected':
      return { statusText: text('plug'), tooltip: `${where}\n\nClick to connect.`, clickCommand: 'drp.connect', severity: 'ok', live: false };
    case 'connecting':
      return { statusText: text('sync~spin'), tooltip: `${where}\n\nConnecting to the event stream.`, clickCommand: 'drp.showConnectionMenu', severity: 'ok', live: false };
    case 'open': {
      const eps = s.eventsPerSecond;
      const rate = eps >= 10 ? Math.round(eps).toString() : eps.toFixed(1).replace(/\.0$/, '');
      // The text shows only the rate, so the tooltip is where "connected, where, as whom" is said.
      const who = s.signedInAs ? ` ${s.signedInAs}` : '';
      return {
        statusText: `$(pulse) DRP: ${rate} ev/s`,
        tooltip: `Connected to ${s.endpoint}${who}.\n\n${rate} events per second over the last few seconds. Click for actions.`,
        clickCommand: 'drp.showConnectionMenu', severity: 'ok', live: true,
      };
    }
    case 'reconnecting': {
      const secs = s.retryAt !== undefined ? Math.max(0, Math.ceil((s.retryAt - s.now) / 1000)) : undefined;
      return {
        statusText: secs !== undefined ? `$(sync~spin) DRP: Reconnecting in ${secs} s` : text('sync~spin'),
        tooltip: `${where}${why}\n\nEvents sent while disconnected are missed. Click for Reconnect Now.`,
        clickCommand: 'drp.showConnectionMenu', severity: 'warning', live: secs !== undefined,
      };
    }
    case 'sign-in-failed':
      return { statusText: text('error'), tooltip: `${where}${why}\n\nClick to sign in again.`, clickCommand: 'drp.signIn', severity: 'error', live: false };
    case 'untrusted':
    case 'certificate-changed':
      return { statusText: text('shield'), tooltip: `${where}${why}\n\nClick to review the certificate.`, clickCommand: 'drp.reviewCertificate', severity: 'error', live: false };
    case 'disconnected':
      return { statusText: text('debug-disconnect'), tooltip: `${where}${why}\n\nClick to connect.`, clickCommand: 'drp.connect', severity: 'ok', live: false };
  }
}
