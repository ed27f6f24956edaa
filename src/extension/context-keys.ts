// Context keys for `when` clauses in package.json: which welcome text, title-bar buttons
// and palette entries make sense depends on whether the user is signed in, the state of the
// connection, whether there are filters and events, and whether the views are paused. Each key is set only when its value
// changes (events arrive by the thousand; setContext is a round trip to the workbench).
import * as vscode from 'vscode';
import type { EventStream } from '../core/events/event-stream';
import type { EndpointSession } from './endpoint/endpoint-session';

export function trackContextKeys(session: EndpointSession, stream: EventStream): vscode.Disposable {
  const last = new Map<string, unknown>();
  const set = (key: string, value: unknown) => {
    if (last.has(key) && last.get(key) === value) return;
    last.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  const connection = () => {
    set('drp.signedIn', session.isSignedIn);
    set('drp.connected', session.state.state === 'open');
    set('drp.connectionState', session.state.state);
  };
  const filters = () => set('drp.hasFilters', stream.registry.filters().length > 0);
  const events = () => set('drp.hasEvents', stream.buffer.size > 0);
  const paused = () => set('drp.viewsPaused', stream.paused);
  connection();
  filters();
  events();
  paused();
  const subscriptions = [
    session.onDidChange(connection),
    stream.onDidChangeFilters(filters),
    stream.onDidAppend(events),
    stream.onDidClear(events),
    stream.onDidChangePaused(paused),
  ];
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
