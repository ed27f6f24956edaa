// Event predicates shared by the table, the trees and the commands: does an event match a
// query (text search over the raw JSON plus exact type/action quick filters), and does it
// carry an Original worth comparing with.

import type { EventQuery } from '../table/webview-messages';

/** The fields of a buffered event the matchers read. */
export interface MatchableEvent {
  readonly type: string;
  readonly action: string;
  readonly raw: string;
}

/**
 * Builds the text test for a query: a case-insensitive substring of the raw JSON. Measured
 * on 100,000 events of ~3.5–4 KB on this 2-core machine, quiet: a RegExp of the escaped
 * query with the `i` flag took 10–120 ms for ordinary queries (a UUID, a machine name, an
 * IP) where lowercasing each raw text and calling includes() took 160–350 ms, because the
 * latter allocates a lowercased copy of every event. Adversarial queries whose prefix
 * occurs dozens of times in every event (`serial-4242` against 60 `"Serial-N"` params per
 * event) cost both 300–650 ms; the RegExp was never the slower one by more than noise. A
 * query with no cased letters (digits, an IP) needs no case folding: includes() directly.
 */
export function textMatcher(text: string): ((raw: string) => boolean) | undefined {
  if (text === '') return undefined;
  if (text.toLowerCase() === text.toUpperCase()) return (raw) => raw.includes(text);
  // No `g` flag: test() then keeps no lastIndex state between events.
  const pattern = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return (raw) => pattern.test(raw);
}

/** The whole test for one event: quick filters first (cheap), then the text search. */
export function eventMatcher(query: EventQuery): (e: MatchableEvent) => boolean {
  const types = query.types.length > 0 ? new Set(query.types) : undefined;
  const actions = query.actions.length > 0 ? new Set(query.actions) : undefined;
  const text = textMatcher(query.text);
  return (e) =>
    (types === undefined || types.has(e.type)) &&
    (actions === undefined || actions.has(e.action)) &&
    (text === undefined || text(e.raw));
}

// DRP writes `Original` last, and null unless the action is update/save (docs/protocol.md
// §5.1, §5.2), so the tail of the raw text answers without parsing the object.
const NULL_ORIGINAL_TAIL = /"Original"\s*:\s*null\s*}\s*$/;

/** True when the frame ends with a null `Original`: no scan of the text, only its tail. */
export function endsWithNullOriginal(raw: string): boolean {
  return NULL_ORIGINAL_TAIL.test(raw.slice(-64));
}

/** True when the event carries a non-null `Original` (so Compare with Original makes sense). */
export function hasOriginal(raw: string): boolean {
  return raw.includes('"Original"') && !NULL_ORIGINAL_TAIL.test(raw.slice(-64));
}
