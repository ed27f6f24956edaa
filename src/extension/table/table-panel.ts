// The event table panel: the VS Code side of the table. It owns one webview panel over one
// TableSource (the live stream, one at a time, restored after a reload; or an opened
// recording, read-only, see recording-tables.ts) and carries messages and visibility to a
// TableSession, which holds all the logic in plain, testable code
// (src/core/table/table-session.ts).
//
// The page is not retained while hidden (retainContextWhenHidden: false): a hidden table costs
// nothing, and VS Code reloads the page when it is shown again; the page then says `ready`
// and the session re-syncs it.
import * as vscode from 'vscode';
import { TableSession, type TableSource } from '../../core/table/table-session';
import type { EventQuery } from '../../core/table/webview-messages';
import { makeNonce, tableHtml } from './webview-html';

export type { TableCommand, TableSource, TableSourceStats } from '../../core/table/table-session';

export interface TablePanelOptions {
  /** Coalescing tick for posts to the page (ms, default 100). */
  batchMs?: number;
  /** Sparkline sample interval (ms, default 1000). */
  statsMs?: number;
}

/** Which table a panel is: its view type and tab title, and for a recording what the page says it is. */
export interface TablePanelKind {
  viewType: string;
  title: string;
  /** Set for a recording: the page is read-only (no Pause, Clear or Follow) and shows this sentence. */
  recording?: { banner: string; file: string; id: string };
}

export const LIVE_TABLE: TablePanelKind = { viewType: 'drp.eventTable', title: 'DRP Event Table' };

export class EventTablePanel implements vscode.Disposable {
  static readonly viewType = LIVE_TABLE.viewType;

  /** Opens a new panel in the active column. */
  static create(extensionUri: vscode.Uri, source: TableSource, options: TablePanelOptions = {}, kind: TablePanelKind = LIVE_TABLE): EventTablePanel {
    const panel = vscode.window.createWebviewPanel(kind.viewType, kind.title, vscode.ViewColumn.Active, EventTablePanel.webviewOptions(extensionUri));
    return new EventTablePanel(panel, extensionUri, source, options, kind);
  }

  /** Adopts a panel VS Code restored after a reload (from the serializer). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: TableSource, options: TablePanelOptions = {}, kind: TablePanelKind = LIVE_TABLE): EventTablePanel {
    panel.webview.options = EventTablePanel.webviewOptions(extensionUri);
    panel.title = kind.title;
    return new EventTablePanel(panel, extensionUri, source, options, kind);
  }

  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private readonly session: TableSession;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private disposed = false;

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: TableSource, options: TablePanelOptions, kind: TablePanelKind) {
    const webview = panel.webview;
    this.session = new TableSession(source, {
      post: (m) => void webview.postMessage(m),
      showError: (message) => void vscode.window.showErrorMessage(message),
      batchMs: options.batchMs,
      statsMs: options.statsMs,
    });
    this.session.setVisible(panel.visible);
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
    webview.html = tableHtml({
      cspSource: webview.cspSource,
      scriptNonce: makeNonce(),
      styleNonce: makeNonce(),
      scriptUri: asset('main.js'),
      styleUri: asset('table.css'),
      recording: kind.recording,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.session.receive(m)),
      panel.onDidChangeViewState((e) => this.session.setVisible(e.webviewPanel.visible)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  showQuery(query: EventQuery): void {
    this.session.showQuery(query);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }
}

/**
 * Registers `drp.showEventTable` (one panel: a second call reveals it) and the serializer
 * that restores the panel after a window reload. The manifest needs the activation event
 * `onWebviewPanel:drp.eventTable` for the restore to reach this extension.
 */
export function registerEventTable(extensionUri: vscode.Uri, source: TableSource, options: TablePanelOptions = {}): vscode.Disposable {
  let current: EventTablePanel | undefined;
  const adopt = (panel: EventTablePanel): void => {
    current?.dispose();
    current = panel;
    panel.onDidDispose(() => {
      if (current === panel) current = undefined;
    });
  };
  const show = (arg?: unknown): void => {
    if (current !== undefined) current.reveal();
    else adopt(EventTablePanel.create(extensionUri, source, options));
    const query = objectQuery(arg);
    if (query !== undefined) current?.showQuery(query);
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('drp.showEventTable', show),
    // The same, under the title a row's context menu shows ("Show in Event Table").
    vscode.commands.registerCommand('drp.showInEventTable', show),
    vscode.window.registerWebviewPanelSerializer(EventTablePanel.viewType, {
      deserializeWebviewPanel: async (panel) => {
        adopt(EventTablePanel.revive(panel, extensionUri, source, options));
      },
    }),
    { dispose: () => current?.dispose() },
  );
}

/**
 * The table query for an Events tree row (`{ type }` or `{ type, key }`): that type, and for a
 * key a search for its header field as the endpoint writes it (compact JSON, `"Key":"…"`), so
 * key `n1` does not also find `n10` and the search box shows what is applied. Anything else
 * (no argument, a palette run) leaves the table's query as it is.
 */
export function objectQuery(arg: unknown): EventQuery | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { type, key } = arg as { type?: unknown; key?: unknown };
  if (typeof type !== 'string' || type === '') return undefined;
  return { text: typeof key === 'string' ? `"Key":${JSON.stringify(key)}` : '', types: [type], actions: [] };
}
