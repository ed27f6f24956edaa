// The one place an event becomes a websocket frame. The real server encodes the Go struct
// models.Event: compact JSON, the seven keys always present and always in this order
// (Time, Type, Action, Key, Principal, Object, Original), which the client's fast header
// reader relies on.

import { drpNow } from './drp-time';

export interface DrpEvent {
  Time: string;
  Type: string;
  Action: string;
  Key: string;
  Principal: string;
  Object: unknown;
  Original: unknown;
}

/** What callers of `publish` may leave out: Time defaults to now, the rest to "" / null. */
export interface EventInput {
  Time?: string;
  Type: string;
  Action: string;
  Key: string;
  Principal?: string;
  Object?: unknown;
  Original?: unknown;
}

export function completeEvent(e: EventInput): DrpEvent {
  return {
    Time: e.Time ?? drpNow(),
    Type: e.Type,
    Action: e.Action,
    Key: e.Key,
    Principal: e.Principal ?? '',
    Object: e.Object ?? null,
    Original: e.Original ?? null,
  };
}

/** Compact JSON with the keys in struct order, whatever order the caller built them in. */
export function encodeEvent(e: DrpEvent): string {
  return JSON.stringify({
    Time: e.Time,
    Type: e.Type,
    Action: e.Action,
    Key: e.Key,
    Principal: e.Principal,
    Object: e.Object ?? null,
    Original: e.Original ?? null,
  });
}

/** The acknowledgement every valid register/deregister gets; Key is the filter exactly as received. */
export function ackEvent(action: 'register' | 'deregister', filter: string): DrpEvent {
  return { Time: drpNow(), Type: 'websocket', Action: action, Key: filter, Principal: '', Object: null, Original: null };
}

/**
 * Go encodes map[string]… with sorted keys (a real endpoint sent `Schema` back as
 * `{"default":false,"type":"boolean"}`: docs/protocol.md §5.1), so maps and decoded
 * interface{} values are sorted deeply before they are stored or re-published.
 */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeysDeep((value as Record<string, unknown>)[k]);
  return out;
}
