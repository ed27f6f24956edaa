// The user's filters (as typed and validated) and the wire filters they need registered.
//
// Why reference counts: a comma list expands into several wire filters, and two user
// filters can share one (`jobs.create.*` and `machines,jobs.create.*` both need
// `jobs.create.*`). The v3 server deduplicates registrations and one
// deregister removes the filter entirely (observed: docs/protocol.md §4.3), so a wire
// filter is registered once and deregistered only when no user filter needs it any more.
//
// State of a user filter: 'active' once every one of its wire filters is acked, 'failed' if
// any failed (with that failure's message), 'unsent' if any is not sent, else 'pending'. The
// registry stores no wire state: the connection owns it (docs/architecture.md §4), and a
// user filter's state is derived from the watched source's wireState() each time filters()
// is asked. With no source watched (no connection), or while the socket is down, everything
// is unsent; after a reconnect, pending until acked.
//
// API:
//   add(check)              → { added, newWire }   wire filters to register now
//   remove(filter)          → { removed, goneWire } wire filters to deregister now
//   wireFilters()           → every wire filter currently needed (to re-register)
//   filters()               → [{ filter, state, count, message?, wire, warnings }] in add order
//   watch(source)           → read wire states from this connection (or none)
//   countMatches(header)    → user filters matching an event; increments their counts
//   resetCounts()
//   onDidChange             → fired when filters, states or counts-reset change (not per event)

import type { WireStateChange, WireStatus } from '../connection/connection-types';
import type { WireStateSource } from '../connection/stream-connection';
import { Disposable, Emitter, type Event } from '../emitter';
import { compileFilter, type FilterMatcher, type FilterParts, type FilterTarget, type ValidFilterCheck } from './filter';
import type { FilterState } from './filter-state';

export type { FilterState } from './filter-state';

export interface FilterStatus {
  /** The filter as the user typed it (normalised by checkFilter). */
  filter: string;
  state: FilterState;
  /** Events matched since added (or since resetCounts). */
  count: number;
  /** Why it failed, a sentence; only for 'failed'. */
  message?: string;
  wire: readonly string[];
  warnings: readonly string[];
}

interface UserFilter {
  filter: string;
  parts: FilterParts;
  matches: FilterMatcher;
  wire: string[];
  warnings: string[];
  count: number;
  /** `[filter]`, made once: countMatches() returns it for the common one-match case so buffered
   * events share one array instead of allocating one each. */
  alone: string[];
}

/** A user filter's derived state. */
interface Derived {
  state: FilterState;
  message: string | undefined;
}

type WireLookup = (wire: string) => WireStatus | undefined;

const NONE: string[] = [];
const NOTHING_KEPT: WireLookup = () => undefined;

export class FilterRegistry {
  private readonly users = new Map<string, UserFilter>();
  /** Wire filter → how many user filters need it. Only counts: states live in the connection. */
  private readonly wireRefs = new Map<string, number>();
  private lookup: WireLookup = NOTHING_KEPT;
  private sourceSubscription: Disposable | undefined;
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changeEmitter.event;

  /**
   * Reads wire states from `source` from now on (the attached connection; undefined when
   * there is none, and every filter is unsent). Fires onDidChange if any filter's state
   * differs from what it was under the previous source.
   */
  watch(source: WireStateSource | undefined): void {
    const before = this.snapshot();
    this.sourceSubscription?.dispose();
    this.sourceSubscription = undefined;
    this.lookup = source ? (wire) => source.wireState(wire) : NOTHING_KEPT;
    if (source) this.sourceSubscription = source.onWireState((change) => this.wireChanged(change));
    const after = this.snapshot();
    if (after.some((d, i) => !sameDerived(d, before[i]!))) this.changeEmitter.fire();
  }

  /** Adds a validated filter. Adding the same filter twice changes nothing (`added: false`). */
  add(check: ValidFilterCheck): { added: boolean; newWire: string[] } {
    if (this.users.has(check.filter)) return { added: false, newWire: [] };
    const newWire: string[] = [];
    for (const wire of check.wire) {
      const refs = this.wireRefs.get(wire) ?? 0;
      this.wireRefs.set(wire, refs + 1);
      if (refs === 0) newWire.push(wire);
    }
    this.users.set(check.filter, {
      filter: check.filter,
      parts: check.parts,
      matches: compileFilter(check.parts),
      wire: [...check.wire],
      warnings: [...check.warnings],
      count: 0,
      alone: [check.filter],
    });
    // A shared wire filter may already be acked, so the new filter can start out active.
    this.changeEmitter.fire();
    return { added: true, newWire };
  }

  /** Removes a user filter; returns the wire filters no other user filter needs. */
  remove(filter: string): { removed: boolean; goneWire: string[] } {
    const user = this.users.get(filter);
    if (!user) return { removed: false, goneWire: [] };
    this.users.delete(filter);
    const goneWire: string[] = [];
    for (const wire of user.wire) {
      const refs = this.wireRefs.get(wire);
      if (refs === undefined) continue;
      if (refs > 1) this.wireRefs.set(wire, refs - 1);
      else {
        this.wireRefs.delete(wire);
        goneWire.push(wire);
      }
    }
    this.changeEmitter.fire();
    return { removed: true, goneWire };
  }

  has(filter: string): boolean {
    return this.users.has(filter);
  }

  get size(): number {
    return this.users.size;
  }

  /** Every wire filter some user filter needs, sorted (what to register after a reconnect). */
  wireFilters(): string[] {
    return [...this.wireRefs.keys()].sort();
  }

  /** Every user filter in add order, its state derived from the watched source now. */
  filters(): FilterStatus[] {
    const out: FilterStatus[] = [];
    for (const u of this.users.values()) {
      const { state, message } = derive(u, this.lookup);
      out.push({
        filter: u.filter,
        state,
        count: u.count,
        ...(message !== undefined ? { message } : {}),
        wire: u.wire,
        warnings: u.warnings,
      });
    }
    return out;
  }

  /**
   * The user filters an event matches, in add order, counting it for each. Called once per
   * event, so it does not fire onDidChange (views refresh counts on their own tick), and the
   * one-match result is a shared array that callers must not mutate.
   */
  countMatches(header: FilterTarget): string[] {
    let first: UserFilter | undefined;
    let many: string[] | undefined;
    for (const user of this.users.values()) {
      if (!user.matches(header)) continue;
      user.count++;
      if (!first) first = user;
      else (many ??= [first.filter]).push(user.filter);
    }
    return many ?? first?.alone ?? NONE;
  }

  resetCounts(): void {
    for (const user of this.users.values()) user.count = 0;
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.sourceSubscription?.dispose();
    this.sourceSubscription = undefined;
    this.lookup = NOTHING_KEPT;
    this.changeEmitter.dispose();
  }

  /**
   * A wire filter's state changed in the source: fires onDidChange if that changed the state
   * of a user filter needing it. The change carries the previous state, so the registry can
   * tell without remembering states of its own. Wire filters nobody needs are ignored.
   */
  private wireChanged(change: WireStateChange): void {
    if (!this.wireRefs.has(change.wire)) return;
    const before: WireLookup = (wire) => (wire === change.wire ? change.previous : this.lookup(wire));
    for (const user of this.users.values()) {
      if (!user.wire.includes(change.wire)) continue;
      if (!sameDerived(derive(user, before), derive(user, this.lookup))) {
        this.changeEmitter.fire();
        return;
      }
    }
  }

  private snapshot(): Derived[] {
    return [...this.users.values()].map((u) => derive(u, this.lookup));
  }
}

/**
 * 'failed' (with its message) if a wire filter failed; else 'unsent' if one is not sent (or
 * not kept: no connection); else 'pending' if one awaits its ack; else 'active'.
 */
function derive(user: UserFilter, lookup: WireLookup): Derived {
  let state: FilterState = 'active';
  for (const wire of user.wire) {
    const status = lookup(wire);
    if (!status || status.state === 'unsent') state = 'unsent';
    else if (status.state === 'pending' && state === 'active') state = 'pending';
    else if (status.state === 'failed') return { state: 'failed', message: status.message ?? `The endpoint did not confirm ${wire}.` };
  }
  return { state, message: undefined };
}

function sameDerived(a: Derived, b: Derived): boolean {
  return a.state === b.state && a.message === b.message;
}
