// The `/api/v3` REST calls the extension needs: the endpoint's info, its object types, an
// object list, one object ("Open Latest"), and minting a token from a password. Every call
// goes through the same TLS trust as the websocket and sends the headers the Go client sends
// (Cache-Control: no-store, Accept: application/json; docs/protocol.md §7.1).
import { STATUS_CODES } from 'node:http';
import * as https from 'node:https';
import { DrpApiError, drpErrorMessages } from './api-error';
import { authorizationHeader, Credential, redact } from './credentials';
import { asTlsTrustError, createVerifiedAgent, createVerifiedConnection, TlsTrust, TlsTrustError, tlsRequestOptions } from './tls-trust';

export interface DrpRestClientOptions {
  /** `https://host:port/api/v3`, from normalizeEndpoint. */
  restBase: string;
  /** Asked on every call, so a new sign-in takes effect at once. */
  credential: () => Promise<Credential | undefined>;
  trust: TlsTrust;
  /** Whole-call limit: connect, TLS, request and response. */
  timeoutMs?: number;
  /** Refuse bodies larger than this (a machine list with inventories can be large). */
  maxBodyBytes?: number;
}

/** The parts of `GET /api/v3/info` the extension reads; the rest passes through. */
export interface DrpInfo {
  version?: string;
  id?: string;
  features?: string[];
  [key: string]: unknown;
}

const PREFIX = /^[A-Za-z0-9_-]+$/;

export class DrpRestClient {
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: DrpRestClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  }

  async info(): Promise<DrpInfo> {
    return objectBody(await this.call('info'), 'GET info');
  }

  /** The object prefixes the endpoint serves, e.g. `machines`, `profiles`. */
  async objects(): Promise<string[]> {
    const body = await this.call('objects');
    if (!Array.isArray(body)) throw badResponse('GET objects');
    return body.map(String);
  }

  /** `GET /api/v3/<prefix>`; `params` are DRP index filters such as `{ Name: 'node-01' }`. */
  async list(prefix: string, params: Record<string, string> = {}): Promise<unknown[]> {
    const body = await this.call(checkPrefix(prefix), params);
    if (!Array.isArray(body)) throw badResponse(`GET ${prefix}`);
    return body;
  }

  /**
   * `GET /api/v3/<prefix>/<key>`. Each `/`-separated segment of the key is encoded on its
   * own so `test/flag` stays a path: the real server serves params at
   * /api/v3/params/test/flag, unescaped (observed: docs/protocol.md §7.5).
   */
  async get(prefix: string, key: string): Promise<unknown> {
    if (key === '') throw new Error('An object key is needed to fetch an object.');
    return this.call(`${checkPrefix(prefix)}/${encodeKeyPath(key)}`);
  }

  /** `GET /api/v3/users/<user>/token?ttl=<seconds>` → the token (v3 takes ttl in seconds). */
  async mintToken(user: string, ttlSeconds: number): Promise<string> {
    const path = `users/${encodeKeyPath(user)}/token`;
    const body = objectBody(await this.call(path, { ttl: String(Math.max(1, Math.floor(ttlSeconds))) }), `GET ${path}`);
    if (typeof body.Token !== 'string' || body.Token === '') throw badResponse(`GET ${path}`);
    return body.Token;
  }

  private async call(path: string, params: Record<string, string> = {}): Promise<unknown> {
    const label = `GET ${decodeURIComponent(path)}`;
    const credential = await this.options.credential();
    if (!credential) {
      throw new DrpApiError('signed-out', `${label}: no credentials are stored for this endpoint. Run ‘DRP: Sign In’.`, 0);
    }
    const url = new URL(`${this.options.restBase.replace(/\/+$/, '')}/${path}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const { status, body } = await this.send(url, credential, label);
    if (status >= 200 && status < 300) {
      if (body === '') return undefined;
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw badResponse(label);
      }
    }
    throw httpError(label, status, body, credential);
  }

  private send(url: URL, credential: Credential, label: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = https.request(url, {
        method: 'GET',
        headers: {
          Authorization: authorizationHeader(credential),
          Accept: 'application/json',
          'Cache-Control': 'no-store',
        },
        createConnection: createVerifiedConnection(this.options.trust, { timeoutMs: this.timeoutMs }),
        agent: createVerifiedAgent(this.options.trust, { timeoutMs: this.timeoutMs }),
        ...tlsRequestOptions(this.options.trust), // for an agent that replaces ours (VS Code's proxy agent)
      });
      const timer = setTimeout(() => {
        req.destroy(new DrpApiError('timeout', `${label}: the endpoint did not answer within ${Math.round(this.timeoutMs / 1000)} s. Check that it is reachable.`, 0));
      }, this.timeoutMs);
      const failed = (err: Error): void => {
        clearTimeout(timer);
        if (err instanceof DrpApiError || err instanceof TlsTrustError) return reject(err);
        // A refusal by another agent's tls.connect: read the certificate so "Trust" can be offered.
        void asTlsTrustError(err, this.options.trust, url, this.timeoutMs).then((tlsError) => reject(tlsError ?? networkError(label, url, err, credential)));
      };
      req.on('error', failed);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxBodyBytes) {
            req.destroy(new DrpApiError('bad-response', `${label}: the answer is larger than ${this.maxBodyBytes} bytes; narrow the request.`, res.statusCode ?? 0));
          } else chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', failed);
      });
      req.end();
    });
  }
}

function checkPrefix(prefix: string): string {
  if (!PREFIX.test(prefix)) throw new Error(`‘${prefix}’ is not a DRP object type such as machines or profiles.`);
  return prefix;
}

/**
 * Encodes each segment, keeping `:` (for `Name:node-01` index keys) and `@`, which are legal
 * in a path; `.` and `..` segments are escaped so they cannot walk up the path.
 */
export function encodeKeyPath(key: string): string {
  return key
    .split('/')
    .map((seg) => (seg === '.' || seg === '..' ? seg.replace(/\./g, '%2E') : encodeURIComponent(seg).replace(/%3A/gi, ':').replace(/%40/gi, '@')))
    .join('/');
}

function objectBody(body: unknown, label: string): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badResponse(label);
  return body as Record<string, unknown>;
}

function badResponse(label: string): DrpApiError {
  return new DrpApiError('bad-response', `${label}: the endpoint's answer was not the JSON DRP sends. Check that the address points at the DRP API.`, 200);
}

function httpError(label: string, status: number, body: string, credential: Credential): DrpApiError {
  // The v3 server echoes a rejected token in its 403 body: redact before anything else.
  const messages = drpErrorMessages(body).map((m) => redact(m, credential));
  const what = messages.length > 0 ? messages.join('; ') : (STATUS_CODES[status] ?? 'HTTP error');
  let message = `${label}: ${what} (${status})`;
  if (status === 401 || status === 403) message += '. Run ‘DRP: Sign In’ to set working credentials';
  return new DrpApiError('http', `${message}.`, status, messages);
}

function networkError(label: string, url: URL, err: Error, credential: Credential): DrpApiError {
  const code = (err as NodeJS.ErrnoException).code;
  const detail = redact(code ?? err.message, credential);
  return new DrpApiError('network', `${label}: could not reach ${url.host} (${detail}). Check drp.endpoint and that dr-provision is running.`, 0);
}
