// The printed result: a table of every number (medians, with the min–max over repeats in
// brackets), then one line per goal. The goals and their targets are listed in
// docs/testing.md §5.

import type { LatencyResult } from './latency';
import type { MemoryResult } from './memory';
import type { SearchResult } from './search';
import { median, percentile, withSpread } from './stats';
import type { SizeResult } from './throughput';

export interface Goal {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}

export function throughputTable(results: SizeResult[]): string[] {
  if (results.length === 0) return [];
  const out = [
    'throughput over TLS, median (min–max) of repeats',
    '  wall = events/s as seen (bounded by the simulator and machine load); capacity = events per client CPU-second',
  ];
  const col = (s: string, w: number): string => s.padEnd(w);
  out.push(
    `  ${col('size', 5)} ${col('frame', 7)} ${col('kind', 9)} ${col('wall ev/s', 25)} ${col('capacity ev/s', 25)} ${col('µs cpu/ev', 10)} ` +
      `${col('ratio wall', 18)} ${col('ratio capacity', 18)} cpu% client/sim`,
  );
  for (const r of results) {
    for (const kind of ['bare', 'pipeline', 'parse'] as const) {
      const runs = r.runs[kind];
      if (runs.length === 0) continue;
      const ratios = kind === 'bare' ? undefined : r[kind];
      out.push(
        `  ${col(r.size.label, 5)} ${col(`${Math.round(median(runs.map((x) => x.avgChars)))} B`, 7)} ${col(kind === 'parse' ? 'parse-all' : kind, 9)} ` +
          `${col(withSpread(runs.map((x) => x.eventsPerSec)), 25)} ${col(withSpread(runs.map((x) => x.capacity)), 25)} ` +
          `${col(median(runs.map((x) => x.cpuUsPerEvent)).toFixed(1), 10)} ` +
          `${col(ratios ? withSpread(ratios.wall, 2) : '-', 18)} ${col(ratios ? withSpread(ratios.capacity, 2) : '-', 18)} ` +
          `${median(runs.map((x) => x.clientCpuPct)).toFixed(0)}/${median(runs.map((x) => x.simCpuPct)).toFixed(0)}`,
      );
    }
  }
  return out;
}

export function latencyTable(results: LatencyResult[]): string[] {
  if (results.length === 0) return [];
  const out = ['latency at a steady rate (ms, send → received for bare, send → buffered for pipeline; pooled over repeats, p99 per repeat in brackets)'];
  for (const r of results) {
    for (const kind of ['bare', 'pipeline'] as const) {
      const s = r.samples[kind];
      out.push(
        `  ${r.plan.label.padEnd(6)} ${`${r.plan.rate}/s`.padEnd(7)} ${kind.padEnd(9)} n=${String(s.length).padEnd(6)} ` +
          `p50 ${percentile(s, 50).toFixed(2)}  p90 ${percentile(s, 90).toFixed(2)}  p99 ${percentile(s, 99).toFixed(2)} ` +
          `[${r.p99PerRun[kind].map((x) => x.toFixed(2)).join(', ')}]  max ${Math.max(...s).toFixed(2)}  ` +
          `gc ${r.gc[kind].count}× max ${r.gc[kind].maxMs.toFixed(1)}`,
      );
    }
  }
  return out;
}

export function memoryTable(m: MemoryResult | undefined): string[] {
  if (!m) return [];
  return [
    'memory (heap used + external after gc, minus baseline)',
    `  ${m.events.toLocaleString('en-US')} events: raw text ${(m.rawBytes / 1e6).toFixed(1)} MB, held ${(m.heldBytes / 1e6).toFixed(1)} MB, ` +
      `ratio ${m.ratio.toFixed(3)}, overhead ${Math.round(m.overheadPerEvent)} B/event`,
  ];
}

export function searchTable(r: SearchResult | undefined): string[] {
  if (!r) return [];
  const out = [
    `search in the host (TableQuery.setQuery over ${r.events.toLocaleString('en-US')} events of ${r.eventChars.toLocaleString('en-US')} characters; ms, median (min–max) of repeats)`,
    '  a measurement, not a goal: the in-workbench goal "table search" adds the trip to the page',
  ];
  for (const run of r.runs) {
    out.push(`  ${JSON.stringify(run.text).padEnd(24)} ${`${run.matches} match${run.matches === 1 ? '' : 'es'}`.padEnd(11)} ${withSpread(run.ms)}`);
  }
  return out;
}

/** The bare client's p99 at the same rate: no pipeline can be faster than its floor. */
export function floorNotes(latency: LatencyResult[]): string[] {
  return latency.map((r) => `note: bare-receive p99 at ${r.plan.label} ${r.plan.rate}/s in this run: ${percentile(r.samples.bare, 99).toFixed(2)} ms (the floor for the pipeline's p99)`);
}

export function goalLine(g: Goal): string {
  return `goal ${g.name}: ${g.value.toFixed(g.unit === 'ms' ? 2 : 3)}${g.unit === 'ms' ? ' ms' : ''} (target ${g.target}) ${g.pass ? 'PASS' : 'FAIL'}`;
}

export function goals(throughput: SizeResult[], latency: LatencyResult[], memory: MemoryResult | undefined): Goal[] {
  const out: Goal[] = [];
  const fourK = throughput.find((r) => r.size.label === '4KB');
  if (fourK) {
    const ratio = median(fourK.pipeline.capacity);
    out.push({ name: 'pipeline/ceiling 4KB (capacity)', value: ratio, unit: 'x', target: '>= 0.4', pass: ratio >= 0.4 });
  }
  const limits: Record<string, number> = { '4KB': 5, '20KB': 15 };
  for (const r of latency) {
    const limit = limits[r.plan.label];
    if (limit === undefined) continue;
    const p99 = percentile(r.samples.pipeline, 99);
    out.push({ name: `p99 latency ${r.plan.label} @${r.plan.rate}/s`, value: p99, unit: 'ms', target: `< ${limit} ms`, pass: p99 < limit });
  }
  if (memory) out.push({ name: 'memory 100k x 4KB / raw', value: memory.ratio, unit: 'x', target: '<= 1.15', pass: memory.ratio <= 1.15 });
  return out;
}
