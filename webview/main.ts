// The event table page: wires the toolbar, the virtualized table and the row cache to the
// host through the typed messages of src/core/table/webview-messages.ts. The page holds no events
// of its own beyond a cache of rows; the host keeps the buffer and the view.
import { EMPTY_QUERY, isEventQuery, sameQuery, type HostMessage, type TableRow, type EventQuery, type WebviewMessage } from '../src/core/table/webview-messages';
import { EmptyState } from './empty-state';
import { installTableProbe } from './probe';
import { RowCache } from './row-cache';
import { Sparkline } from './sparkline';
import { EventTable } from './table';
import { Toolbar } from './toolbar';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the page being torn down while hidden, and a window reload. */
interface PageState {
  query: EventQuery;
  widths?: number[];
  follow: boolean;
  /** A recording's table: the file it shows, so VS Code can reopen it after a reload. */
  recordingFile?: string;
}

/** Set by the host for a recording's table (src/extension/table/webview-html.ts). */
function readRecording(): { banner: string; file: string; id: string } | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="drp-recording"]');
  return meta ? { banner: meta.content, file: meta.dataset.file ?? '', id: meta.dataset.id ?? '' } : undefined;
}

function restoreState(api: VsCodeApi): PageState {
  const s = api.getState() as Partial<PageState> | undefined;
  return {
    query: s !== undefined && isEventQuery(s.query) ? s.query : EMPTY_QUERY,
    widths: Array.isArray(s?.widths) ? s.widths.filter((w): w is number => typeof w === 'number') : undefined,
    follow: s?.follow ?? true,
  };
}

function main(): void {
  const vscode = acquireVsCodeApi();
  const state = restoreState(vscode);
  const save = () => vscode.setState(state);
  const recording = readRecording();
  if (recording) {
    state.recordingFile = recording.file;
    // A recording reads like a file, from its first event; it never grows, so there is no tail to follow.
    if (vscode.getState() === undefined) state.follow = false;
    save();
  }
  const post = (m: WebviewMessage) => vscode.postMessage(m);

  const cache = new RowCache();
  const table = new EventTable(
    cache,
    {
      requestRows: (r) => post({ type: 'requestRows', ...r }),
      open: (row: TableRow, preserveFocus: boolean) => post({ type: 'open', seq: row.seq, what: 'object', preserveFocus }),
      followChanged: (follow) => {
        state.follow = follow;
        save();
        post({ type: 'follow', follow });
      },
      widthsChanged: (widths) => {
        state.widths = widths;
        save();
      },
    },
    state.widths,
    recording?.id,
  );
  table.setFollow(state.follow);

  const sparkline = new Sparkline();
  /** The query the host has in force: every reset carries it. */
  let applied: EventQuery = state.query;
  /** A query this page sent that the host has not answered yet (its reset is on the way). */
  let sent: EventQuery | undefined;
  const sendQuery = (query: EventQuery) => {
    sent = query;
    state.query = query;
    save();
    post({ type: 'query', query });
  };
  const empty = new EmptyState(() => {
    toolbar.setQuery(EMPTY_QUERY);
    sendQuery(EMPTY_QUERY);
    table.focus();
  });
  const toolbar = new Toolbar(
    {
      query: sendQuery,
      pause: () => post({ type: 'pause' }),
      resume: () => post({ type: 'resume' }),
      clear: () => post({ type: 'clear' }),
      exportEvents: (scope) => post({ type: 'export', scope }),
      importEvents: () => post({ type: 'import' }),
    },
    state.query,
    sparkline.element,
    recording?.banner,
  );

  const app = document.getElementById('app') ?? document.body;
  table.element.append(empty.element);
  app.append(toolbar.element, table.element);
  toolbar.attached();

  // Development builds only: the tests' and the benchmark's window into the page.
  const probe = __TABLE_PROBE__ ? installTableProbe(table) : undefined;

  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const m = event.data;
    if (__TABLE_PROBE__ && probe !== undefined) probe.messages++;
    switch (m.type) {
      case 'reset':
        cache.reset(m.version);
        table.reset(m);
        toolbar.setShown(table.count);
        // The host's query is the one in force (a command or a restore may have changed it);
        // the controls show it, unless this page sent a newer one that the host has yet to
        // apply: that one's reset follows.
        if (sent !== undefined && sameQuery(sent, m.query)) sent = undefined;
        if (sent === undefined) {
          applied = m.query;
          toolbar.setQuery(m.query);
          state.query = m.query;
          save();
        }
        empty.update(applied, table.count);
        break;
      case 'changed':
        if (m.version !== cache.version) return; // a reset is on its way
        if (m.removed > 0) cache.dropBefore(m.first);
        cache.put(m.tailStart, m.tail);
        table.changed(m, m.removed, m.added);
        toolbar.setShown(table.count);
        empty.update(applied, table.count);
        break;
      case 'rows':
        if (cache.answer(m.id, m.version, m.start, m.rows)) table.renderNow();
        break;
      case 'stats':
        toolbar.setStats(m);
        sparkline.draw(m.rate);
        break;
      case 'facets':
        toolbar.setFacets(m.types, m.actions);
        break;
    }
  });

  post({ type: 'ready', query: state.query });
  table.focus();
}

main();
