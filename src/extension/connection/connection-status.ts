// Feeds the status bar: the session's state turned into a ConnectionSummary, plus the
// events-per-second rate over a short sliding window (sampled each time the bar is drawn,
// which the status bar does every second while connected).
import * as vscode from 'vscode';
import { summarizeConnection, type ConnectionSummary } from '../../core/connection/connection-summary';
import type { EventStream } from '../../core/events/event-stream';
import { ReceiveRate } from '../../core/events/receive-rate';
import type { EndpointSession } from '../endpoint/endpoint-session';

/** Events/s is averaged over this window so the number does not flicker per batch. */
const RATE_WINDOW_MS = 5000;

export class ConnectionStatus implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly rate = new ReceiveRate(RATE_WINDOW_MS);

  constructor(private readonly session: EndpointSession, private readonly stream: EventStream) {
    this.disposables.push(session.onDidChange(() => this.changed.fire()));
  }

  current(): ConnectionSummary {
    const { state, detail } = this.session.state;
    const now = Date.now();
    return summarizeConnection({
      state,
      detail,
      endpoint: this.session.endpoint?.display ?? this.session.endpointProblem ?? 'not set',
      signedIn: this.session.isSignedIn,
      signedInAs: this.session.signedInAs,
      eventsPerSecond: this.rate.sample(this.stream.received, now),
      retryAt: state === 'reconnecting' && detail.retryInMs !== undefined ? this.session.stateSince + detail.retryInMs : undefined,
      now,
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
