// The /api/v3 REST routes on the in-memory store. Routing happens before authentication,
// because gin's NoRoute answer (404 "No route") runs outside the authenticated /api/v3
// group: `POST /api/v3/ws` and `/api/v3/ws/<proxy>` get it without credentials.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthResult, AuthStore } from './auth';
import { drpError, sendJson, sendNoRoute } from './drp-error';
import { ZERO_TIME } from './drp-time';
import { sortKeysDeep, type EventInput } from './event-frame';
import type { JobLogs } from './job-logs';
import { isPrefix, PREFIXES, type Prefix } from './models';
import type { ObjectStore, StoreResult } from './store';

export interface RestContext {
  store: ObjectStore;
  auth: AuthStore;
  jobLogs: JobLogs;
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
  if (prefix === 'jobs' && parts.length === 3 && parts[2] === 'log') return jobLogRoute(ctx, parts[1], method);
  if (parts.length === 1) {
    if (method === 'GET' || method === 'HEAD') return (call) => listObjects(store, prefix, call);
    if (method === 'POST') {
      return withBody((call, body) => {
        const result = store.create(prefix, body, principal(call));
        if (result.ok && prefix === 'jobs') ctx.jobLogs.open(String(result.object.Uuid));
        reply(call, result, 201);
      });
    }
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
      return (call) => {
        const result = store.delete(prefix, key, principal(call));
        if (result.ok && prefix === 'jobs') ctx.jobLogs.forget(String(result.object.Uuid));
        reply(call, result, 200);
      };
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

/**
 * `GET /jobs/{uuid}/log` answers the way the real handler's http.ServeFile does: 200
 * octet-stream with Accept-Ranges, Last-Modified and Content-Length, or 206 for one byte
 * range. `PUT` appends an octet-stream body: 204 and no event. An unknown job gets the
 * handler's own 404 body, which has no Model or Key (docs/protocol.md §7.7).
 */
function jobLogRoute(ctx: RestContext, uuid: string, method: string): Handler | undefined {
  const missing = (call: Call): void => sendJson(call.res, 404, drpError(404, '', '', 'ValidationError', `Job ${uuid} does not exist`));
  if (method === 'GET') {
    return (call) => {
      const job = ctx.store.get('jobs', uuid);
      if (!job) return missing(call);
      const log = ctx.jobLogs.read(String(job.Uuid));
      sendLog(call, Buffer.from(log.text, 'utf8'), log.modified);
    };
  }
  if (method === 'PUT') {
    return async (call) => {
      if (call.req.headers['content-type'] !== 'application/octet-stream') {
        return sendJson(call.res, 415, drpError(415, '', '', 'API ERROR', 'job log put must have content-type application/octet-stream'));
      }
      const job = ctx.store.get('jobs', uuid);
      if (!job) return missing(call);
      const body = await readBody(call.req);
      if (!body) return sendJson(call.res, 400, drpError(400, '', '', 'API ERROR', 'The log body could not be read'));
      ctx.jobLogs.append(String(job.Uuid), body.toString('utf8'));
      call.res.writeHead(204, { 'Content-Type': 'application/json; charset=utf-8' });
      call.res.end();
    };
  }
  return undefined;
}

function sendLog({ req, res }: Call, data: Buffer, modified: number): void {
  const headers = { 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream', 'Last-Modified': new Date(modified).toUTCString() };
  const range = byteRange(req.headers.range, data.length);
  if (range === 'unsatisfiable') {
    const text = 'invalid range: failed to overlap\n';
    res.writeHead(416, {
      'Content-Range': `bytes */${data.length}`, 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  } else if (range) {
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${data.length}`, 'Content-Length': range.end - range.start + 1 });
    res.end(data.subarray(range.start, range.end + 1));
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': data.length });
    res.end(data);
  }
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; any other Range header is ignored (the whole log, 200). */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start >= size || end < start ? 'unsatisfiable' : { start, end };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => resolve(undefined));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const body = await readBody(req);
  if (!body) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
