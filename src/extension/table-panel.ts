// The event table panel: a webview showing the host's event buffer through an EventView.
//
// The page is not retained while hidden (retainContextWhenHidden: false): a hidden table costs
// nothing, and VS Code reloads the page when it is shown again. The page then says `ready`,
// and the panel re-syncs it with a reset, after rebuilding the view if events arrived while
// it was hidden. Posts are coalesced per batch tick and never sent to a hidden page.
import * as vscode from 'vscode';
import type { Disposable, Event } from '../core/emitter';
import { EventView, type ViewEvent, type ViewSource } from '../core/event-view';
import {
  parseWebviewMessage,
  type CopyWhat,
  type ExportScope,
  type HostMessage,
  type OpenWhat,
  type ViewQuery,
  type WebviewMessage,
} from '../core/webview-messages';
import { makeNonce, tableHtml } from './webview-html';

export type TableCommand =
  | { kind: 'open'; seq: number; what: OpenWhat }
  | { kind: 'copy'; seq: number; what: CopyWhat }
  | { kind: 'registerForKey'; seq: number }
  /** `seqs` lists the events of the view when scope is 'view'. */
  | { kind: 'export'; scope: ExportScope; seqs?: number[] }
  | { kind: 'import' };

export interface TableSourceStats {
  /** Events received since the start (monotonic): the sparkline's rate is its derivative. */
  received: number;
  size: number;
  maxEvents: number;
  dropped: number;
  /** A short sentence for the toolbar, e.g. "Connected to 127.0.0.1:8092". */
  connection: string;
}

/** What the table needs from the event stream; the composition root adapts EventStream to it. */
export interface TableSource {
  readonly buffer: ViewSource;
  /** Coalesced appends, held while paused (as EventStream.onDidAppend). */
  readonly onDidAppend: Event<readonly ViewEvent[]>;
  readonly onDidClear: Event<void>;
  readonly onDidChangePaused: Event<boolean>;
  readonly paused: boolean;
  /** Events buffered since pause and not yet shown: the newest `held` seqs of the buffer. */
  readonly held: number;
  pause(): void;
  resume(): void;
  clear(): void;
  stats(): TableSourceStats;
  runCommand(command: TableCommand): void | Thenable<unknown>;
}

export interface TablePanelOptions {
  /** Coalescing tick for posts to the page (ms). */
  batchMs?: number;
  /** Sparkline sample interval (ms). */
  statsMs?: number;
}

// At most this many of the newest rows ride along with a `changed` post: a screenful plus
// overscan, so a table following the tail never waits for a round trip.
const TAIL_ROWS = 120;
const RATE_SAMPLES = 60;

export class EventTablePanel implements vscode.Disposable {
  static readonly viewType = 'drp.eventTable';

  /** Opens a new panel in the active column. */
  static create(extensionUri: vscode.Uri, source: TableSource, options: TablePanelOptions = {}): EventTablePanel {
    const panel = vscode.window.createWebviewPanel(
      EventTablePanel.viewType,
      'DRP Events',
      vscode.ViewColumn.Active,
      EventTablePanel.webviewOptions(extensionUri),
    );
    return new EventTablePanel(panel, extensionUri, source, options);
  }

  /** Adopts a panel VS Code restored after a reload (from the serializer). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: TableSource, options: TablePanelOptions = {}): EventTablePanel {
    panel.webview.options = EventTablePanel.webviewOptions(extensionUri);
    return new EventTablePanel(panel, extensionUri, source, options);
  }

  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private readonly view: EventView;
  private readonly disposables: Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly batchMs: number;
  /** The page has said `ready` since it was last (re)loaded. */
  private ready = false;
  /** Events arrived while no page listened: rebuild before the next reset. */
  private stale = true;
  private pendingRemoved = 0;
  private pendingAdded = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly statsTimer: ReturnType<typeof setInterval>;
  private readonly rate: number[] = [];
  private lastReceived: number;
  private lastSampleAt = Date.now();
  private facetSize = -1;
  private disposed = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: TableSource,
    options: TablePanelOptions,
  ) {
    this.batchMs = options.batchMs ?? 100;
    this.view = new EventView(source.buffer);
    this.lastReceived = source.stats().received;

    const webview = panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
    webview.html = tableHtml({ cspSource: webview.cspSource, scriptNonce: makeNonce(), styleNonce: makeNonce(), scriptUri: asset('main.js'), styleUri: asset('table.css') });

    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        // A hidden page is torn down; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
      source.onDidAppend((events) => this.onAppend(events)),
      source.onDidClear(() => {
        this.view.rebuild(this.shownUpTo());
        this.resync(false);
      }),
      source.onDidChangePaused(() => this.postStats()),
    );
    this.statsTimer = setInterval(() => this.sampleRate(), options.statsMs ?? 1000);
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.statsTimer);
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  private get live(): boolean {
    return this.ready && this.panel.visible && !this.disposed;
  }

  /** The newest seq the table may show: events held while paused stay out of a rebuild. */
  private shownUpTo(): number {
    return this.source.paused ? this.source.buffer.lastSeq - this.source.held : Number.POSITIVE_INFINITY;
  }

  private onAppend(events: readonly ViewEvent[]): void {
    if (!this.live) {
      this.stale = true;
      return;
    }
    const change = this.view.append(events);
    this.pendingRemoved += change.removed;
    this.pendingAdded += change.added;
    if (this.flushTimer === undefined && (this.pendingAdded > 0 || this.pendingRemoved > 0 || this.view.facetSize !== this.facetSize)) {
      this.flushTimer = setTimeout(() => this.flush(), this.batchMs);
    }
  }

  private flush(): void {
    this.flushTimer = undefined;
    if (!this.live) return;
    if (this.view.facetSize !== this.facetSize) this.postFacets();
    if (this.pendingAdded === 0 && this.pendingRemoved === 0) return;
    const { first, count } = this.view;
    const tailCount = Math.min(this.pendingAdded, TAIL_ROWS, count);
    const tailStart = first + count - tailCount;
    this.post({
      type: 'changed',
      ...this.view.extent,
      removed: this.pendingRemoved,
      added: this.pendingAdded,
      tailStart,
      tail: this.view.window(tailStart, tailCount),
    });
    this.pendingAdded = 0;
    this.pendingRemoved = 0;
  }

  /** Sends a fresh extent; the page drops its cache and asks for the rows it shows. */
  private resync(rebuildIfStale: boolean): void {
    if (!this.live) {
      this.stale = true;
      return;
    }
    if (rebuildIfStale && this.stale) this.view.rebuild(this.shownUpTo());
    this.stale = false;
    this.pendingAdded = 0;
    this.pendingRemoved = 0;
    this.post({ type: 'reset', query: this.view.query, ...this.view.extent });
    this.postFacets();
    this.postStats();
  }

  private onMessage(raw: unknown): void {
    const m = parseWebviewMessage(raw);
    if (m === undefined || this.disposed) return;
    try {
      this.handle(m);
    } catch (err) {
      void vscode.window.showErrorMessage(`The event table could not do that: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private handle(m: WebviewMessage): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (m.query !== undefined && !sameQuery(m.query, this.view.query)) {
          this.view.setQuery(m.query, this.shownUpTo());
          this.stale = false;
        }
        this.resync(true);
        return;
      case 'requestRows': {
        const current = m.version === this.view.version;
        this.post({ type: 'rows', id: m.id, version: this.view.version, start: m.start, rows: current ? this.view.window(m.start, m.count) : [] });
        return;
      }
      case 'query':
        this.view.setQuery(m.query, this.shownUpTo());
        this.stale = false;
        this.resync(false);
        return;
      case 'pause':
        this.source.pause();
        return;
      case 'resume':
        this.source.resume();
        return;
      case 'clear':
        this.source.clear();
        return;
      case 'follow':
        return; // the page keeps its own follow state; nothing host-side depends on it yet
      case 'export':
        this.run({ kind: 'export', scope: m.scope, seqs: m.scope === 'view' ? this.view.seqs() : undefined });
        return;
      case 'import':
        this.run({ kind: 'import' });
        return;
      case 'open':
        this.run({ kind: 'open', seq: m.seq, what: m.what });
        return;
      case 'copy':
        this.run({ kind: 'copy', seq: m.seq, what: m.what });
        return;
      case 'registerForKey':
        this.run({ kind: 'registerForKey', seq: m.seq });
        return;
    }
  }

  private run(command: TableCommand): void {
    Promise.resolve(this.source.runCommand(command)).catch((err: unknown) => {
      void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    });
  }

  private sampleRate(): void {
    const now = Date.now();
    const stats = this.source.stats();
    const seconds = Math.max((now - this.lastSampleAt) / 1000, 0.001);
    this.rate.push(Math.max(0, stats.received - this.lastReceived) / seconds);
    if (this.rate.length > RATE_SAMPLES) this.rate.shift();
    this.lastReceived = stats.received;
    this.lastSampleAt = now;
    this.postStats(stats);
  }

  private postStats(stats = this.source.stats()): void {
    if (!this.live) return;
    this.post({
      type: 'stats',
      rate: [...this.rate],
      size: stats.size,
      maxEvents: stats.maxEvents,
      dropped: stats.dropped,
      paused: this.source.paused,
      held: this.source.held,
      connection: stats.connection,
    });
  }

  private postFacets(): void {
    this.facetSize = this.view.facetSize;
    this.post({ type: 'facets', ...this.view.facets() });
  }

  private post(message: HostMessage): void {
    if (!this.live) return;
    void this.panel.webview.postMessage(message);
  }
}

function sameQuery(a: ViewQuery, b: ViewQuery): boolean {
  return a.text === b.text && a.types.join('\n') === b.types.join('\n') && a.actions.join('\n') === b.actions.join('\n');
}

/**
 * Registers `drp.showEventTable` (one panel: a second call reveals it) and the serializer
 * that restores the panel after a window reload. The manifest needs the activation event
 * `onWebviewPanel:drp.eventTable` for the restore to reach this extension.
 */
export function registerEventTable(extensionUri: vscode.Uri, source: TableSource, options: TablePanelOptions = {}): vscode.Disposable {
  let current: EventTablePanel | undefined;
  const adopt = (panel: EventTablePanel): EventTablePanel => {
    current?.dispose();
    current = panel;
    panel.onDidDispose(() => {
      if (current === panel) current = undefined;
    });
    return panel;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('drp.showEventTable', () => {
      if (current !== undefined) current.reveal();
      else adopt(EventTablePanel.create(extensionUri, source, options));
    }),
    vscode.window.registerWebviewPanelSerializer(EventTablePanel.viewType, {
      deserializeWebviewPanel: async (panel) => {
        adopt(EventTablePanel.revive(panel, extensionUri, source, options));
      },
    }),
    { dispose: () => current?.dispose() },
  );
}
