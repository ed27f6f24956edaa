// Pause / Resume / Clear the stream's views, and show the output channel. Pausing never
// stops buffering: it holds what the views show, and resume catches them up.
import * as vscode from 'vscode';
import type { EventStream } from '../../core/events/event-stream';
import { clearEvents } from './clear-events';
import type { EventOutput } from './output';

export function registerStreamCommands(stream: EventStream, output: EventOutput): vscode.Disposable[] {
  const setContext = (paused: boolean) => vscode.commands.executeCommand('setContext', 'drp.paused', paused);
  void setContext(stream.paused);
  return [
    stream.onDidChangePaused((paused) => void setContext(paused)),
    vscode.commands.registerCommand('drp.pause', () => stream.pause()),
    vscode.commands.registerCommand('drp.resume', () => stream.resume()),
    vscode.commands.registerCommand('drp.clearEvents', (arg?: unknown) => clearEvents(stream, arg)),
    vscode.commands.registerCommand('drp.showOutput', () => output.show(false)),
  ];
}
