// Latency at a steady rate: the simulator child publishes on a schedule, stamping each event
// with its monotonic send time; the client takes (buffered − sent) per event. For the
// pipeline "buffered" is EventStream.onDidReceive, right after EventBuffer.push, with the
// ~100 ms output/table batches formatted on the same thread as in the extension. The bare
// client's (received − sent) is the floor: TLS, websocket and the simulator's own jitter.

import { PerformanceObserver } from 'node:perf_hooks';
import { connectClient, type ClientKind } from './clients';
import { percentile } from './stats';
import type { SimProcess } from './sim-process';

export interface LatencyPlan {
  label: string;
  bytes: number;
  rate: number;
  /** Events per run; the first `warmup` of each run are not counted. */
  count: number;
  warmup: number;
}

export interface LatencyResult {
  plan: LatencyPlan;
  /** Samples in ms, pooled over repeats, per client kind. */
  samples: Record<'bare' | 'pipeline', number[]>;
  /** p99 of each repeat, to show the spread. */
  p99PerRun: Record<'bare' | 'pipeline', number[]>;
  gc: Record<'bare' | 'pipeline', GcPauses>;
}

/** Garbage-collection pauses in the client while a run lasts (to tell our tail from the machine's). */
export interface GcPauses {
  count: number;
  totalMs: number;
  maxMs: number;
}

async function latencyOnce(sim: SimProcess, kind: ClientKind, plan: LatencyPlan, gc: GcPauses): Promise<number[]> {
  const client = await connectClient(kind, sim.endpoint, { latency: true });
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    await Promise.all([sim.steady(plan.count, plan.bytes, plan.rate), client.whenEvents(plan.count)]);
    return client.latencies.slice(plan.warmup);
  } finally {
    observer.disconnect();
    await client.close();
    global.gc?.();
  }
}

export async function measureLatency(sim: SimProcess, plans: LatencyPlan[], repeats: number): Promise<LatencyResult[]> {
  const results: LatencyResult[] = plans.map((plan) => ({ plan, samples: { bare: [], pipeline: [] }, p99PerRun: { bare: [], pipeline: [] },
    gc: { bare: { count: 0, totalMs: 0, maxMs: 0 }, pipeline: { count: 0, totalMs: 0, maxMs: 0 } },
  }));
  // One unmeasured pass first: the throughput floods just before leave both processes with
  // garbage to collect and the simulator mid-GC, which showed up as a noisy first repeat for
  // the bare client as much as for the pipeline.
  for (const plan of plans) for (const kind of ['bare', 'pipeline'] as const) await latencyOnce(sim, kind, plan, { count: 0, totalMs: 0, maxMs: 0 });
  for (let r = 0; r < repeats; r++) {
    for (const result of results) {
      for (const kind of ['bare', 'pipeline'] as const) {
        const samples = await latencyOnce(sim, kind, result.plan, result.gc[kind]);
        result.samples[kind].push(...samples);
        result.p99PerRun[kind].push(percentile(samples, 99));
      }
    }
  }
  return results;
}
