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
    vscode.commands.registerCommand('drp.setEndpoint', (arg?: unknown) => setEndpoint(typeof arg === 'string' ? arg : undefined)),
    vscode.commands.registerCommand('drp.reviewCertificate', () => certificates.review()),
    vscode.commands.registerCommand('drp.showConnectionMenu', () => showConnectionMenu(session)),
  ];
}

async function setEndpoint(scripted: string | undefined): Promise<void> {
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
