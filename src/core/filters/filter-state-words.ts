// How the Filters tree shows a filter's state: a codicon, its colour, a short label (for the
// row's accessible label) and a sentence (for the tooltip). Pure, so every state's wording
// is unit tested.
//
// Why an unsent filter's words depend on the connection: "not sent" alone does not say what
// to do. A filter is unsent because there is no open socket, and the connection's condition
// says why (signed out, not connected, certificate not trusted, …), so the icon and the
// sentence name that reason and the step that sends it. The spinner is kept for 'pending'
// alone: sent on an open socket, its ack awaited.
import type { ConnectionCondition } from '../connection/connection-summary';
import type { FilterState } from './filter-state';

export interface FilterStateWords {
  /** A codicon id, e.g. 'loading~spin'. */
  icon: string;
  /** The theme colour the icon takes, if any. */
  color?: 'testing.iconPassed' | 'testing.iconFailed';
  /** A few words: 'active', 'not sent, signed out'. */
  label: string;
  /** A sentence for the tooltip. */
  sentence: string;
}

const UNSENT: Record<ConnectionCondition, Omit<FilterStateWords, 'color'>> = {
  'signed-out': { icon: 'account', label: 'not sent, signed out', sentence: 'Not sent: you are signed out. Sign in to register it.' },
  'sign-in-failed': { icon: 'account', label: 'not sent, sign-in failed', sentence: 'Not sent: the endpoint refused the sign-in. Sign in again to register it.' },
  untrusted: { icon: 'workspace-untrusted', label: 'not sent, certificate not trusted', sentence: 'Not sent: the endpoint’s certificate is not trusted. Review the certificate to connect.' },
  'certificate-changed': { icon: 'workspace-untrusted', label: 'not sent, certificate changed', sentence: 'Not sent: the endpoint’s certificate changed. Review the certificate to connect.' },
  'not-connected': { icon: 'debug-disconnect', label: 'not sent, not connected', sentence: 'Not sent: not connected. Connect to register it.' },
  disconnected: { icon: 'debug-disconnect', label: 'not sent, not connected', sentence: 'Not sent: not connected. Connect to register it.' },
  connecting: { icon: 'circle-large-outline', label: 'not sent yet, connecting', sentence: 'Not sent yet: it is sent as soon as the connection opens.' },
  reconnecting: { icon: 'debug-disconnect', label: 'not sent, reconnecting', sentence: 'Not sent: the connection is down. It is sent again when the stream reopens.' },
  open: { icon: 'circle-large-outline', label: 'not sent yet', sentence: 'Not sent yet.' },
};

export function filterStateWords(state: FilterState, condition: ConnectionCondition): FilterStateWords {
  switch (state) {
    case 'unsent':
      return UNSENT[condition];
    case 'pending':
      return { icon: 'loading~spin', label: 'pending', sentence: 'Sent: waiting for the endpoint to acknowledge it.' };
    case 'active':
      return { icon: 'pass', color: 'testing.iconPassed', label: 'active', sentence: 'Registered: the endpoint acknowledged it.' };
    case 'failed':
      return { icon: 'error', color: 'testing.iconFailed', label: 'failed', sentence: 'Not registered.' };
  }
}
