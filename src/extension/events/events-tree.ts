// The Events tree (`drp.events`): Type → Key → the newest events for that key.
//
// The tree reads the buffer through an incremental index (core/events/event-index.ts) updated once
// per batch, so a refresh costs the events added or dropped, not the whole buffer. Items
// carry stable ids so expansion survives the ~3 refreshes a second of a busy endpoint, and
// type and key rows come in the order first seen, so a new one is added at the end instead
// of pushing existing rows down under the pointer (see event-index.ts).
import * as vscode from 'vscode';
import type { Event } from '../../core/emitter';
import { EventIndex } from '../../core/events/event-index';
import { hasOriginal } from '../../core/events/event-match';
import type { BufferedEvent } from '../../core/events/event-buffer';
import { formatTime } from '../../core/events/format';
import { formatSize, plural } from '../../core/text';
import { TreeRefresh } from './tree-refresh';

/** What the tree needs of the EventStream. */
export interface EventsTreeSource {
  readonly buffer: { readonly firstSeq: number; get(seq: number): BufferedEvent | undefined };
  readonly onDidAppend: Event<readonly BufferedEvent[]>;
  readonly onDidClear: Event<void>;
  /** Optional: while paused, batches are held, so the tree says why it stands still. */
  readonly paused?: boolean;
  readonly onDidChangePaused?: Event<boolean>;
}

export type EventsTreeElement =
  | { kind: 'type'; type: string }
  | { kind: 'key'; type: string; key: string }
  | { kind: 'event'; seq: number; type: string; key: string }
  | { kind: 'older'; type: string; key: string; older: number };

/** How many events a key shows before "… and N older"; the table shows them all. */
export const EVENTS_PER_KEY = 20;

export class EventsTree implements vscode.TreeDataProvider<EventsTreeElement>, vscode.Disposable {
  readonly view: vscode.TreeView<EventsTreeElement>;
  private readonly index = new EventIndex();
  private readonly changed = new vscode.EventEmitter<EventsTreeElement | EventsTreeElement[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Batches arrived while the view was hidden. */
  private stale = false;
  private readonly refresher = new TreeRefresh(() => this.fireChanges());
  /**
   * What the next refresh covers: the types whose events changed, or (rootChanged) the whole
   * tree when types came or went. Why not always the whole tree: VS Code renders every row
   * again on a full refresh, which cancels a tooltip that is waiting to open, so while events
   * streamed no row's tooltip ever showed. A type's subtree is refreshed only when its own
   * events change, so the other rows' tooltips open.
   */
  private readonly dirtyTypes = new Set<string>();
  private rootChanged = false;
  /**
   * The type and key elements given to VS Code, one object per row: the extension host finds
   * a row to refresh by the element object itself.
   */
  private readonly typeElements = new Map<string, EventsTreeElement & { kind: 'type' }>();
  private readonly keyElements = new Map<string, Map<string, EventsTreeElement & { kind: 'key' }>>();

  constructor(private readonly source: EventsTreeSource) {
    this.disposables.push(
      source.onDidAppend((batch) => {
        for (const e of batch) {
          if (!this.index.typeSummary(e.type)) this.rootChanged = true;
          this.dirtyTypes.add(e.type);
        }
        this.index.add(batch);
        const types = this.index.typeSummaries().length;
        this.index.prune(source.buffer.firstSeq, this.dirtyTypes);
        if (this.index.typeSummaries().length !== types) this.rootChanged = true;
        this.refresh();
      }),
      source.onDidClear(() => {
        this.index.clear();
        this.rootChanged = true;
        this.refresh();
      }),
    );
    this.view = vscode.window.createTreeView('drp.events', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) {
          // The view may not have kept its rows while hidden: refresh all of it.
          this.rootChanged = true;
          this.refresh();
        }
      }),
    );
    if (source.onDidChangePaused) {
      this.showPaused(source.paused ?? false);
      this.disposables.push(source.onDidChangePaused((paused) => this.showPaused(paused)));
    }
  }

  /**
   * At most one refresh per REFRESH_GAP_MS (see tree-refresh.ts). A hidden view is not
   * refreshed at all: the index stays current and the view catches up when it is shown.
   */
  private refresh(): void {
    if (this.view && !this.view.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.refresher.request();
  }

  private fireChanges(): void {
    // Elements of rows that are gone are forgotten, so the maps follow the index.
    for (const type of this.rootChanged ? [...this.typeElements.keys()] : this.dirtyTypes) {
      if (!this.index.typeSummary(type)) {
        this.typeElements.delete(type);
        this.keyElements.delete(type);
        continue;
      }
      const keys = this.keyElements.get(type);
      for (const key of keys?.keys() ?? []) if (!this.index.keySummary(type, key)) keys!.delete(key);
    }
    if (this.rootChanged) this.changed.fire(undefined);
    else {
      const shown = [...this.dirtyTypes].map((type) => this.typeElements.get(type)).filter((e) => e !== undefined);
      if (shown.length > 0) this.changed.fire(shown);
    }
    this.rootChanged = false;
    this.dirtyTypes.clear();
  }

  private typeElement(type: string): EventsTreeElement & { kind: 'type' } {
    let e = this.typeElements.get(type);
    if (!e) this.typeElements.set(type, (e = { kind: 'type', type }));
    return e;
  }

  private keyElement(type: string, key: string): EventsTreeElement & { kind: 'key' } {
    let keys = this.keyElements.get(type);
    if (!keys) this.keyElements.set(type, (keys = new Map()));
    let e = keys.get(key);
    if (!e) keys.set(key, (e = { kind: 'key', type, key }));
    return e;
  }

  /** Events currently shown in the tree (for tests and the view's badge). */
  get size(): number {
    return this.index.size;
  }

  private showPaused(paused: boolean): void {
    // The description, not TreeView.message, which can freeze an emptied tree (see filters-tree.ts).
    this.view.description = paused ? 'paused: new events are held until you resume' : undefined;
  }

  getChildren(element?: EventsTreeElement): EventsTreeElement[] {
    // The buffer can also drop events between batches (a lowered drp.maxEvents).
    this.index.prune(this.source.buffer.firstSeq);
    if (!element) {
      return this.index.typeSummaries().map((t) => this.typeElement(t.type));
    }
    if (element.kind === 'type') {
      return this.index.keySummaries(element.type).map((k) => this.keyElement(element.type, k.key));
    }
    if (element.kind === 'key') {
      const { seqs, older } = this.index.newest(element.type, element.key, EVENTS_PER_KEY);
      const children: EventsTreeElement[] = seqs.map((seq) => ({ kind: 'event', seq, type: element.type, key: element.key }));
      if (older > 0) children.push({ kind: 'older', type: element.type, key: element.key, older });
      return children;
    }
    return [];
  }

  getParent(element: EventsTreeElement): EventsTreeElement | undefined {
    switch (element.kind) {
      case 'type':
        return undefined;
      case 'key':
        return this.typeElement(element.type);
      default:
        return this.keyElement(element.type, element.key);
    }
  }

  getTreeItem(element: EventsTreeElement): vscode.TreeItem {
    switch (element.kind) {
      case 'type':
        return this.typeItem(element.type);
      case 'key':
        return this.keyItem(element.type, element.key);
      case 'event':
        return this.eventItem(element.seq);
      case 'older':
        return this.olderItem(element);
    }
  }

  private typeItem(type: string): vscode.TreeItem {
    const summary = this.index.typeSummary(type);
    const item = new vscode.TreeItem(type, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `type:${type}`;
    item.description = summary ? String(summary.count) : '';
    item.tooltip = this.groupTooltip(type, summary && `${plural(summary.count, 'event')} for ${plural(summary.keys, 'key')}.`, summary?.newest, true);
    item.iconPath = new vscode.ThemeIcon('symbol-class');
    item.contextValue = 'drp.eventType';
    return item;
  }

  private keyItem(type: string, key: string): vscode.TreeItem {
    const summary = this.index.keySummary(type, key);
    // An empty key (a posted event may have one) would render as a blank row.
    const item = new vscode.TreeItem(key === '' ? '(empty key)' : key, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `key:${type}\u0000${key}`;
    item.description = summary ? String(summary.count) : '';
    item.tooltip = this.groupTooltip(`${type} ${key === '' ? '(empty key)' : key}`, summary && `${plural(summary.count, 'event')} in the buffer.`, summary?.newest, false);
    item.iconPath = new vscode.ThemeIcon('symbol-key');
    item.contextValue = 'drp.eventKey';
    return item;
  }

  /**
   * A type or key row's tooltip: its name, how many events it holds, and when the newest one
   * happened (and what it was; `withKey` for a type row, whose newest event may be any key),
   * or no time once that event has left the buffer.
   */
  private groupTooltip(title: string, counts: string | undefined, newestSeq: number | undefined, withKey: boolean): vscode.MarkdownString {
    // appendText escapes: types and keys are endpoint data, never markup.
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**');
    md.appendText(title);
    md.appendMarkdown('**');
    if (counts) {
      md.appendMarkdown('\n\n');
      md.appendText(counts);
    }
    const newest = newestSeq === undefined ? undefined : this.source.buffer.get(newestSeq);
    if (newest) {
      md.appendMarkdown('\n\n');
      md.appendText(`Newest: ${formatTime(newest.time)}, ${newest.action}${withKey ? ` ${newest.key}` : ''} (event #${newest.seq}).`);
    }
    return md;
  }

  private eventItem(seq: number): vscode.TreeItem {
    const e = this.source.buffer.get(seq);
    if (!e) {
      // Dropped between getChildren and getTreeItem; the next refresh removes it.
      const gone = new vscode.TreeItem(`#${seq} (no longer in the buffer)`);
      gone.id = `event:${seq}`;
      return gone;
    }
    const item = new vscode.TreeItem(`${formatTime(e.time)} ${e.action}`, vscode.TreeItemCollapsibleState.None);
    item.id = `event:${seq}`;
    item.description = e.principal;
    item.iconPath = new vscode.ThemeIcon(actionIcon(e.action));
    item.contextValue = hasOriginal(e.raw) ? 'drp.event.withOriginal' : 'drp.event';
    item.command = { command: 'drp.openEvent', title: 'Open Object', arguments: [seq] };
    item.tooltip = eventTooltip(e);
    return item;
  }

  private olderItem(element: { type: string; key: string; older: number }): vscode.TreeItem {
    const item = new vscode.TreeItem(`… and ${element.older} older`, vscode.TreeItemCollapsibleState.None);
    item.id = `older:${element.type}\u0000${element.key}`;
    item.tooltip = `The tree shows the newest ${EVENTS_PER_KEY} events of a key. Open the event table to see all of them.`;
    item.command = { command: 'drp.showEventTable', title: 'Show Event Table', arguments: [{ type: element.type, key: element.key }] };
    return item;
  }

  dispose(): void {
    this.refresher.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function eventTooltip(e: BufferedEvent): vscode.MarkdownString {
  // appendText escapes: keys, principals and filters are endpoint data, never markup.
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(`${e.type}.${e.action}`);
  md.appendMarkdown('**\n\n');
  md.appendText(`Key: ${e.key}\n`);
  md.appendMarkdown('\n');
  md.appendText(`Time: ${e.time}\n`);
  md.appendMarkdown('\n');
  md.appendText(`Principal: ${e.principal || '(none)'}\n`);
  md.appendMarkdown('\n');
  if (e.filters.length > 0) {
    md.appendText(`Matched: ${e.filters.join(', ')}\n`);
    md.appendMarkdown('\n');
  }
  md.appendText(`Event #${e.seq}, ${formatSize(e.raw.length)}`);
  return md;
}

function actionIcon(action: string): string {
  switch (action) {
    case 'create':
      return 'add';
    case 'update':
    case 'save':
      return 'edit';
    case 'delete':
      return 'trash';
    default:
      return 'circle-small-filled';
  }
}
