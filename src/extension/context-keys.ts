// Context keys for `when` clauses in package.json: which welcome text, title-bar buttons
// and palette entries make sense depends on whether the user is signed in and connected.
import * as vscode from 'vscode';
import type { EndpointSession } from './endpoint/endpoint-session';

export function trackContextKeys(session: EndpointSession): vscode.Disposable {
  let last = '';
  const update = () => {
    const signedIn = session.isSignedIn;
    const connected = session.state.state === 'open';
    const key = `${signedIn} ${connected}`;
    if (key === last) return;
    last = key;
    void vscode.commands.executeCommand('setContext', 'drp.signedIn', signedIn);
    void vscode.commands.executeCommand('setContext', 'drp.connected', connected);
  };
  update();
  return session.onDidChange(update);
}
