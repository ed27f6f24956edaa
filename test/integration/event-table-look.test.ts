// The event table's toolbar and look, through the real page in the real workbench: the quick
// filter dropdowns open over the table with every option clickable at any window size, the
// controls always show the filter in force, an empty result says so in the grid, and the
// grid is styled as VS Code's own tables (the Keyboard Shortcuts editor).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { readAllRows, rowCount, showTable, shownRows, waitUntil } from './support/table-page';
import { clickInWebview, countInWebview, evalInWebview, hoverInWebview, pressKey, screenshot, setViewportSize, typeInWebview, webviewText } from './ui';

const SEARCH_INPUT = 'vscode-text-field.search input';
const DROPDOWN = { type: 'vscode-dropdown.facet[aria-label="Show only one type"]', action: 'vscode-dropdown.facet[aria-label="Show only one action"]' };
type Which = keyof typeof DROPDOWN;
const CLEAR_BUTTON = 'vscode-button[title="Remove every buffered event"]';
const EMPTY_STATE = '.event-table .empty-state';

/** The two window sizes every dropdown check runs at: the harness's own, and a short one. */
const SIZES = [
  { width: 1280, height: 800 },
  { width: 960, height: 340 },
];

describe('event table look', function () {
  this.timeout(90_000);
  let ep: TestEndpoint;
  let seq = 0;

  /** Publishes these events and waits until the extension buffered them all. */
  async function publish(events: { type: string; action: string }[]): Promise<string[]> {
    const keys = events.map(() => `look-${++seq}`);
    const want = new Set(keys);
    const arrived = waitForEvent(ep.api.onDidReceiveEvent, (e) => want.delete(e.key) && want.size === 0, 10_000, `${keys.length} events`);
    events.forEach((e, i) => ep.sim.publish({ Type: e.type, Action: e.action, Key: keys[i], Principal: 'user:rocketskates', Object: { Name: keys[i] } }));
    await arrived;
    return keys;
  }

  /** What a dropdown shows (its visible text) and the options it offers. */
  async function dropdown(which: Which): Promise<{ shown: string; value: string; options: string[] }> {
    return (await evalInWebview(`(() => {
      const d = document.querySelector('${DROPDOWN[which]}');
      return {
        shown: (d.shadowRoot.querySelector('.selected-value')?.textContent ?? '').trim(),
        value: d.value,
        options: [...d.querySelectorAll('vscode-option')].map((o) => o.getAttribute('value')),
      };
    })()`)) as { shown: string; value: string; options: string[] };
  }

  async function isOpen(which: Which): Promise<boolean> {
    return (await evalInWebview(`document.querySelector('${DROPDOWN[which]}').hasAttribute('open')`)) as boolean;
  }

  /** Opens a dropdown with a click and picks the option with `value` with a click, as a user does. */
  async function choose(which: Which, value: string): Promise<void> {
    await clickInWebview(DROPDOWN[which]);
    await waitUntil(() => isOpen(which), (o) => o, `the ${which} dropdown to open`);
    await clickInWebview(`${DROPDOWN[which]} vscode-option[value="${value}"]`);
    await waitUntil(() => dropdown(which), (d) => d.value === value, `the ${which} dropdown to read ${value || 'all'}`);
  }

  /** Resizes the window and waits until the table page has its new size. */
  async function resize(size: { width: number; height: number }): Promise<void> {
    const before = (await evalInWebview('window.innerHeight')) as number;
    const old = await setViewportSize(size.width, size.height);
    if (old.width !== size.width || old.height !== size.height) {
      await waitUntil(() => evalInWebview('window.innerHeight'), (h) => h !== before, `the page to take the ${size.width}×${size.height} window`);
    }
  }

  /**
   * For each option of an open dropdown: scrolls the list (only the list) until it shows, and
   * answers what the page has at its centre. A clickable option is the element found there.
   */
  async function optionsUnderPointer(which: Which): Promise<{ value: string; hit: string }[]> {
    return (await evalInWebview(`(async () => {
      const d = document.querySelector('${DROPDOWN[which]}');
      const list = d.shadowRoot.querySelector('.listbox');
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const out = [];
      for (const o of d.querySelectorAll('vscode-option')) {
        const l = list.getBoundingClientRect();
        let r = o.getBoundingClientRect();
        if (r.bottom > l.bottom) list.scrollTop += r.bottom - l.bottom;
        if (r.top < l.top) list.scrollTop -= l.top - r.top;
        await frame();
        r = o.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const hit = at === null ? 'nothing (outside the page)' : at.closest('vscode-option') === o ? 'itself'
          : (at.closest('vscode-option')?.getAttribute('value') ?? (at.className || at.tagName));
        out.push({ value: o.getAttribute('value'), hit, top: Math.round(r.top), page: document.scrollingElement.scrollTop });
      }
      return out;
    })()`)) as { value: string; hit: string }[];
  }

  async function showAllEvents(): Promise<void> {
    await typeInWebview(SEARCH_INPUT, '');
    for (const which of ['type', 'action'] as const) if ((await dropdown(which)).value !== '') await choose(which, '');
  }

  before(async function () {
    this.timeout(60_000);
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open', 30_000);
    assert.ok((await ep.api.register('*.*.*')).ok);
    await waitForActiveFilters(ep.api);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await showTable();
  });

  after(async () => {
    await setViewportSize(SIZES[0].width, SIZES[0].height);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ep?.dispose();
  });

  beforeEach(async () => {
    await setViewportSize(SIZES[0].width, SIZES[0].height);
    await vscode.commands.executeCommand('drp.resume');
    await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
    await showTable();
    await showAllEvents();
    await waitUntil(rowCount, (c) => c === 0, 'an empty table');
  });

  it('opens the type and action dropdowns over the column header, every option clickable at two window sizes', async () => {
    const types = ['bootenvs', 'jobs', 'leases', 'machines', 'params', 'profiles', 'reservations', 'stages', 'subnets', 'tasks', 'users', 'workflows'];
    const actions = ['create', 'delete', 'save', 'update'];
    await publish(types.flatMap((type) => actions.map((action) => ({ type, action }))));
    await waitUntil(() => dropdown('type'), (d) => d.options.length === types.length + 1, 'every type in the type dropdown');
    await waitUntil(() => dropdown('action'), (d) => d.options.length === actions.length + 1, 'every action in the action dropdown');
    await vscode.commands.executeCommand('notifications.clearAll');

    for (const size of SIZES) {
      await resize(size);
      for (const which of ['type', 'action'] as const) {
        await clickInWebview(DROPDOWN[which]);
        await waitUntil(() => isOpen(which), (o) => o, `the ${which} dropdown to open`);
        if (which === 'action') await screenshot(`event-table-dropdown-${size.height}`);
        const hits = await optionsUnderPointer(which);
        const missed = hits.filter((h) => h.hit !== 'itself');
        assert.deepEqual(missed, [], `at ${size.width}×${size.height}, these ${which} options are covered or off the page`);
        await pressKey('Escape');
        await waitUntil(() => isOpen(which), (o) => !o, `the ${which} dropdown to close`);
      }
    }

    // The short window: a real click on a low option applies it.
    await choose('action', 'save');
    await waitUntil(rowCount, (c) => c === types.length, `${types.length} save events`);
    assert.deepEqual([...new Set((await readAllRows()).map((cells) => cells[2]))], ['save']);
    assert.equal((await dropdown('action')).shown, 'save');
    await resize(SIZES[0]);
  });

  it('keeps the dropdowns on the filter in force after Clear, a rebuilt option list, hiding and a restore', async () => {
    await publish([{ type: 'jobs', action: 'save' }, { type: 'machines', action: 'update' }, { type: 'jobs', action: 'save' }]);
    await choose('type', 'jobs');
    await choose('action', 'save');
    await waitUntil(rowCount, (c) => c === 2, 'the two jobs save rows');

    // Clear from the toolbar, then events of another type and action rebuild the option lists.
    await clickInWebview(CLEAR_BUTTON);
    await waitUntil(async () => ep.api.getEvents().length, (n) => n === 0, 'an empty buffer');
    await publish([{ type: 'machines', action: 'update' }, { type: 'machines', action: 'update' }, { type: 'machines', action: 'create' }]);
    await waitUntil(() => dropdown('type'), (d) => d.options.includes('machines'), 'machines among the type options');
    await waitUntil(() => dropdown('action'), (d) => d.options.includes('update') && d.options.includes('create'), 'the new actions among the options');
    assert.equal(await rowCount(), 0, 'the table still shows only jobs save events');
    assert.deepEqual([(await dropdown('type')).shown, (await dropdown('action')).shown], ['jobs', 'save'], 'the dropdowns show the filter in force');
    const empty = await waitUntil(() => webviewText(EMPTY_STATE), (t) => t !== '', 'the empty-result message');
    assert.match(empty, /^No buffered events of type ‘jobs’ with action ‘save’\.\s*Clear filter$/);
    await screenshot('event-table-empty-filter');

    // Hidden (another editor in front) and shown again: the page is rebuilt from its saved state.
    const other = await vscode.workspace.openTextDocument({ content: 'in front of the table' });
    await vscode.window.showTextDocument(other, { preview: false });
    await showTable();
    await waitUntil(() => dropdown('type'), (d) => d.options.includes('machines'), 'the type options after showing the table again');
    assert.deepEqual([(await dropdown('type')).shown, (await dropdown('action')).shown], ['jobs', 'save'], 'after a hide and show');
    assert.equal(await rowCount(), 0);

    // Hidden again, and then asked for all machines events (the Events tree's Show in Event
    // Table): the restored page must show that query, not the one it saved.
    await vscode.window.showTextDocument(other, { preview: false });
    await vscode.commands.executeCommand('drp.showInEventTable', { type: 'machines' });
    await showTable();
    await waitUntil(rowCount, (c) => c === 3, 'the three machines rows');
    await waitUntil(() => dropdown('type'), (d) => d.shown === 'machines', 'the type dropdown to read machines');
    assert.equal((await dropdown('action')).shown, 'All actions');
    assert.equal(await evalInWebview(`document.querySelector('vscode-text-field.search').value`), '');
    await vscode.window.showTextDocument(other, { preview: false });
    // An untitled document is dirty: a plain close would ask to save it in a real dialog.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('says in the grid that a search matched nothing, with a Clear filter that shows every event again', async () => {
    await publish([{ type: 'machines', action: 'update' }, { type: 'jobs', action: 'create' }, { type: 'profiles', action: 'save' }]);
    await waitUntil(rowCount, (c) => c === 3, 'three rows');
    assert.equal(await evalInWebview(`document.querySelector('${EMPTY_STATE}')?.hidden !== false`), true, 'no message while there are rows');
    await choose('type', 'jobs');
    await typeInWebview(SEARCH_INPUT, 'xyz-nothing-matches');
    await waitUntil(rowCount, (c) => c === 0, 'no rows for the search');
    const text = await waitUntil(() => webviewText(EMPTY_STATE), (t) => t.includes('xyz-nothing-matches'), 'the empty-result message');
    assert.match(text, /^No events of type ‘jobs’ match ‘xyz-nothing-matches’\.\s*Clear filter$/);
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('event-table-empty-search');

    await clickInWebview(`${EMPTY_STATE} .link`);
    await waitUntil(rowCount, (c) => c === 3, 'every row back');
    assert.equal(await evalInWebview(`document.querySelector('vscode-text-field.search').value`), '');
    assert.deepEqual([(await dropdown('type')).shown, (await dropdown('action')).shown], ['All types', 'All actions']);
    assert.equal(await evalInWebview(`document.querySelector('${EMPTY_STATE}').hidden`), true);
  });

  it('looks like VS Code’s own tables: UI font, code font for keys, list colours, a labelled rate and a whole top row', async () => {
    const traffic = waitForEvent(ep.api.onDidReceiveEvent, () => ep.api.getEvents().length >= 120, 20_000, '120 traffic events');
    ep.sim.startTraffic({ rate: 60, machines: 6 });
    try {
      await traffic;
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await hoverInWebview('.toolbar .counters'); // the pointer away from the grid
      const style = (await evalInWebview(`(() => {
        const row = document.querySelector('.event-table .rows .row:not(.loading)');
        const font = (el) => getComputedStyle(el).fontFamily;
        const probe = (v) => { const p = document.createElement('span'); p.style.fontFamily = 'var(' + v + ')'; document.body.append(p); const f = getComputedStyle(p).fontFamily; p.remove(); return f; };
        const header = document.querySelector('.event-table .header');
        return {
          ui: probe('--vscode-font-family'),
          code: probe('--vscode-editor-font-family'),
          cells: [...row.children].map(font),
          header: { font: font(header), weight: getComputedStyle(header).fontWeight, rule: getComputedStyle(header.querySelector('.resizer')).borderRightColor },
        };
      })()`)) as { ui: string; code: string; cells: string[]; header: { font: string; weight: string; rule: string } };
      assert.notEqual(style.ui, style.code, 'the theme has distinct UI and code fonts');
      assert.deepEqual(style.cells, [style.ui, style.ui, style.ui, style.code, style.ui, style.code], 'Time, Type, Action and Principal in the UI font; Key and Filters in the code font');
      assert.equal(style.header.font, style.ui);
      assert.equal(style.header.weight, '700');
      assert.equal(style.header.rule, 'rgba(0, 0, 0, 0)', 'no column rules while the pointer is elsewhere');

      // The rate: labelled with what it measures and its scale.
      await waitUntil(() => webviewText('.toolbar .rate'), (t) => /^\d[\d,]* events\/s · peak [1-9][\d,]*$/.test(t), 'the rate label with a peak');

      // The top row whole under the header, at both window sizes, while following the stream.
      for (const size of SIZES) {
        await setViewportSize(size.width, size.height);
        const cut = async () => (await evalInWebview(`new Promise((resolve) => requestAnimationFrame(() => {
          const header = document.querySelector('.event-table .header').getBoundingClientRect();
          const viewport = document.querySelector('.event-table .viewport');
          const rows = [...document.querySelectorAll('.event-table .rows .row')].filter((r) => r.style.display !== 'none')
            .map((r) => r.getBoundingClientRect()).filter((r) => r.bottom > header.bottom + 0.5 && r.top < viewport.getBoundingClientRect().bottom);
          const top = Math.min(...rows.map((r) => r.top));
          resolve({ hiddenUnderHeader: Math.max(0, Math.round(header.bottom - top)), rows: rows.length, height: window.innerHeight });
        }))`)) as { hiddenUnderHeader: number; rows: number; height: number };
        const seen = await waitUntil(cut, (c) => c.rows > 3 && c.hiddenUnderHeader === 0, `a whole top row at ${size.width}×${size.height}`, 5_000);
        assert.equal(seen.hiddenUnderHeader, 0);
      }
      await setViewportSize(SIZES[0].width, SIZES[0].height);
      await screenshot('event-table-look');
    } finally {
      ep.sim.stopTraffic();
    }

    // Selection and hover in the list's colours; the selection turns inactive when the table
    // loses the focus.
    // Once the stream is quiet, so the rows stay where they are.
    await waitUntil(async () => [await rowCount(), ep.api.getEvents().length], ([c, n]) => c === n, 'as many rows as buffered events');
    const rows = await waitUntil(shownRows, (r) => r.length > 6, 'rows on screen');
    // A row on screen by its place in the view (keys repeat: a machine has many events).
    const rowAt = (index: number) => `.event-table .rows .row[aria-rowindex="${index + 2}"]:not([style*="display: none"])`;
    const background = (selector: string) => evalInWebview(`getComputedStyle(document.querySelector('.event-table .rows ${selector}')).backgroundColor`);
    // A theme colour resolved as the page would paint it, to compare with what it paints.
    const colourOf = async (name: string) => (await evalInWebview(`(() => { const p = document.createElement('div'); p.style.backgroundColor = 'var(${name})'; document.body.append(p); const c = getComputedStyle(p).backgroundColor; p.remove(); return c; })()`)) as string;
    const opened = waitForEvent(vscode.window.onDidChangeVisibleTextEditors, (editors) => editors.some((e) => e.document.uri.scheme === 'drp-event'), 10_000, 'the event document');
    // Rows near the bottom: following the stream, the table keeps its newest row in view
    // when the document beside it takes some of its height.
    await clickInWebview(rowAt(rows[rows.length - 4].index));
    await opened; // beside the table, which keeps the focus
    await waitUntil(() => countInWebview('.event-table .rows .row.selected'), (n) => n === 1, 'the row to be selected');
    await hoverInWebview(rowAt(rows[rows.length - 2].index));
    assert.equal(await countInWebview('.event-table .rows .row:hover:not(.selected)'), 1, 'the pointer is over another row');
    assert.equal(await background('.row.selected'), await colourOf('--vscode-list-activeSelectionBackground'), 'selected row, table focused');
    assert.equal(await background('.row:hover'), await colourOf('--vscode-list-hoverBackground'), 'hovered row');
    await clickInWebview(SEARCH_INPUT);
    assert.equal(await background('.row.selected'), await colourOf('--vscode-list-inactiveSelectionBackground'), 'selected row, focus elsewhere');
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  });
});
