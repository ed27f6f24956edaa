// The row context menu. A webview cannot contribute to VS Code's own context menus for
// arbitrary elements with arguments, so the table draws its own: ARIA menu roles, arrow keys,
// Enter/Space to run, Escape to close and give focus back to the grid.
import type { TableRow } from '../src/core/table/webview-messages';

export interface MenuAction {
  label: string;
  /** False greys the item out (e.g. Compare with Original on a create event). */
  enabled: (row: TableRow) => boolean;
  run: (row: TableRow) => void;
}

export class ContextMenu {
  private readonly element: HTMLDivElement;
  private items: HTMLDivElement[] = [];
  private row: TableRow | undefined;
  private returnFocus: HTMLElement | undefined;

  constructor(private readonly actions: readonly MenuAction[]) {
    this.element = document.createElement('div');
    this.element.className = 'context-menu';
    this.element.setAttribute('role', 'menu');
    this.element.setAttribute('aria-label', 'Event actions');
    this.element.hidden = true;
    for (const action of actions) {
      const item = document.createElement('div');
      item.className = 'context-menu-item';
      item.setAttribute('role', 'menuitem');
      item.tabIndex = -1;
      item.textContent = action.label;
      item.addEventListener('click', () => this.activate(item));
      item.addEventListener('mousemove', () => item.focus());
      this.items.push(item);
      this.element.append(item);
    }
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.element.addEventListener('focusout', (e) => {
      if (!this.element.contains(e.relatedTarget as Node | null)) this.close(false);
    });
    document.body.append(this.element);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Opens at viewport coordinates, kept inside the window. */
  open(row: TableRow, x: number, y: number, returnFocus: HTMLElement): void {
    this.row = row;
    this.returnFocus = returnFocus;
    this.actions.forEach((a, i) => this.items[i].setAttribute('aria-disabled', String(!a.enabled(row))));
    this.element.hidden = false;
    const { width, height } = this.element.getBoundingClientRect();
    this.element.style.left = `${Math.max(0, Math.min(x, window.innerWidth - width - 2))}px`;
    this.element.style.top = `${Math.max(0, Math.min(y, window.innerHeight - height - 2))}px`;
    this.focusItem(this.items.findIndex((it) => it.getAttribute('aria-disabled') !== 'true'));
  }

  close(restoreFocus = true): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    if (restoreFocus) this.returnFocus?.focus();
  }

  private focusItem(i: number): void {
    if (i >= 0 && i < this.items.length) this.items[i].focus();
  }

  private activate(item: HTMLDivElement): void {
    const i = this.items.indexOf(item);
    const row = this.row;
    if (i < 0 || row === undefined || item.getAttribute('aria-disabled') === 'true') return;
    this.close();
    this.actions[i].run(row);
  }

  private onKey(e: KeyboardEvent): void {
    const current = this.items.indexOf(document.activeElement as HTMLDivElement);
    const step = (d: number) => {
      const n = this.items.length;
      for (let k = 1; k <= n; k++) {
        const j = (current + d * k + n * 2) % n;
        if (this.items[j].getAttribute('aria-disabled') !== 'true') return this.focusItem(j);
      }
    };
    switch (e.key) {
      case 'ArrowDown':
        step(1);
        break;
      case 'ArrowUp':
        step(-1);
        break;
      case 'Home':
        this.focusItem(0);
        break;
      case 'End':
        this.focusItem(this.items.length - 1);
        break;
      case 'Enter':
      case ' ':
        if (current >= 0) this.activate(this.items[current]);
        break;
      case 'Escape':
      case 'Tab':
        this.close();
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  }
}
