// Who may call the endpoint, exactly as the v3 `userAuth` middleware answers
// (docs/protocol.md §2): the Authorization header wins; the lowercase `token` query is read
// only when the header is absent; malformed credentials get 401, wrong ones 403 with the bodies
// the real server sends (including its echo of a bad token, which clients must never show).

import { randomBytes } from 'node:crypto';
import { drpError, type DrpErrorBody } from './drp-error';

export interface SimUser {
  name: string;
  password: string;
}

export const DEFAULT_USER: SimUser = { name: 'rocketskates', password: 'r0cketsk8ts' };

export type AuthResult =
  | { ok: true; user: string; scheme: 'basic' | 'bearer' }
  | { ok: false; status: 401 }
  | { ok: false; status: 403; body: DrpErrorBody; wwwAuthenticate: boolean };

interface UserRecord {
  password: string;
  /** Bumped on every password change; tokens minted under an older value fail validation. */
  secret: number;
}

interface TokenRecord {
  user: string;
  expiresAtMs: number;
  userSecret: number;
}

/** 664 random bytes make an 888-character token with `=` padding, the length seen on a real endpoint. */
const TOKEN_BYTES = 664;

export class AuthStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly tokens = new Map<string, TokenRecord>();
  /** A starting server's temporary API has another token secret: every token fails its signature. */
  private otherTokenSecret = false;

  /** `now` is the clock tokens expire by (Date.now unless a test moves it by hand). */
  constructor(users: SimUser[], private readonly now: () => number = Date.now) {
    for (const u of users) this.users.set(u.name, { password: u.password, secret: 0 });
  }

  hasUser(name: string): boolean {
    return this.users.has(name);
  }

  /** Adds the user or changes their password; a change invalidates tokens minted before it. */
  setPassword(name: string, password: string): void {
    const record = this.users.get(name);
    if (record) {
      record.password = password;
      record.secret += 1;
    } else {
      this.users.set(name, { password, secret: 0 });
    }
  }

  /** Mints an opaque URL-safe base64 token (never contains ':'), valid for ttlSeconds. */
  mintToken(user: string, ttlSeconds: number): string {
    const record = this.users.get(user);
    if (!record) throw new Error(`unknown user ${user}`);
    const token = randomBytes(TOKEN_BYTES).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    this.tokens.set(token, { user, expiresAtMs: this.now() + ttlSeconds * 1000, userSecret: record.secret });
    return token;
  }

  /** Makes every token minted so far one second past its expiry. */
  expireTokens(): void {
    const past = this.now() - 1000;
    for (const t of this.tokens.values()) t.expiresAtMs = Math.min(t.expiresAtMs, past);
  }

  /** While on, every Bearer token gets 403 "signature is invalid"; Basic still works (docs/protocol.md §2.4). */
  setTemporarySecret(on: boolean): void {
    this.otherTokenSecret = on;
  }

  authenticate(authorization: string | undefined, queryToken: string | null): AuthResult {
    let header = authorization ?? '';
    if (header === '' && queryToken) {
      header = queryToken.includes(':')
        ? `Basic ${Buffer.from(queryToken, 'utf8').toString('base64')}`
        : `Bearer ${queryToken}`;
    }
    if (header === '') return { ok: false, status: 401 };
    const space = header.indexOf(' ');
    if (space < 0) return { ok: false, status: 401 };
    const scheme = header.slice(0, space);
    const value = header.slice(space + 1);
    if (scheme === 'Basic') return this.checkBasic(value);
    if (scheme === 'Bearer') return this.checkBearer(value);
    return { ok: false, status: 401 };
  }

  private checkBasic(value: string): AuthResult {
    if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return { ok: false, status: 401 };
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, status: 401 };
    const name = decoded.slice(0, colon);
    const record = this.users.get(name);
    if (!record || record.password !== decoded.slice(colon + 1)) {
      return { ok: false, status: 403, body: drpError(403, 'users', '', '', 'Access Denied'), wwwAuthenticate: false };
    }
    return { ok: true, user: name, scheme: 'basic' };
  }

  private checkBearer(token: string): AuthResult {
    const invalid = (reason: string): AuthResult => ({
      ok: false,
      status: 403,
      // The real server echoes the token as the second message; kept for fidelity.
      body: { Model: 'system', Key: '', Type: '', Messages: [`Invalid Token :${reason}`, token], Code: 403 },
      wwwAuthenticate: true,
    });
    const badByte = base64UrlErrorIndex(token);
    if (badByte !== undefined) return invalid(`illegal base64 data at input byte ${badByte}`);
    const record = this.otherTokenSecret ? undefined : this.tokens.get(token);
    if (!record) return invalid('signature is invalid');
    const now = this.now();
    if (now >= record.expiresAtMs) {
      return invalid(`token is expired by ${formatGoSeconds(Math.max(1, Math.floor((now - record.expiresAtMs) / 1000)))}`);
    }
    const user = this.users.get(record.user);
    if (!user || user.secret !== record.userSecret) {
      return { ok: false, status: 403, body: drpError(403, '', '', 'AUTH', 'Validation failed'), wwwAuthenticate: false };
    }
    return { ok: true, user: record.user, scheme: 'bearer' };
  }
}

/**
 * Where Go's base64.URLEncoding.DecodeString would fail, or undefined if it decodes. Go
 * reports a bad character at its own index and a short final quantum at the quantum's
 * start, which is why `Bearer abc` reads "illegal base64 data at input byte 0".
 */
export function base64UrlErrorIndex(s: string): number | undefined {
  const pad = s.indexOf('=');
  const body = pad < 0 ? s : s.slice(0, pad);
  const bad = body.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0) return bad;
  if (pad >= 0) {
    const tail = s.slice(pad);
    if (!/^={1,2}$/.test(tail) || s.length % 4 !== 0 || pad % 4 < 2) return pad;
    return undefined;
  }
  if (s.length % 4 !== 0) return s.length - (s.length % 4);
  return undefined;
}

/** Whole seconds as Go's time.Duration prints them: 1s, 2m5s, 1h0m0s. */
export function formatGoSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
