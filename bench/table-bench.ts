// The event table's goals (docs/testing.md §5) for `npm run bench`. They can only be measured
// in the real workbench, so this runs the in-host perf test
// (test/integration/table-perf.test.ts) through the test driver and turns the JSON it writes
// into `goal …: … PASS|FAIL` lines. Needs a development build (`node scripts/build.mjs`): the
// driver and the test live in dist/.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TablePerfResults } from '../test/integration/table-perf.test';

const root = join(__dirname, '..', '..');
const RESULTS = join(root, 'test-results', 'table-perf.json');

function runPerfTest(): Promise<{ code: number; tail: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist', 'test', 'runInServer.js')], {
      cwd: root,
      env: { ...process.env, HARNESS_PERF: '1', HARNESS_GREP: 'table perf' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => resolve({ code: code ?? 1, tail: out }));
  });
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

/** Runs the table's in-workbench benchmark and returns its report lines (goals first). */
export async function tableBench(): Promise<string[]> {
  rmSync(RESULTS, { force: true });
  const run = await runPerfTest();
  if (!existsSync(RESULTS)) {
    return [`goal event table: not measured — the in-workbench run wrote no ${RESULTS} (exit ${run.code}). Its last output:`, run.tail];
  }
  const r = JSON.parse(readFileSync(RESULTS, 'utf8')) as Partial<TablePerfResults>;
  const lines: string[] = [];
  if (r.live) {
    const l = r.live;
    lines.push(
      `goal table frame time p95 at ${l.rate} events/s for ${l.seconds} s: ${ms(l.frameP95Ms)} (target < 33 ms) ${verdict(l.frameP95Ms < 33)}`,
      `goal table events lost at ${l.rate} events/s: ${l.lost} of ${l.sent} (target 0) ${verdict(l.lost === 0)}`,
    );
  } else lines.push('goal table frame time p95 at 1000 events/s: not measured FAIL');
  if (r.large) {
    const g = r.large;
    lines.push(
      `goal table scroll to any point, ${g.events} events: ${ms(g.scrollMaxMs)} slowest of ${g.scrollMs.length} (target < 100 ms) ${verdict(g.scrollMaxMs < 100)}`,
      `goal table search over ${g.events} events: ${ms(g.searchMaxMs)} slowest reply (target < 500 ms) ${verdict(g.searchMaxMs < 500)}`,
    );
  } else lines.push('goal table scroll and search over 100000 events: not measured FAIL');
  if (r.live) {
    const l = r.live;
    lines.push(`  live: ${l.frames} frames, p50 ${ms(l.frameP50Ms)}, p95 ${ms(l.frameP95Ms)}, max ${ms(l.frameMaxMs)}; render p95 ${ms(l.renderP95Ms)}; ${l.buffered}/${l.sent} events buffered`);
  }
  if (r.large) {
    const g = r.large;
    lines.push(`  ${g.events} events imported and shown in ${g.importMs} ms; scroll ms: ${g.scrollMs.join(', ')}`);
    for (const s of g.search) lines.push(`  search "${s.text}": ${s.matches} matches, reply ${ms(s.replyMs)}, rows on screen ${ms(s.renderedMs)}`);
  }
  for (const g of r.grid ?? []) lines.push(`  toolkit <vscode-data-grid> with ${g.rows} rows: ${g.ms} ms to render (for comparison; the table renders only visible rows)`);
  if (run.code !== 0) lines.push(`  (the in-workbench run exited ${run.code}: a goal assertion failed or a step did not finish)`);
  return lines;
}
