// The connection's notifications, as ConnectionNotices (src/core/connection/connection-notices.ts)
// decides them. A refused sign-in and filters that receive nothing are ordinary messages,
// once each. An outage is a progress notification: VS Code cannot close a message, but it
// withdraws a progress notification when its promise settles, so the one outage notification
// is updated while the cause changes and gone once the state moves on (a certificate
// refusal, whose dialog CertificatePrompt shows, included).
import * as vscode from 'vscode';
import { ConnectionNotices, type NoticeStep } from '../../core/connection/connection-notices';
import type { EndpointSession } from '../endpoint/endpoint-session';

interface Outage {
  report(message: string): void;
  end(): void;
}

export class ConnectionNotifications implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private readonly notices = new ConnectionNotices();
  private outage: Outage | undefined;
  private queued = false;
  /** Malformed frames are reported once per connection, however many follow. */
  private malformedReported = false;

  /** @param filterCount how many filters the user has: signed out with none is not news. */
  constructor(
    private readonly session: EndpointSession,
    private readonly filterCount: () => number,
    private readonly showLog: () => void,
  ) {
    this.subscriptions = [
      session.onDidChange(() => this.changed()),
      session.onDidReceiveMalformed((m) => this.malformed(m.reason)),
    ];
  }

  /**
   * Looks once the current burst of changes is over: a rebuild passes through 'idle' on its
   * way to 'connecting' in one go, which must not end an outage and start another.
   */
  private changed(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.update();
    });
  }

  private update(): void {
    const { state, detail } = this.session.state;
    if (state === 'open') this.malformedReported = false;
    const endpoint = this.session.endpoint;
    const steps = this.notices.next({
      state,
      detail,
      ...(endpoint ? { endpoint: { origin: endpoint.origin, display: endpoint.display } } : {}),
      signedIn: this.session.isSignedIn,
      filterCount: this.filterCount(),
    });
    for (const step of steps) this.apply(step);
  }

  private apply(step: NoticeStep): void {
    switch (step.kind) {
      case 'outage':
        if (this.outage) this.outage.report(step.message);
        else this.outage = showOutage(step.title, step.message);
        return;
      case 'withdraw':
        this.outage?.end();
        this.outage = undefined;
        return;
      case 'auth':
        void vscode.window.showErrorMessage(step.message, 'Sign In').then((pick) => pick && vscode.commands.executeCommand('drp.signIn'));
        return;
      case 'signed-out':
        void vscode.window.showInformationMessage(step.message, 'Sign In').then((pick) => pick && vscode.commands.executeCommand('drp.signIn'));
        return;
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

  dispose(): void {
    this.outage?.end();
    this.outage = undefined;
    for (const s of this.subscriptions) s.dispose();
  }
}

/** A progress notification that stays until end(); report() replaces its message. */
function showOutage(title: string, message: string): Outage {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  let progress: vscode.Progress<{ message?: string }> | undefined;
  let latest = message;
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, (p) => {
    progress = p;
    p.report({ message: latest });
    return ended;
  });
  return {
    report: (text) => {
      latest = text;
      progress?.report({ message: text });
    },
    end,
  };
}
