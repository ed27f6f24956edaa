// The server-side filter matcher, written from the DRP server's semantics and deliberately
// independent of the client's src/core/filters/filter.ts, so client tests against the
// simulator prove something (docs/protocol.md §4). v3 (PV3P frontend/websocket.go
// wsFilterFunction): split at the first two dots, a field of exactly `*` is a wildcard,
// anything else is an exact case-sensitive comparison. v4 (PR #416, ValueInList) adds comma
// lists and the \1 \2 \3 escapes per field.

export type MatchMode = 'v3' | 'v4';

export interface EventHeader {
  Type: string;
  Action: string;
  Key: string;
}

export type MatchResult =
  | { kind: 'match'; filter: string }
  | { kind: 'no-match' }
  /** The real matcher would index past the end of a short filter here and panic. */
  | { kind: 'crash'; filter: string; reason: string };

/**
 * Checks a session's filters in registration order, stopping at the first match, exactly
 * like the Go loop: a short filter only crashes when evaluation actually reaches its
 * missing field (`a.b` needs Type a and Action b or `*`; `*` dies on any event), and not
 * at all if an earlier filter already matched.
 */
export function matchFilters(filters: readonly string[], e: EventHeader, mode: MatchMode): MatchResult {
  for (const filter of filters) {
    const parts = splitN3(filter);
    const values = [e.Type, e.Action, e.Key];
    let matched = true;
    for (let i = 0; i < 3; i++) {
      if (i >= parts.length) {
        return {
          kind: 'crash',
          filter,
          reason: `panic: runtime error: index out of range [${i}] with length ${parts.length} (filter ${JSON.stringify(filter)}, event ${e.Type}.${e.Action}.${e.Key})`,
        };
      }
      if (!fieldMatches(parts[i], values[i], mode)) {
        matched = false;
        break;
      }
    }
    if (matched) return { kind: 'match', filter };
  }
  return { kind: 'no-match' };
}

/** Go's strings.SplitN(s, ".", 3): keys may contain dots. */
export function splitN3(filter: string): string[] {
  const first = filter.indexOf('.');
  if (first < 0) return [filter];
  const second = filter.indexOf('.', first + 1);
  if (second < 0) return [filter.slice(0, first), filter.slice(first + 1)];
  return [filter.slice(0, first), filter.slice(first + 1, second), filter.slice(second + 1)];
}

function fieldMatches(field: string, value: string, mode: MatchMode): boolean {
  if (field === '*') return true;
  if (mode === 'v3') return field === value;
  return field.split(',').some((item) => {
    if (item.trim() === '*') return true;
    return unescapeItem(item).trim() === value;
  });
}

/** v4 list escapes: \1 is a literal dot, \2 a comma, \3 a star. */
function unescapeItem(item: string): string {
  return item.replace(/\\1/g, '.').replace(/\\2/g, ',').replace(/\\3/g, '*');
}
