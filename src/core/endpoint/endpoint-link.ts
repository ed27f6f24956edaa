// The endpoint the user configured, and the one connection to it. Rebuilt whenever the
// endpoint, the TLS settings, the trusted certificate or the credential changes; the event
// stream, its filters and the buffer live on across rebuilds (EventStream.attach), and each
// origin gets its own filters (endpoint-filters.ts). What VS Code provides (settings,
// SecretStorage, notifications, the log) comes in as ports: EndpointSession in
// src/extension/endpoint is that glue (docs/architecture.md §4).
import { DrpConnection } from '../connection/connection';
import type { MalformedFrame, StateChange } from '../connection/connection-types';
import type { Disposable } from '../emitter';
import type { EventStream } from '../events/event-stream';
import { EndpointFilters, type FilterSets } from '../filters/endpoint-filters';
import { ConnectionSlot } from './connection-slot';
import type { Credential } from './credentials';
import { normalizeEndpoint } from './endpoint';
import { connectionOptions, endpointOf, restClientFor, type CredentialLookup, type Endpoint } from './endpoint-clients';
import { connectsAfterBuild, type ConnectWish } from './rebuild-policy';
import { DrpApiError } from './api-error';
import type { DrpRestClient } from './rest-client';
import type { TlsTrust } from './tls-trust';

export interface EndpointLinkPorts {
  /** drp.endpoint and drp.autoConnect, read afresh each time. */
  settings(): { endpoint: string; autoConnect: boolean };
  credentials: { get: CredentialLookup; set(origin: string, credential: Credential): Promise<void> };
  /** The trust for an origin's clients (trust-choice.ts), asked afresh for each client. */
  trustFor(origin: string): Promise<TlsTrust>;
  /** drp.endpoint held a credential, now stored: set it to the bare origin and say so. */
  credentialMoved(endpoint: Endpoint): Promise<void>;
  stream: EventStream;
  /** The filters remembered per origin. */
  filters: FilterSets;
  /** The endpoint, the connection or its state changed. */
  changed(): void;
  /** A frame from the endpoint was not a DRP event; it was skipped and counted. */
  malformed(frame: MalformedFrame): void;
  log: { debug(line: string): void; info(line: string): void; warn(line: string): void; error(line: string): void };
}

/** What the endpoint said about a credential offered at sign-in. */
export type CredentialCheck = { outcome: 'accepted' } | { outcome: 'refused' | 'unchecked'; message: string };

export class EndpointLink implements Disposable {
  private current: Endpoint | undefined;
  private problem: string | undefined;
  private rebuilding: Promise<void> = Promise.resolve();
  private readonly slot: ConnectionSlot;
  private readonly filters: EndpointFilters;
  private readonly credentialOf: CredentialLookup = (origin) => this.ports.credentials.get(origin);

  constructor(private readonly ports: EndpointLinkPorts) {
    this.slot = new ConnectionSlot({ changed: () => ports.changed(), malformed: (m) => ports.malformed(m), log: ports.log });
    this.filters = new EndpointFilters(ports.stream, ports.filters, () => this.current?.origin, ports.log);
  }

  get endpoint(): Endpoint | undefined {
    return this.current;
  }
  /** Why there is no endpoint (an unusable drp.endpoint setting), as a sentence. */
  get endpointProblem(): string | undefined {
    return this.problem;
  }
  get isSignedIn(): boolean {
    return this.slot.isSignedIn;
  }
  /** 'as rocketskates' or 'with a token' while signed in (for "Connected to … as …"). */
  get signedInAs(): string | undefined {
    return this.slot.signedInAs;
  }
  get state(): StateChange {
    return this.slot.state(this.problem);
  }
  /** When the current state began (for the reconnect countdown). */
  get stateSince(): number {
    return this.slot.stateSince;
  }

  /** Some drp settings changed (`changed` takes a name without `drp.`). */
  settingsChanged(changed: (name: string) => boolean): void {
    if (changed('endpoint') || changed('tls')) void this.rebuild('auto');
  }

  /** A credential was stored or removed for `origin`: in this window or, as well, another. */
  credentialStored(origin: string): void {
    if (origin === this.current?.origin) void this.credentialChanged('auto');
  }

  /**
   * Reads the settings, lifts any credential pasted into drp.endpoint into storage, and
   * builds a fresh connection. Connects when asked to, or when drp.autoConnect is on; either
   * way only with a credential.
   */
  rebuild(connect: ConnectWish = 'auto'): Promise<void> {
    return this.serialize(() => this.doRebuild(connect));
  }

  /** The stored credential for the endpoint changed (see afterCredentialChange). */
  credentialChanged(connect: 'auto' | 'yes' = 'auto'): Promise<void> {
    return this.serialize(async () => {
      const origin = this.current?.origin;
      const stored = origin ? await this.credentialOf(origin) : undefined;
      if (this.slot.credentialChanged(stored, connect) === 'rebuild') await this.doRebuild(connect);
    });
  }

  /**
   * Asks the endpoint whether it accepts `credential` (one `GET /api/v3/info` with it), before
   * it replaces a stored one. 'unchecked' when the endpoint could not answer (unreachable, its
   * certificate not trusted): then the connection reports the problem as usual.
   */
  async checkCredential(credential: Credential): Promise<CredentialCheck> {
    try {
      // The same client Open Latest uses, offered this credential instead of the stored one.
      const client = await restClientFor(this.current, this.problem, (origin) => this.ports.trustFor(origin), async () => credential);
      await client.info();
      return { outcome: 'accepted' };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const refused = err instanceof DrpApiError && err.kind === 'http' && (err.status === 401 || err.status === 403);
      return { outcome: refused ? 'refused' : 'unchecked', message };
    }
  }

  /** Resolves once every rebuild asked for so far has finished (without starting one). */
  settled(): Promise<void> {
    return this.rebuilding;
  }

  connect(): void {
    const connection = this.slot.connection;
    if (connection) connection.connect();
    else void this.rebuild('yes');
  }

  disconnect(): void {
    this.slot.connection?.disconnect();
  }

  async reconnect(): Promise<void> {
    await this.rebuild('yes');
  }

  async credential(): Promise<Credential | undefined> {
    return this.current ? this.credentialOf(this.current.origin) : undefined;
  }

  /** The trust the current endpoint's clients get (undefined without an endpoint). */
  async trust(): Promise<TlsTrust | undefined> {
    return this.current ? this.ports.trustFor(this.current.origin) : undefined;
  }

  /** A REST client for the current endpoint, with the same trust as the websocket. */
  restClient(): Promise<DrpRestClient> {
    return restClientFor(this.current, this.problem, (origin) => this.ports.trustFor(origin), this.credentialOf);
  }

  dispose(): void {
    this.slot.dispose();
    this.filters.dispose();
  }

  /** One rebuild at a time, in the order asked. */
  private serialize(step: () => Promise<void>): Promise<void> {
    this.rebuilding = this.rebuilding.then(step).catch((err) => {
      this.ports.log.error(`Could not set up the connection: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.rebuilding;
  }

  private async doRebuild(connect: ConnectWish): Promise<void> {
    this.slot.empty();
    const normalized = normalizeEndpoint(this.ports.settings().endpoint);
    if (!normalized.ok) {
      this.current = undefined;
      this.problem = `drp.endpoint is not usable: ${normalized.message}`;
      this.slot.signedOut();
      this.ports.changed();
      return;
    }
    this.problem = undefined;
    const endpoint = endpointOf(normalized);
    this.current = endpoint;
    if (normalized.credential) {
      // The docs' own URL carries `?token=user:pass`; a setting is no place for it. The
      // rewritten setting brings another rebuild (settingsChanged).
      await this.ports.credentials.set(endpoint.origin, normalized.credential);
      await this.ports.credentialMoved(endpoint);
    }
    for (const note of normalized.notes) this.ports.log.info(note);

    const credential = await this.credentialOf(endpoint.origin);
    this.slot.building(credential);
    const trust = await this.ports.trustFor(endpoint.origin);
    const connection = new DrpConnection(connectionOptions(endpoint, trust, this.credentialOf, (line) => this.ports.log.debug(line)));
    this.slot.fill(connection, endpoint.display);
    this.filters.use(endpoint.origin);
    this.ports.stream.attach(connection);
    this.ports.changed();
    if (connectsAfterBuild(connect, this.ports.settings().autoConnect, credential !== undefined)) connection.connect();
  }
}
