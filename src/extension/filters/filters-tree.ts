// The Filters tree (`drp.filters`): one item per user filter, its state as an icon, its
// event count as the description, and a tooltip that says in words what it matches.
import * as vscode from 'vscode';
import type { Event } from '../../core/emitter';
import { describeFilter } from '../../core/filters/filter';
import type { FilterState } from '../../core/filters/filter-state';
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
  readonly state: { readonly state: string };
  readonly onDidChange: Event<unknown>;
}

export class FiltersTree implements vscode.TreeDataProvider<FilterInfo>, vscode.Disposable {
  readonly view: vscode.TreeView<FilterInfo>;
  private readonly changed = new vscode.EventEmitter<FilterInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly refresher = new TreeRefresh(() => this.changed.fire(undefined));

  constructor(
    private readonly source: FiltersTreeSource,
    connection?: FiltersTreeConnection,
  ) {
    this.view = vscode.window.createTreeView('drp.filters', { treeDataProvider: this });
    this.disposables.push(
      this.view,
      source.registry.onDidChange(() => this.scheduleRefresh()),
      source.onDidReceive(() => this.scheduleRefresh()),
    );
    if (connection) {
      this.showConnection(connection.state.state);
      this.disposables.push(connection.onDidChange(() => this.showConnection(connection.state.state)));
    }
  }

  getChildren(element?: FilterInfo): FilterInfo[] {
    if (element) return [];
    return [...this.source.registry.filters()];
  }

  getTreeItem(info: FilterInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(info.filter, vscode.TreeItemCollapsibleState.None);
    // No item.id: a filter deregistered and registered again would bring back an id whose node
    // VS Code 1.100 still holds, and the tree then stops rendering changes (seen in-host).
    item.description = String(info.count);
    item.iconPath = stateIcon(info.state);
    item.contextValue = 'drp.filter';
    item.tooltip = filterTooltip(info);
    item.accessibilityInformation = { label: `${info.filter}, ${info.state}, ${plural(info.count, 'event')}` };
    return item;
  }

  /**
   * Paced (see tree-refresh.ts): asked per event, it refreshes at most once per
   * REFRESH_GAP_MS, and asking while a refresh is pending costs one check.
   */
  private scheduleRefresh(): void {
    this.refresher.request();
  }

  private showConnection(state: string): void {
    // The view's description (beside its title), not TreeView.message: on VS Code 1.100 a
    // message set while the tree is empty and its welcome text shows stops the tree from
    // rendering later changes (rows and message both froze in the in-host tests).
    this.view.description = connectionMessage(state);
  }

  dispose(): void {
    this.refresher.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function stateIcon(state: FilterState): vscode.ThemeIcon {
  switch (state) {
    case 'pending':
      return new vscode.ThemeIcon('loading~spin');
    case 'active':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  }
}

const STATE_WORDS: Record<FilterState, string> = {
  pending: 'Waiting for the endpoint to acknowledge it.',
  active: 'Registered: the endpoint acknowledged it.',
  failed: 'Not registered.',
};

function filterTooltip(info: FilterInfo): vscode.MarkdownString {
  // appendText escapes, so a filter's text is never read as markdown.
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(info.filter);
  md.appendMarkdown('**\n\n');
  md.appendText(`Receives ${describeFilter(info.filter)}.`);
  md.appendMarkdown('\n\n');
  md.appendText(`${STATE_WORDS[info.state]} ${plural(info.count, 'event')} received.`);
  if (info.message) {
    md.appendMarkdown('\n\n');
    md.appendText(info.message);
  }
  return md;
}

/** A few words beside the view's title when events cannot arrive; undefined while they can. */
export function connectionMessage(state: string): string | undefined {
  switch (state) {
    case 'idle':
    case 'closed':
      return 'disconnected';
    case 'connecting':
      return 'connecting…';
    case 'reconnecting':
      return 'reconnecting: events are missed';
    case 'auth-failed':
      return 'not signed in';
    default:
      return undefined;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
