// Whether a filter about to be registered asks for events that registered filters already
// receive. Registering it anyway is allowed (each filter keeps its own count), but the user
// should know before pressing Enter: `machines,jobs.*.*` next to `machines.*.*` only adds
// the jobs, and `machines.update.*` next to `machines.*.*` adds nothing.
import { compileFilter, splitFilter } from './filter';

export interface RegisteredFilter {
  filter: string;
  /** The wire filters it registers (a comma list expands into several). */
  wire: readonly string[];
}

export interface FilterOverlap {
  /** The registered filters that already receive some of the new filter's events, in order. */
  coveredBy: string[];
  /** The new filter's wire filters that no registered filter covers yet. */
  uncovered: string[];
  /** True when the exact filter is already registered. */
  duplicate: boolean;
}

/** How `wire` (the new filter's wire filters) overlaps what is registered; undefined when it does not. */
export function filterOverlap(filter: string, wire: readonly string[], registered: readonly RegisteredFilter[]): FilterOverlap | undefined {
  if (registered.some((r) => r.filter === filter)) return { coveredBy: [filter], uncovered: [], duplicate: true };
  const coveredBy = new Set<string>();
  const uncovered: string[] = [];
  for (const w of wire) {
    const covering = registered.filter((r) => covers(r.filter, w));
    for (const r of covering) coveredBy.add(r.filter);
    if (covering.length === 0) uncovered.push(w);
  }
  if (coveredBy.size === 0) return undefined;
  return { coveredBy: registered.map((r) => r.filter).filter((f) => coveredBy.has(f)), uncovered, duplicate: false };
}

/** One sentence for the Register Filter input (plain text: input boxes do not render Markdown). */
export function describeOverlap(o: FilterOverlap): string {
  if (o.duplicate) return `‘${o.coveredBy[0]}’ is already registered.`;
  const by = o.coveredBy.map((f) => `‘${f}’`).join(', ');
  if (o.uncovered.length === 0) return `Everything this matches is already received through ${by}.`;
  return `${by} already receives part of this; it adds ${o.uncovered.join(', ')}.`;
}

/**
 * True when every event `wire` can match is matched by the user filter `registered`: each of
 * its fields is `*`, or the wire field is a value the registered field lists.
 */
function covers(registered: string, wire: string): boolean {
  const r = splitFilter(registered);
  const w = splitFilter(wire);
  if (!r || !w) return false;
  if ((w.type === '*' && r.type !== '*') || (w.action === '*' && r.action !== '*') || (w.key === '*' && r.key !== '*')) return false;
  return compileFilter(r)(w);
}
