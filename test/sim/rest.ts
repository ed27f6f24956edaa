// The /api/v3 REST routes on the in-memory store. Routing happens before authentication,
// because gin's NoRoute answer (404 "No route") runs outside the authenticated /api/v3
// group: `POST /api/v3/ws` and `/api/v3/ws/<proxy>` get it without credentials.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthResult, AuthStore } from './auth';
import { drpError, sendJson, sendNoRoute } from './drp-error';
import { ZERO_TIME } from './drp-time';
import { sortKeysDeep, type EventInput } from './event-frame';
import { isPrefix, PREFIXES, type Prefix } from './models';
import type { ObjectStore, StoreResult } from './store';

export interface RestContext {
  store: ObjectStore;
  auth: AuthStore;
  info(): Record<string, unknown>;
  publish(e: EventInput): void;
  /** Called once for every request that authenticated with Basic (the log.audit line). */
  audited(user: string): void;
}

type Handler = (call: Call) => void | Promise<void>;

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  user: string;
  body(): Promise<{ ok: true; value: unknown } | { ok: false }>;
}

/** Answers one non-upgrade HTTP request. */
export async function handleRest(ctx: RestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const method = req.method ?? 'GET';
  const handler = route(ctx, method, url.pathname);
  if (!handler) return sendNoRoute(res, method, url.pathname);
  const auth = ctx.auth.authenticate(req.headers.authorization, url.searchParams.get('token'));
  if (!auth.ok) return sendAuthFailure(res, auth);
  if (auth.scheme === 'basic') ctx.audited(auth.user);
  await handler({ req, res, url, user: auth.user, body: () => readJson(req) });
}

/** 401 with an empty body, or the 403 JSON the real server sends (docs/protocol.md §2.2). */
export function sendAuthFailure(res: ServerResponse, auth: Exclude<AuthResult, { ok: true }>): void {
  if (auth.status === 401) {
    res.writeHead(401, { 'WWW-Authenticate': 'dr-provision', 'Content-Length': 0 });
    res.end();
    return;
  }
  sendJson(res, 403, auth.body, auth.wwwAuthenticate ? { 'WWW-Authenticate': 'dr-provision' } : {});
}

function route(ctx: RestContext, method: string, pathname: string): Handler | undefined {
  if (!pathname.startsWith('/api/v3/')) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice('/api/v3/'.length));
  } catch {
    return undefined;
  }
  const parts = rest.split('/');
  const head = parts[0];
  if (rest === 'ws') return method === 'GET' ? notAnUpgrade : undefined;
  if (rest === 'info' && method === 'GET') return ({ res }) => sendJson(res, 200, ctx.info());
  if (rest === 'objects' && method === 'GET') return ({ res }) => sendJson(res, 200, [...PREFIXES]);
  if (rest === 'events' && method === 'POST') return (call) => postEvent(ctx, call);
  if (head === 'users' && parts.length === 3 && parts[2] === 'token' && method === 'GET') return (call) => mintToken(ctx, call, parts[1]);
  if (!isPrefix(head)) return undefined;
  const prefix = head;
  const store = ctx.store;
  const principal = (call: Call): string => `user:${call.user}`;
  if (parts.length === 1) {
    if (method === 'GET' || method === 'HEAD') return (call) => listObjects(store, prefix, call);
    if (method === 'POST') return withBody((call, body) => reply(call, store.create(prefix, body, principal(call)), 201));
    return undefined;
  }
  const key = parts.slice(1).join('/');
  const sub = subParams(prefix, parts);
  if (sub) return paramsRoute(store, prefix, sub, method, principal);
  switch (method) {
    case 'GET':
    case 'HEAD':
      return (call) => {
        const object = store.get(prefix, key);
        if (!object) return sendJson(call.res, 404, drpError(404, prefix, key, 'GET', 'Not Found'), {}, method === 'HEAD');
        sendJson(call.res, 200, object, {}, method === 'HEAD');
      };
    case 'PUT':
      return withBody((call, body) => reply(call, store.put(prefix, key, body, principal(call)), 200));
    case 'PATCH':
      return withBody((call, body) => reply(call, store.patch(prefix, key, body, principal(call)), 200));
    case 'DELETE':
      return (call) => reply(call, store.delete(prefix, key, principal(call)), 200);
    default:
      return undefined;
  }
}

/** gorilla's answer to a GET on the websocket route without upgrade headers (http.Error adds the newline). */
function notAnUpgrade({ res }: Call): void {
  const text = 'Bad Request\n';
  res.writeHead(400, {
    'Sec-Websocket-Version': '13',
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function listObjects(store: ObjectStore, prefix: Prefix, { res, url, req }: Call): void {
  const all = store.list(prefix);
  const reserved = new Set(['offset', 'limit', 'slim', 'params', 'token', 'sort', 'reverse']);
  let items = all.filter((o) => [...url.searchParams].every(([k, v]) => reserved.has(k) || String(o[k]) === v));
  const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
  const limit = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : Infinity;
  items = items.slice(offset, Number.isFinite(limit) && limit >= 0 ? offset + limit : undefined);
  const headers = { 'X-DRP-LIST-COUNT': String(items.length), 'X-DRP-LIST-TOTAL-COUNT': String(all.length) };
  sendJson(res, 200, items, headers, req.method === 'HEAD');
}

function mintToken(ctx: RestContext, { res, url }: Call, name: string): void {
  if (!ctx.auth.hasUser(name)) return sendJson(res, 404, drpError(404, 'users', name, 'GET', 'Not Found'));
  const raw = url.searchParams.get('ttl');
  let ttl = 3600;
  if (raw !== null && raw !== '') {
    if (!/^[+-]?\d+$/.test(raw)) {
      return sendJson(res, 400, drpError(400, 'users', name, 'GET', `strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`));
    }
    ttl = Number(raw);
  }
  sendJson(res, 200, { Token: ctx.auth.mintToken(name, ttl), Info: ctx.info() });
}

/** 204; Principal becomes the caller, Time is kept as posted (zero time when absent). */
async function postEvent(ctx: RestContext, call: Call): Promise<void> {
  const body = await call.body();
  const e = body.ok ? body.value : undefined;
  if (!e || typeof e !== 'object' || Array.isArray(e)) {
    return sendJson(call.res, 400, drpError(400, 'events', '', 'POST', 'Invalid event: expected a JSON object'));
  }
  const posted = e as Record<string, unknown>;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  ctx.publish({
    Time: text(posted.Time) || ZERO_TIME,
    Type: text(posted.Type),
    Action: text(posted.Action),
    Key: text(posted.Key),
    Principal: `user:${call.user}`,
    Object: sortKeysDeep(posted.Object ?? null),
    Original: sortKeysDeep(posted.Original ?? null),
  });
  call.res.writeHead(204);
  call.res.end();
}

/** `/profiles/{n}/params`, `/profiles/{n}/params/{p}` (and the same for machines): one update event each. */
function subParams(prefix: Prefix, parts: string[]): { key: string; param?: string } | undefined {
  if (prefix !== 'profiles' && prefix !== 'machines') return undefined;
  if (parts.length === 3 && parts[2] === 'params') return { key: parts[1] };
  if (parts.length >= 4 && parts[2] === 'params') return { key: parts[1], param: parts.slice(3).join('/') };
  return undefined;
}

function paramsRoute(
  store: ObjectStore, prefix: Prefix, sub: { key: string; param?: string }, method: string, principal: (c: Call) => string,
): Handler | undefined {
  const notFound = (call: Call, type: string): void => sendJson(call.res, 404, drpError(404, prefix, sub.key, type, 'Not Found'));
  if (sub.param === undefined && method === 'GET') {
    return (call) => {
      const o = store.get(prefix, sub.key);
      return o ? sendJson(call.res, 200, o.Params ?? {}) : notFound(call, 'GET');
    };
  }
  if (sub.param === undefined && method === 'PATCH') {
    return withBody((call, ops) => {
      const o = store.get(prefix, sub.key);
      if (!o) return notFound(call, 'PATCH');
      const paramOps = Array.isArray(ops) ? ops.map((op) => ({ ...op, path: `/Params${op.path}` })) : ops;
      const r = store.patch(prefix, sub.key, paramOps, principal(call));
      return r.ok ? sendJson(call.res, 200, r.object.Params) : sendJson(call.res, r.status, r.body);
    });
  }
  if (sub.param !== undefined && method === 'GET') {
    return (call) => {
      const o = store.get(prefix, sub.key);
      return o ? sendJson(call.res, 200, (o.Params as Record<string, unknown>)[sub.param as string] ?? null) : notFound(call, 'GET');
    };
  }
  if (sub.param !== undefined && method === 'POST') {
    return withBody((call, value) => {
      const o = store.get(prefix, sub.key);
      if (!o) return notFound(call, 'POST');
      const pointer = `/Params/${(sub.param as string).replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const r = store.patch(prefix, sub.key, [{ op: 'add', path: pointer, value }], principal(call));
      return r.ok ? sendJson(call.res, 200, value) : sendJson(call.res, r.status, r.body);
    });
  }
  return undefined;
}

function withBody(fn: (call: Call, body: unknown) => void): Handler {
  return async (call) => {
    const body = await call.body();
    if (!body.ok) {
      return sendJson(call.res, 400, drpError(400, '', call.url.pathname, call.req.method ?? '', 'Invalid JSON body'));
    }
    fn(call, body.value);
  };
}

function reply(call: Call, result: StoreResult, okStatus: number): void {
  if (result.ok) sendJson(call.res, okStatus, result.object);
  else sendJson(call.res, result.status, result.body);
}

function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => resolve({ ok: false }));
    req.on('end', () => {
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ ok: false });
      }
    });
  });
}
