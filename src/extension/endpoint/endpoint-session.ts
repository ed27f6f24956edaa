// The endpoint the user configured and the one connection to it, in VS Code: EndpointLink
// (src/core/endpoint/endpoint-link.ts) does the work; this gives it the drp settings,
// SecretStorage, the trusted certificates, notifications and the log, and turns its changes
// into VS Code events.
import * as vscode from 'vscode';
import type { MalformedFrame } from '../../core/connection/connection';
import { EndpointLink, type EndpointLinkPorts } from '../../core/endpoint/endpoint-link';
import type { Endpoint } from '../../core/endpoint/endpoint-clients';
import type { TlsTrust } from '../../core/endpoint/tls-trust';
import { chooseTrust } from '../../core/endpoint/trust-choice';
import type { EventStream } from '../../core/events/event-stream';
import type { ExtensionLog } from '../events/output';
import type { FilterStore } from '../filters/filter-store';
import type { CredentialStore } from './credential-store';
import { onDidChangeSettings, readSettings, rewriteEndpointSetting } from './settings';
import type { TrustStore } from './trust-store';

export interface SessionDeps {
  stream: EventStream;
  credentials: CredentialStore;
  trust: TrustStore;
  /** The filters remembered for an origin; loaded when the endpoint changes. */
  filters: FilterStore;
  log: ExtensionLog;
}

export class EndpointSession extends EndpointLink implements vscode.Disposable {
  /** Fires when the endpoint, the connection or its state changes. */
  readonly onDidChange: vscode.Event<void>;
  /** A frame from the endpoint was not a DRP event; it was skipped and counted. */
  readonly onDidReceiveMalformed: vscode.Event<MalformedFrame>;
  private readonly disposables: vscode.Disposable[];

  constructor(deps: SessionDeps) {
    const changed = new vscode.EventEmitter<void>();
    const malformed = new vscode.EventEmitter<MalformedFrame>();
    super(ports(deps, changed, malformed));
    this.onDidChange = changed.event;
    this.onDidReceiveMalformed = malformed.event;
    this.disposables = [
      onDidChangeSettings((c) => this.settingsChanged(c)),
      deps.credentials.onDidChange((origin) => this.credentialStored(origin)),
      changed,
      malformed,
    ];
  }

  override dispose(): void {
    // The link first: closing its connection still fires state changes through `changed`.
    // Each step runs even if an earlier one throws, so the emitters are always disposed.
    try {
      super.dispose();
    } finally {
      for (const d of this.disposables) d.dispose();
    }
  }
}

function ports(deps: SessionDeps, changed: vscode.EventEmitter<void>, malformed: vscode.EventEmitter<MalformedFrame>): EndpointLinkPorts {
  return {
    settings: readSettings,
    credentials: deps.credentials,
    trustFor: (origin) => trustFor(deps.trust, origin),
    credentialMoved,
    stream: deps.stream,
    filters: deps.filters,
    changed: () => changed.fire(),
    malformed: (m) => malformed.fire(m),
    log: deps.log,
  };
}

async function credentialMoved(endpoint: Endpoint): Promise<void> {
  await rewriteEndpointSetting(endpoint.origin);
  void vscode.window.showInformationMessage(
    `The credential in drp.endpoint was moved to VS Code's secret storage for ${endpoint.display}, and the setting now reads ${endpoint.origin}.`,
  );
}

async function trustFor(trust: TrustStore, origin: string): Promise<TlsTrust> {
  const choice = await chooseTrust(readSettings(), trust.get(origin));
  if (choice.caFileError) {
    void vscode.window.showErrorMessage(`Cannot read drp.tls.caFile (${choice.caFileError}). Fix the path in Settings; until then the system's certificate authorities are used.`, 'Open Settings')
      .then((pick) => pick && vscode.commands.executeCommand('workbench.action.openSettings', 'drp.tls.caFile'));
  }
  return choice.trust;
}
