// One clear notification per problem, with the action that fixes it; never a storm. A
// refused sign-in is reported once (the connection does not retry it), an unreachable
// endpoint once per outage (the connection keeps retrying quietly; the status bar counts down).
import * as vscode from 'vscode';
import type { EndpointSession } from '../endpoint/endpoint-session';

export class ConnectionNotifications implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  /** Malformed frames are reported once per connection, however many follow. */
  private malformedReported = false;
  /** The problem last reported; cleared when the stream opens again. */
  private reported: string | undefined;

  /** @param filterCount how many filters the user has: signed out with none is not news. */
  constructor(
    private readonly session: EndpointSession,
    private readonly filterCount: () => number,
    private readonly showLog: () => void,
  ) {
    this.subscriptions = [
      session.onDidChange(() => this.update()),
      session.onDidReceiveMalformed((m) => this.malformed(m.reason)),
    ];
  }

  private update(): void {
    const { state, detail } = this.session.state;
    const where = this.session.endpoint?.display ?? 'the DRP endpoint';
    if (state === 'open') {
      this.reported = undefined;
      this.malformedReported = false;
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

  private malformed(reason: string): void {
    if (this.malformedReported) return;
    this.malformedReported = true;
    const where = this.session.endpoint?.display ?? 'The DRP endpoint';
    void vscode.window.showWarningMessage(
      `${where} sent a frame that is not a DRP event (${reason}). It was skipped; the events already received are kept and the stream goes on. If this repeats, check that drp.endpoint is the DRP API port (8092 by default).`,
      'Show Log',
    ).then((pick) => pick && this.showLog());
  }

  private once(key: string, show: () => Thenable<unknown>): void {
    if (this.reported === key) return;
    this.reported = key;
    void show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
