// The simulator in a child process. Why a child: the simulator renders and encrypts every
// frame, and its own garbage collection would land in the client's latency numbers if both
// shared one V8 heap. With `fork` each has its own heap and, on this 2-core machine, its own
// core. The parent drives it over the IPC channel: flood, steady rate, stop.
//
// Latency stamps: the child writes `process.hrtime.bigint()` (CLOCK_MONOTONIC, the same
// clock in every process on the machine) into the Principal of each steady-rate event just
// before handing it to the socket; the client reads it back when the event is buffered.

import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drpNow } from '../test/sim/drp-time';
import { floodFrames } from '../test/sim/flood';
import { DrpSimulator } from '../test/sim/simulator';

/** Marks the child's command line; bench.ts checks for it before doing anything else. */
export const SIM_CHILD_FLAG = '--sim-child';
/** Principal prefix of steady-rate events: `sent=<ns>;runner:<uuid>`. */
export const SENT_PREFIX = 'sent=';

export interface SimEndpoint {
  wsUrl: string;
  fingerprint256: string;
}

/** What a flood or a steady run cost the simulator (to tell whether it was the bottleneck). */
export interface SimRunResult {
  published: number;
  cpuMs: number;
  wallMs: number;
}

type Command =
  | { id: number; op: 'flood'; count: number; bytes: number }
  | { id: number; op: 'steady'; count: number; bytes: number; rate: number }
  | { id: number; op: 'stop' };

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

type Reply = { op: 'ready'; endpoint: SimEndpoint } | { op: 'done'; id: number; result: SimRunResult } | { op: 'failed'; id: number; message: string };

/** The parent's handle on the simulator child. */
export class SimProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: SimRunResult) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly endpoint: SimEndpoint,
  ) {
    child.on('message', (m: Reply) => {
      if (m.op === 'ready') return;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.op === 'done') w?.resolve(m.result);
      else w?.reject(new Error(m.message));
    });
    child.on('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`The simulator process exited (${code}).`));
      this.waiting.clear();
    });
  }

  /** Forks this same bundle with SIM_CHILD_FLAG and waits for the simulator to listen. */
  static async start(): Promise<SimProcess> {
    // No --expose-gc in the child: it is a server, not a measurement.
    const child = fork(process.argv[1], [SIM_CHILD_FLAG], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const endpoint = await new Promise<SimEndpoint>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`The simulator process exited before listening (${code}).`)));
      child.on('message', (m: Reply) => {
        if (m.op === 'ready') resolve(m.endpoint);
      });
    });
    return new SimProcess(child, endpoint);
  }

  /** Publishes `count` events of ~`bytes` as fast as the reader takes them. */
  flood(count: number, bytes: number): Promise<SimRunResult> {
    return this.request({ op: 'flood', count, bytes });
  }

  /** Publishes `count` events of ~`bytes` at `rate` per second, each stamped with its send time. */
  steady(count: number, bytes: number, rate: number): Promise<SimRunResult> {
    return this.request({ op: 'steady', count, bytes, rate });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.request({ op: 'stop' }).catch(() => undefined);
    await exited;
  }

  private request(cmd: DistributiveOmit<Command, 'id'>): Promise<SimRunResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ ...cmd, id } as Command);
    });
  }
}

/** The child's side: start a simulator and serve the parent's commands until 'stop'. */
export async function runSimChild(): Promise<void> {
  // A generous ping period: the bench's clients are busy, not dead.
  const sim = await DrpSimulator.start({ mode: 'v3', pingIntervalMs: 30_000, pongTimeoutMs: 120_000 });
  const send = (r: Reply): void => {
    process.send?.(r);
  };
  process.on('message', (cmd: Command) => {
    void serve(sim, cmd).then(
      (result) => send({ op: 'done', id: cmd.id, result }),
      (err: Error) => send({ op: 'failed', id: cmd.id, message: err.message }),
    );
  });
  send({ op: 'ready', endpoint: { wsUrl: sim.wsUrl, fingerprint256: sim.fingerprint256 } });
}

async function serve(sim: DrpSimulator, cmd: Command): Promise<SimRunResult> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  let published = 0;
  if (cmd.op === 'flood') {
    published = cmd.bytes < SMALLEST_FLOOD_FRAME ? await floodObserved(sim, cmd.count) : await sim.flood({ count: cmd.count, bytes: cmd.bytes });
  }
  else if (cmd.op === 'steady') published = await steady(sim, cmd.count, cmd.bytes, cmd.rate);
  else {
    await sim.stop();
    setImmediate(() => process.exit(0));
  }
  const used = process.cpuUsage(cpu);
  return { published, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

/**
 * Sends on a schedule rather than a fixed timer: every ~1 ms tick publishes the events that
 * are due by now, so timer jitter delays events (which the stamp then shows) instead of
 * lowering the rate. Frames go out through sendRaw, the same per-session queue as publish.
 */
async function steady(sim: DrpSimulator, count: number, bytes: number, rate: number): Promise<number> {
  const frame = floodFrames(bytes, sim.mode);
  const start = process.hrtime.bigint();
  const periodNs = 1e9 / rate;
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor(Number(process.hrtime.bigint() - start) / periodNs) + 1);
    for (; sent < due; sent++) {
      const raw = frame(sent).raw;
      sim.sendRaw(raw.replace('"Principal":"', `"Principal":"${SENT_PREFIX}${process.hrtime.bigint()};`));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return sent;
}

/** The simulator's flood frames carry a whole machine, so they are never under ~1.7 KB. */
const SMALLEST_FLOOD_FRAME = 1_700;
const QUEUE_LIMIT = 256;

/**
 * Small events as a real v3 endpoint sent them: the ~550–750 B profiles/params updates
 * recorded in test/fixtures/events-v3-observed.jsonl (docs/protocol.md §5.2), restamped with
 * the current time. Like DrpSimulator.flood it waits while the reader's queue is nearly
 * full, so nothing is dropped.
 */
async function floodObserved(sim: DrpSimulator, count: number): Promise<number> {
  const fixture = join(__dirname, '..', '..', 'test', 'fixtures', 'events-v3-observed.jsonl');
  const frames = readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((line) => line.length >= 500 && line.includes('"Action":"update"'));
  const timeEnd = frames.map((f) => f.indexOf('","Type":"'));
  const margin = QUEUE_LIMIT / 8;
  for (let i = 0; i < count; i++) {
    while (sim.sessions.some((s) => s.queued >= QUEUE_LIMIT - margin)) await new Promise((resolve) => setTimeout(resolve, 1));
    const n = i % frames.length;
    sim.sendRaw(`{"Time":"${drpNow()}${frames[n].slice(timeEnd[n])}`);
  }
  return count;
}
