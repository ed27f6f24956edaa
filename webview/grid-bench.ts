// TEST-ONLY page, never loaded by the product: the toolkit's <vscode-data-grid> holding N
// event-shaped rows, so the benchmark (test/integration/table-perf.test.ts) can show why the
// event table draws its own virtualized rows. Built only in development builds.
import {
  provideVSCodeDesignSystem,
  vsCodeDataGrid,
  vsCodeDataGridCell,
  vsCodeDataGridRow,
} from '@vscode/webview-ui-toolkit';

provideVSCodeDesignSystem().register(vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell());

type Grid = HTMLElement & {
  rowsData: object[];
  columnDefinitions: { columnDataKey: string; title: string }[];
};

export interface GridBenchResult {
  rows: number;
  /** From setting rowsData to every row's cells being in the DOM and laid out. */
  ms: number;
}

/** Read by the benchmark through the UI bridge. */
export interface GridBench {
  /** Starts rendering `rows` rows in a fresh grid; poll result() for the time it took. */
  start(rows: number): void;
  result(): GridBenchResult | undefined;
}

const COLUMNS = ['time', 'type', 'action', 'key', 'principal', 'filters'];

function row(i: number): Record<string, string> {
  const id = `${String(i).padStart(8, '0')}-5e00-4c00-8000-0000000000${String(i % 100).padStart(2, '0')}`;
  return { time: `05:23:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}`, type: 'machines', action: 'update', key: id, principal: `runner:${id}`, filters: '*.*.*' };
}

let result: GridBenchResult | undefined;

function start(rows: number): void {
  result = undefined;
  document.querySelector('vscode-data-grid')?.remove();
  const grid = document.createElement('vscode-data-grid') as Grid;
  grid.setAttribute('aria-label', `${rows} events`);
  document.body.append(grid);
  const data = Array.from({ length: rows }, (_, i) => row(i));
  const t0 = performance.now();
  grid.columnDefinitions = COLUMNS.map((c) => ({ columnDataKey: c, title: c }));
  grid.rowsData = data;
  const check = () => {
    // The header is a row too; the last data row is complete when its six cells exist.
    const all = grid.querySelectorAll('vscode-data-grid-row');
    const last = all[all.length - 1];
    if (all.length >= rows + 1 && last?.querySelectorAll('vscode-data-grid-cell').length === COLUMNS.length) {
      void grid.getBoundingClientRect(); // force the layout that the rows need before paint
      requestAnimationFrame(() => {
        result = { rows, ms: performance.now() - t0 };
      });
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

(window as unknown as { __gridBench: GridBench }).__gridBench = { start, result: () => result };
