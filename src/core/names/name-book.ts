// The display names the extension has learnt: each machine's Name by UUID, and each job's
// machine, task and state. Learnt from the stream (every machines and jobs event carries its
// object) and seeded over REST at connect (name-seeding.ts). Views ask `label(type, key)`
// and `principal(p)` while they render, and re-render what `onDidChange` names; the rules
// for each type are in display-name.ts.
//
// Bounded: the oldest entries go past the limits (jobs come and go all day), and a forgotten
// name falls back to the key. Emptied when the endpoint changes (NameSeeder): an endpoint
// restored from another's backup has the same UUIDs with other names.

import { Emitter } from '../emitter';
import type { EventHeader } from '../events/event';
import { ipv4FromHexKey, jobName, nameKind, principalMachine, type JobFacts } from './display-name';
import { readNameFields } from './name-fields';

/** A name that changed: the object's own, and with a machine's, its jobs' labels and its principals. */
export interface NameChange {
  type: 'machines' | 'jobs';
  key: string;
}

export interface NameBookLimits {
  machines: number;
  jobs: number;
}

const DEFAULT_LIMITS: NameBookLimits = { machines: 100_000, jobs: 20_000 };

export class NameBook {
  private readonly machines = new Map<string, string>();
  private readonly jobs = new Map<string, JobFacts>();
  private readonly changeEmitter = new Emitter<readonly NameChange[]>();
  /**
   * Fires once per learning step (one event, one REST list) with every name it changed; with
   * an empty list when the book was emptied (every name may have changed).
   */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly limits: NameBookLimits = DEFAULT_LIMITS) {}

  get machineCount(): number {
    return this.machines.size;
  }
  get jobCount(): number {
    return this.jobs.size;
  }

  machineName(uuid: string): string | undefined {
    return this.machines.get(uuid);
  }

  /** The job's facts as last learnt. */
  job(uuid: string): JobFacts | undefined {
    return this.jobs.get(uuid);
  }

  /**
   * The display name of the object `type`/`key`, or undefined while a machine's or job's is
   * not known (show the key then).
   */
  label(type: string, key: string): string | undefined {
    switch (nameKind(type)) {
      case 'machine':
        return this.machines.get(key);
      case 'job': {
        const facts = this.jobs.get(key);
        return facts ? this.jobLabel(facts) : undefined;
      }
      case 'address':
        return ipv4FromHexKey(key) ?? key;
      default:
        return key;
    }
  }

  /** A job's label from its facts, with its machine's name when known. */
  jobLabel(facts: JobFacts): string | undefined {
    return jobName(facts, facts.machine ? this.machines.get(facts.machine) : undefined);
  }

  /** `runner:<uuid>` → `runner:<machine name>` when the name is known; any other principal unchanged. */
  principal(principal: string): string {
    const m = principalMachine(principal);
    const name = m ? this.machines.get(m.id) : undefined;
    return name ? `${m!.prefix}:${name}` : principal;
  }

  /**
   * Learns from one event as it arrives (machines and jobs only; the rest are named by their
   * key). Cheap: only the Object's leading members are read (name-fields.ts).
   */
  learnFrame(header: EventHeader, raw: string): void {
    const kind = nameKind(header.type);
    if (kind !== 'machine' && kind !== 'job') return;
    const facts = readNameFields(raw, header.type);
    if (!facts) return;
    const changed = facts.kind === 'machine' ? this.setMachine(header.key, facts.name) : this.setJob(header.key, facts.facts);
    if (changed) this.fire([{ type: facts.kind === 'machine' ? 'machines' : 'jobs', key: header.key }]);
  }

  /** Learns a machine's name unless one is known: for old events (an import), which must not undo newer names. */
  learnMachineIfUnknown(uuid: string, name: string): void {
    if (this.machines.has(uuid)) return;
    if (this.setMachine(uuid, name)) this.fire([{ type: 'machines', key: uuid }]);
  }

  /**
   * Learns from a REST list of machines or jobs (objects without the fields are skipped); one
   * change event for the whole list.
   */
  learnList(type: 'machines' | 'jobs', objects: readonly unknown[]): number {
    const changes: NameChange[] = [];
    for (const o of objects) {
      if (!o || typeof o !== 'object') continue;
      const r = o as Record<string, unknown>;
      const uuid = r.Uuid;
      if (typeof uuid !== 'string' || uuid === '') continue;
      let changed = false;
      if (type === 'machines') {
        if (typeof r.Name === 'string' && r.Name !== '') changed = this.setMachine(uuid, r.Name);
      } else {
        const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
        const facts: JobFacts = { machine: text(r.Machine), task: text(r.Task), state: text(r.State) };
        if (facts.machine || facts.task || facts.state) changed = this.setJob(uuid, facts);
      }
      if (changed) changes.push({ type, key: uuid });
    }
    if (changes.length > 0) this.fire(changes);
    return changes.length;
  }

  /** Forgets every name (another endpoint). */
  clear(): void {
    if (this.machines.size === 0 && this.jobs.size === 0) return;
    this.machines.clear();
    this.jobs.clear();
    this.fire([]);
  }

  private setMachine(uuid: string, name: string): boolean {
    if (this.machines.get(uuid) === name) return false;
    this.machines.delete(uuid);
    this.machines.set(uuid, name);
    trim(this.machines, this.limits.machines);
    return true;
  }

  private setJob(uuid: string, facts: JobFacts): boolean {
    const old = this.jobs.get(uuid);
    // An update that lacks a field (a partial object) keeps what was known.
    const next: JobFacts = { machine: facts.machine ?? old?.machine, task: facts.task ?? old?.task, state: facts.state ?? old?.state };
    if (old && old.machine === next.machine && old.task === next.task && old.state === next.state) return false;
    // Re-inserted, so the jobs that are still moving are the last to be forgotten.
    this.jobs.delete(uuid);
    this.jobs.set(uuid, next);
    trim(this.jobs, this.limits.jobs);
    return true;
  }

  private fire(changes: readonly NameChange[]): void {
    if (this.changeEmitter.hasListeners) this.changeEmitter.fire(changes);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** Drops the oldest entries (Map keeps insertion order) past `max`. */
function trim<V>(map: Map<string, V>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) return;
    map.delete(oldest.value);
  }
}
