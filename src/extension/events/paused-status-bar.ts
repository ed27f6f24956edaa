// The status-bar item that says the views are paused ("DRP: paused · 8 new"), beside the
// connection's item, which goes on showing what is received. Shown only while paused; a
// click resumes. The held count grows with no event of its own, so it is read once a second
// while paused, and only then.
import * as vscode from 'vscode';
import type { EventStream } from '../../core/events/event-stream';
import { plural } from '../../core/text';

const REFRESH_MS = 1000;

export class PausedStatusBar implements vscode.Disposable {
  // Just right of the connection's item (priority 10, left side).
  private readonly item = vscode.window.createStatusBarItem('drp.viewsPaused', vscode.StatusBarAlignment.Left, 9);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private ticker: ReturnType<typeof setInterval> | undefined;
  private shownHeld = -1;

  constructor(private readonly stream: EventStream) {
    this.item.name = 'DRP Views Paused';
    this.item.command = 'drp.resume';
    this.disposables.push(stream.onDidChangePaused(() => this.render()));
    this.render();
  }

  private render(): void {
    const paused = this.stream.paused;
    if (!paused) {
      this.item.hide();
      this.shownHeld = -1;
      if (this.ticker) clearInterval(this.ticker);
      this.ticker = undefined;
      return;
    }
    this.ticker ??= setInterval(() => this.render(), REFRESH_MS);
    const held = this.stream.held;
    if (held === this.shownHeld) return;
    this.shownHeld = held;
    this.item.text = `$(debug-pause) DRP: paused · ${held.toLocaleString()} new`;
    this.item.tooltip =
      `The Events view and the event table are paused. Events are still received and buffered: ` +
      `${plural(held, 'new event')} since you paused. Click to resume the views.`;
    this.item.show();
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    for (const d of this.disposables) d.dispose();
  }
}
