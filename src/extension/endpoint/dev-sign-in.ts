// `npm start` opens the extension already signed in to its simulator, without a password in
// any settings file: start.ts puts the simulator's credential in the environment of the
// VS Code server (or desktop VS Code) as DRP_DEV_SIGN_IN, that environment reaches the
// extension host, and this stores it in SecretStorage at activation.
//
// Why this is safe: it runs only when the extension is loaded in development or test mode
// (--extensionDevelopmentPath), never for an installed extension, whatever the environment
// says; it never replaces a credential the user already stored for that origin; and what it
// carries is the simulator's public default login (rocketskates / r0cketsk8ts, the one in
// DRP's own docs), bound to the simulator's loopback origin like any other credential.
import type { Credential } from '../../core/endpoint/credentials';
import { normalizeEndpoint } from '../../core/endpoint/endpoint';

/** The environment variable start.ts sets: JSON {"origin", "username", "password"}. */
export const DEV_SIGN_IN_VAR = 'DRP_DEV_SIGN_IN';

export interface DevSignIn {
  origin: string;
  credential: Credential;
}

/** Where the credential goes: the extension's CredentialStore (or a fake in tests). */
export interface DevCredentialStore {
  get(origin: string): Promise<Credential | undefined>;
  set(origin: string, credential: Credential): Promise<void>;
}

export interface DevSignInLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Reads DRP_DEV_SIGN_IN's value; the error sentence never repeats the value (it holds a password). */
export function parseDevSignIn(raw: string): DevSignIn | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { error: `${DEV_SIGN_IN_VAR} is not valid JSON; set it to {"origin": "https://127.0.0.1:8092", "username": "…", "password": "…"}.` };
  }
  const p = parsed as Record<string, unknown>;
  if (typeof p !== 'object' || p === null || typeof p.origin !== 'string' || typeof p.username !== 'string' || typeof p.password !== 'string' || !p.username || !p.password) {
    return { error: `${DEV_SIGN_IN_VAR} needs the string fields origin, username and password.` };
  }
  const endpoint = normalizeEndpoint(p.origin);
  if (!endpoint.ok) return { error: `${DEV_SIGN_IN_VAR} has an unusable origin: ${endpoint.message}` };
  // Keyed exactly as CredentialStore keys a sign-in through the UI, so the session finds it.
  return { origin: endpoint.origin, credential: { kind: 'basic', username: p.username, password: p.password } };
}

/**
 * Stores the credential from DRP_DEV_SIGN_IN for its origin when the extension runs in
 * development mode and no credential is stored there yet. Storing it fires the store's
 * change event, which makes the session connect.
 */
export async function signInForDevelopment(
  developmentMode: boolean,
  raw: string | undefined,
  store: DevCredentialStore,
  log: DevSignInLog,
): Promise<void> {
  if (!developmentMode || !raw) return;
  const parsed = parseDevSignIn(raw);
  if ('error' in parsed) {
    log.warn(`Development sign-in skipped. ${parsed.error}`);
    return;
  }
  try {
    if (await store.get(parsed.origin)) return;
    await store.set(parsed.origin, parsed.credential);
    const user = parsed.credential.kind === 'basic' ? parsed.credential.username : 'a token';
    log.info(`Signed in to ${parsed.origin} as ${user} from ${DEV_SIGN_IN_VAR} (development mode only).`);
  } catch (err) {
    log.warn(`Development sign-in failed: ${err instanceof Error ? err.message : String(err)}. Run "DRP: Sign In" instead.`);
  }
}
