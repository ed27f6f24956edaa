// Background traffic that looks like a real endpoint at work: machines walking the
// discover-base workflow. Each task run produces the sequence docs/protocol.md §5.2
// describes: job create, the previous job's save (Current → false, Original equal to Object),
// the machine update with Original, job updates created → running → finished, and a log.info
// line. Everything goes through the store, so REST reads agree with what the stream said.

import { drpNow } from './drp-time';
import type { EventInput } from './event-frame';
import { inventoryParams } from './inventory';
import type { LogLines } from './log-lines';
import type { DrpObject } from './models';
import { DISCOVER_BASE } from './seed';
import type { ObjectStore } from './store';

export interface TrafficOptions {
  /** Events per second, all machines together. */
  rate: number;
  /** How many machines to drive (default 3). */
  machines?: number;
  /** Machine object size: 'small' (~1 KB), '4k' or '20k' (padded with inventory params). */
  objectSize?: 'small' | '4k' | '20k';
}

const TICK_MS = 20;
const PAD_BYTES = { small: 0, '4k': 3000, '20k': 19000 } as const;

export class TrafficScenario {
  private timer: NodeJS.Timeout | undefined;
  private budget = 0;
  private last = 0;
  private turn = 0;
  private readonly lives: Array<Generator<void, void, void>> = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly logs: LogLines,
    private readonly publish: (e: EventInput) => void,
    private readonly options: TrafficOptions,
  ) {}

  start(): void {
    const count = Math.max(1, this.options.machines ?? 3);
    const pad = PAD_BYTES[this.options.objectSize ?? 'small'];
    for (let i = 1; i <= count; i++) this.lives.push(this.machineLife(this.ensureMachine(i, pad)));
    this.last = Date.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
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
    }, 'user:rocketskates');
    if (!result.ok) throw new Error(`The scenario could not create machine ${name}: ${result.body.Messages.join(', ')}`);
    return String(result.object.Uuid);
  }

  private *machineLife(uuid: string): Generator<void, void, void> {
    const runner = `runner:${uuid}`;
    let previousJob = '';
    let olderJob = '';
    for (;;) {
      for (const step of DISCOVER_BASE) {
        const tasks = [`stage:${step.stage}`, `bootenv:${step.bootEnv}`, ...step.tasks];
        this.store.change('machines', uuid, 'update', 'user:rocketskates', (m) => {
          Object.assign(m, { Workflow: 'discover-base', Stage: step.stage, BootEnv: step.bootEnv, Tasks: tasks, CurrentTask: 1 });
        });
        yield;
        for (let t = 2; t < tasks.length; t++) {
          const task = tasks[t];
          const machine = this.store.get('machines', uuid) as DrpObject;
          const created = this.store.create('jobs', {
            Previous: previousJob, Machine: uuid, Task: task, Stage: step.stage, State: 'created', StartTime: drpNow(),
            Current: true, CurrentIndex: t, NextIndex: t + 1, Workflow: 'discover-base', BootEnv: step.bootEnv,
          }, runner);
          if (!created.ok) return;
          const job = String(created.object.Uuid);
          yield;
          if (previousJob) {
            // The server clears Current on the stored job in place, so Original equals Object.
            this.store.change('jobs', previousJob, 'save', runner, (j) => { j.Current = false; }, { inPlace: true });
            yield;
          }
          if (olderJob) this.store.forget('jobs', olderJob);
          olderJob = previousJob;
          previousJob = job;
          this.store.change('machines', uuid, 'update', runner, (m) => { m.CurrentJob = job; m.CurrentTask = t; });
          yield;
          this.store.change('jobs', job, 'update', runner, (j) => { j.State = 'running'; });
          yield;
          this.publish(this.logs.line('frontend', 'info', runner, '/src/frontend/jobs.go', 212, `Job ${job} for ${String(machine.Name)} running task ${task}`));
          yield;
          this.store.change('jobs', job, 'update', runner, (j) => { Object.assign(j, { State: 'finished', ExitState: 'complete', EndTime: drpNow() }); });
          yield;
        }
      }
    }
  }
}
