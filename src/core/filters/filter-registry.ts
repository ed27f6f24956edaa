// The user's filters (as typed and validated) and the wire filters they need registered.
//
// Why reference counts: a comma list expands into several wire filters, and two user
// filters can share one (`jobs.create.*` and `machines,jobs.create.*` both need
// `jobs.create.*`). The v3 server deduplicates registrations and one
// deregister removes the filter entirely (observed: docs/protocol.md §4.3), so a wire
// filter is registered once and deregistered only when no user filter needs it any more.
//
// State of a user filter: 'active' once every one of its wire filters is acked, 'failed' if
// any failed (with that failure's message), else 'pending'. After a reconnect everything is
// pending again until re-registered.
//
// API:
//   add(check)              → { added, newWire }   wire filters to register now
//   remove(filter)          → { removed, goneWire } wire filters to deregister now
//   wireFilters()           → every wire filter currently needed (to re-register)
//   filters()               → [{ filter, state, count, message?, wire, warnings }] in add order
//   markWire(wire, state)   → an ack, ack timeout or failure for one wire filter
//   resetStates()           → all pending (after a reconnect)
//   countMatches(header)    → user filters matching an event; increments their counts
//   resetCounts()
//   onDidChange             → fired when filters, states or counts-reset change (not per event)

import { Emitter, type Event } from '../emitter';
import { compileFilter, type FilterMatcher, type FilterParts, type FilterTarget, type ValidFilterCheck } from './filter';

export type FilterState = 'pending' | 'active' | 'failed';
export type WireState = FilterState;

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
  state: FilterState;
  message: string | undefined;
  count: number;
  /** `[filter]`, made once: countMatches() returns it for the common one-match case so buffered
   * events share one array instead of allocating one each. */
  alone: string[];
}

interface WireEntry {
  refs: number;
  state: WireState;
  message: string | undefined;
}

const NONE: string[] = [];

export class FilterRegistry {
  private readonly users = new Map<string, UserFilter>();
  private readonly wires = new Map<string, WireEntry>();
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changeEmitter.event;

  /** Adds a validated filter. Adding the same filter twice changes nothing (`added: false`). */
  add(check: ValidFilterCheck): { added: boolean; newWire: string[] } {
    if (this.users.has(check.filter)) return { added: false, newWire: [] };
    const newWire: string[] = [];
    for (const wire of check.wire) {
      const entry = this.wires.get(wire);
      if (entry) entry.refs++;
      else {
        this.wires.set(wire, { refs: 1, state: 'pending', message: undefined });
        newWire.push(wire);
      }
    }
    const user: UserFilter = {
      filter: check.filter,
      parts: check.parts,
      matches: compileFilter(check.parts),
      wire: [...check.wire],
      warnings: [...check.warnings],
      state: 'pending',
      message: undefined,
      count: 0,
      alone: [check.filter],
    };
    this.users.set(check.filter, user);
    // A shared wire filter may already be acked, so the new filter can start out active.
    this.recompute(user);
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
      const entry = this.wires.get(wire);
      if (!entry) continue;
      if (--entry.refs === 0) {
        this.wires.delete(wire);
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
    return [...this.wires.keys()].sort();
  }

  /** The state of one wire filter, or undefined if no user filter needs it. */
  wireState(wire: string): WireState | undefined {
    return this.wires.get(wire)?.state;
  }

  filters(): FilterStatus[] {
    const out: FilterStatus[] = [];
    for (const u of this.users.values()) {
      out.push({
        filter: u.filter,
        state: u.state,
        count: u.count,
        ...(u.message !== undefined ? { message: u.message } : {}),
        wire: u.wire,
        warnings: u.warnings,
      });
    }
    return out;
  }

  /**
   * Records an ack ('active'), a failure ('failed', with a sentence) or a resend ('pending')
   * for a wire filter. Unknown wire filters (a late ack for one already removed) are ignored.
   * Returns whether any user filter's state changed.
   */
  markWire(wire: string, state: WireState, message?: string): boolean {
    const entry = this.wires.get(wire);
    if (!entry) return false;
    entry.state = state;
    entry.message = state === 'failed' ? message : undefined;
    let changed = false;
    for (const user of this.users.values()) {
      if (user.wire.includes(wire) && this.recompute(user)) changed = true;
    }
    if (changed) this.changeEmitter.fire();
    return changed;
  }

  /** After a (re)connect nothing is registered yet: every filter is pending. */
  resetStates(): void {
    for (const entry of this.wires.values()) {
      entry.state = 'pending';
      entry.message = undefined;
    }
    let changed = false;
    for (const user of this.users.values()) {
      if (this.recompute(user)) changed = true;
    }
    if (changed) this.changeEmitter.fire();
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
    this.changeEmitter.dispose();
  }

  /** Derives a user filter's state from its wire filters; returns whether it changed. */
  private recompute(user: UserFilter): boolean {
    let state: FilterState = 'active';
    let message: string | undefined;
    for (const wire of user.wire) {
      const entry = this.wires.get(wire);
      if (!entry || entry.state === 'pending') {
        if (state === 'active') state = 'pending';
      } else if (entry.state === 'failed') {
        state = 'failed';
        message = entry.message ?? `The endpoint did not confirm ${wire}.`;
        break;
      }
    }
    if (state === user.state && message === user.message) return false;
    user.state = state;
    user.message = message;
    return true;
  }
}
