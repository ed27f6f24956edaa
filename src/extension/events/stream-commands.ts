// Pause Views / Resume Views, Clear Events, and show the output channel. Pausing never stops
// buffering: it holds what the Events view and the event table show, and resume catches them
// up (the drp.viewsPaused context key is kept by context-keys.ts).
import * as vscode from 'vscode';
import type { EventStream } from '../../core/events/event-stream';
import { clearEvents } from './clear-events';
import type { EventOutput } from './output';

export function registerStreamCommands(stream: EventStream, output: EventOutput): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('drp.pause', () => stream.pause()),
    vscode.commands.registerCommand('drp.resume', () => stream.resume()),
    vscode.commands.registerCommand('drp.clearEvents', (arg?: unknown) => clearEvents(stream, arg)),
    vscode.commands.registerCommand('drp.showOutput', () => output.show(false)),
  ];
}
