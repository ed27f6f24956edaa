// DRP: Connect / Disconnect / Reconnect / Set Endpoint, and the status bar's action menu.
import * as vscode from 'vscode';
import { normalizeEndpoint } from '../../core/endpoint/endpoint';
import type { CertificatePrompt } from '../endpoint/certificate-prompt';
import type { EndpointSession } from '../endpoint/endpoint-session';
import { readSettings, rewriteEndpointSetting } from '../endpoint/settings';

export function registerConnectionCommands(session: EndpointSession, certificates: CertificatePrompt): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('drp.connect', async () => {
      if (!(await session.credential()) && session.endpoint) {
        return vscode.commands.executeCommand('drp.signIn');
      }
      session.connect();
      return undefined;
    }),
    vscode.commands.registerCommand('drp.disconnect', () => session.disconnect()),
    vscode.commands.registerCommand('drp.reconnect', () => session.reconnect()),
    vscode.commands.registerCommand('drp.setEndpoint', (arg?: unknown) => setEndpoint(session, typeof arg === 'string' ? arg : undefined)),
    vscode.commands.registerCommand('drp.reviewCertificate', () => certificates.review()),
    vscode.commands.registerCommand('drp.showConnectionMenu', () => showConnectionMenu(session)),
  ];
}

async function setEndpoint(session: EndpointSession, scripted: string | undefined): Promise<void> {
  const value = scripted ?? await vscode.window.showInputBox({
    title: 'DRP: Set Endpoint',
    prompt: 'The DRP endpoint: host, host:port or https://host:8092. A pasted ?token=… is moved to secret storage.',
    value: readSettings().endpoint,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const n = normalizeEndpoint(text);
      return n.ok ? undefined : n.message;
    },
  });
  if (value === undefined) return;
  const n = normalizeEndpoint(value);
  if (!n.ok) {
    void vscode.window.showErrorMessage(`The endpoint was not changed. ${n.message}`);
    return;
  }
  // The raw value keeps any pasted credential for the session to lift into SecretStorage.
  await rewriteEndpointSetting(n.credential ? value : n.origin);
  await signInNext(session, n.origin, scripted !== undefined);
}

/**
 * The step after Set Endpoint: without a credential for the new endpoint nothing connects,
 * and the status bar would only say "Signed out". So Sign In follows at once when the user
 * typed the endpoint, and is offered in one click when a script set it (a script must not
 * be left behind an input it did not ask for). Nothing follows when a credential is already
 * stored for that endpoint, or was pasted with it.
 */
async function signInNext(session: EndpointSession, origin: string, scripted: boolean): Promise<void> {
  if (!(await endpointApplied(session, origin)) || (await session.credential())) return;
  const display = session.endpoint?.display ?? origin;
  if (!scripted) {
    await vscode.commands.executeCommand('drp.signIn');
    return;
  }
  // Not awaited: the script's call returns while the offer waits for the user.
  void vscode.window.showInformationMessage(`The endpoint is now ${display}. Sign in to receive its events.`, 'Sign In')
    .then((pick) => pick && vscode.commands.executeCommand('drp.signIn'));
}

/** How long a changed drp.endpoint may take to reach the session (it comes as a settings event). */
const APPLY_TIMEOUT_MS = 5000;

/**
 * Resolves once the session uses `origin` and has finished building its connection; false if
 * it does not within APPLY_TIMEOUT_MS (another settings scope overrides the value).
 */
async function endpointApplied(session: EndpointSession, origin: string): Promise<boolean> {
  if (session.endpoint?.origin !== origin) {
    const applied = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), APPLY_TIMEOUT_MS);
      const sub = session.onDidChange(() => {
        if (session.endpoint?.origin === origin) done(true);
      });
      function done(ok: boolean): void {
        clearTimeout(timer);
        sub.dispose();
        resolve(ok);
      }
    });
    if (!applied) return false;
  }
  await session.settled();
  return session.endpoint?.origin === origin;
}

async function showConnectionMenu(session: EndpointSession): Promise<void> {
  const { state, detail } = session.state;
  const live = state === 'connecting' || state === 'open' || state === 'reconnecting';
  const items: Array<vscode.QuickPickItem & { command: string }> = [];
  if (state === 'reconnecting') {
    // Waiting for the next retry: trying now is what the user most likely came for.
    const secs = detail.retryInMs !== undefined ? Math.max(0, Math.ceil((session.stateSince + detail.retryInMs - Date.now()) / 1000)) : undefined;
    items.push({ label: '$(refresh) Reconnect Now', ...(secs !== undefined ? { description: `the next try is in ${secs} s` } : {}), command: 'drp.reconnect' });
  }
  items.push(
    { label: '$(table) Show Event Table', command: 'drp.showEventTable' },
    { label: '$(add) Register Filter', command: 'drp.registerFilter' },
    { label: '$(output) Show Event Output', command: 'drp.showOutput' },
    live ? { label: '$(debug-disconnect) Disconnect', command: 'drp.disconnect' } : { label: '$(plug) Connect', command: 'drp.connect' },
  );
  if (state !== 'reconnecting') items.push({ label: '$(refresh) Reconnect', command: 'drp.reconnect' });
  items.push(
    { label: '$(server-environment) Set Endpoint', command: 'drp.setEndpoint' },
    { label: '$(sign-out) Sign Out', command: 'drp.signOut' },
  );
  const pick = await vscode.window.showQuickPick(items, { title: `DRP: ${session.endpoint?.display ?? 'no endpoint'}` });
  if (pick) await vscode.commands.executeCommand(pick.command);
}
