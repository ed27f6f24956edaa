// The Filters tree (`drp.filters`): one item per user filter, its state as an icon, its
// event count as the description, and a tooltip that says in words what it matches.
//
// Why the rows are stable nodes with ids, refreshed element by element: a context-menu
// command reaches the extension as the row's handle, and a handle that no longer resolves
// arrives as no argument at all, so Deregister asked "Which filter?" with another filter
// preselected. Without ids a handle is the row's position and label, so deregistering one
// filter moved the handles of the rows below it while the workbench still showed the old
// ones; and a refresh of the whole tree empties VS Code's handle map until the rows are
// fetched again. So each row keeps one id while its filter stays registered, counts
// refresh the rows in place, and the whole tree refreshes only when filters come or go.
import * as vscode from 'vscode';
import type { Event } from '../../core/emitter';
import { describeFilter } from '../../core/filters/filter';
import { plural } from '../../core/text';
import { CONDITION_WORDS, connectionCondition, type ConnectionCondition } from '../../core/connection/connection-summary';
import type { ConnectionState, StateDetail } from '../../core/connection/connection-types';
import type { FilterState } from '../../core/filters/filter-state';
import { filterStateWords, type FilterStateWords } from '../../core/filters/filter-state-words';
import { TreeRefresh } from '../events/tree-refresh';

export interface FilterInfo {
  filter: string;
  state: FilterState;
  count: number;
  message?: string;
}

/** What the tree needs of the EventStream. */
export interface FiltersTreeSource {
  readonly registry: { filters(): readonly FilterInfo[]; readonly onDidChange: Event<unknown> };
  /**
   * Every counted event. Counts grow without a registry change event, and this fires also
   * while paused (batches are held then), so the counts keep moving like the status bar's rate.
   */
  readonly onDidReceive: Event<unknown>;
}

/** Optional: the endpoint session, so the tree can say why nothing arrives. */
export interface FiltersTreeConnection {
  readonly state: { readonly state: ConnectionState; readonly detail: StateDetail };
  readonly isSignedIn: boolean;
  readonly onDidChange: Event<unknown>;
}

/** A row of the tree: the same object for a filter as long as it stays registered. */
export interface FilterNode {
  readonly filter: string;
  /**
   * The TreeItem id: new for each registration, since an id that comes back after its row
   * was removed leaves VS Code 1.100's tree no longer rendering changes (seen in-host).
   */
  readonly id: string;
}

export class FiltersTree implements vscode.TreeDataProvider<FilterNode>, vscode.Disposable {
  readonly view: vscode.TreeView<FilterNode>;
  private readonly changed = new vscode.EventEmitter<FilterNode | FilterNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly refresher = new TreeRefresh(() => this.refresh());
  /** The rows as last given to VS Code, in order. */
  private nodes = new Map<string, FilterNode>();
  private nextId = 0;

  constructor(
    private readonly source: FiltersTreeSource,
    private readonly connection?: FiltersTreeConnection,
  ) {
    this.view = vscode.window.createTreeView('drp.filters', { treeDataProvider: this });
    this.disposables.push(
      this.view,
      source.registry.onDidChange(() => this.scheduleRefresh()),
      source.onDidReceive(() => this.scheduleRefresh()),
    );
    if (connection) {
      this.showConnection(connection);
      // An unsent filter's icon says why it is unsent, which changes with the connection alone.
      this.disposables.push(connection.onDidChange(() => {
        this.showConnection(connection);
        this.scheduleRefresh();
      }));
    }
  }

  getChildren(element?: FilterNode): FilterNode[] {
    if (element) return [];
    const nodes = new Map<string, FilterNode>();
    for (const f of this.source.registry.filters()) nodes.set(f.filter, this.nodes.get(f.filter) ?? { filter: f.filter, id: `filter-${this.nextId++}` });
    this.nodes = nodes;
    return [...nodes.values()];
  }

  getTreeItem(node: FilterNode): vscode.TreeItem {
    // A row whose filter has just gone shows as unsent until the tree drops it.
    const info = this.source.registry.filters().find((f) => f.filter === node.filter) ?? { filter: node.filter, state: 'unsent', count: 0 };
    const words = filterStateWords(info.state, this.condition());
    const item = new vscode.TreeItem(info.filter, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = String(info.count);
    item.iconPath = new vscode.ThemeIcon(words.icon, words.color && new vscode.ThemeColor(words.color));
    item.contextValue = 'drp.filter';
    item.tooltip = filterTooltip(info, words);
    item.accessibilityInformation = { label: `${info.filter}, ${words.label}, ${plural(info.count, 'event')}` };
    return item;
  }

  /** The connection as the views name it; 'not-connected' when the tree has no connection. */
  private condition(): ConnectionCondition {
    const c = this.connection;
    return c ? connectionCondition(c.state.state, c.state.detail, c.isSignedIn) : 'not-connected';
  }

  /**
   * Paced (see tree-refresh.ts): asked per event, it refreshes at most once per
   * REFRESH_GAP_MS, and asking while a refresh is pending costs one check.
   */
  private scheduleRefresh(): void {
    this.refresher.request();
  }

  private refresh(): void {
    const filters = this.source.registry.filters();
    const same = filters.length === this.nodes.size && filters.every((f) => this.nodes.has(f.filter));
    if (same && this.nodes.size > 0) this.changed.fire([...this.nodes.values()]);
    else this.changed.fire(undefined);
  }

  private showConnection({ state, isSignedIn }: FiltersTreeConnection): void {
    // The view's description (beside its title), not TreeView.message: on VS Code 1.100 a
    // message set while the tree is empty and its welcome text shows stops the tree from
    // rendering later changes (rows and message both froze in the in-host tests).
    this.view.description = connectionMessage(state.state, state.detail, isSignedIn);
  }

  dispose(): void {
    this.refresher.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function filterTooltip(info: FilterInfo, words: FilterStateWords): vscode.MarkdownString {
  // appendText escapes, so a filter's text is never read as markdown.
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(info.filter);
  md.appendMarkdown('**\n\n');
  md.appendText(`Receives ${describeFilter(info.filter)}.`);
  md.appendMarkdown('\n\n');
  md.appendText(`${words.sentence} ${plural(info.count, 'event')} received.`);
  if (info.message) {
    md.appendMarkdown('\n\n');
    md.appendText(info.message);
  }
  return md;
}

/** A few words beside the view's title when events cannot arrive; undefined while they can. */
export function connectionMessage(state: ConnectionState, detail: StateDetail, signedIn: boolean): string | undefined {
  const condition = connectionCondition(state, detail, signedIn);
  return condition === 'open' ? undefined : CONDITION_WORDS[condition];
}
