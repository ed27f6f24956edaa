// Turns whatever a user typed or pasted into the three addresses the extension uses. People
// paste many shapes: a bare host, the CLI's `https://127.0.0.1:8092`, a browser URL, or the
// docs' `wss://127.0.0.1:8092/api/v3/ws?token=rocketskates:r0cketsk8ts`. A credential found
// in the input (query `token`/`Token`, or `user:pass@`) is lifted out into `credential` so the
// caller can move it to SecretStorage; it is never kept in any returned address, because
// addresses end up in settings, logs and status text.
import { isIPv6 } from 'node:net';
import type { Credential } from './credentials';

/** dr-provision's default `--api-port` (docs/protocol.md §1.1). */
export const DEFAULT_API_PORT = 8092;

export type NormalizedEndpoint =
  | {
      ok: true;
      /** `https://host:port`, the key SecretStorage binds credentials to. */
      origin: string;
      /** `https://host:port/api/v3` */
      restBase: string;
      /** `wss://host:port/api/v3/ws` */
      wsUrl: string;
      /** `host:port`, for status text. */
      display: string;
      credential?: Credential;
      /** Sentences about what was changed or dropped from the input. */
      notes: string[];
    }
  | { ok: false; message: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export function normalizeEndpoint(input: string): NormalizedEndpoint {
  const notes: string[] = [];
  let text = input.trim();
  if (text === '') return fail('The endpoint is empty. Enter its address, for example 127.0.0.1:8092.');
  if (/\s/.test(text)) return fail('The endpoint address contains spaces. Enter it as host:port, for example 127.0.0.1:8092.');

  // A bare IPv6 address has colons that a URL parser would read as a port.
  if (!SCHEME.test(text) && isIPv6(text)) text = `[${text}]`;
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) text = `https://${text}`;
  else if (scheme === 'http' || scheme === 'ws') {
    // The DRP API listens with TLS only (docs/protocol.md §1.1).
    text = `https://${text.slice(scheme.length + 3)}`;
    notes.push(`The DRP API only speaks TLS, so ${scheme}:// was changed to https://.`);
  } else if (scheme === 'https' || scheme === 'wss') text = `https://${text.slice(scheme.length + 3)}`;
  else return fail(`‘${scheme}://’ is not a DRP endpoint address. Enter https://host:port, for example https://127.0.0.1:8092.`);

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('That is not a valid endpoint address. Enter it as host:port, for example 127.0.0.1:8092.');
  }
  if (url.hostname === '') return fail('The endpoint address has no host name. Enter it as host:port, for example 127.0.0.1:8092.');

  const port = explicitPort(text) ?? DEFAULT_API_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return fail(`Port ${port} is out of range. DRP's API port is usually ${DEFAULT_API_PORT}.`);
  }

  const path = url.pathname.replace(/\/+$/, '');
  if (!['', '/api/v3', '/api/v3/ws'].includes(path)) {
    if (!path.startsWith('/api/v3/')) {
      return fail(
        `‘${url.pathname}’ is not a DRP API path. Enter the endpoint as host:port, for example 127.0.0.1:${DEFAULT_API_PORT}.`,
      );
    }
    // A browser or REST URL such as /api/v3/machines/… names the endpoint plus an object;
    // keeping only the endpoint is what the user meant.
    notes.push(`Only the endpoint was kept; the path ${url.pathname} was dropped.`);
  }

  const lifted = liftCredential(url, notes);
  if (!lifted.ok) return lifted;
  if (url.hash !== '') notes.push('The #fragment in the address was ignored.');

  const hostPort = `${url.hostname}:${port}`; // URL keeps IPv6 brackets in hostname
  const origin = `https://${hostPort}`;
  return {
    ok: true,
    origin,
    restBase: `${origin}/api/v3`,
    wsUrl: `wss://${hostPort}/api/v3/ws`,
    display: hostPort,
    ...(lifted.credential ? { credential: lifted.credential } : {}),
    notes,
  };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

/**
 * The port as typed. `URL` drops a scheme's default port (`https://h:443` → port ''), which
 * would otherwise turn an explicit 443 into DRP's 8092.
 */
function explicitPort(text: string): number | undefined {
  const authority = text.replace(SCHEME, '').split(/[/?#]/, 1)[0] ?? '';
  const hostPart = authority.slice(authority.lastIndexOf('@') + 1);
  const m = /(?:^|[^:]|\]):(\d*)$/.exec(hostPart);
  if (!m || m[1] === '') return undefined;
  return Number(m[1]);
}

type Lifted = { ok: true; credential?: Credential } | { ok: false; message: string };

/** Takes `user:pass@` and `?token=`/`?Token=` out of `url`; the URL is not used afterwards. */
function liftCredential(url: URL, notes: string[]): Lifted {
  let credential: Credential | undefined;
  if (url.username !== '' || url.password !== '') {
    const username = safeDecode(url.username);
    const password = safeDecode(url.password);
    if (username !== '' && password !== '') credential = { kind: 'basic', username, password };
    else notes.push('The user name in the address was ignored: sign in with a password or a token instead.');
  }

  const queryToken = url.searchParams.get('token') ?? url.searchParams.get('Token');
  if (queryToken !== null && queryToken !== '') {
    if (credential) return fail('The address carries two credentials (user:pass@ and ?token=). Remove one of them.');
    // The v3 server reads a token containing ':' as user:pass (docs/protocol.md §2.1); real
    // tokens are base64 and never contain ':'. searchParams has already percent-decoded it.
    const colon = queryToken.indexOf(':');
    credential =
      colon > 0 ? { kind: 'basic', username: queryToken.slice(0, colon), password: queryToken.slice(colon + 1) } : { kind: 'token', token: queryToken };
  }
  if (credential) notes.push('The credential in the address was taken out of it; it is sent in the Authorization header instead.');

  const otherParams = [...url.searchParams.keys()].filter((k) => k !== 'token' && k !== 'Token');
  if (otherParams.length > 0) notes.push(`The query parameters ${otherParams.join(', ')} were ignored.`);
  return { ok: true, ...(credential ? { credential } : {}) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
