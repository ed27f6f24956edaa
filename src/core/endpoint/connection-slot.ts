// The one connection EndpointLink holds at a time, and what its state changes say: since when
// the state holds (the reconnect countdown) and whether the user counts as signed in. A
// rebuild empties the slot (disposing the connection) and fills it with a new one.
import type { DrpConnection } from '../connection/connection';
import type { MalformedFrame, StateChange } from '../connection/connection-types';
import type { Disposable } from '../emitter';
import { signedInAs, type Credential } from './credentials';
import { afterCredentialChange, credentialDigest, signedInAfter } from './rebuild-policy';

export interface ConnectionSlotHooks {
  /** The held connection's state changed. */
  changed(): void;
  malformed(frame: MalformedFrame): void;
  log: { info(line: string): void; warn(line: string): void };
  now?: () => number;
}

export class ConnectionSlot implements Disposable {
  private held: DrpConnection | undefined;
  private subscriptions: Disposable[] = [];
  private signedIn = false;
  /** signedInAs() of the credential the held connection was built with. */
  private who: string | undefined;
  private since: number;
  /** credentialDigest of the credential the held connection was built with. */
  private builtWith: string | undefined;
  private readonly now: () => number;

  constructor(private readonly hooks: ConnectionSlotHooks) {
    this.now = hooks.now ?? Date.now;
    this.since = this.now();
  }

  get connection(): DrpConnection | undefined {
    return this.held;
  }
  get isSignedIn(): boolean {
    return this.signedIn;
  }
  /** 'as rocketskates' or 'with a token' while signed in; undefined while signed out. */
  get signedInAs(): string | undefined {
    return this.signedIn ? this.who : undefined;
  }
  /** When the held connection's state began. */
  get stateSince(): number {
    return this.since;
  }

  /** The held connection's state; idle with `problem` as its message when there is none. */
  state(problem: string | undefined): StateChange {
    const c = this.held;
    if (!c) return { state: 'idle', detail: problem ? { message: problem } : {} };
    return { state: c.state, detail: c.detail };
  }

  /** The next connection will be built with `credential` (absent: the user is signed out). */
  building(credential: Credential | undefined): void {
    this.builtWith = credentialDigest(credential);
    this.signedIn = credential !== undefined;
    this.who = signedInAs(credential);
  }

  /** There is no usable endpoint, so nobody is signed in to it. */
  signedOut(): void {
    this.signedIn = false;
    this.who = undefined;
  }

  /** Holds `connection` (named `display` in the log) until the next empty(). */
  fill(connection: DrpConnection, display: string): void {
    this.subscriptions.push(
      { dispose: () => connection.dispose() },
      connection.onMalformed((m) => {
        // The reason only: the frame's text can hold object bodies, which stay out of the log.
        this.hooks.log.warn(`Skipped a frame from ${display} that is not a DRP event (${m.reason}); ${connection.malformedCount} so far on this connection.`);
        this.hooks.malformed(m);
      }),
      connection.onDidChangeState((change) => {
        this.since = this.now();
        this.signedIn = signedInAfter(this.signedIn, change);
        this.hooks.log.info(`Connection ${change.state}${change.detail.message ? `: ${change.detail.message}` : ''}`);
        this.hooks.changed();
      }),
    );
    this.held = connection;
  }

  /** Disposes the held connection. */
  empty(): void {
    this.builtWith = undefined;
    for (const d of this.subscriptions) d.dispose();
    this.subscriptions = [];
    this.held = undefined;
  }

  /**
   * The stored credential is now `stored` (see afterCredentialChange): starts the held
   * connection if that is all it takes; returns whether a rebuild is needed instead.
   */
  credentialChanged(stored: Credential | undefined, connect: 'auto' | 'yes'): 'rebuild' | 'done' {
    const held = this.held;
    const action = afterCredentialChange(held && { state: held.state, builtWith: this.builtWith }, stored, connect);
    if (action === 'connect') held?.connect();
    return action === 'rebuild' ? 'rebuild' : 'done';
  }

  dispose(): void {
    this.empty();
  }
}
