// The shapes DrpConnection publishes and takes, apart from its behaviour in connection.ts.
import type { CommandAction } from './ack-queue';
import type { BackoffOptions } from './backoff';
import type { Clock } from '../clock';
import type { Credential } from '../endpoint/credentials';
import type { EventFrame } from '../events/event';
import type { FilterState } from '../filters/filter-state';
import type { LivenessOptions } from './liveness';
import type { TlsTrust, TlsTrustError } from '../endpoint/tls-trust';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'auth-failed' | 'closed';

/** Why the connection is in its state; `message` is the sentence to show. */
export type ConnectionReason =
  | 'signed-out' // no credential stored
  | 'auth' // 401/403 on the upgrade (state reconnecting: a restarting endpoint's 403, retried)
  | 'tls' // certificate refused; see tlsError
  | 'user' // disconnect()
  | 'unreachable' // could not connect or upgrade
  | 'lost' // an open stream closed
  | 'stalled' // liveness check failed
  | 'frame-too-long'; // close 1009

export interface StateDetail {
  reason?: ConnectionReason;
  message?: string;
  retryInMs?: number;
  status?: number;
  closeCode?: number;
  tlsError?: TlsTrustError;
}
export interface StateChange {
  state: ConnectionState;
  detail: StateDetail;
}

/** One event frame as received, and when. */
export interface ReceivedEvent extends EventFrame {
  receivedAt: number;
}

/** A frame that is not a DRP event (bad JSON, missing header, binary); counted, never fatal. */
export interface MalformedFrame {
  reason: string;
  /** The first 200 characters, with the credential redacted. */
  sample: string;
}

/** The server acknowledged one of our commands (acks are not delivered as events). */
export interface Ack {
  action: CommandAction;
  filter: string;
}

/**
 * A kept wire filter's state (unsent: no open socket to send it on; pending: sent, its ack
 * awaited; failed: the ack timed out). The connection is its only owner.
 */
export interface WireStatus {
  state: FilterState;
  /** A sentence, for 'failed'. */
  message?: string;
}

export interface WireStateChange extends WireStatus {
  wire: string;
  /** What it was before; undefined when the connection did not keep it yet. */
  previous?: WireStatus;
}

/**
 * Fired once per disconnection, when the stream reopens: events between `from` (when the
 * stream was last known good) and `to` (reopened) were not received and cannot be replayed.
 */
export interface Gap {
  from: number;
  to: number;
  /** A sentence. */
  reason: string;
}

/** An open stream was lost (or closed by the user); fired at once, unlike Gap. */
export interface Disconnect {
  at: number;
  reason: ConnectionReason;
  message: string;
  closeCode?: number;
}

export interface ConnectionStats {
  events: number;
  /** Bytes of every frame received, acks and malformed ones included. */
  bytes: number;
  malformed: number;
  /** Reconnect attempts started by the backoff timer. */
  reconnects: number;
  lastEventAt?: number;
}

export interface ConnectionOptions {
  wsUrl: string;
  /** Asked before every attempt, so a new sign-in or password takes effect on reconnect. */
  credential: () => Promise<Credential | undefined>;
  trust: TlsTrust;
  ackTimeoutMs?: number;
  /** resetAfterMs: how long a stream must stay open before the backoff starts over. */
  backoff?: Partial<BackoffOptions> & { resetAfterMs?: number };
  liveness?: Partial<LivenessOptions>;
  handshakeTimeoutMs?: number;
  /** How long a token that was streaming is retried while a restarting endpoint refuses it (403); default 30 s. */
  restartGraceMs?: number;
  maxPayloadBytes?: number;
  /** Time stamps and every timer (backoff, liveness, ack timeouts); default systemClock. */
  clock?: Clock;
  /** Diagnostics; never given credentials. */
  log?: (line: string) => void;
}
