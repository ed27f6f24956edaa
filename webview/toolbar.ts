// The toolbar: search, quick filters, pause/resume, clear, export, import, counters.
// The only product module that imports @vscode/webview-ui-toolkit (deprecated upstream in
// 2025); the test-only grid-bench.ts is the other importer. Swapping the toolkit for
// @vscode-elements/elements touches these two files (docs/architecture.md §5.3).
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import { plural } from '../src/core/text';
import type { ExportScope, TableStats, EventQuery } from '../src/core/table/webview-messages';

// No vsCodeBadge: its template writes a style attribute, which the page's CSP (no
// 'unsafe-inline') blocks; the held-count badge is a span styled with the badge theme colours.
provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeTextField(), vsCodeDropdown(), vsCodeOption());

export interface ToolbarCallbacks {
  query(query: EventQuery): void;
  pause(): void;
  resume(): void;
  clear(): void;
  exportEvents(scope: ExportScope): void;
  importEvents(): void;
}

// Typing in the search box rebuilds the host view; wait for a pause in typing first.
const SEARCH_DEBOUNCE_MS = 200;

type ValueElement = HTMLElement & { value: string };

function el<K extends string>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly search: ValueElement;
  private readonly types: ValueElement;
  private readonly actions: ValueElement;
  private readonly pauseButton: HTMLElement;
  private readonly pauseLabels: { pause: HTMLElement; resume: HTMLElement };
  private readonly heldBadge: HTMLElement;
  private readonly counters: HTMLElement;
  private readonly connection: HTMLElement;
  private paused = false;
  /** The last stats from the host and the view's row count; the counters show both. */
  private stats: TableStats | undefined;
  private shown = 0;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private facetKey = '';

  /**
   * @param recording for a recording's table, the sentence that says so: the toolbar shows it
   *   and leaves out the live controls (Pause, Clear, the rate and the connection).
   */
  constructor(private readonly callbacks: ToolbarCallbacks, query: EventQuery, sparkline: HTMLElement, private readonly recording?: string) {
    this.element = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Event table' });
    this.search = el('vscode-text-field', { placeholder: 'Search event JSON', class: 'search' }) as ValueElement;
    this.search.value = query.text;
    this.search.addEventListener('input', () => {
      if (this.debounce !== undefined) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.emitQuery(), SEARCH_DEBOUNCE_MS);
    });
    this.search.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') this.emitQuery();
    });
    this.types = this.dropdown('Type', query.types[0] ?? '');
    this.actions = this.dropdown('Action', query.actions[0] ?? '');

    // One pause for the views (this table and the Events view), named as its commands are.
    // Both labels share one grid cell and the idle one is invisible, so the button is as wide
    // as the wider label and nothing after it moves when Pause becomes Resume. The held count
    // is a badge laid over the button's corner, out of the row's flow, for the same reason.
    this.pauseButton = el('vscode-button', { appearance: 'secondary', class: 'pause' });
    this.pauseLabels = { pause: el('span', {}, 'Pause Views'), resume: el('span', { class: 'idle' }, 'Resume Views') };
    // A div: the toolkit sizes a slotted span as a 16 px icon.
    const labels = el('div', { class: 'pause-labels' });
    labels.append(this.pauseLabels.pause, this.pauseLabels.resume);
    this.pauseButton.append(labels);
    this.pauseButton.addEventListener('click', () => (this.paused ? callbacks.resume() : callbacks.pause()));
    this.heldBadge = el('span', { class: 'badge held', 'aria-hidden': 'true' });
    this.heldBadge.hidden = true;
    const pauseGroup = el('span', { class: 'pause-group' });
    pauseGroup.append(this.pauseButton, this.heldBadge);
    this.showPaused(false, 0);

    const clear = this.button('Clear', 'Remove every buffered event', () => callbacks.clear());
    const exportView = this.button('Export View…', 'Save the events shown (search and filters applied) as NDJSON', () => callbacks.exportEvents('view'));
    const exportAll = this.button('Export All…', recording !== undefined ? 'Save every event of this recording as NDJSON' : 'Save every buffered event as NDJSON', () => callbacks.exportEvents('all'));
    const importButton = this.button('Import…', 'Open an NDJSON recording of events', () => callbacks.importEvents());

    this.counters = el('span', { class: 'counters', 'aria-live': 'off' });
    this.connection = el('span', { class: 'connection' });
    const stats = el('div', { class: 'stats' });
    stats.append(sparkline, this.counters, this.connection);

    const controls = el('div', { class: 'controls' });
    if (recording !== undefined) {
      controls.append(this.search, this.types, this.actions, exportView, exportAll, importButton);
      stats.replaceChildren(this.counters);
      this.element.append(el('div', { class: 'recording-banner', role: 'note' }, recording), controls, stats);
      return;
    }
    controls.append(this.search, this.types, this.actions, pauseGroup, clear, exportView, exportAll, importButton);
    this.element.append(controls, stats);
  }

  /**
   * Call once the toolbar is in the document: the toolkit's text field overwrites its
   * aria-label with "Text field" when it connects, so the real label is set after that.
   */
  attached(): void {
    this.search.setAttribute('aria-label', `Search the text of every ${this.recording !== undefined ? 'recorded' : 'buffered'} event`);
  }

  /**
   * Shows `query` in the search box and the dropdowns: the host says which query is in force
   * (after a clear, a restore, a command), and the controls must never show another. Text the
   * user is still typing (a search not sent yet) is left alone: it is about to replace this.
   */
  setQuery(query: EventQuery): void {
    if (this.debounce === undefined && this.search.value !== query.text) this.search.value = query.text;
    this.select(this.types, query.types[0] ?? '');
    this.select(this.actions, query.actions[0] ?? '');
  }

  /** The query the controls show. */
  get query(): EventQuery {
    const type = this.types.dataset.selected ?? '';
    const action = this.actions.dataset.selected ?? '';
    return { text: this.search.value, types: type ? [type] : [], actions: action ? [action] : [] };
  }

  /** Refills the quick-filter dropdowns, keeping the current choice. */
  setFacets(types: string[], actions: string[]): void {
    const key = `${types.join('\n')}\u0000${actions.join('\n')}`;
    if (key === this.facetKey) return;
    this.facetKey = key;
    this.fillDropdown(this.types, 'All types', types);
    this.fillDropdown(this.actions, 'All actions', actions);
  }

  setStats(stats: TableStats): void {
    this.stats = stats;
    this.showPaused(stats.paused, stats.held);
    this.renderCounters();
    this.connection.textContent = stats.connection;
  }

  private showPaused(paused: boolean, held: number): void {
    this.paused = paused;
    this.pauseLabels.pause.classList.toggle('idle', paused);
    this.pauseLabels.resume.classList.toggle('idle', !paused);
    const heldText = plural(held, 'new event');
    this.pauseButton.setAttribute('aria-label', paused ? `Resume Views (${heldText} held)` : 'Pause Views');
    this.pauseButton.title = paused
      ? `Show the ${heldText} received since you paused, in this table and the Events view`
      : 'Hold this table and the Events view still. Events are still received and buffered; Resume shows them.';
    this.heldBadge.hidden = !paused;
    this.heldBadge.textContent = held.toLocaleString();
  }

  /**
   * The view's row count changed (a reset or a batch of rows): the "shown" counter follows
   * the rows at once rather than waiting for the next stats message, which trails them.
   */
  setShown(shown: number): void {
    if (shown === this.shown) return;
    this.shown = shown;
    this.renderCounters();
  }

  private renderCounters(): void {
    const stats = this.stats;
    if (!stats) return;
    if (this.recording !== undefined) {
      this.counters.textContent = `${this.shown.toLocaleString()} shown of ${stats.size.toLocaleString()} recorded events`;
      return;
    }
    const fill = stats.maxEvents > 0 ? Math.round((stats.size / stats.maxEvents) * 100) : 0;
    this.counters.textContent =
      `${this.shown.toLocaleString()} shown · ${stats.size.toLocaleString()} / ${stats.maxEvents.toLocaleString()} buffered (${fill}%)` +
      ` · ${stats.dropped.toLocaleString()} dropped`;
  }

  private emitQuery(): void {
    if (this.debounce !== undefined) clearTimeout(this.debounce);
    this.debounce = undefined;
    this.callbacks.query(this.query);
  }

  private button(label: string, title: string, run: () => void): HTMLElement {
    const b = el('vscode-button', { appearance: 'secondary', title }, label);
    b.addEventListener('click', run);
    return b;
  }

  private dropdown(what: string, selected: string): ValueElement {
    const d = el('vscode-dropdown', { 'aria-label': `Show only one ${what.toLowerCase()}`, class: 'facet' }) as ValueElement;
    d.dataset.selected = selected;
    d.dataset.allLabel = `All ${what.toLowerCase()}s`;
    this.fillDropdown(d, d.dataset.allLabel, selected ? [selected] : []);
    d.addEventListener('change', () => {
      d.dataset.selected = d.value;
      this.emitQuery();
    });
    // dataset.selected is the choice in force. The toolkit picks its option by index when the
    // options are replaced (the option now where the old choice was), so after every change
    // of options the choice is put back; the value setter alone, before the slot has
    // updated, looks it up among the old options.
    d.shadowRoot?.addEventListener('slotchange', () => {
      if (d.value !== d.dataset.selected) d.value = d.dataset.selected ?? '';
    });
    fitListWhenOpened(d);
    return d;
  }

  /** Makes `value` the dropdown's choice, adding it to the options if they lack it. */
  private select(d: ValueElement, value: string): void {
    if (d.dataset.selected === value && d.value === value) return;
    d.dataset.selected = value;
    const values = [...d.querySelectorAll('vscode-option')].map((o) => o.getAttribute('value') ?? '').filter((v) => v !== '');
    this.fillDropdown(d, d.dataset.allLabel ?? '', values);
  }

  private fillDropdown(d: ValueElement, allLabel: string, values: string[]): void {
    const selected = d.dataset.selected ?? '';
    const list = selected && !values.includes(selected) ? [...values, selected] : values;
    d.replaceChildren(el('vscode-option', { value: '' }, allLabel), ...list.map((v) => el('vscode-option', { value: v }, v)));
    d.value = selected;
  }
}

// The toolkit caps a dropdown's list at 200 px whatever the room: in a short panel its lower
// options would fall off the page, where no click reaches them. When the list opens (the
// toolkit has then chosen to open it above or below), it is capped at the room on that side.
const LIST_MAX_HEIGHT = 200;
const LIST_MARGIN = 4;

function fitListWhenOpened(d: HTMLElement): void {
  new MutationObserver(() => {
    if (!d.hasAttribute('open')) return;
    const box = d.getBoundingClientRect();
    const room = d.getAttribute('position') === 'above' ? box.top : window.innerHeight - box.bottom;
    const height = Math.max(0, Math.min(LIST_MAX_HEIGHT, Math.floor(room) - LIST_MARGIN));
    d.style.setProperty('--dropdown-list-max-height', `${height}px`);
  }).observe(d, { attributes: true, attributeFilter: ['open', 'position'] });
}
