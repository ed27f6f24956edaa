// DRP: Register Filter / Deregister / Deregister All. Every filter goes through the core's
// checkFilter before it can reach the endpoint: a filter with fewer than three parts
// crashes a v3 endpoint, and a frame over 512 bytes gets the socket closed. The endpoint's
// filters are remembered on every change by EndpointFilters (src/core/filters), not here.
import * as vscode from 'vscode';
import { plural } from '../../core/text';
import type { EventStream } from '../../core/events/event-stream';
import type { EndpointSession } from '../endpoint/endpoint-session';
import type { RegisterFilterInput } from './register-filter-input';

export function registerFilterCommands(stream: EventStream, session: EndpointSession, input: RegisterFilterInput): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('drp.registerFilter', (arg?: unknown) => registerFilter(stream, session, input, arg)),
    vscode.commands.registerCommand('drp.deregisterFilter', (arg?: unknown) => deregisterFilter(stream, arg)),
    vscode.commands.registerCommand('drp.deregisterAllFilters', () => deregisterAll(stream)),
  ];
}

async function registerFilter(stream: EventStream, session: EndpointSession, input: RegisterFilterInput, arg: unknown): Promise<boolean> {
  const filter = await input.run(arg);
  if (filter === undefined) return false;
  const check = stream.addFilter(filter);
  if (!check.ok) {
    void vscode.window.showErrorMessage(`The filter was not registered. ${check.message}`);
    return false;
  }
  if (!(await session.credential())) {
    void vscode.window.showInformationMessage(`Filter ${check.filter} is saved. Sign in to ${session.endpoint?.display ?? 'the endpoint'} to start receiving its events.`, 'Sign In')
      .then((pick) => pick && vscode.commands.executeCommand('drp.signIn'));
  } else if (session.state.state === 'idle' || session.state.state === 'closed') {
    session.connect();
  }
  return true;
}

/** Accepts a Filters tree item, a filter string or `{ filter }`; asks when given nothing. */
async function deregisterFilter(stream: EventStream, arg: unknown): Promise<boolean> {
  let filter = typeof arg === 'string' ? arg : arg && typeof arg === 'object' && typeof (arg as { filter?: unknown }).filter === 'string' ? (arg as { filter: string }).filter : undefined;
  if (filter === undefined) {
    const items = stream.registry.filters().map((f) => ({ label: f.filter, description: `${f.count} events` }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('No filters are registered.');
      return false;
    }
    filter = (await vscode.window.showQuickPick(items, { title: 'DRP: Deregister', placeHolder: 'Which filter?' }))?.label;
    if (filter === undefined) return false;
  }
  if (!stream.removeFilter(filter)) {
    void vscode.window.showWarningMessage(`${filter} is not a registered filter, so nothing was deregistered.`);
    return false;
  }
  return true;
}

function deregisterAll(stream: EventStream): void {
  const count = stream.registry.filters().length;
  if (count === 0) return;
  stream.removeAllFilters();
  void vscode.window.showInformationMessage(`Deregistered ${plural(count, 'filter')}; events already received stay in the buffer.`);
}
