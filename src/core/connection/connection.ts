// The one websocket to a DRP endpoint: a state machine that keeps the wanted filters
// registered across reconnects (and is the only owner of each wire filter's state:
// FilterRegistry reads it through StreamConnection, docs/architecture.md §4), pairs commands
// with acks, notices dead streams, and marks the gap every disconnection leaves (events carry no sequence numbers, so what was missed
// cannot be replayed; docs/protocol.md §5.4).
//
// States: idle → connecting → open → reconnecting → connecting → open …
//   auth-failed  the upgrade got 401/403, or there is no credential (detail.reason
//                'signed-out'); never retried automatically: connect() again after sign-in.
//                One exception: a token this connection streamed with a moment ago and that
//                now gets 403 on reconnect. A restarting dr-provision answers from a temporary
//                API with another token secret for about a second (docs/protocol.md §2.4),
//                so that refusal is retried, with the backoff, for restartGraceMs before it
//                counts (state reconnecting, reason 'auth').
//   closed       disconnect() was called (reason 'user'), OR the certificate was refused
//                (reason 'tls', detail.tlsError): an untrusted certificate will not fix
//                itself, so we stop and let the UI offer "Trust" and then connect() again.
import WebSocket from 'ws';
import { AckQueue, CommandAction, PendingCommand } from './ack-queue';
import type {
  Ack,
  ConnectionOptions,
  ConnectionReason,
  ConnectionState,
  ConnectionStats,
  Disconnect,
  Gap,
  MalformedFrame,
  ReceivedEvent,
  StateChange,
  StateDetail,
  WireStateChange,
  WireStatus,
} from './connection-types';
import { Backoff, DEFAULT_BACKOFF } from './backoff';
import { systemClock, type Clock, type Timer } from '../clock';
import { authorizationHeader, Credential, redact } from '../endpoint/credentials';
import { credentialDigest } from '../endpoint/rebuild-policy';
import { Emitter } from '../emitter';
import { readEventHeader } from '../events/event';
import { isSafeWireFilter, MAX_FRAME_BYTES } from '../filters/filter';
import type { FilterState } from '../filters/filter-state';
import type { StreamConnection } from './stream-connection';
import { DEFAULT_LIVENESS, LivenessMonitor } from './liveness';
import { asTlsTrustError, createVerifiedAgent, createVerifiedConnection, isCertificateRefusal, TlsTrust, TlsTrustError, tlsRequestOptions } from '../endpoint/tls-trust';
import { readUpgradeFailure } from './upgrade-failure';

// Callers import the connection's shapes from here, with the class.
export type * from './connection-types';
export type { StreamConnection, WireStateSource } from './stream-connection';

interface Attempt {
  ws: WebSocket;
  credential: Credential;
  opened: boolean;
  /** Set when the attempt must not be retried, or to explain its end. */
  end?: { state?: ConnectionState; detail: StateDetail };
  lastError?: Error;
  /** A certificate refusal by another agent's tls.connect, being explained (asTlsTrustError). */
  trustCheck?: Promise<TlsTrustError | undefined>;
  lastTrafficAt: number;
}

export class DrpConnection implements StreamConnection {
  private readonly stateEmitter = new Emitter<StateChange>();
  private readonly eventEmitter = new Emitter<ReceivedEvent>();
  private readonly malformedEmitter = new Emitter<MalformedFrame>();
  private readonly ackEmitter = new Emitter<Ack>();
  private readonly wireEmitter = new Emitter<WireStateChange>();
  private readonly gapEmitter = new Emitter<Gap>();
  private readonly disconnectEmitter = new Emitter<Disconnect>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onEvent = this.eventEmitter.event;
  readonly onMalformed = this.malformedEmitter.event;
  readonly onAck = this.ackEmitter.event;
  readonly onWireState = this.wireEmitter.event;
  readonly onGap = this.gapEmitter.event;
  readonly onDisconnect = this.disconnectEmitter.event;

  private currentState: ConnectionState = 'idle';
  private currentDetail: StateDetail = {};
  /** The wire filters kept registered, with their state: the one place that state lives. */
  private readonly wires = new Map<string, WireStatus>();
  private readonly acks: AckQueue;
  private readonly backoff: Backoff;
  private readonly liveness: LivenessMonitor;
  private readonly clock: Clock;
  private readonly now: () => number;
  private attempt: Attempt | undefined;
  /** Bumped by connect()/disconnect() so an attempt still fetching its credential gives up. */
  private generation = 0;
  private reconnectTimer: Timer | undefined;
  private stableTimer: Timer | undefined;
  private gapStart: { from: number; reason: string } | undefined;
  /** credentialDigest of the credential the last open stream used; cleared by connect()/disconnect(). */
  private streamedWith: string | undefined;
  /** When (monotonic) the endpoint first refused that credential since the stream was lost. */
  private refusedSince: number | undefined;
  private readonly counters: ConnectionStats = { events: 0, bytes: 0, malformed: 0, reconnects: 0 };

  private trust: TlsTrust;

  constructor(private readonly options: ConnectionOptions) {
    this.trust = options.trust;
    this.clock = options.clock ?? systemClock;
    this.now = () => this.clock.now();
    this.acks = new AckQueue(options.ackTimeoutMs ?? 10_000, (c) => this.ackTimedOut(c), this.clock);
    this.backoff = new Backoff({ ...DEFAULT_BACKOFF, ...options.backoff }, Math.random, () => this.clock.monotonic());
    this.liveness = new LivenessMonitor(
      { ...DEFAULT_LIVENESS, ...options.liveness },
      () => this.ping(),
      () => this.stalled(),
      this.clock,
    );
  }

  get state(): ConnectionState {
    return this.currentState;
  }
  get detail(): StateDetail {
    return this.currentDetail;
  }
  get stats(): ConnectionStats {
    return { ...this.counters };
  }
  get malformedCount(): number {
    return this.counters.malformed;
  }
  /** The wire filters this connection keeps registered, with their state. */
  get wireStates(): ReadonlyMap<string, FilterState> {
    return new Map([...this.wires].map(([wire, status]) => [wire, status.state]));
  }

  /** One kept wire filter's state (with the failure's sentence); undefined if not kept. */
  wireState(wire: string): WireStatus | undefined {
    return this.wires.get(wire);
  }

  /** Trust to use from the next attempt on, e.g. after the user trusted a presented certificate. */
  setTrust(trust: TlsTrust): void {
    this.trust = trust;
  }

  /** Starts (or, after auth-failed/closed, restarts) connecting. No-op while already live. */
  connect(): void {
    if (this.currentState === 'connecting' || this.currentState === 'open' || this.currentState === 'reconnecting') return;
    this.backoff.reset();
    this.forgetStream(); // asked for anew: a refusal now is the user's to see at once
    void this.startAttempt();
  }

  /** Closes the stream and stops reconnecting; state 'closed', reason 'user'. */
  disconnect(): void {
    this.generation++;
    this.clock.clearTimeout(this.reconnectTimer);
    this.forgetStream();
    const attempt = this.attempt;
    if (attempt) {
      this.endAttempt(attempt, 'user', 'Disconnected.');
      if (attempt.opened) attempt.ws.close(1000);
      else attempt.ws.terminate();
    }
    if (this.currentState !== 'closed' && this.currentState !== 'idle') this.setState('closed', { reason: 'user', message: 'Disconnected.' });
  }

  /**
   * Keeps `wire` registered (now if open, and after every reconnect). Throws for a filter
   * isSafeWireFilter refuses: a filter with fewer than three parts crashes a v3 server, and a
   * frame over 512 bytes gets the socket closed with 1009. Returns false if already kept.
   */
  register(wire: string): boolean {
    assertSendable(wire);
    const state = this.wires.get(wire)?.state;
    if (state === 'active' || state === 'pending' || state === 'unsent') return false;
    // Pending only once sent: with no open socket nothing is awaited (opened() sends it).
    if (this.currentState !== 'open') {
      this.setWire(wire, 'unsent');
      return true;
    }
    this.setWire(wire, 'pending');
    this.send('register', wire);
    return true;
  }

  /** Stops keeping `wire`; returns false if it was not kept. Throws like register(). */
  deregister(wire: string): boolean {
    assertSendable(wire);
    if (!this.wires.delete(wire)) return false;
    if (this.currentState === 'open') this.send('deregister', wire);
    return true;
  }

  dispose(): void {
    this.disconnect();
    for (const e of [this.stateEmitter, this.eventEmitter, this.malformedEmitter, this.ackEmitter, this.wireEmitter, this.gapEmitter, this.disconnectEmitter]) e.dispose();
  }

  private async startAttempt(): Promise<void> {
    const generation = ++this.generation;
    this.setState('connecting', {});
    let credential: Credential | undefined;
    let readError: unknown;
    try {
      credential = await this.options.credential();
    } catch (err) {
      readError = err;
    }
    if (generation !== this.generation) return; // disconnect() or connect() meanwhile
    if (!credential) {
      const message = readError
        ? 'The stored credentials could not be read. Run ‘DRP: Sign In’ to set them again.'
        : 'No credentials are stored for this endpoint. Run ‘DRP: Sign In’.';
      this.setState('auth-failed', { reason: 'signed-out', message });
      return;
    }
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.options.wsUrl, {
        headers: { Authorization: authorizationHeader(credential) }, // never ?token=: URLs get logged
        createConnection: createVerifiedConnection(this.trust, { timeoutMs: this.options.handshakeTimeoutMs ?? 15_000 }) as never,
        agent: createVerifiedAgent(this.trust, { timeoutMs: this.options.handshakeTimeoutMs ?? 15_000 }), // see createVerifiedAgent: VS Code's proxy agent skips createConnection
        ...tlsRequestOptions(this.trust), // …and may replace the agent too
        perMessageDeflate: false, // the server never negotiates it
        handshakeTimeout: this.options.handshakeTimeoutMs ?? 15_000,
        maxPayload: this.options.maxPayloadBytes ?? 64 * 1024 * 1024,
        followRedirects: false,
      });
    } catch (err) {
      this.setState('closed', { reason: 'unreachable', message: `The websocket address is not usable (${(err as Error).message}). Check drp.endpoint.` });
      return;
    }
    const trust = this.trust;
    const attempt: Attempt = { ws, credential, opened: false, lastTrafficAt: this.now() };
    this.attempt = attempt;
    ws.on('unexpected-response', (_req, res) => {
      void readUpgradeFailure(res, credential).then((f) => {
        if (f.authFailed && this.refusedWhileRestarting(f.status, credential)) {
          const seconds = Math.round(this.restartGraceMs / 1000);
          const message = `The endpoint refused the token (403) just after the stream closed, as a restarting endpoint does for a moment; trying it again for up to ${seconds} s.`;
          attempt.end = { detail: { reason: 'auth', message, status: f.status } };
        } else {
          attempt.end = f.authFailed
            ? { state: 'auth-failed', detail: { reason: 'auth', message: f.message, status: f.status } }
            : { detail: { reason: 'unreachable', message: f.message, status: f.status } };
        }
        ws.terminate();
      });
    });
    ws.on('error', (err) => {
      if (err instanceof TlsTrustError) attempt.end = { state: 'closed', detail: { reason: 'tls', message: err.message, tlsError: err } };
      else {
        attempt.lastError = err;
        // Refused by an agent that replaced ours (tlsRequestOptions): the error has no certificate.
        if (!attempt.opened && isCertificateRefusal(err)) attempt.trustCheck = asTlsTrustError(err, trust, this.options.wsUrl, this.options.handshakeTimeoutMs);
      }
    });
    ws.on('open', () => this.opened(attempt));
    ws.on('message', (data, isBinary) => this.frame(attempt, data, isBinary));
    ws.on('ping', () => this.alive(attempt));
    ws.on('pong', () => this.liveness.pong());
    ws.on('close', (code) => {
      if (!attempt.trustCheck) return this.closed(attempt, code);
      void attempt.trustCheck.then((tlsError) => {
        if (tlsError) attempt.end = { state: 'closed', detail: { reason: 'tls', message: tlsError.message, tlsError } };
        this.closed(attempt, code);
      });
    });
  }

  private opened(attempt: Attempt): void {
    if (attempt !== this.attempt) return;
    attempt.opened = true;
    this.streamedWith = credentialDigest(attempt.credential);
    this.refusedSince = undefined;
    this.setState('open', {});
    if (this.gapStart) {
      const gap = { from: this.gapStart.from, to: this.now(), reason: this.gapStart.reason };
      this.gapStart = undefined;
      this.fire(this.gapEmitter, gap);
    }
    this.alive(attempt);
    this.liveness.start();
    const resetAfterMs = this.options.backoff?.resetAfterMs ?? 10_000;
    this.stableTimer = this.clock.setTimeout(() => this.backoff.reset(), resetAfterMs);
    for (const wire of this.wires.keys()) {
      this.setWire(wire, 'pending');
      this.send('register', wire);
    }
  }

  private frame(attempt: Attempt, data: WebSocket.RawData, isBinary: boolean): void {
    if (attempt !== this.attempt) return;
    this.alive(attempt);
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    this.counters.bytes += buf.length;
    const raw = buf.toString('utf8');
    if (isBinary) return this.malformed(attempt, 'a binary frame (DRP sends only text)', raw);
    const read = readEventHeader(raw);
    if (!read.ok) return this.malformed(attempt, read.reason, raw);
    const header = read.header;
    if (header.type === 'websocket' && (header.action === 'register' || header.action === 'deregister')) {
      // Acks bypass filters on the server; they are ours, never shown as events.
      const sent = this.acks.take(header.action, header.key);
      this.fire<Ack>(this.ackEmitter, { action: header.action, filter: header.key });
      if (sent && header.action === 'register' && this.wires.has(header.key)) this.setWire(header.key, 'active');
      return;
    }
    const receivedAt = this.now();
    this.counters.events++;
    this.counters.lastEventAt = receivedAt;
    this.fire(this.eventEmitter, { raw, header, receivedAt });
  }

  private malformed(attempt: Attempt, reason: string, raw: string): void {
    this.counters.malformed++;
    // Redact before cutting, so a secret straddling the cut cannot leave a readable prefix.
    const sample = redact(raw.slice(0, 200 + 8192), attempt.credential).slice(0, 200);
    this.fire(this.malformedEmitter, { reason, sample });
  }

  private alive(attempt: Attempt): void {
    attempt.lastTrafficAt = this.now();
    if (attempt.opened) this.liveness.serverAlive();
  }

  private ping(): void {
    const ws = this.attempt?.ws;
    if (ws?.readyState === WebSocket.OPEN) ws.ping();
  }

  private stalled(): void {
    const attempt = this.attempt;
    if (!attempt) return;
    this.endAttempt(attempt, 'stalled', 'The endpoint stopped answering; reconnecting.', attempt.lastTrafficAt);
    this.scheduleReconnect({ reason: 'stalled', message: 'The endpoint stopped answering; reconnecting.' });
    attempt.ws.terminate();
  }

  private closed(attempt: Attempt, code: number): void {
    if (attempt !== this.attempt) return; // already handled (disconnect, stall)
    const detail = attempt.end?.detail ?? this.describeClose(attempt, code);
    this.endAttempt(attempt, detail.reason ?? 'lost', detail.message ?? 'The stream closed.', undefined, code);
    if (attempt.end?.state) this.setState(attempt.end.state, detail);
    else this.scheduleReconnect(detail);
  }

  /** Forget the attempt's socket; if it had been open, start a gap and tell listeners. */
  private endAttempt(attempt: Attempt, reason: ConnectionReason, message: string, lastGoodAt?: number, closeCode?: number): void {
    this.attempt = undefined;
    this.liveness.stop();
    this.clock.clearTimeout(this.stableTimer);
    this.acks.clear();
    if (!attempt.opened) return;
    if (reason !== 'user') this.backoff.streamLost();
    const at = this.now();
    this.gapStart ??= { from: lastGoodAt ?? at, reason: `${message} Events sent while disconnected were not received.` };
    for (const wire of this.wires.keys()) this.setWire(wire, 'unsent');
    this.fire(this.disconnectEmitter, { at, reason, message, ...(closeCode !== undefined ? { closeCode } : {}) });
  }

  private describeClose(attempt: Attempt, code: number): StateDetail {
    // ws closes the stream itself when an event exceeds maxPayload (the close code we see
    // may then be 1006); the server closes with 1009 when one of our frames exceeds 512 bytes.
    if ((attempt.lastError as NodeJS.ErrnoException | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      return { reason: 'frame-too-long', closeCode: 1009, message: 'An event larger than the receive limit arrived, so the stream was closed (1009).' };
    }
    if (code === 1009) {
      return { reason: 'frame-too-long', closeCode: code, message: 'The endpoint closed the stream because a frame was too long (1009).' };
    }
    if (!attempt.opened) {
      const err = attempt.lastError as NodeJS.ErrnoException | undefined;
      const why = redact(err?.code ?? err?.message ?? `close ${code}`, attempt.credential);
      return { reason: 'unreachable', message: `Could not connect (${why}).` };
    }
    return { reason: 'lost', closeCode: code, message: `The connection to the endpoint was lost (${code}); reconnecting.` };
  }

  private get restartGraceMs(): number {
    return this.options.restartGraceMs ?? 30_000;
  }

  /**
   * Whether a refusal is the one a restarting endpoint gives (docs/protocol.md §2.4): a 403
   * for the token the stream was open with until it was lost, within restartGraceMs of the
   * first such refusal. Basic auth works on the temporary API, so a refused password is real.
   */
  private refusedWhileRestarting(status: number, credential: Credential): boolean {
    if (status !== 403 || credential.kind !== 'token' || this.streamedWith !== credentialDigest(credential)) return false;
    const now = this.clock.monotonic();
    this.refusedSince ??= now;
    return now - this.refusedSince < this.restartGraceMs;
  }

  private forgetStream(): void {
    this.streamedWith = undefined;
    this.refusedSince = undefined;
  }

  private scheduleReconnect(detail: StateDetail): void {
    const delay = this.backoff.next();
    this.setState('reconnecting', { ...detail, retryInMs: delay });
    const generation = this.generation;
    this.reconnectTimer = this.clock.setTimeout(() => {
      if (generation !== this.generation) return;
      this.counters.reconnects++;
      void this.startAttempt();
    }, delay);
  }

  private send(action: CommandAction, wire: string): void {
    const ws = this.attempt?.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    ws.send(`${action} ${wire}`);
    this.acks.push(action, wire);
  }

  private ackTimedOut(command: PendingCommand): void {
    const seconds = Math.round((this.options.ackTimeoutMs ?? 10_000) / 100) / 10;
    const message = `The endpoint did not acknowledge ‘${command.action} ${command.filter}’ within ${seconds} s.`;
    this.options.log?.(message);
    if (command.action === 'register' && this.wires.has(command.filter)) this.setWire(command.filter, 'failed', message);
  }

  private setWire(wire: string, state: FilterState, message?: string): void {
    const previous = this.wires.get(wire);
    if (previous?.state === state && message === undefined) return;
    // A new object each time: a change event's `previous` stays what it was.
    const status: WireStatus = { state, ...(message !== undefined ? { message } : {}) };
    this.wires.set(wire, status);
    this.fire<WireStateChange>(this.wireEmitter, { wire, ...status, ...(previous ? { previous } : {}) });
  }

  private setState(state: ConnectionState, detail: StateDetail): void {
    this.currentState = state;
    this.currentDetail = detail;
    this.options.log?.(`state ${state}${detail.message ? `: ${detail.message}` : ''}`);
    this.fire(this.stateEmitter, { state, detail });
  }

  /** A throwing listener must not break the socket's handlers. */
  private fire<T>(emitter: Emitter<T>, value: T): void {
    try {
      emitter.fire(value);
    } catch (err) {
      this.options.log?.(`A listener failed: ${(err as Error).message}`);
    }
  }
}

function assertSendable(wire: string): void {
  if (!isSafeWireFilter(wire) || Buffer.byteLength(`deregister ${wire}`, 'utf8') > MAX_FRAME_BYTES) {
    throw new Error(`The filter ‘${wire.slice(0, 80)}’ cannot be sent to the endpoint: it must have three dot-separated parts and fit in ${MAX_FRAME_BYTES} bytes. Check it with DRP: Register Filter.`);
  }
}
