// The endpoint the user configured, and the one connection to it. Rebuilt whenever the
// endpoint, the TLS settings, the trusted fingerprint or the credential changes; the event
// stream, filters and buffer live on across those rebuilds (EventStream.attach).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { DrpConnection, type MalformedFrame, type StateChange } from '../../core/connection/connection';
import type { Credential } from '../../core/endpoint/credentials';
import { normalizeEndpoint } from '../../core/endpoint/endpoint';
import type { EventStream } from '../../core/events/event-stream';
import { DrpRestClient } from '../../core/endpoint/rest-client';
import type { TlsTrust } from '../../core/endpoint/tls-trust';
import type { CredentialStore } from './credential-store';
import type { FilterStore } from '../filters/filter-store';
import { readSettings, rewriteEndpointSetting } from './settings';
import type { TrustStore } from './trust-store';

export interface Endpoint {
  origin: string;
  restBase: string;
  wsUrl: string;
  display: string;
}

export interface SessionDeps {
  stream: EventStream;
  credentials: CredentialStore;
  trust: TrustStore;
  /** The filters remembered for an origin; loaded when the endpoint changes. */
  filters: FilterStore;
  log: vscode.LogOutputChannel;
}

export class EndpointSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the endpoint, the connection or its state changes. */
  readonly onDidChange = this.changed.event;
  private readonly malformedEmitter = new vscode.EventEmitter<MalformedFrame>();
  /** A frame from the endpoint was not a DRP event; it was skipped and counted. */
  readonly onDidReceiveMalformed = this.malformedEmitter.event;
  private current: Endpoint | undefined;
  private problem: string | undefined;
  private connection: DrpConnection | undefined;
  private connectionSubscriptions: vscode.Disposable[] = [];
  private signedIn = false;
  private stateChangedAt = Date.now();
  private rebuilding: Promise<void> = Promise.resolve();
  /** The origin whose filters the stream holds. */
  private filtersOrigin: string | undefined;
  /** A digest (never the secret) of the credential the current connection was built with. */
  private builtWith: string | undefined;

  constructor(private readonly deps: SessionDeps) {}

  get endpoint(): Endpoint | undefined {
    return this.current;
  }
  /** Why there is no endpoint (an unusable drp.endpoint setting), as a sentence. */
  get endpointProblem(): string | undefined {
    return this.problem;
  }
  get isSignedIn(): boolean {
    return this.signedIn;
  }
  get state(): StateChange {
    const c = this.connection;
    if (!c) return { state: 'idle', detail: this.problem ? { message: this.problem } : {} };
    return { state: c.state, detail: c.detail };
  }
  /** When the current state began (for the reconnect countdown). */
  get stateSince(): number {
    return this.stateChangedAt;
  }

  /**
   * Reads the settings, lifts any credential pasted into drp.endpoint into SecretStorage, and
   * builds a fresh connection. Connects when asked to, or when drp.autoConnect is on and
   * the user has filters to watch.
   */
  rebuild(connect: 'auto' | 'yes' | 'no' = 'auto'): Promise<void> {
    this.rebuilding = this.rebuilding.then(() => this.doRebuild(connect)).catch((err) => {
      this.deps.log.error(`Could not set up the connection: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.rebuilding;
  }

  /**
   * The stored credential for the endpoint changed: a sign-in here or in another window.
   * Both report the same change (SecretStorage fires in every window, this one included),
   * so a connection already built with this credential is kept rather than started twice.
   */
  credentialChanged(connect: 'auto' | 'yes' = 'auto'): Promise<void> {
    this.rebuilding = this.rebuilding.then(async () => {
      const origin = this.current?.origin;
      const stored = origin ? await this.deps.credentials.get(origin) : undefined;
      if (!this.connection || digest(stored) !== this.builtWith) return this.doRebuild(connect);
      const live = ['connecting', 'open', 'reconnecting'].includes(this.connection.state);
      if (connect === 'yes' && !live && stored) this.connection.connect();
    }).catch((err) => {
      this.deps.log.error(`Could not set up the connection: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.rebuilding;
  }

  connect(): void {
    if (this.connection) this.connection.connect();
    else void this.rebuild('yes');
  }

  disconnect(): void {
    this.connection?.disconnect();
  }

  async reconnect(): Promise<void> {
    await this.rebuild('yes');
  }

  async credential(): Promise<Credential | undefined> {
    return this.current ? this.deps.credentials.get(this.current.origin) : undefined;
  }

  /** A REST client for the current endpoint, with the same trust as the websocket. */
  async restClient(): Promise<DrpRestClient> {
    const endpoint = this.current;
    if (!endpoint) throw new Error(this.problem ?? 'No DRP endpoint is configured. Set drp.endpoint.');
    const trust = await this.trustFor(endpoint.origin);
    return new DrpRestClient({ restBase: endpoint.restBase, trust, credential: () => this.deps.credentials.get(endpoint.origin) });
  }

  private async doRebuild(connect: 'auto' | 'yes' | 'no'): Promise<void> {
    this.detach();
    const settings = readSettings();
    const normalized = normalizeEndpoint(settings.endpoint);
    if (!normalized.ok) {
      this.current = undefined;
      this.problem = `drp.endpoint is not usable: ${normalized.message}`;
      this.signedIn = false;
      this.fireChanged();
      return;
    }
    this.problem = undefined;
    const endpoint: Endpoint = { origin: normalized.origin, restBase: normalized.restBase, wsUrl: normalized.wsUrl, display: normalized.display };
    this.current = endpoint;
    if (normalized.credential) {
      // The docs' own URL carries `?token=user:pass`; a setting is no place for it.
      await this.deps.credentials.set(endpoint.origin, normalized.credential);
      await rewriteEndpointSetting(endpoint.origin);
      void vscode.window.showInformationMessage(
        `The credential in drp.endpoint was moved to VS Code's secret storage for ${endpoint.display}, and the setting now reads ${endpoint.origin}.`,
      );
      // Rewriting the setting triggers another rebuild through the settings listener.
    }
    for (const note of normalized.notes) this.deps.log.info(note);

    const credential = await this.deps.credentials.get(endpoint.origin);
    this.builtWith = digest(credential);
    this.signedIn = credential !== undefined;
    const trust = await this.trustFor(endpoint.origin);
    const connection = new DrpConnection({
      wsUrl: endpoint.wsUrl,
      trust,
      credential: () => this.deps.credentials.get(endpoint.origin),
      log: (line) => this.deps.log.debug(line),
    });
    this.connection = connection;
    this.connectionSubscriptions.push(
      { dispose: () => connection.dispose() },
      connection.onMalformed((m) => {
        // The reason only: the frame's text can hold object bodies, which stay out of the log.
        this.deps.log.warn(`Skipped a frame from ${endpoint.display} that is not a DRP event (${m.reason}); ${connection.malformedCount} so far on this connection.`);
        this.malformedEmitter.fire(m);
      }),
      connection.onDidChangeState((change) => {
        this.stateChangedAt = Date.now();
        if (change.detail.reason === 'signed-out') this.signedIn = false;
        if (change.state === 'open') this.signedIn = true;
        this.deps.log.info(`Connection ${change.state}${change.detail.message ? `: ${change.detail.message}` : ''}`);
        this.fireChanged();
      }),
    );
    if (endpoint.origin !== this.filtersOrigin) this.loadFilters(endpoint.origin);
    this.deps.stream.attach(connection);
    this.fireChanged();

    const wanted = connect === 'yes' || (connect === 'auto' && readSettings().autoConnect);
    if (wanted && credential) connection.connect();
  }

  /** Each endpoint has its own filters: swap them in without sending anything yet. */
  private loadFilters(origin: string): void {
    const stream = this.deps.stream;
    stream.attach(undefined);
    stream.removeAllFilters();
    for (const filter of this.deps.filters.get(origin)) {
      const check = stream.addFilter(filter);
      if (!check.ok) this.deps.log.warn(`Skipped a remembered filter that is no longer valid: ${check.message}`);
    }
    this.filtersOrigin = origin;
  }

  /** Remembers the current filters for the current endpoint. */
  async saveFilters(): Promise<void> {
    if (this.current) await this.deps.filters.set(this.current.origin, this.deps.stream.registry.filters().map((f) => f.filter));
  }

  private async trustFor(origin: string): Promise<TlsTrust> {
    const settings = readSettings();
    if (settings.insecure) return { mode: 'insecure' };
    const pinned = this.deps.trust.get(origin);
    if (pinned) return { mode: 'pinned', fingerprint256: pinned.fingerprint256, ...(pinned.pem ? { certPem: pinned.pem } : {}) };
    if (settings.caFile) {
      try {
        return { mode: 'ca', caPem: await readFile(settings.caFile) };
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        void vscode.window.showErrorMessage(`Cannot read drp.tls.caFile (${why}). Fix the path in Settings; until then the system's certificate authorities are used.`, 'Open Settings')
          .then((pick) => pick && vscode.commands.executeCommand('workbench.action.openSettings', 'drp.tls.caFile'));
      }
    }
    return { mode: 'system' };
  }

  private detach(): void {
    this.builtWith = undefined;
    for (const d of this.connectionSubscriptions) d.dispose();
    this.connectionSubscriptions = [];
    this.connection = undefined;
  }

  private fireChanged(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.detach();
    this.changed.dispose();
    this.malformedEmitter.dispose();
  }
}

function digest(credential: Credential | undefined): string {
  return createHash('sha256').update(JSON.stringify(credential ?? null)).digest('hex');
}
