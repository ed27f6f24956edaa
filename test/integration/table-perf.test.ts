// The event table's performance goals (docs/testing.md §5), measured in the real workbench:
// frame times under 1,000 events/s, scrolling and searching 100,000 buffered events, and the
// toolkit's data grid for comparison. Slow (about two minutes), so it registers only when
// HARNESS_PERF=1 (`npm run bench` sets it); otherwise `npm test` does not see it at all.
// Results go to test-results/table-perf.json, which bench/table-bench.ts prints.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { SETTLED_JS, rowCount, showTable, waitUntil } from './support/table-page';
import { evalInWebview, screenshot } from './ui';

/** The shape of test-results/table-perf.json (read by bench/table-bench.ts). */
export interface TablePerfResults {
  measuredAt: string;
  live: { seconds: number; sent: number; buffered: number; lost: number; rate: number; frames: number; frameP50Ms: number; frameP95Ms: number; frameMaxMs: number; renderP95Ms: number };
  large: { events: number; importMs: number; scrollMs: number[]; scrollMaxMs: number; search: { text: string; matches: number; replyMs: number; renderedMs: number }[]; searchMaxMs: number };
  grid: { rows: number; ms: number }[];
}

const LIVE_RATE = 1000;
const LIVE_SECONDS = 30;
const LARGE_EVENTS = 100_000;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Asks the page again after a bridge timeout: a page busy rendering cannot answer at once. */
async function evalPatiently(js: string, deadline: number): Promise<unknown> {
  for (;;) {
    try {
      return await evalInWebview(js);
    } catch (err) {
      if (Date.now() > deadline || !/did not answer|Timeout \d+ms exceeded/.test(String(err))) throw err;
    }
  }
}

if (process.env.HARNESS_PERF === '1') {
  describe('table perf', function () {
    this.timeout(180_000);
    let ep: TestEndpoint;
    const results: Partial<TablePerfResults> = { measuredAt: new Date().toISOString() };

    before(async () => {
      const config = vscode.workspace.getConfiguration('drp');
      await config.update('maxEvents', 200_000, vscode.ConfigurationTarget.Global);
      await config.update('maxBufferMB', 1024, vscode.ConfigurationTarget.Global);
      ep = await startEndpoint();
      await signInWithPassword();
      await waitForState(ep.api, 'open', 30_000);
      assert.ok((await ep.api.register('*.*.*')).ok);
      await waitForActiveFilters(ep.api);
      await showTable();
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await ep?.dispose();
      const config = vscode.workspace.getConfiguration('drp');
      await config.update('maxEvents', undefined, vscode.ConfigurationTarget.Global);
      await config.update('maxBufferMB', undefined, vscode.ConfigurationTarget.Global);
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      const dir = join(ext?.extensionPath ?? process.cwd(), 'test-results');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'table-perf.json'), JSON.stringify(results, null, 2) + '\n');
    });

    it(`keeps frames under 33 ms at p95 with ${LIVE_RATE} events/s for ${LIVE_SECONDS} s, losing nothing`, async () => {
      await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
      await waitUntil(rowCount, (c) => c === 0, 'an empty table');
      let sent = 0;
      let received = 0;
      const counting = ep.sim.onEvent(() => sent++);
      const receiving = ep.api.onDidReceiveEvent(() => received++);
      await evalInWebview('window.__drpTableProbe.startFrames()');
      const rendersBefore = ((await evalInWebview('window.__drpTableProbe.renderTimes().length')) as number);
      ep.sim.startTraffic({ rate: LIVE_RATE, machines: 10 });
      // The measurement window itself: traffic runs for this long by definition.
      await new Promise((r) => setTimeout(r, LIVE_SECONDS * 1000));
      ep.sim.stopTraffic();
      counting.dispose();
      const frames = (await evalInWebview('window.__drpTableProbe.stopFrames()')) as number[];
      const renders = ((await evalInWebview('window.__drpTableProbe.renderTimes()')) as number[]).slice(-Math.max(1, 2000 - rendersBefore));
      // Events still in flight reach the buffer shortly; "lost" is what never arrives.
      if (received < sent) await waitForEvent(ep.api.onDidReceiveEvent, () => received >= sent, 20_000, `${sent} events`).catch(() => undefined);
      receiving.dispose();
      const buffered = ep.api.getEvents().length;
      results.live = {
        seconds: LIVE_SECONDS, sent, buffered, lost: Math.max(0, sent - buffered), rate: Math.round(sent / LIVE_SECONDS),
        frames: frames.length, frameP50Ms: round(percentile(frames, 50)), frameP95Ms: round(percentile(frames, 95)),
        frameMaxMs: round(Math.max(...frames)), renderP95Ms: round(percentile(renders, 95)),
      };
      await waitUntil(rowCount, (c) => c === buffered, `${buffered} rows`);
      assert.equal(buffered, sent, 'every event sent is in the host buffer');
      assert.ok(results.live.frameP95Ms < 33, `frame p95 ${results.live.frameP95Ms} ms`);
    });

    it(`scrolls and searches ${LARGE_EVENTS.toLocaleString('en-US')} buffered events within 100 ms and 500 ms`, async () => {
      // A recording of realistic traffic (machines with ~4 KB objects, jobs, logs), repeated
      // to 100,000 lines with fresh times, opened the way a user opens one: Import.
      const sample: string[] = [];
      const capture = ep.api.onDidReceiveEvent((e) => sample.push(e.raw));
      // Machines 11–20 are new, so they get ~4 KB objects; 1–10 (from the live test) stay small.
      ep.sim.startTraffic({ rate: 1000, machines: 20, objectSize: '4k' });
      await waitForEvent(ep.api.onDidReceiveEvent, () => sample.length >= 2000, 30_000, '2,000 sample events');
      ep.sim.stopTraffic();
      capture.dispose();
      const base = Date.parse('2026-11-28T05:00:00Z');
      let text = '';
      for (let i = 0; i < LARGE_EVENTS; i++) {
        const time = new Date(base + i * 10).toISOString().replace('Z', '000000Z');
        text += sample[i % sample.length].replace(/^\{"Time":"[^"]*"/, `{"Time":"${time}"`) + '\n';
      }
      const uri = vscode.Uri.file(join(mkdtempSync(join(tmpdir(), 'drp-perf-')), 'large.ndjson'));
      writeFileSync(uri.fsPath, text);
      text = '';
      await ep.api.deregister('*.*.*');
      await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
      await waitUntil(rowCount, (c) => c === 0, 'an empty table');
      const t0 = Date.now();
      assert.equal(await vscode.commands.executeCommand<number>('drp.importEvents', { uri }), LARGE_EVENTS);
      await waitUntil(rowCount, (c) => c === LARGE_EVENTS, `${LARGE_EVENTS} rows`, 60_000);
      const importMs = Date.now() - t0;

      // Ten positions spread over the whole view, in a shuffled order (far jumps each time).
      const positions = [0.53, 0.07, 0.91, 0.32, 0.76, 0.18, 0.64, 0.99, 0.41, 0.86].map((f) => Math.floor(f * (LARGE_EVENTS - 40)));
      const scrollMs = (await evalInWebview(`(async () => {${SETTLED_JS}
        const out = [];
        for (const p of ${JSON.stringify(positions)}) {
          const t0 = performance.now();
          viewport.scrollTop = p * ROW_HEIGHT;
          do {
            await frame();
            if (performance.now() - t0 > 10000) throw new Error('rows at ' + p + ' did not render within 10 s: ' + JSON.stringify({ top: viewport.scrollTop, height: viewport.scrollHeight, rows: rendered().map((r) => [indexOf(r), r.classList.contains('loading')]).slice(0, 5), count: window.__drpTableProbe.rowCount() }));
          } while (!settled());
          out.push(performance.now() - t0);
        }
        return out;
      })()`)) as number[];

      // Page side: from the query leaving the page to the host's reset (the reply), and to the
      // rows for it on screen. The worst case needs a lowercase pass over every event.
      const search = [];
      for (const needle of ['sim-node-07', 'No-Such-Text-42', '52:54:00:5e:00:03']) {
        const m = (await evalInWebview(`(async () => {${SETTLED_JS}
          const field = document.querySelector('vscode-text-field.search');
          const t0 = performance.now();
          const reply = new Promise((resolve) => {
            const on = (e) => { if (e.data && e.data.type === 'reset') { window.removeEventListener('message', on); resolve(performance.now()); } };
            window.addEventListener('message', on);
          });
          field.value = ${JSON.stringify(needle)};
          field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
          const t1 = await reply;
          do { await frame(); } while (window.__drpTableProbe.rowCount() > 0 && !settled());
          return { matches: window.__drpTableProbe.rowCount(), replyMs: t1 - t0, renderedMs: performance.now() - t0 };
        })()`)) as { matches: number; replyMs: number; renderedMs: number };
        search.push({ text: needle, matches: m.matches, replyMs: round(m.replyMs), renderedMs: round(m.renderedMs) });
      }
      await evalInWebview(`(() => { const f = document.querySelector('vscode-text-field.search'); f.value = ''; f.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' })); })()`);

      results.large = {
        events: LARGE_EVENTS, importMs, scrollMs: scrollMs.map(round), scrollMaxMs: round(Math.max(...scrollMs)),
        search, searchMaxMs: Math.max(...search.map((s) => s.replyMs)),
      };
      assert.ok(search[0].matches > 0 && search[0].matches < LARGE_EVENTS, `the search narrowed the view (${search[0].matches})`);
      assert.equal(search[1].matches, 0);
      assert.ok(results.large.scrollMaxMs < 100, `slowest scroll ${results.large.scrollMaxMs} ms`);
      assert.ok(results.large.searchMaxMs < 500, `slowest search ${results.large.searchMaxMs} ms`);
    });

    it('measures the toolkit data grid with 1,000 and 10,000 rows, for comparison', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext);
      const root = vscode.Uri.joinPath(ext.extensionUri, 'dist', 'webview');
      const panel = vscode.window.createWebviewPanel('drpGridBench', 'Data grid bench', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [root] });
      try {
        const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'grid-bench.js'));
        // The grid's templates write style attributes, so this test page allows inline styles.
        panel.webview.html = `<!DOCTYPE html><html><head><meta charset="UTF-8">
          <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${panel.webview.cspSource}; style-src ${panel.webview.cspSource} 'unsafe-inline'; font-src ${panel.webview.cspSource}">
          </head><body><script src="${script.toString()}"></script></body></html>`;
        await waitUntil(() => evalInWebview('typeof window.__gridBench === "object"'), (v) => v === true, 'the grid bench page');
        results.grid = [];
        for (const rows of [1000, 10_000]) {
          await evalInWebview(`window.__gridBench.start(${rows})`);
          const deadline = Date.now() + 150_000;
          const r = (await waitUntil(() => evalPatiently('window.__gridBench.result() ?? null', deadline), (v) => v !== null, `${rows} grid rows`, 150_000)) as { rows: number; ms: number };
          results.grid.push({ rows, ms: Math.round(r.ms) });
        }
        await screenshot('table-perf-grid');
      } finally {
        panel.dispose();
      }
    });
  });
}
