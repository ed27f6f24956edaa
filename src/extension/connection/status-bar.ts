// One status-bar item for the connection: what state it is in, and a click that offers the
// next useful action for that state (sign in when signed out, reconnect when waiting, …).
import * as vscode from 'vscode';
import type { ConnectionStatus } from './connection-status';

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('drp.connection', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly status: ConnectionStatus) {
    this.item.name = 'DRP Connection';
    this.disposables.push(status.onDidChange(() => this.render()));
    this.render();
    this.item.show();
  }

  private render(): void {
    const s = this.status.current();
    this.item.text = s.statusText;
    this.item.tooltip = new vscode.MarkdownString(s.tooltip);
    this.item.command = s.clickCommand;
    this.item.backgroundColor = s.severity === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : s.severity === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    // Live parts (events/s, "reconnecting in N s") need a once-a-second refresh, and only then.
    const live = s.live;
    if (live && !this.ticker) this.ticker = setInterval(() => this.render(), 1000);
    if (!live && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    for (const d of this.disposables) d.dispose();
  }
}
