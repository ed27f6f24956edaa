// Throughput: the simulator floods as fast as the reader takes events (it waits on a nearly
// full session queue, so nothing is dropped), and each client kind receives the same flood.
//
// Two measures, because the sender is a process too. Wall-clock events/s is what the run
// saw, but with the simulator on the other core it is bounded by the simulator's own send
// rate (TLS encryption costs it about what decryption costs the client) and by whatever else
// runs on this shared machine. Capacity, events per CPU-second of the client process (all
// its threads, GC helpers included), is what the client could take from an infinitely fast
// sender: the ceiling the goal means. Kinds are interleaved within every repeat so
// background load hits them alike; ratios are taken within a repeat, then summarised.

import { connectClient, type ClientKind } from './clients';
import { median } from './stats';
import type { SimProcess } from './sim-process';

export interface FloodSize {
  label: string;
  bytes: number;
  count: number;
  /** Whether to run the parse-everything client too (it holds every parsed object). */
  parse: boolean;
}

export interface FloodRun {
  /** Wall clock, first event to the last one handled. */
  eventsPerSec: number;
  /** Events per CPU-second of this process. */
  capacity: number;
  cpuUsPerEvent: number;
  mbPerSec: number;
  avgChars: number;
  clientCpuPct: number;
  simCpuPct: number;
}

export interface Ratios {
  wall: number[];
  capacity: number[];
}

export interface SizeResult {
  size: FloodSize;
  runs: Record<ClientKind, FloodRun[]>;
  /** pipeline / bare and parse / bare, per repeat. */
  pipeline: Ratios;
  parse: Ratios;
}

const FLOOD_TIMEOUT_MS = 60_000;

export async function floodOnce(sim: SimProcess, kind: ClientKind, bytes: number, count: number): Promise<FloodRun> {
  const client = await connectClient(kind, sim.endpoint);
  try {
    const cpu = process.cpuUsage();
    const wallStart = performance.now();
    const finished = client.whenEvents(count);
    const [simRun, finish] = await Promise.all([sim.flood(count, bytes), withTimeout(finished, `${count} ${kind} events`)]);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const wallMs = performance.now() - wallStart;
    const seconds = finish.elapsedMs / 1000;
    return {
      eventsPerSec: (count - 1) / seconds,
      capacity: count / (cpuMs / 1000),
      cpuUsPerEvent: (cpuMs * 1000) / count,
      mbPerSec: finish.chars / seconds / 1e6,
      avgChars: finish.chars / count,
      clientCpuPct: (cpuMs / wallMs) * 100,
      simCpuPct: (simRun.cpuMs / simRun.wallMs) * 100,
    };
  } finally {
    await client.close();
    global.gc?.();
  }
}

function addRatios(into: Ratios, run: FloodRun, bare: FloodRun): void {
  into.wall.push(run.eventsPerSec / bare.eventsPerSec);
  into.capacity.push(run.capacity / bare.capacity);
}

export async function measureThroughput(sim: SimProcess, sizes: FloodSize[], repeats: number): Promise<SizeResult[]> {
  // Warm the JIT of both sides on every path before anything is measured.
  for (const kind of ['bare', 'parse', 'pipeline'] as const) await floodOnce(sim, kind, 4000, 3000);
  const results: SizeResult[] = sizes.map((size) => ({
    size,
    runs: { bare: [], parse: [], pipeline: [] },
    pipeline: { wall: [], capacity: [] },
    parse: { wall: [], capacity: [] },
  }));
  for (let r = 0; r < repeats; r++) {
    for (const result of results) {
      const { bytes, count } = result.size;
      const bare = await floodOnce(sim, 'bare', bytes, count);
      const pipeline = await floodOnce(sim, 'pipeline', bytes, count);
      result.runs.bare.push(bare);
      result.runs.pipeline.push(pipeline);
      addRatios(result.pipeline, pipeline, bare);
      if (result.size.parse) {
        const parse = await floodOnce(sim, 'parse', bytes, count);
        result.runs.parse.push(parse);
        addRatios(result.parse, parse, bare);
      }
    }
  }
  return results;
}

export function medianOf(runs: FloodRun[], field: keyof FloodRun): number {
  return median(runs.map((r) => r[field]));
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Gave up waiting for ${what} after ${FLOOD_TIMEOUT_MS / 1000} s.`)), FLOOD_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
