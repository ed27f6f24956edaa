// What a DRP endpoint accepts as proof of identity, and how to keep it out of every string
// a user or a log can see. The endpoint authenticates REST and the websocket upgrade alike
// with `Authorization: Bearer <token>` or `Authorization: Basic base64(user:pass)`
// (docs/protocol.md §2.1); a v3 server ECHOES a rejected token back in its 403 body
// (§2.3), so any text that came from the server must pass through `redact` before it is
// shown.

export type Credential =
  | { kind: 'token'; token: string }
  | { kind: 'basic'; username: string; password: string };

/** What replaces a secret in redacted text. */
export const REDACTED = '•••';

/**
 * Who a credential says the user is, in words that follow "Signed in" or "Connected to …":
 * 'as rocketskates', or 'with a token' (a DRP token is opaque, so it names nobody).
 * Undefined without a credential. Never any part of the secret.
 */
export function signedInAs(c: Credential | undefined): string | undefined {
  if (!c) return undefined;
  return c.kind === 'basic' ? `as ${c.username}` : 'with a token';
}

export function authorizationHeader(c: Credential): string {
  if (c.kind === 'token') return `Bearer ${c.token}`;
  return `Basic ${basicValue(c.username, c.password)}`;
}

function basicValue(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/**
 * Every form in which a credential's secret can show up in text: raw, percent-encoded (a
 * `?token=` URL or a proxy log), and for Basic the `user:pass` pair and its base64.
 */
function secretForms(c: Credential): string[] {
  const raw = c.kind === 'token' ? [c.token] : [`${c.username}:${c.password}`, basicValue(c.username, c.password), c.password];
  const forms = new Set<string>();
  for (const s of raw) {
    if (s === '') continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
  }
  // Longest first, so "user:pass" is replaced whole rather than leaving "user:" plus a stub.
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of the credential's secret in `text` with "•••". The user name
 * alone is not a secret and stays readable. Use on every error string that can contain
 * server text.
 */
export function redact(text: string, credential: Credential | undefined): string {
  if (!credential || text === '') return text;
  let out = text;
  for (const form of secretForms(credential)) out = out.split(form).join(REDACTED);
  return out;
}
