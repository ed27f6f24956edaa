// DrpSimulator: a local DRP endpoint that behaves like the real v3 server observed in
// docs/protocol.md (TLS, auth, the event websocket, REST on an in-memory store), with knobs
// to make it misbehave on demand. Tests start one per suite on a free port; `npm run sim`
// runs one standalone with traffic.

import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Emitter } from '../../src/core/emitter';
import { AuthStore, DEFAULT_USER, type AuthResult, type SimUser } from './auth';
import { generateCertificate, type Certificate } from './certificate';
import { drpError } from './drp-error';
import { completeEvent, encodeEvent, type DrpEvent, type EventInput } from './event-frame';
import { floodFrames, type FloodOptions } from './flood';
import { buildInfo } from './info';
import { JobLogs } from './job-logs';
import { LogLines } from './log-lines';
import { matchFilters, type EventHeader, type MatchMode } from './matcher';
import { handleRest } from './rest';
import { TrafficScenario, type TrafficOptions } from './scenario';
import { seedStore } from './seed';
import { ObjectStore } from './store';
import { SimSession } from './ws-session';

export type { DrpEvent, EventInput } from './event-frame';
export type { SimUser } from './auth';
export type { TrafficOptions } from './scenario';
export type { FloodOptions } from './flood';
export { SimSession } from './ws-session';

export interface SimOptions {
  /** TCP port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** 'v3' (default): the observed server. 'v4': comma lists and \1 \2 \3 escapes match, v4 shapes and version. */
  mode?: MatchMode;
  /** Accounts; default rocketskates / r0cketsk8ts. */
  users?: SimUser[];
  /** Server ping period (real: 54000). */
  pingIntervalMs?: number;
  /**
   * Read deadline (real: 60000). It runs from the connection and is pushed back only by
   * pongs, so keep it longer than pingIntervalMs unless you want every client dropped.
   */
  pongTimeoutMs?: number;
  /** Outbound frames queued per session before events are dropped (real: 256). */
  queueLimit?: number;
  /** How long a blocked write may take before the session dies without a close frame (real: 10000). */
  writeTimeoutMs?: number;
  /** Emulate the real panic when a filter with fewer than three parts is evaluated (default true). */
  crashOnShortFilter?: boolean;
  /** The clock tokens are minted and expire by, ms since the epoch (default Date.now): a test can move it instead of sleeping out a ttl. */
  now?: () => number;
  /** Diagnostic lines; never contain credentials. Absent = silent. */
  log?: (line: string) => void;
}

export interface RestartOptions {
  /**
   * For this long after the port answers again, serve like the temporary API a starting
   * dr-provision puts up (docs/protocol.md §2.4): valid tokens get 403, Basic works. The real
   * window is about a second.
   */
  tokenRefusalMs?: number;
}

export interface ReceivedFrame {
  session: number;
  text: string;
  binary: boolean;
}

export interface PublishedEvent {
  header: EventHeader;
  raw: string;
  /** How many sessions had it queued. */
  delivered: number;
}

const DEFAULT_WAIT_MS = 5000;

export class DrpSimulator {
  readonly mode: MatchMode;
  readonly receivedFrames: ReceivedFrame[] = [];
  /** Websocket upgrades refused for their credentials (401/403), oldest first: tests count retries. */
  readonly refusedUpgrades: Array<{ status: 401 | 403 }> = [];
  readonly store: ObjectStore;

  private readonly onConnectionEmitter = new Emitter<SimSession>();
  private readonly onFrameEmitter = new Emitter<ReceivedFrame>();
  private readonly onEventEmitter = new Emitter<PublishedEvent>();
  private readonly onCrashEmitter = new Emitter<string>();
  private readonly onSessionClosedEmitter = new Emitter<SimSession>();
  /** A session connected (after auth and upgrade). */
  readonly onConnection = this.onConnectionEmitter.event;
  /** A session sent a frame (before it is interpreted). */
  readonly onFrame = this.onFrameEmitter.event;
  /** An event was published (whether or not any session matched it). */
  readonly onEvent = this.onEventEmitter.event;
  /** The simulated server crashed; the payload is the reason. */
  readonly onCrash = this.onCrashEmitter.event;
  readonly onSessionClosed = this.onSessionClosedEmitter.event;
  private readonly onApiStartedEmitter = new Emitter<void>();
  /** After restart({ tokenRefusalMs }): the real API took over and tokens work again. */
  readonly onApiStarted = this.onApiStartedEmitter.event;

  private readonly auth: AuthStore;
  private readonly logs = new LogLines();
  private readonly jobLogs = new JobLogs();
  private readonly wss: WebSocketServer;
  private readonly liveSessions = new Set<SimSession>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private cert: Certificate;
  private boundPort = 0;
  private nextSessionId = 1;
  private stalled = false;
  private traffic: TrafficScenario | undefined;
  private crashReason: string | undefined;
  private temporaryApi: ReturnType<typeof setTimeout> | undefined;

  private constructor(private readonly options: SimOptions, cert: Certificate) {
    this.mode = options.mode ?? 'v3';
    this.cert = cert;
    this.auth = new AuthStore(options.users ?? [DEFAULT_USER], options.now);
    this.store = new ObjectStore(this.mode, (e) => this.publish(e));
    seedStore(this.store);
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      // melody's defaults: no compression, no subprotocol, 512-byte inbound limit (→ 1009).
      perMessageDeflate: false,
      maxPayload: 512,
      handleProtocols: () => false,
    });
  }

  static async start(options: SimOptions = {}): Promise<DrpSimulator> {
    const sim = new DrpSimulator(options, await generateCertificate());
    await sim.listen(options.port ?? 0);
    return sim;
  }

  get port(): number {
    return this.boundPort;
  }
  get url(): string {
    return `https://127.0.0.1:${this.boundPort}`;
  }
  get wsUrl(): string {
    return `wss://127.0.0.1:${this.boundPort}/api/v3/ws`;
  }
  get certPem(): string {
    return this.cert.certPem;
  }
  get fingerprint256(): string {
    return this.cert.fingerprint256;
  }
  /** Open sessions, oldest first. */
  get sessions(): SimSession[] {
    return [...this.liveSessions];
  }
  get crashed(): boolean {
    return this.crashReason !== undefined;
  }
  get crashedReason(): string | undefined {
    return this.crashReason;
  }

  // ---- events -------------------------------------------------------------------------

  /** Publishes one event to every session whose filters match it, at most once each. */
  publish(input: EventInput): DrpEvent {
    const event = completeEvent(input);
    this.publishRaw(event, encodeEvent(event));
    return event;
  }

  /** Publishes `count` synthetic machine updates of about `bytes` each; resolves when all are queued. */
  async flood(options: FloodOptions): Promise<number> {
    const frame = floodFrames(options.bytes, this.mode);
    const limit = this.options.queueLimit ?? 256;
    let published = 0;
    for (let i = 0; i < options.count && !this.crashed; i++) {
      if (!options.dropWhenFull) await this.roomInQueues(limit);
      else if (i % 256 === 255) await new Promise((r) => setImmediate(r));
      const f = frame(i);
      this.publishRaw(f.header, f.raw);
      published++;
    }
    return published;
  }

  startTraffic(options: TrafficOptions): void {
    this.stopTraffic();
    this.traffic = new TrafficScenario(this.store, this.logs, this.jobLogs, (e) => this.publish(e), options);
    this.traffic.start();
  }

  /** Runs `count` traffic steps now, one event each: start traffic with rate 0 to drive it only this way. */
  stepTraffic(count = 1): void {
    if (!this.traffic) throw new Error('stepTraffic() needs startTraffic() first.');
    this.traffic.step(count);
  }

  stopTraffic(): void {
    this.traffic?.stop();
    this.traffic = undefined;
  }

  // ---- accounts -----------------------------------------------------------------------

  /** Adds a user or changes a password; tokens minted before the change then fail with "Validation failed". */
  setPassword(user: string, password: string): void {
    this.auth.setPassword(user, password);
  }

  /** Mints a token as `GET /users/{user}/token?ttl=` would. */
  mintToken(user: string, ttlSeconds = 3600): string {
    return this.auth.mintToken(user, ttlSeconds);
  }

  /** Every token minted so far is now expired by 1s. */
  expireTokens(): void {
    this.auth.expireTokens();
  }

  // ---- faults -------------------------------------------------------------------------

  /** Ends every websocket without a close frame (the client sees 1006). */
  dropAllSockets(): void {
    for (const s of this.sessions) s.terminate();
  }

  /** Stops reading, writing and pinging on every socket (new ones too) until stall(false). */
  stall(on: boolean): void {
    this.stalled = on;
    for (const s of this.sessions) s.setStalled(on);
  }

  /** Sends a frame as-is to every session, through its queue: malformed JSON, huge text, binary. */
  sendRaw(data: string | Buffer): void {
    for (const s of this.sessions) s.enqueue(data);
  }

  /** A new key and certificate for connections made from now on. */
  async rotateCertificate(): Promise<void> {
    this.cert = await generateCertificate();
    this.server?.setSecureContext({ key: this.cert.keyPem, cert: this.cert.certPem });
    this.log(`certificate rotated, SHA-256 ${this.cert.fingerprint256}`);
  }

  /**
   * Stop and start again on the same port, keeping the store, users, tokens and certificate;
   * with tokenRefusalMs, tokens are refused for that long first, as on a real start.
   */
  async restart(options: RestartOptions = {}): Promise<void> {
    const port = this.boundPort;
    await this.closeServer();
    this.crashReason = undefined;
    const refuseFor = options.tokenRefusalMs ?? 0;
    if (refuseFor > 0) this.auth.setTemporarySecret(true);
    await this.listen(port);
    if (refuseFor > 0) {
      this.log(`temporary API: tokens are refused for ${refuseFor} ms`);
      this.temporaryApi = setTimeout(() => this.startApi(), refuseFor);
    }
  }

  /** True while restart({ tokenRefusalMs }) still refuses tokens. */
  get refusingTokens(): boolean {
    return this.temporaryApi !== undefined;
  }

  async stop(): Promise<void> {
    this.stopTraffic();
    await this.closeServer();
  }

  // ---- waiting helpers for tests ------------------------------------------------------

  /** The next session to connect. */
  nextConnection(timeoutMs = DEFAULT_WAIT_MS): Promise<SimSession> {
    return this.waitFor(this.onConnection, () => true, timeoutMs, 'a websocket connection');
  }

  /** The first frame, already received or still to come, that satisfies `pred`. */
  waitForFrame(pred: (f: ReceivedFrame) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<ReceivedFrame> {
    const seen = this.receivedFrames.find(pred);
    if (seen) return Promise.resolve(seen);
    return this.waitFor(this.onFrame, pred, timeoutMs, 'a matching frame from the client');
  }

  /** The next published event that satisfies `pred`. */
  waitForEvent(pred: (e: PublishedEvent) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<PublishedEvent> {
    return this.waitFor(this.onEvent, pred, timeoutMs, 'a matching event');
  }

  /** Resolves with the crash reason (at once if already crashed). */
  waitForCrash(timeoutMs = DEFAULT_WAIT_MS): Promise<string> {
    if (this.crashReason !== undefined) return Promise.resolve(this.crashReason);
    return this.waitFor(this.onCrash, () => true, timeoutMs, 'the simulator to crash');
  }

  private waitFor<T>(event: (l: (e: T) => void) => { dispose(): void }, pred: (e: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`The simulator saw no ${what} within ${timeoutMs} ms.`));
      }, timeoutMs);
      const sub = event((e) => {
        if (!pred(e)) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(e);
      });
    });
  }

  // ---- internals ----------------------------------------------------------------------

  private publishRaw(header: EventHeader, raw: string): void {
    if (this.crashed || !this.server) return;
    let delivered = 0;
    for (const session of this.liveSessions) {
      const result = matchFilters(session.filters, header, this.mode);
      if (result.kind === 'crash' && this.options.crashOnShortFilter !== false) {
        this.crash(result.reason);
        return;
      }
      if (result.kind === 'match' && session.enqueue(raw)) delivered++;
    }
    if (this.onEventEmitter.hasListeners) this.onEventEmitter.fire({ header, raw, delivered });
  }

  /** The real panic kills the process: every socket (HTTP and websocket) dies without a goodbye. */
  private crash(reason: string): void {
    if (this.crashReason !== undefined) return;
    this.crashReason = reason;
    this.log(`CRASH: ${reason}`);
    this.stopTraffic();
    void this.closeServer();
    this.onCrashEmitter.fire(reason);
  }

  private async listen(port: number): Promise<void> {
    const server = createServer({ key: this.cert.keyPem, cert: this.cert.certPem }, (req, res) => {
      handleRest(this.restContext(), req, res).catch((err: Error) => {
        this.log(`REST handler failed: ${err.message}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : port;
    this.server = server;
    this.log(`listening on ${this.url} (${this.mode})`);
  }

  /** The temporary API gives way to the real one now ("Starting API server" in the real log); restart() calls it when tokenRefusalMs is up. */
  startApi(): void {
    clearTimeout(this.temporaryApi);
    this.temporaryApi = undefined;
    this.auth.setTemporarySecret(false);
    this.log('API server started: tokens work again');
    this.onApiStartedEmitter.fire();
  }

  private async closeServer(): Promise<void> {
    if (this.temporaryApi) this.startApi();
    const server = this.server;
    this.server = undefined;
    for (const s of this.liveSessions) s.terminate();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private restContext() {
    return {
      store: this.store,
      auth: this.auth,
      jobLogs: this.jobLogs,
      info: () => buildInfo(this.mode, this.boundPort, this.store.list('machines').length),
      publish: (e: EventInput) => this.publish(e),
      audited: (user: string) => this.publish(this.logs.audit(user)),
    };
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    if (url.pathname !== '/api/v3/ws' || req.method !== 'GET') {
      return writeRaw(socket, 404, { 'Content-Type': 'application/json; charset=utf-8' },
        JSON.stringify(drpError(404, '', url.pathname, req.method ?? 'GET', 'No route')));
    }
    const auth = this.auth.authenticate(req.headers.authorization, url.searchParams.get('token'));
    if (!auth.ok) {
      this.refusedUpgrades.push({ status: auth.status });
      return writeAuthFailure(socket, auth);
    }
    if (auth.scheme === 'basic') this.publish(this.logs.audit(auth.user));
    this.wss.handleUpgrade(req, socket, head, (ws) => this.addSession(ws, auth.user, auth.scheme));
  }

  private addSession(ws: WebSocket, user: string, scheme: 'basic' | 'bearer'): void {
    const session = new SimSession(this.nextSessionId++, user, scheme, ws, {
      pingIntervalMs: this.options.pingIntervalMs ?? 54_000,
      pongTimeoutMs: this.options.pongTimeoutMs ?? 60_000,
      queueLimit: this.options.queueLimit ?? 256,
      writeTimeoutMs: this.options.writeTimeoutMs ?? 10_000,
    }, {
      frame: (s, text, binary) => {
        const f = { session: s.id, text, binary };
        this.receivedFrames.push(f);
        this.onFrameEmitter.fire(f);
      },
      closed: (s) => {
        this.liveSessions.delete(s);
        this.log(`session ${s.id} closed`);
        this.onSessionClosedEmitter.fire(s);
      },
    });
    this.liveSessions.add(session);
    if (this.stalled) session.setStalled(true);
    this.log(`session ${session.id} connected as ${user} (${scheme})`);
    this.onConnectionEmitter.fire(session);
  }

  /** Waits while any live, unstalled session's queue is nearly full, so a flood drops nothing. */
  private async roomInQueues(limit: number): Promise<void> {
    const margin = Math.max(1, Math.floor(limit / 8));
    while (!this.crashed && [...this.liveSessions].some((s) => !this.stalled && s.queued >= limit - margin)) {
      await new Promise((r) => setTimeout(r, 1));
    }
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

function writeAuthFailure(socket: Duplex, auth: Exclude<AuthResult, { ok: true }>): void {
  if (auth.status === 401) return writeRaw(socket, 401, { 'WWW-Authenticate': 'dr-provision' }, '');
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  if (auth.wwwAuthenticate) headers['WWW-Authenticate'] = 'dr-provision';
  writeRaw(socket, 403, headers, JSON.stringify(auth.body));
}

/** An HTTP/1.1 reply written straight to an upgrade socket, which has no ServerResponse. */
function writeRaw(socket: Duplex, status: number, headers: Record<string, string>, body: string): void {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, 'Connection: close', `Content-Length: ${Buffer.byteLength(body)}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
