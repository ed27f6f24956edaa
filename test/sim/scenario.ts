// Background traffic that looks like a real endpoint at work: machines walking the
// discover-base workflow. Each task run produces the sequence docs/protocol.md §5.2
// describes: job create, the previous job's save (Current → false, Original equal to Object),
// the machine update with Original, job updates created → running → finished, and a log.info
// line, while the job's log grows (docs/protocol.md §7.7). A share of jobs can fail: the job
// ends failed, the machine stops being Runnable, and an operator makes it Runnable again so
// the same task is retried. Everything goes through the store, so REST reads agree with what
// the stream said.

import { drpNow } from './drp-time';
import type { EventInput } from './event-frame';
import { inventoryParams } from './inventory';
import type { JobLogs } from './job-logs';
import type { LogLines } from './log-lines';
import { DISCOVER_BASE } from './seed';
import { seededRandom } from './seeded-random';
import type { ObjectStore } from './store';
import { taskFailed, taskFinished, taskOutput, taskStart } from './task-output';

export interface TrafficOptions {
  /** Events per second, all machines together; 0 runs only the steps stepTraffic() asks for. */
  rate: number;
  /** How many machines to drive (default 3). */
  machines?: number;
  /** Machine object size: 'small' (~1 KB), '4k' or '20k' (padded with inventory params). */
  objectSize?: 'small' | '4k' | '20k';
  /** The share of jobs that fail, from 0 (default) to 1. */
  failRate?: number;
  /** Seeds which jobs fail: the same seed, machine count and fail rate fail the same jobs (default 1). */
  seed?: number;
}

const TICK_MS = 20;
const PAD_BYTES = { small: 0, '4k': 3000, '20k': 19000 } as const;
const OPERATOR = 'user:rocketskates';
/** Jobs (and their logs) each machine keeps: enough to open a recent job's log, bounded for long runs. */
const KEPT_JOBS = 20;

export class TrafficScenario {
  private timer: NodeJS.Timeout | undefined;
  private budget = 0;
  private last = 0;
  private turn = 0;
  private readonly lives: Array<Generator<void, void, void>> = [];
  private readonly failRate: number;

  constructor(
    private readonly store: ObjectStore,
    private readonly logs: LogLines,
    private readonly jobLogs: JobLogs,
    private readonly publish: (e: EventInput) => void,
    private readonly options: TrafficOptions,
  ) {
    this.failRate = options.failRate ?? 0;
    if (!(this.failRate >= 0 && this.failRate <= 1)) throw new Error(`The fail rate must be a number from 0 to 1, not ${String(options.failRate)}.`);
  }

  start(): void {
    const count = Math.max(1, this.options.machines ?? 3);
    const pad = PAD_BYTES[this.options.objectSize ?? 'small'];
    const seed = this.options.seed ?? 1;
    for (let i = 1; i <= count; i++) {
      // One generator per machine, so its failures do not depend on how machines interleave.
      const random = seededRandom(Math.imul(seed, 0x9e3779b1) + i);
      this.lives.push(this.machineLife(this.ensureMachine(i, pad), random));
    }
    this.last = Date.now();
    if (this.options.rate > 0) this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Runs `count` steps now, machines in turn; each step publishes one event. */
  step(count: number): void {
    for (let i = 0; i < count; i++) this.lives[this.turn++ % this.lives.length].next();
  }

  /** Spends the event budget earned since the last tick, one event per step, machines in turn. */
  private tick(): void {
    const now = Date.now();
    // Cap the carry-over so a blocked event loop does not come back with a burst.
    this.budget = Math.min(this.budget + ((now - this.last) / 1000) * this.options.rate, Math.max(1, this.options.rate / 5));
    this.last = now;
    while (this.budget >= 1 && this.timer) {
      this.budget -= 1;
      this.lives[this.turn++ % this.lives.length].next();
    }
  }

  private ensureMachine(n: number, pad: number): string {
    const name = `sim-node-${String(n).padStart(2, '0')}`;
    const existing = this.store.get('machines', `Name:${name}`);
    if (existing) return String(existing.Uuid);
    const result = this.store.create('machines', {
      Name: name,
      HardwareAddrs: [`52:54:00:5e:00:${n.toString(16).padStart(2, '0')}`],
      Params: pad > 0 ? inventoryParams(pad, n) : { 'gohai/enable': true },
    }, OPERATOR);
    if (!result.ok) throw new Error(`The scenario could not create machine ${name}: ${result.body.Messages.join(', ')}`);
    return String(result.object.Uuid);
  }

  private *machineLife(uuid: string, random: () => number): Generator<void, void, void> {
    const runner = `runner:${uuid}`;
    const name = String(this.store.get('machines', uuid)?.Name);
    let previousJob = '';
    const kept: string[] = [];
    if (this.store.get('machines', uuid)?.Runnable === false) {
      // Left not runnable by an earlier run's failed job: the operator lets it go on.
      this.store.change('machines', uuid, 'update', OPERATOR, (m) => { m.Runnable = true; });
      yield;
    }
    for (;;) {
      for (const step of DISCOVER_BASE) {
        const tasks = [`stage:${step.stage}`, `bootenv:${step.bootEnv}`, ...step.tasks];
        this.store.change('machines', uuid, 'update', OPERATOR, (m) => {
          Object.assign(m, { Workflow: 'discover-base', Stage: step.stage, BootEnv: step.bootEnv, Tasks: tasks, CurrentTask: 1 });
        });
        yield;
        for (let t = 2; t < tasks.length; t++) {
          const task = tasks[t];
          // A failed job is retried with a new job for the same task until one finishes.
          for (let done = false; !done;) {
            const created = this.store.create('jobs', {
              Previous: previousJob, Machine: uuid, Task: task, Stage: step.stage, State: 'created', StartTime: drpNow(),
              Current: true, CurrentIndex: t, NextIndex: t + 1, Workflow: 'discover-base', BootEnv: step.bootEnv,
            }, runner);
            if (!created.ok) return;
            const job = String(created.object.Uuid);
            this.jobLogs.open(job);
            yield;
            if (previousJob) {
              // The server clears Current on the stored job in place, so Original equals Object.
              this.store.change('jobs', previousJob, 'save', runner, (j) => { j.Current = false; }, { inPlace: true });
              yield;
            }
            kept.push(job);
            if (kept.length > KEPT_JOBS) {
              const oldest = kept.shift() as string;
              this.store.forget('jobs', oldest);
              this.jobLogs.forget(oldest);
            }
            previousJob = job;
            this.store.change('machines', uuid, 'update', runner, (m) => { m.CurrentJob = job; m.CurrentTask = t; });
            yield;
            this.store.change('jobs', job, 'update', runner, (j) => { j.State = 'running'; });
            this.jobLogs.append(job, taskStart(task, name, step.stage));
            yield;
            this.jobLogs.append(job, taskOutput(task));
            this.publish(this.logs.line('frontend', 'info', runner, '/src/frontend/jobs.go', 212, `Job ${job} for ${name} running task ${task}`));
            yield;
            done = random() >= this.failRate;
            if (done) {
              this.jobLogs.append(job, taskFinished(task));
              this.store.change('jobs', job, 'update', runner, (j) => { Object.assign(j, { State: 'finished', ExitState: 'complete', EndTime: drpNow() }); });
              yield;
              continue;
            }
            // The log is complete before the failure is published, as it is when the runner reports it.
            this.jobLogs.append(job, taskFailed(task));
            this.store.change('jobs', job, 'update', runner, (j) => { Object.assign(j, { State: 'failed', ExitState: 'failed', EndTime: drpNow() }); });
            yield;
            this.store.change('machines', uuid, 'update', runner, (m) => { m.Runnable = false; });
            yield;
            this.store.change('machines', uuid, 'update', OPERATOR, (m) => { m.Runnable = true; });
            yield;
          }
        }
      }
    }
  }
}
