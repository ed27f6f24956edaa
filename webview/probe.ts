// DEVELOPMENT BUILDS ONLY: what the in-host tests and the benchmark
// (test/integration/table-perf.test.ts, bench/table-bench.ts) read from the real workbench
// through the UI bridge. main.ts installs it only when __TABLE_PROBE__ is true
// (webview/build-flags.d.ts), so a production build carries none of this.
import { renderTimes, type EventTable } from './table';

/** Read by the benchmark from the real workbench: frame times and rows in the DOM. */
export interface TableProbe {
  renderTimes(): number[];
  renderedRows(): number;
  rowCount(): number;
  follow(): boolean;
  /** Starts recording the gaps between animation frames (ms). */
  startFrames(): void;
  stopFrames(): number[];
  messages: number;
}

/** Creates the probe and publishes it as `window.__drpTableProbe`. */
export function installTableProbe(table: EventTable): TableProbe {
  let frameGaps: number[] | undefined;
  const probe: TableProbe = {
    renderTimes: () => [...renderTimes],
    // Row elements that are showing a row: the table hides the pool's spare ones.
    renderedRows: () => [...table.element.querySelectorAll<HTMLElement>('.rows .row')].filter((r) => r.style.display !== 'none').length,
    rowCount: () => table.count,
    follow: () => table.follow,
    startFrames: () => {
      const gaps: number[] = [];
      frameGaps = gaps;
      let last = performance.now();
      const tick = (now: number) => {
        if (frameGaps !== gaps) return;
        gaps.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    stopFrames: () => {
      const gaps = frameGaps ?? [];
      frameGaps = undefined;
      return gaps;
    },
    messages: 0,
  };
  (window as unknown as { __drpTableProbe: TableProbe }).__drpTableProbe = probe;
  return probe;
}
