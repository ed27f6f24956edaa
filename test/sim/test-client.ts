// Plain clients for the simulator's own unit tests (and anyone else's): a websocket that
// records what arrives and how it closed, a raw upgrade attempt that reports the HTTP
// refusal, and a one-shot REST call. All of them trust only the simulator's certificate.

import { request as httpsRequest } from 'node:https';
import WebSocket from 'ws';
import type { DrpSimulator } from './simulator';

export const BASIC = `Basic ${Buffer.from('rocketskates:r0cketsk8ts').toString('base64')}`;

export interface WsClientOptions {
  authorization?: string;
  /** Appended to the websocket URL as-is, e.g. `?token=…`. */
  query?: string;
  autoPong?: boolean;
  path?: string;
  protocols?: string[];
}

export interface WsClient {
  ws: WebSocket;
  frames: string[];
  /** Resolves with the next frame not yet handed out by nextFrame. */
  nextFrame(timeoutMs?: number): Promise<string>;
  /**
   * Sends a command the server acks and otherwise ignores (deregistering a filter nobody
   * registered), and resolves with the frames not yet handed out that came before its ack.
   * The server answers commands in order through the same queue as events, so whatever it
   * had queued for this client when it read the command comes first: `[]` proves nothing
   * was queued, which waiting out a quiet spell cannot prove on a slow machine. Not usable
   * while the server is stalled or this client's queue is full (the ack would wait or drop).
   */
  barrier(): Promise<string[]>;
  closed: Promise<{ code: number; reason: string }>;
  send(text: string): void;
}

export async function connectWs(sim: DrpSimulator, opts: WsClientOptions = {}): Promise<WsClient> {
  const headers: Record<string, string> = {};
  const auth = opts.authorization === undefined && opts.query === undefined ? BASIC : opts.authorization;
  if (auth) headers.authorization = auth;
  const url = `wss://127.0.0.1:${sim.port}${opts.path ?? '/api/v3/ws'}${opts.query ?? ''}`;
  const ws = new WebSocket(url, opts.protocols ?? [], { headers, ca: sim.certPem, autoPong: opts.autoPong ?? true });
  const frames: string[] = [];
  let handedOut = 0;
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(data.toString());
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const nextFrame = (timeoutMs = 3000): Promise<string> =>
    new Promise((resolve, reject) => {
      const take = (): boolean => {
        if (handedOut < frames.length) {
          resolve(frames[handedOut++]);
          return true;
        }
        return false;
      };
      if (take()) return;
      const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs);
      const wait = (): void => {
        if (take()) clearTimeout(timer);
        else waiters.push(wait);
      };
      waiters.push(wait);
    });
  let barriers = 0;
  const barrier = async (): Promise<string[]> => {
    const filter = `barrier-${++barriers}.*.*`;
    ws.send(`deregister ${filter}`);
    const before: string[] = [];
    for (;;) {
      const frame = await nextFrame();
      if (isAckOf(frame, 'deregister', filter)) return before;
      before.push(frame);
    }
  };
  return { ws, frames, nextFrame, barrier, closed, send: (t) => ws.send(t) };
}

function isAckOf(frame: string, action: string, filter: string): boolean {
  try {
    const e = JSON.parse(frame) as { Type?: unknown; Action?: unknown; Key?: unknown };
    return e.Type === 'websocket' && e.Action === action && e.Key === filter;
  } catch {
    return false; // a raw frame (sendRaw), not an ack
  }
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Tries a websocket upgrade and returns the HTTP refusal (or status 101 on success). */
export function tryUpgrade(sim: DrpSimulator, opts: { authorization?: string; query?: string; path?: string } = {}): Promise<HttpReply> {
  const headers: Record<string, string> = {};
  if (opts.authorization) headers.authorization = opts.authorization;
  const ws = new WebSocket(`wss://127.0.0.1:${sim.port}${opts.path ?? '/api/v3/ws'}${opts.query ?? ''}`, { headers, ca: sim.certPem });
  return new Promise((resolve, reject) => {
    ws.on('error', () => undefined);
    ws.once('open', () => {
      ws.terminate();
      resolve({ status: 101, headers: {}, body: '' });
    });
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
  });
}

export function rest(
  sim: DrpSimulator, method: string, path: string, opts: { authorization?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  const auth = opts.authorization === undefined ? BASIC : opts.authorization;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`https://127.0.0.1:${sim.port}${path}`, {
      method,
      ca: sim.certPem,
      agent: false,
      headers: { ...(auth ? { authorization: auth } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Registers a filter and waits for its ack. */
export async function register(c: WsClient, filter: string): Promise<void> {
  c.send(`register ${filter}`);
  const ack = JSON.parse(await c.nextFrame()) as { Type: string; Key: string };
  if (ack.Type !== 'websocket' || ack.Key !== filter) throw new Error(`expected the ack for ${filter}, got ${JSON.stringify(ack)}`);
}
