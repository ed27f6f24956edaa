// The virtualized event table. Only the rows on screen exist in the DOM: a fixed pool of row
// elements is repositioned (transform) and refilled (textContent) on each animation frame,
// so 100,000 events cost the same to draw as 30. The toolkit's data grid is not used for the
// rows: it renders one element per row and needs seconds for a few thousand (measured by
// `npm run bench`: docs/testing.md §5).
//
// Positions are the host view's (see src/core/table/webview-messages.ts); index = position - first.
//
// The row context menu is VS Code's own: each row carries its event in `data-vscode-context`,
// and package.json's webview/context contributes the Events tree's event-row commands for it.
//
// Following the tail stops while the user reads: a row is selected (a click, a right-click,
// the arrow keys), they scrolled up, or a context menu is open. New rows then only add to
// the "N new — jump to latest" button, which (or End) resumes following.
import { formatTime } from '../src/core/events/format';
import type { TableRow, TableExtent } from '../src/core/table/webview-messages';
import type { RowCache, RowRequest } from './row-cache';

/**
 * The one definition of a row's height (px). The table publishes it as the CSS variable
 * --row-height, which table.css sizes rows with and the in-host tests read back
 * (test/integration/support/table-page.ts).
 */
export const ROW_HEIGHT = 24;
/**
 * The column header's height (px), taller than a row as in VS Code's Keyboard Shortcuts editor.
 * Published as --header-height; the header is sticky inside the scrolled viewport, so the
 * rows' visible height is the viewport's minus this.
 */
export const HEADER_HEIGHT = 28;
const OVERSCAN = 60;
const RENDER_SAMPLES = 2000;

/**
 * Development builds only (__TABLE_PROBE__): milliseconds spent in each render, newest last,
 * for webview/probe.ts. A production build never writes it, so the minifier drops it.
 */
export const renderTimes: number[] = [];

const COLUMNS = ['Time', 'Type', 'Action', 'Key', 'Principal', 'Filters'] as const;
// Columns whose values are code (object keys, often UUIDs, and filter expressions): these
// alone use the editor's monospace font, as the Keyboard Shortcuts editor does for "When".
const CODE_COLUMNS: ReadonlySet<number> = new Set([3, 5]);
// Time fits "HH:MM:SS.mmm" in the UI font and Key a UUID in the code font (90 % of 14 px).
const DEFAULT_WIDTHS = [110, 100, 80, 300, 200, 200];
const MIN_WIDTH = 40;
/** The class VS Code's webview host puts on the page's body while its context menu is open. */
const MENU_VISIBLE_CLASS = 'vscode-context-menu-visible';

export interface TableCallbacks {
  requestRows(request: RowRequest): void;
  /**
   * Opens a row's object beside the table. A click keeps the focus in the table (as the
   * Explorer's single click previews a file), Enter moves it to the document.
   */
  open(row: TableRow, preserveFocus: boolean): void;
  followChanged(follow: boolean): void;
  widthsChanged(widths: number[]): void;
}

interface Slot {
  element: HTMLDivElement;
  cells: HTMLDivElement[];
  /** What the slot shows now, so an unchanged row is not rewritten. */
  seq: number;
  index: number;
  /** Shaded as an odd row; by position, which stays with its event as old rows leave. */
  odd: boolean;
}

export class EventTable {
  readonly element: HTMLDivElement;
  private readonly viewport: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly slots: Slot[] = [];
  private extent: TableExtent = { version: 0, first: 0, count: 0 };
  private selected: number | undefined; // a position
  private following = true;
  /** VS Code's context menu is open over the page: hold the rows still even when following. */
  private menuOpen = false;
  /** Rows added since following stopped, for the jump button. */
  private newRows = 0;
  private readonly jump: HTMLButtonElement;
  private scheduled = false;
  private expectedScrollTop = -1;
  private bodyHeight = -1;
  private widths: number[];

  constructor(
    private readonly cache: RowCache,
    private readonly callbacks: TableCallbacks,
    widths?: number[],
    /** For a recording's table, its id: the menu's commands look the row up in that recording. */
    private readonly recording?: string,
  ) {
    this.widths = widths !== undefined && widths.length === COLUMNS.length ? [...widths] : [...DEFAULT_WIDTHS];
    this.element = document.createElement('div');
    this.element.className = 'event-table';
    this.element.style.setProperty('--row-height', `${ROW_HEIGHT}px`);
    this.element.style.setProperty('--header-height', `${HEADER_HEIGHT}px`);
    this.viewport = document.createElement('div');
    this.viewport.className = 'viewport';
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'grid');
    this.viewport.setAttribute('aria-label', 'DRP events, newest last');
    this.viewport.setAttribute('aria-colcount', String(COLUMNS.length));
    this.viewport.setAttribute('aria-readonly', 'true');
    // Rows add their event (see fill); elsewhere in the table the menu has nothing to offer,
    // and the browser's Cut/Copy/Paste would not apply to the grid.
    this.viewport.dataset.vscodeContext = JSON.stringify({ webviewSection: 'table', preventDefaultContextMenuItems: true });
    this.viewport.append(this.header());
    this.body = document.createElement('div');
    this.body.className = 'rows';
    this.body.setAttribute('role', 'rowgroup');
    this.viewport.append(this.body);
    this.jump = document.createElement('button');
    this.jump.className = 'jump-to-latest';
    this.jump.title = 'Scroll to the newest event and keep following (End)';
    this.jump.hidden = true;
    this.jump.addEventListener('click', () => {
      this.setFollow(true);
      this.focus();
    });
    this.element.append(this.viewport, this.jump);
    this.applyWidths();

    this.viewport.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => {
      const row = this.rowAt(e.target);
      if (row === undefined) return;
      this.select(row.position, false);
      this.callbacks.open(row.row, true);
    });
    this.viewport.addEventListener('contextmenu', (e) => this.onContextMenu(e));
    new MutationObserver(() => this.setMenuOpen(document.body.classList.contains(MENU_VISIBLE_CLASS))).observe(document.body, {
      attributes: true,
      attributeFilter: ['class'],
    });
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  get follow(): boolean {
    return this.following;
  }

  get count(): number {
    return this.extent.count;
  }

  /** True while the table scrolls itself to each new row. */
  private get tailing(): boolean {
    return this.following && !this.menuOpen;
  }

  /** Following resumes at the newest row with no row selected: a selected row would scroll away. */
  setFollow(follow: boolean): void {
    if (follow) this.clearSelection();
    if (this.following === follow) return;
    this.following = follow;
    this.newRows = 0;
    this.renderJump();
    this.callbacks.followChanged(follow);
    this.schedule();
  }

  private setMenuOpen(open: boolean): void {
    if (this.menuOpen === open) return;
    this.menuOpen = open;
    this.schedule();
  }

  private renderJump(): void {
    this.jump.hidden = this.following;
    if (this.following) return;
    this.jump.textContent = this.newRows > 0 ? `${this.newRows.toLocaleString()} new — jump to latest` : 'Jump to latest';
  }

  private clearSelection(): void {
    if (this.selected === undefined) return;
    this.selected = undefined;
    this.viewport.setAttribute('aria-activedescendant', '');
    this.schedule();
  }

  focus(): void {
    this.viewport.focus();
  }

  reset(extent: TableExtent): void {
    this.extent = extent;
    this.selected = undefined;
    this.viewport.setAttribute('aria-activedescendant', '');
    for (const s of this.slots) s.seq = -1;
    if (!this.following) this.viewport.scrollTop = 0;
    this.newRows = 0;
    this.renderJump();
    this.schedule();
  }

  /** The view lost `removed` rows at its front and grew by `added` at its back. */
  changed(extent: TableExtent, removed: number, added: number): void {
    this.extent = extent;
    if (!this.following && added > 0) {
      this.newRows += added;
      this.renderJump();
    }
    if (removed > 0 && !this.tailing) {
      // Keep the rows the user is reading in place while older ones fall off the top.
      this.viewport.scrollTop = Math.max(0, this.viewport.scrollTop - removed * ROW_HEIGHT);
      this.expectedScrollTop = this.viewport.scrollTop;
    }
    if (this.selected !== undefined && this.selected < extent.first) this.selected = undefined;
    this.schedule();
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => this.render());
  }

  private header(): HTMLDivElement {
    const row = document.createElement('div');
    row.className = 'header row';
    row.setAttribute('role', 'row');
    row.setAttribute('aria-rowindex', '1');
    COLUMNS.forEach((name, i) => {
      const cell = document.createElement('div');
      cell.className = 'cell';
      cell.setAttribute('role', 'columnheader');
      cell.textContent = name;
      const grip = document.createElement('div');
      grip.className = 'resizer';
      grip.setAttribute('aria-hidden', 'true');
      grip.addEventListener('pointerdown', (e) => this.startResize(e, i, grip));
      cell.append(grip);
      row.append(cell);
    });
    return row;
  }

  private startResize(e: PointerEvent, column: number, grip: HTMLElement): void {
    e.preventDefault();
    const startX = e.clientX;
    const startWidth = this.widths[column];
    grip.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => {
      this.widths[column] = Math.max(MIN_WIDTH, Math.round(startWidth + m.clientX - startX));
      this.applyWidths();
    };
    const up = () => {
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', up);
      this.callbacks.widthsChanged([...this.widths]);
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
  }

  private applyWidths(): void {
    const last = this.widths.length - 1;
    const cols = this.widths.map((w, i) => (i === last ? `minmax(${w}px, 1fr)` : `${w}px`)).join(' ');
    this.element.style.setProperty('--columns', cols);
    this.element.style.setProperty('--row-width', `${this.widths.reduce((a, b) => a + b, 0)}px`);
  }

  private makeSlot(): Slot {
    const element = document.createElement('div');
    element.className = 'row';
    element.setAttribute('role', 'row');
    const cells = COLUMNS.map((_, i) => {
      const c = document.createElement('div');
      c.className = CODE_COLUMNS.has(i) ? 'cell code' : 'cell';
      c.setAttribute('role', 'gridcell');
      element.append(c);
      return c;
    });
    this.body.append(element);
    return { element, cells, seq: -1, index: -1, odd: false };
  }

  private render(): void {
    this.scheduled = false;
    const t0 = __TABLE_PROBE__ ? performance.now() : 0;
    const { first, count } = this.extent;
    const height = count * ROW_HEIGHT + this.bottomSlack(count);
    if (height !== this.bodyHeight) {
      this.body.style.height = `${height}px`;
      this.bodyHeight = height;
      this.viewport.setAttribute('aria-rowcount', String(count + 1));
    }
    if (this.tailing) {
      const bottom = Math.max(0, this.viewport.scrollHeight - this.viewport.clientHeight);
      if (this.viewport.scrollTop !== bottom) {
        this.viewport.scrollTop = bottom;
        this.expectedScrollTop = this.viewport.scrollTop;
      }
    }
    const top = this.viewport.scrollTop;
    const visibleHeight = this.rowsHeight();
    const start = Math.min(count, Math.floor(top / ROW_HEIGHT));
    const end = Math.min(count, Math.ceil((top + visibleHeight) / ROW_HEIGHT) + 1);
    while (this.slots.length < end - start) this.slots.push(this.makeSlot());

    for (let k = 0; k < this.slots.length; k++) {
      const slot = this.slots[k];
      const index = start + k;
      if (index >= end) {
        if (slot.element.style.display !== 'none') slot.element.style.display = 'none';
        slot.index = -1;
        continue;
      }
      if (slot.element.style.display === 'none') slot.element.style.display = '';
      const position = first + index;
      if (slot.index !== index) {
        slot.element.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
        slot.element.setAttribute('aria-rowindex', String(index + 2));
        slot.index = index;
      }
      this.fill(slot, this.cache.get(position));
      const odd = position % 2 === 1;
      if (slot.odd !== odd) {
        slot.element.classList.toggle('odd', odd);
        slot.odd = odd;
      }
      const isSelected = position === this.selected;
      if (slot.element.classList.contains('selected') !== isSelected) {
        slot.element.classList.toggle('selected', isSelected);
        slot.element.setAttribute('aria-selected', String(isSelected));
      }
      if (isSelected) slot.element.id = 'drp-active-row';
      else if (slot.element.id !== '') slot.element.id = '';
    }
    this.requestMissing(start, end);

    if (__TABLE_PROBE__) {
      renderTimes.push(performance.now() - t0);
      if (renderTimes.length > RENDER_SAMPLES) renderTimes.splice(0, renderTimes.length - RENDER_SAMPLES);
    }
  }

  /** The height rows are visible in: the viewport's, minus the sticky header. */
  private rowsHeight(): number {
    return Math.max(0, this.viewport.clientHeight - HEADER_HEIGHT);
  }

  /**
   * Blank space under the newest row, less than a row, so that scrolled to the bottom (as
   * when following) the top row starts right under the header instead of being cut in half
   * by it: the bottom scroll position is then a whole number of rows.
   */
  private bottomSlack(count: number): number {
    const visible = this.rowsHeight();
    return count * ROW_HEIGHT > visible ? visible % ROW_HEIGHT : 0;
  }

  private fill(slot: Slot, row: TableRow | undefined): void {
    const seq = row?.seq ?? -1;
    if (slot.seq === seq && seq !== -1) return;
    slot.seq = seq;
    const text = row === undefined ? ['', '', '', '', '', ''] : [formatTime(row.time), row.type, row.action, row.key, row.principal, row.filters.join(', ')];
    for (let i = 0; i < text.length; i++) {
      // textContent only: keys and principals come from the endpoint and may hold markup.
      slot.cells[i].textContent = text[i];
    }
    slot.cells[0].title = row?.time ?? '';
    slot.cells[3].title = row?.key ?? '';
    slot.element.classList.toggle('loading', row === undefined);
    // What VS Code's context menu passes to the command chosen (src/core/events/event-argument.ts
    // reads the seq); hasOriginal is a context key for the menu's `when` clauses.
    if (row === undefined) delete slot.element.dataset.vscodeContext;
    else {
      slot.element.dataset.vscodeContext = JSON.stringify({
        webviewSection: 'row',
        preventDefaultContextMenuItems: true,
        seq: row.seq,
        type: row.type,
        key: row.key,
        hasOriginal: row.hasOriginal,
        ...(this.recording !== undefined ? { recording: this.recording } : {}),
      });
    }
  }

  /**
   * A right-click selects its row (which stops following) and leaves the event to VS Code,
   * which shows the menu. Shift+F10 or the menu key aims at the focused grid rather than a
   * row: that one is re-sent from the selected row, so the menu is for it.
   */
  private onContextMenu(e: MouseEvent): void {
    const hit = this.rowAt(e.target);
    if (hit !== undefined) {
      this.select(hit.position, false);
      return;
    }
    if (e.target !== this.viewport || this.selected === undefined) return;
    this.select(this.selected, true);
    this.render();
    const slot = this.slots.find((s) => s.index >= 0 && this.extent.first + s.index === this.selected);
    if (slot === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const r = slot.element.getBoundingClientRect();
    slot.element.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: r.left + 24, clientY: r.bottom }));
  }

  private rowAt(target: EventTarget | null): { position: number; row: TableRow } | undefined {
    const element = (target as HTMLElement | null)?.closest('.row');
    const slot = this.slots.find((s) => s.element === element);
    if (slot === undefined || slot.index < 0) return undefined;
    const position = this.extent.first + slot.index;
    const row = this.cache.get(position);
    return row === undefined ? undefined : { position, row };
  }

  /** Asks the host for the rows around [start, end) that the page does not hold. */
  private requestMissing(start: number, end: number): void {
    const { first, count } = this.extent;
    const wanted = this.cache.missing(first + Math.max(0, start - OVERSCAN), first + Math.min(count, end + OVERSCAN));
    for (const request of wanted) this.callbacks.requestRows(request);
  }

  /** Renders at once: rows that just arrived belong on screen in this frame, not the next. */
  renderNow(): void {
    this.render();
  }

  private onScroll(): void {
    const top = this.viewport.scrollTop;
    // A far jump needs rows from the host: ask now, in the scroll event, rather than a frame
    // later in render(); the round trip is most of what a jump costs.
    if (!this.following) {
      const visibleHeight = this.rowsHeight();
      const start = Math.min(this.extent.count, Math.floor(top / ROW_HEIGHT));
      this.requestMissing(start, Math.min(this.extent.count, Math.ceil((top + visibleHeight) / ROW_HEIGHT) + 1));
    }
    if (Math.abs(top - this.expectedScrollTop) >= 1) {
      const atBottom = top + this.viewport.clientHeight >= this.viewport.scrollHeight - ROW_HEIGHT / 2;
      // Scrolling back down resumes following, unless a row is selected (reading it).
      if (atBottom !== this.following) this.setFollow(atBottom && this.selected === undefined);
    }
    this.expectedScrollTop = -1;
    this.schedule();
  }

  /** Selects a row, which stops following: the row stays where the user sees it. */
  private select(position: number, reveal: boolean): void {
    const { first, count } = this.extent;
    if (count === 0) return;
    this.setFollow(false);
    this.selected = Math.max(first, Math.min(first + count - 1, position));
    this.viewport.setAttribute('aria-activedescendant', 'drp-active-row');
    if (reveal) {
      const y = (this.selected - first) * ROW_HEIGHT;
      const visibleHeight = this.rowsHeight();
      if (y < this.viewport.scrollTop) this.viewport.scrollTop = y;
      else if (y + ROW_HEIGHT > this.viewport.scrollTop + visibleHeight) this.viewport.scrollTop = y + ROW_HEIGHT - visibleHeight;
    }
    this.schedule();
  }

  private onKey(e: KeyboardEvent): void {
    const { first, count } = this.extent;
    const last = first + count - 1;
    const page = Math.max(1, Math.floor(this.rowsHeight() / ROW_HEIGHT) - 1);
    const current = this.selected ?? (this.following ? last : first + Math.floor(this.viewport.scrollTop / ROW_HEIGHT));
    const moveTo = (p: number) => this.select(p, true);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current - 1);
        break;
      case 'PageDown':
        moveTo(current + page);
        break;
      case 'PageUp':
        moveTo(current - page);
        break;
      case 'Home':
        moveTo(first);
        break;
      case 'End':
        this.setFollow(true);
        break;
      case 'Enter': {
        const row = this.selected !== undefined ? this.cache.get(this.selected) : undefined;
        if (row !== undefined) this.callbacks.open(row, false);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  }
}
