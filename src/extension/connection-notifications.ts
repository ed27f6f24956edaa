// One clear notification per problem, with the action that fixes it; never a storm. A
// refused sign-in is reported once (the connection does not retry it), an unreachable
// endpoint once per outage (the connection keeps retrying quietly; the status bar counts down).
import * as vscode from 'vscode';
import type { EndpointSession } from './endpoint-session';

export class ConnectionNotifications implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  /** The problem last reported; cleared when the stream opens again. */
  private reported: string | undefined;

  /** @param filterCount how many filters the user has: signed out with none is not news. */
  constructor(private readonly session: EndpointSession, private readonly filterCount: () => number) {
    this.subscription = session.onDidChange(() => this.update());
  }

  private update(): void {
    const { state, detail } = this.session.state;
    const where = this.session.endpoint?.display ?? 'the DRP endpoint';
    if (state === 'open') {
      this.reported = undefined;
      return;
    }
    if (!this.session.isSignedIn && this.session.endpoint && this.filterCount() > 0) {
      // Credentials are bound to the endpoint's origin, so a workspace that points
      // drp.endpoint elsewhere lands here: say why nothing arrives, once per origin.
      const origin = this.session.endpoint.origin;
      this.once(`signed-out ${origin}`, () =>
        vscode.window.showInformationMessage(
          `You are not signed in to ${where}, so your ${this.filterCount()} DRP filter(s) receive nothing. Sign in to start receiving events.`,
          'Sign In',
        ).then((pick) => pick && vscode.commands.executeCommand('drp.signIn')));
    } else if (state === 'auth-failed' && detail.reason === 'auth') {
      this.once(`auth ${detail.status}`, () =>
        vscode.window.showErrorMessage(
          // The connection's message already ends with what to do; don't say it twice.
          detail.message ?? `${where} refused the credentials. Run "DRP: Sign In" to set new ones.`,
          'Sign In',
        ).then((pick) => pick && vscode.commands.executeCommand('drp.signIn')));
    } else if (state === 'reconnecting' && (detail.reason === 'unreachable' || detail.reason === 'frame-too-long')) {
      this.once('unreachable', () =>
        vscode.window.showWarningMessage(
          `${detail.message ?? `Cannot reach ${where}.`} Retrying in the background; events sent meanwhile are missed.`,
          'Reconnect Now', 'Open Settings',
        ).then((pick) => {
          if (pick === 'Reconnect Now') return vscode.commands.executeCommand('drp.reconnect');
          if (pick === 'Open Settings') return vscode.commands.executeCommand('workbench.action.openSettings', 'drp.endpoint');
          return undefined;
        }));
    }
  }

  private once(key: string, show: () => Thenable<unknown>): void {
    if (this.reported === key) return;
    this.reported = key;
    void show();
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
