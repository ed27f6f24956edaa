// What the grid says when it has no rows: that nothing arrived yet, or that the search and
// quick filters in force match none of the buffered events, with a way to clear them; an
// empty grid alone reads as a broken table.
import type { EventQuery } from '../src/core/table/webview-messages';

/** True when `query` narrows the view at all. */
export function isFiltered(query: EventQuery): boolean {
  return query.text !== '' || query.types.length > 0 || query.actions.length > 0;
}

/** The sentence for an empty view under `query`, e.g. "No events match ‘xyz’." */
export function emptyMessage(query: EventQuery): string {
  if (!isFiltered(query)) return 'No events yet. Events that match a registered filter appear here as they arrive.';
  const of = [
    query.types.length > 0 ? ` of type ${query.types.map((t) => `‘${t}’`).join(' or ')}` : '',
    query.actions.length > 0 ? ` with action ${query.actions.map((a) => `‘${a}’`).join(' or ')}` : '',
  ].join('');
  if (query.text === '') return `No buffered events${of}.`;
  return of === '' ? `No events match ‘${query.text}’.` : `No events${of} match ‘${query.text}’.`;
}

export class EmptyState {
  readonly element: HTMLElement;
  private readonly message: HTMLElement;
  private readonly clear: HTMLButtonElement;

  constructor(clearFilter: () => void) {
    this.element = document.createElement('div');
    this.element.className = 'empty-state';
    this.element.setAttribute('role', 'status');
    this.element.hidden = true;
    this.message = document.createElement('span');
    this.clear = document.createElement('button');
    this.clear.type = 'button';
    this.clear.className = 'link';
    this.clear.textContent = 'Clear filter';
    this.clear.title = 'Show every buffered event: empty the search and choose all types and actions';
    this.clear.addEventListener('click', () => clearFilter());
    this.element.append(this.message, this.clear);
  }

  /** Shows the sentence for `query` when the view has no rows, and nothing otherwise. */
  update(query: EventQuery, count: number): void {
    const empty = count === 0;
    if (this.element.hidden !== !empty) this.element.hidden = !empty;
    if (!empty) return;
    // textContent only: the search text is the user's, and may hold markup.
    const text = emptyMessage(query);
    if (this.message.textContent !== text) this.message.textContent = text;
    this.clear.hidden = !isFiltered(query);
  }
}
