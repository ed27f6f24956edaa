// The composition root: builds every part of the extension, wires them together, and ties
// their lifetimes to the extension context. Nothing else creates long-lived objects.
//
// Everything is owned by one Lifetime, disposed newest first (the log channel last, so the
// session's closing lines still reach it). context.subscriptions holds only that Lifetime:
// VS Code disposes its list in push order, which would close the log before its writers.
import * as vscode from 'vscode';
import { EventStream } from './core/events/event-stream';
import { Recordings } from './core/events/recording';
import { FilterRegistry } from './core/filters/filter-registry';
import { createApi, type DrpEventInspectorApi } from './extension/api';
import { registerCertificateDocuments } from './extension/endpoint/certificate-document';
import { CertificatePrompt } from './extension/endpoint/certificate-prompt';
import { registerConnectionCommands } from './extension/connection/connection-commands';
import { ConnectionNotifications } from './extension/connection/connection-notifications';
import { ConnectionStatus } from './extension/connection/connection-status';
import { trackContextKeys } from './extension/context-keys';
import { CredentialStore } from './extension/endpoint/credential-store';
import { signInForDevelopment } from './extension/endpoint/dev-sign-in';
import { EndpointSession } from './extension/endpoint/endpoint-session';
import { createBuffer, followBufferSettings } from './extension/events/buffer-settings';
import { registerEventCommands } from './extension/events/event-commands';
import { EventDocuments } from './extension/events/event-documents';
import { EventsTree } from './extension/events/events-tree';
import { PausedStatusBar } from './extension/events/paused-status-bar';
import { registerFilterCommands } from './extension/filters/filter-commands';
import { FilterStore } from './extension/filters/filter-store';
import { FiltersTree } from './extension/filters/filters-tree';
import { startDisplayNames } from './extension/names/display-names';
import { createLog, EventOutput } from './extension/events/output';
import { Lifetime } from './core/lifetime';
import { registerRecordingCommands } from './extension/events/recording-commands';
import { RegisterFilterInput } from './extension/filters/register-filter-input';
import { registerSignInCommands } from './extension/endpoint/sign-in';
import { ConnectionStatusBar } from './extension/connection/status-bar';
import { registerStreamCommands } from './extension/events/stream-commands';
import { registerEventTable } from './extension/table/table-panel';
import { RecordingTables } from './extension/table/recording-tables';
import { tableSource } from './extension/table/table-source';
import { TrustStore } from './extension/endpoint/trust-store';

/** The running instance's objects; deactivate() and context.subscriptions both dispose it. */
let lifetime: Lifetime | undefined;

export function activate(context: vscode.ExtensionContext): DrpEventInspectorApi {
  lifetime?.dispose();
  const owned = new Lifetime();
  lifetime = owned;
  context.subscriptions.push(owned);
  const subs = { push: (...items: vscode.Disposable[]) => owned.add(...items) };
  const log = createLog();
  subs.push(log);

  const buffer = createBuffer();
  const registry = new FilterRegistry();
  const stream = new EventStream({ registry, buffer });
  subs.push(followBufferSettings(buffer), { dispose: () => stream.dispose() }, { dispose: () => registry.dispose() });

  const credentials = new CredentialStore(context.secrets);
  const trust = new TrustStore(context.globalState);
  const session = new EndpointSession({ stream, credentials, trust, filters: new FilterStore(context.globalState), log });
  subs.push(credentials, session);
  void signInForDevelopment(context.extensionMode !== vscode.ExtensionMode.Production, process.env.DRP_DEV_SIGN_IN, credentials, log);

  const names = startDisplayNames(stream, session, registry, buffer, log);
  subs.push(...names.disposables);

  const output = new EventOutput(stream, undefined, (e) => names.describer.line(e));
  // Opened recordings live apart from the stream; documents and the table reach them by id.
  const recordings = new Recordings();
  const documents = new EventDocuments(buffer, async (type, key) => (await session.restClient()).get(type, key), recordings);
  const recordingTables = new RecordingTables(context.extensionUri, recordings);
  const certificates = new CertificatePrompt(session, trust);
  const connectionStatus = new ConnectionStatus(session, stream);
  const filterInput = new RegisterFilterInput(async () => (await session.restClient()).objects(), () => registry.filters());
  subs.push(
    output,
    documents,
    certificates,
    registerCertificateDocuments(),
    connectionStatus,
    new ConnectionStatusBar(connectionStatus),
    new PausedStatusBar(stream),
    new ConnectionNotifications(session, () => registry.size, () => log.show(true)),
    trackContextKeys(session, stream),
    new FiltersTree(stream, session),
    new EventsTree(stream),
    ...registerSignInCommands(session, credentials),
    ...registerConnectionCommands(session, certificates),
    ...registerFilterCommands(stream, session, filterInput),
    ...registerStreamCommands(stream, output),
    recordingTables,
    ...registerRecordingCommands({ stream, recordings, openTable: (recording, file) => recordingTables.open(recording, file) }),
    registerEventTable(context.extensionUri, tableSource(stream, session)),
  );
  const eventCommands: vscode.Disposable[] = [];
  registerEventCommands({ subscriptions: eventCommands }, { documents, endpointName: () => session.endpoint?.display });
  subs.push(...eventCommands);

  const { api, disposables } = createApi(stream, session, names);
  subs.push(...disposables);
  void session.rebuild('auto');
  return api;
}

export function deactivate(): void {
  const owned = lifetime;
  lifetime = undefined;
  owned?.dispose();
}
