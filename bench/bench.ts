// `npm run bench` (node --expose-gc dist/bench/bench.js): throughput against the bare-receive
// ceiling, latency at a steady 1,000 events/s, and the memory of 100,000 buffered 4 KB
// events, all against the simulator over real TLS on 127.0.0.1, then the host-side search
// over 100,000 such events, in process. The simulator runs in a child process (this same
// bundle, started with SIM_CHILD_FLAG). The numbers are the result, not a test: the run
// exits 0 whether or not a goal is met.
//
// BENCH_QUICK=1 shrinks every count (for checking the bench itself, not for numbers);
// BENCH_ONLY=throughput|latency|memory|search|table runs one part (for profiling with --cpu-prof).

import { loadavg } from 'node:os';
import { measureLatency, type LatencyPlan } from './latency';
import { measureMemory } from './memory';
import { floorNotes, goalLine, goals, latencyTable, memoryTable, searchTable, throughputTable } from './report';
import { measureSearch } from './search';
import { tableBench } from './table-bench';
import { runSimChild, SIM_CHILD_FLAG, SimProcess } from './sim-process';
import { measureThroughput, type FloodSize } from './throughput';

const quick = process.env.BENCH_QUICK === '1';
const only = (part: string): boolean => !process.env.BENCH_ONLY || process.env.BENCH_ONLY === part;
const scale = (n: number): number => (quick ? Math.max(200, Math.round(n / 10)) : n);

// Counts sized so each flood runs ~1 s at the ceiling: long enough to swamp start-up, short
// enough for three repeats of everything in about three minutes.
const SIZES: FloodSize[] = [
  { label: '600B', bytes: 600, count: scale(40_000), parse: false },
  { label: '4KB', bytes: 4_096, count: scale(15_000), parse: true },
  { label: '20KB', bytes: 20_480, count: scale(4_000), parse: false },
];
const LATENCY: LatencyPlan[] = [
  { label: '4KB', bytes: 4_096, rate: 1_000, count: scale(3_000), warmup: scale(300) },
  { label: '20KB', bytes: 20_480, rate: 1_000, count: scale(3_000), warmup: scale(300) },
];
const REPEATS = quick ? 1 : 3;
const MEMORY_EVENTS = quick ? 10_000 : 100_000;
const SEARCH_EVENTS = quick ? 10_000 : 100_000;

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = load();
  const sim = await SimProcess.start();
  try {
    console.log(`DRP Event Inspector bench: node ${process.version}, simulator in a child process, TLS on 127.0.0.1, ${REPEATS} repeat(s)${quick ? ' (QUICK: counts /10, not for numbers)' : ''}`);
    const throughput = only('throughput') ? await measureThroughput(sim, SIZES, REPEATS) : [];
    const latency = only('latency') ? await measureLatency(sim, LATENCY, REPEATS) : [];
    const memory = only('memory') ? await measureMemory(sim, MEMORY_EVENTS, 4_096) : undefined;
    // Last: it leaves 400 MB of garbage that would otherwise land in the parts above.
    const search = only('search') ? measureSearch(SEARCH_EVENTS, REPEATS) : undefined;
    console.log('');
    for (const line of [...throughputTable(throughput), '', ...latencyTable(latency), '', ...memoryTable(memory), '', ...searchTable(search), '']) console.log(line);
    // The machine is shared: say how busy it was, and what the bare client's tail was in this
    // same run, so a latency FAIL can be told apart from a machine that cannot meet it at all.
    console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${loadAtStart} at start, ${load()} at end (2 cores)`);
    for (const line of floorNotes(latency)) console.log(line);
    for (const g of goals(throughput, latency, memory)) console.log(goalLine(g));
  } finally {
    await sim.stop();
  }
  // The table's goals need the real workbench: a separate, slower run through the test driver.
  if (only('table')) {
    console.log('\nevent table in the real workbench (test/integration/table-perf.test.ts)');
    for (const line of await tableBench()) console.log(line);
  }
}

if (process.argv.includes(SIM_CHILD_FLAG)) {
  runSimChild().catch((err: Error) => {
    console.error(`The simulator process failed to start: ${err.message}`);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (err: Error) => {
      console.error(`The benchmark could not finish: ${err.stack ?? err.message}`);
      process.exit(1);
    },
  );
}
