// DRP: Sign In / Sign Out. A token or a user name and password, kept in SecretStorage under
// the endpoint's origin. Scriptable: `drp.signIn` takes `{ token }` or `{ username, password }`.
import * as vscode from 'vscode';
import { signedInAs, type Credential } from '../../core/endpoint/credentials';
import type { CredentialStore } from './credential-store';
import type { EndpointSession } from './endpoint-session';

export type SignInArgs = { token: string } | { username: string; password: string };

export function registerSignInCommands(session: EndpointSession, credentials: CredentialStore): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('drp.signIn', (args?: unknown) => signIn(session, credentials, args)),
    vscode.commands.registerCommand('drp.signOut', () => signOut(session, credentials)),
  ];
}

/** Reads `{ token }` or `{ username, password }` from a scripted call; undefined if neither. */
export function credentialFromArgs(args: unknown): Credential | undefined {
  if (!args || typeof args !== 'object') return undefined;
  const a = args as Record<string, unknown>;
  if (typeof a.token === 'string' && a.token.trim()) return { kind: 'token', token: a.token.trim() };
  if (typeof a.username === 'string' && a.username.trim() && typeof a.password === 'string') {
    return { kind: 'basic', username: a.username.trim(), password: a.password };
  }
  return undefined;
}

async function signIn(session: EndpointSession, credentials: CredentialStore, args: unknown): Promise<boolean> {
  // Only wait for a rebuild already under way (a settings change): opening Sign In must not
  // touch a working connection, which is replaced only once a new credential is stored.
  await session.settled();
  const endpoint = session.endpoint;
  if (!endpoint) {
    const pick = await vscode.window.showErrorMessage(session.endpointProblem ?? 'No DRP endpoint is configured.', 'Set Endpoint');
    if (pick) await vscode.commands.executeCommand('drp.setEndpoint');
    return false;
  }
  const credential = args === undefined ? await askForCredential(endpoint.display, signedInAs(await session.credential())) : credentialFromArgs(args);
  if (!credential) {
    if (args !== undefined) {
      void vscode.window.showErrorMessage('DRP: Sign In needs { token } or { username, password }. Nothing was changed.');
    }
    return false;
  }
  // A mistyped password must not replace a working sign-in: ask the endpoint first.
  const check = await session.checkCredential(credential);
  if (check.outcome === 'refused') {
    const kept = (await session.credential()) ? ' Your previous sign-in is kept.' : '';
    void vscode.window.showErrorMessage(`${endpoint.display} refused the ${credential.kind === 'token' ? 'token' : `password for ${credential.username}`}, so it was not stored.${kept} ${check.message}`, 'Sign In')
      .then((pick) => pick && vscode.commands.executeCommand('drp.signIn'));
    return false;
  }
  await credentials.set(endpoint.origin, credential);
  await session.credentialChanged('yes');
  return true;
}

async function askForCredential(display: string, current: string | undefined): Promise<Credential | undefined> {
  const how = await vscode.window.showQuickPick(
    [
      { label: '$(key) Token', description: 'a DRP auth token, e.g. from ‘drpcli users token rocketskates’', method: 'token' as const },
      { label: '$(account) User name and password', description: 'sent as Basic auth on every connect', method: 'basic' as const },
    ],
    {
      title: current ? `Signed in to ${display} ${current} — sign in again?` : `Sign in to ${display}`,
      placeHolder: current ? 'The current sign-in stays until a new one is stored. How do you want to sign in?' : 'How do you want to sign in?',
      ignoreFocusOut: true,
    },
  );
  if (!how) return undefined;
  if (how.method === 'token') {
    const token = await vscode.window.showInputBox({
      title: `Sign in to ${display}: token`, prompt: 'Paste the token. It is kept in VS Code secret storage for this endpoint only.',
      password: true, ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter a token, or press Escape to cancel.'),
    });
    return token?.trim() ? { kind: 'token', token: token.trim() } : undefined;
  }
  const username = await vscode.window.showInputBox({
    title: `Sign in to ${display}: user name`, prompt: 'The DRP user name (the default install uses rocketskates).',
    ignoreFocusOut: true, validateInput: (v) => (v.trim() && !v.includes(':') ? undefined : 'Enter a user name without ":".'),
  });
  if (!username?.trim()) return undefined;
  const password = await vscode.window.showInputBox({
    title: `Sign in to ${display}: password for ${username.trim()}`, prompt: 'Kept in VS Code secret storage for this endpoint only.',
    password: true, ignoreFocusOut: true,
  });
  if (password === undefined) return undefined;
  return { kind: 'basic', username: username.trim(), password };
}

/** Quiet on purpose: the user chose it, and the status bar now says Signed out. */
async function signOut(session: EndpointSession, credentials: CredentialStore): Promise<void> {
  const endpoint = session.endpoint;
  if (!endpoint) return;
  session.disconnect();
  await credentials.delete(endpoint.origin);
  await session.rebuild('no');
}
