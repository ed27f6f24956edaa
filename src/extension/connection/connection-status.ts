// Feeds the status bar: the session's state turned into a ConnectionSummary, plus the
// events-per-second rate over a short sliding window.
import * as vscode from 'vscode';
import { summarizeConnection, type ConnectionSummary } from '../../core/connection/connection-summary';
import type { EventStream } from '../../core/events/event-stream';
import type { EndpointSession } from '../endpoint/endpoint-session';

/** Events/s is averaged over this window so the number does not flicker per batch. */
const RATE_WINDOW_MS = 5000;

export class ConnectionStatus implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Recent arrivals, counted in 100 ms buckets: [bucket start, events]. */
  private arrivals: Array<[number, number]> = [];

  constructor(private readonly session: EndpointSession, stream: EventStream) {
    this.disposables.push(
      session.onDidChange(() => this.changed.fire()),
      stream.onDidReceive(() => this.count(1)),
    );
  }

  current(): ConnectionSummary {
    const { state, detail } = this.session.state;
    const now = Date.now();
    return summarizeConnection({
      state,
      detail,
      endpoint: this.session.endpoint?.display ?? this.session.endpointProblem ?? 'not set',
      signedIn: this.session.isSignedIn,
      eventsPerSecond: this.rate(now),
      retryAt: state === 'reconnecting' && detail.retryInMs !== undefined ? this.session.stateSince + detail.retryInMs : undefined,
      now,
    });
  }

  private count(n: number): void {
    const now = Date.now();
    const last = this.arrivals[this.arrivals.length - 1];
    // One bucket per 100 ms keeps this O(1) per event at thousands of events per second.
    if (last && now - last[0] < 100) last[1] += n;
    else this.arrivals.push([now, n]);
  }

  private rate(now: number): number {
    const since = now - RATE_WINDOW_MS;
    while (this.arrivals.length > 0 && this.arrivals[0][0] < since) this.arrivals.shift();
    let total = 0;
    for (const [, n] of this.arrivals) total += n;
    return total / (RATE_WINDOW_MS / 1000);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
