// The in-memory object store behind REST and the scenario engine. Every successful change
// publishes exactly the event the real server emits (docs/protocol.md §5.2): create with
// Original null; update for PUT and PATCH alike, with the full previous object even for a
// no-op; delete with the deleted Object and Original null. Failed calls publish nothing.

import { drpError, type DrpErrorBody } from './drp-error';
import { sortKeysDeep, type EventInput } from './event-frame';
import { applyPatch } from './json-patch';
import type { MatchMode } from './matcher';
import { assignServerFields, blankObject, keyField, MAP_FIELDS, type DrpObject, type Prefix } from './models';

export type StoreResult = { ok: true; object: DrpObject } | { ok: false; status: number; body: DrpErrorBody };

export type Publish = (e: EventInput) => void;

export class ObjectStore {
  private readonly objects = new Map<Prefix, Map<string, DrpObject>>();

  constructor(
    readonly mode: MatchMode,
    private readonly publish: Publish,
  ) {}

  list(prefix: Prefix): DrpObject[] {
    return [...this.table(prefix).values()];
  }

  /** By key, or for machines and jobs by a unique index written `Field:value` (`Name:node-01`). */
  get(prefix: Prefix, key: string): DrpObject | undefined {
    const direct = this.table(prefix).get(key);
    if (direct || (prefix !== 'machines' && prefix !== 'jobs')) return direct;
    const colon = key.indexOf(':');
    if (colon < 0) return undefined;
    const field = key.slice(0, colon);
    const value = key.slice(colon + 1);
    return this.list(prefix).find((o) => String(o[field]) === value);
  }

  create(prefix: Prefix, body: unknown, principal: string): StoreResult {
    if (!isObject(body)) return fail(400, prefix, '', 'CREATE', 'Invalid JSON body: expected an object');
    const object = this.normalize(prefix, body);
    assignServerFields(prefix, object);
    const key = String(object[keyField(prefix)] ?? '');
    if (key === '') return fail(400, prefix, '', 'CREATE', `${keyField(prefix)} must not be empty`);
    if (this.table(prefix).has(key)) return fail(409, prefix, key, 'CREATE', 'already exists');
    this.table(prefix).set(key, object);
    this.publish({ Type: prefix, Action: 'create', Key: key, Principal: principal, Object: object, Original: null });
    return { ok: true, object };
  }

  put(prefix: Prefix, key: string, body: unknown, principal: string): StoreResult {
    const original = this.get(prefix, key);
    if (!original) return fail(404, prefix, key, 'PUT', 'Not Found');
    if (!isObject(body)) return fail(400, prefix, key, 'PUT', 'Invalid JSON body: expected an object');
    const realKey = String(original[keyField(prefix)]);
    const object = this.normalize(prefix, body);
    if (String(object[keyField(prefix)] ?? '') !== realKey) {
      return fail(400, prefix, realKey, 'PUT', `Key change from ${realKey} to ${String(object[keyField(prefix)])} not allowed`);
    }
    return { ok: true, object: this.replace(prefix, realKey, object, original, 'update', principal) };
  }

  patch(prefix: Prefix, key: string, ops: unknown, principal: string): StoreResult {
    const original = this.get(prefix, key);
    if (!original) return fail(404, prefix, key, 'PATCH', 'Not Found');
    const realKey = String(original[keyField(prefix)]);
    const patched = applyPatch(original, ops);
    if (!patched.ok) return fail(409, prefix, realKey, 'PATCH', patched.message);
    if (!isObject(patched.value)) return fail(409, prefix, realKey, 'PATCH', 'Patch error: result is not an object');
    const object = this.normalize(prefix, patched.value);
    if (String(object[keyField(prefix)]) !== realKey) return fail(409, prefix, realKey, 'PATCH', `Key change from ${realKey} not allowed`);
    return { ok: true, object: this.replace(prefix, realKey, object, original, 'update', principal) };
  }

  delete(prefix: Prefix, key: string, principal: string): StoreResult {
    const original = this.get(prefix, key);
    if (!original) return fail(404, prefix, key, 'DELETE', 'Not Found');
    const realKey = String(original[keyField(prefix)]);
    this.table(prefix).delete(realKey);
    this.publish({ Type: prefix, Action: 'delete', Key: realKey, Principal: principal, Object: original, Original: null });
    return { ok: true, object: original };
  }

  /**
   * A server-side change (job bookkeeping, machine progress): the mutator edits a copy, and
   * the change goes out as `update` or, for saves that skip hooks, `save` (docs/protocol.md
   * §5.2). `inPlace` is the server changing the stored object itself (the previous job's
   * Current flag), where the event's Original equals its Object (PV3P backend/jobs.go
   * AfterSave).
   */
  change(
    prefix: Prefix, key: string, action: 'update' | 'save', principal: string, mutate: (o: DrpObject) => void,
    opts: { inPlace?: boolean } = {},
  ): DrpObject | undefined {
    const original = this.table(prefix).get(key);
    if (!original) return undefined;
    const next = structuredClone(original);
    mutate(next);
    const object = this.normalize(prefix, next);
    return this.replace(prefix, key, object, opts.inPlace ? object : original, action, principal);
  }

  /** Drops an object without an event: only to bound the memory of long scenario runs. */
  forget(prefix: Prefix, key: string): void {
    this.table(prefix).delete(key);
  }

  /** Puts an object in place without an event: for seeding the store at start. */
  seed(prefix: Prefix, body: DrpObject): DrpObject {
    const object = this.normalize(prefix, body);
    assignServerFields(prefix, object);
    this.table(prefix).set(String(object[keyField(prefix)]), object);
    return object;
  }

  private replace(prefix: Prefix, key: string, object: DrpObject, original: DrpObject, action: string, principal: string): DrpObject {
    this.table(prefix).set(key, object);
    this.publish({ Type: prefix, Action: action, Key: key, Principal: principal, Object: object, Original: original });
    return object;
  }

  /** Lays the body over a blank object so every field is present in Go's order, maps sorted. */
  private normalize(prefix: Prefix, body: Record<string, unknown>): DrpObject {
    const out = blankObject(prefix, this.mode);
    for (const [k, v] of Object.entries(structuredClone(body))) out[k] = MAP_FIELDS.has(k) ? sortKeysDeep(v) : v;
    out.Validated = true;
    out.Available = true;
    out.Errors = [];
    return out;
  }

  private table(prefix: Prefix): Map<string, DrpObject> {
    let t = this.objects.get(prefix);
    if (!t) {
      t = new Map();
      this.objects.set(prefix, t);
    }
    return t;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function fail(status: number, model: string, key: string, type: string, message: string): StoreResult {
  return { ok: false, status, body: drpError(status, model, key, type, message) };
}
