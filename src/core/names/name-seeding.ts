// Names for objects whose events have not arrived yet, fetched when the stream opens: one
// `GET /api/v3/machines` per connection, and only when the user's filters ask for events
// that machine names label (machines, jobs, or every type). Jobs are named from their
// machine, and runner principals are machines too.
//
// Only machines are listed. Every other object is named by its key (display-name.ts), and a
// job's own event carries its Machine, Task and State, so a jobs list (an endpoint keeps
// every job it ever ran) would add load and nothing to the labels. The heavy fields are
// left out with `?slim=Params,Meta` when the endpoint advertises the `slim-objects` feature
// in /info (docs/protocol.md §7.2, §7.4); without it the full list is read.
//
// A failure is logged and otherwise ignored: names then come from the stream alone. When the
// stream opens to another endpoint (another origin), the names learnt so far are forgotten.

import type { ConnectionState } from '../connection/connection-types';
import type { DrpInfo } from '../endpoint/rest-client';
import type { NameBook } from './name-book';

export interface NameSeedingPorts {
  /** The REST calls needed; asked afresh for each seeding, so it uses the current endpoint and credential. */
  rest(): Promise<{ info(): Promise<DrpInfo>; list(prefix: string, params?: Record<string, string>): Promise<unknown[]> }>;
  /** The wire filters registered now (`type.action.key`, lists already expanded). */
  wireFilters(): readonly string[];
  log: { info(line: string): void; warn(line: string): void };
}

/** The REST lists the filters call for: machines, when any filter's type is machines, jobs or `*`. */
export function seedTypes(wireFilters: readonly string[]): Array<'machines'> {
  const types = new Set(wireFilters.map((f) => f.slice(0, Math.max(0, f.indexOf('.')))));
  return types.has('*') || types.has('machines') || types.has('jobs') ? ['machines'] : [];
}

export class NameSeeder {
  private state: ConnectionState | undefined;
  private origin: string | undefined;
  /** What this connection has already listed (or is listing). */
  private seeded = new Set<string>();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly book: NameBook,
    private readonly ports: NameSeedingPorts,
  ) {}

  /**
   * The connection's state changed: each time the stream opens, seed again for the filters;
   * first forget the names of another endpoint than the last one opened.
   */
  stateChanged(state: ConnectionState, origin?: string): Promise<void> {
    const opened = state === 'open' && this.state !== 'open';
    if (opened && origin !== this.origin) {
      if (this.origin !== undefined) this.book.clear();
      this.origin = origin;
    }
    this.state = state;
    if (state !== 'open') this.seeded = new Set();
    return opened ? this.seedMissing() : this.running;
  }

  /** The filters changed: while open, list what a new filter calls for and this connection has not listed. */
  filtersChanged(): Promise<void> {
    return this.state === 'open' ? this.seedMissing() : this.running;
  }

  /** Resolves once every seeding started so far has finished. */
  settled(): Promise<void> {
    return this.running;
  }

  private seedMissing(): Promise<void> {
    const types = seedTypes(this.ports.wireFilters()).filter((t) => !this.seeded.has(t));
    if (types.length === 0) return this.running;
    for (const t of types) this.seeded.add(t);
    const seeded = this.seeded;
    const run = this.running.then(() => this.seed(types, seeded));
    this.running = run;
    return run;
  }

  private async seed(types: Array<'machines'>, seeded: Set<string>): Promise<void> {
    try {
      const rest = await this.ports.rest();
      const info = await rest.info();
      const slim = Array.isArray(info.features) && info.features.includes('slim-objects');
      for (const type of types) {
        const objects = await rest.list(type, slim ? { slim: 'Params,Meta' } : {});
        const learnt = this.book.learnList(type, objects);
        this.ports.log.info(`Names: listed ${objects.length} ${type} (${learnt} new or renamed).`);
      }
    } catch (err) {
      // Let a later open (or filter) try again.
      for (const t of types) seeded.delete(t);
      this.ports.log.warn(`Names: could not list ${types.join(', ')} for display names (${err instanceof Error ? err.message : String(err)}); names come from events only.`);
    }
  }
}
