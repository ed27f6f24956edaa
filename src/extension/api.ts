// What activate() returns to other extensions (`vscode.extensions.getExtension(id).exports`).
// It exposes events and filters, never credentials: nothing here can reach SecretStorage.
import * as vscode from 'vscode';
import type { FieldChange } from '../core/changes/change-summary';
import type { EventDescriber } from '../core/changes/event-describer';
import type { ConnectionState } from '../core/connection/connection';
import type { EventHeader } from '../core/events/event';
import type { EventStream } from '../core/events/event-stream';
import type { FilterCheck } from '../core/filters/filter';
import type { FilterState } from '../core/filters/filter-state';
import type { NameBook, NameChange } from '../core/names/name-book';
import type { EndpointSession } from './endpoint/endpoint-session';

export interface ApiEvent extends EventHeader {
  seq: number;
  /** The frame exactly as received; parse it for Object and Original. */
  raw: string;
  receivedAt: number;
  /** The user filters it matched. */
  filters: string[];
  /** The object's display name (a machine's Name, a lease's IPv4 address …), when known. */
  name?: string;
}

/** What the views show for one event: its display name and, for an update or save, what changed. */
export interface ApiEventDescription {
  /** The object's display name; its key while the name is not known. */
  name: string;
  /** The top-level fields that differ between Original and Object; [] when none do or there is no Original. */
  changes: FieldChange[];
}

export interface ApiFilter {
  filter: string;
  state: FilterState;
  count: number;
  message?: string;
}

export interface DrpEventInspectorApi {
  readonly connectionState: ConnectionState;
  readonly onDidChangeConnectionState: vscode.Event<ConnectionState>;
  readonly onDidReceiveEvent: vscode.Event<ApiEvent>;
  /**
   * A filter was added or removed, or its state (unsent, pending, active, failed) changed. Counts
   * grow with every matching event without firing this: read them from getFilters().
   */
  readonly onDidChangeFilters: vscode.Event<void>;
  /** The buffered events, oldest first. */
  getEvents(): ApiEvent[];
  getFilters(): ApiFilter[];
  /**
   * Display names were learnt or changed (from events, or the machine list read at connect):
   * re-read `name` and describeEvent for the objects named, and for a machine also its jobs
   * and its runner principals.
   */
  readonly onDidChangeNames: vscode.Event<readonly NameChange[]>;
  /** The display name and change summary of buffered event `seq`; undefined once it has left the buffer. */
  describeEvent(seq: number): ApiEventDescription | undefined;
  /** Validates and registers; resolves to the check (ok false with a message if invalid). */
  register(filter: string): Promise<FilterCheck>;
  /** Resolves to false if the filter was not registered. */
  deregister(filter: string): Promise<boolean>;
}

export function createApi(stream: EventStream, session: EndpointSession, names: { book: NameBook; describer: EventDescriber }): { api: DrpEventInspectorApi; disposables: vscode.Disposable[] } {
  const stateEmitter = new vscode.EventEmitter<ConnectionState>();
  const filtersEmitter = new vscode.EventEmitter<void>();
  let last = session.state.state;
  const disposables: vscode.Disposable[] = [
    stateEmitter,
    session.onDidChange(() => {
      const now = session.state.state;
      if (now !== last) {
        last = now;
        stateEmitter.fire(now);
      }
    }),
    filtersEmitter,
    stream.registry.onDidChange(() => filtersEmitter.fire()),
  ];
  const { book, describer } = names;
  const api: DrpEventInspectorApi = {
    get connectionState() {
      return session.state.state;
    },
    onDidChangeConnectionState: stateEmitter.event,
    // Subscribed per listener, so events are copied for other extensions only while one
    // listens: the copy would otherwise sit on the per-event path for nobody.
    onDidReceiveEvent: (listener, thisArgs, disposables) => {
      const sub = stream.onDidReceive((e) => listener.call(thisArgs, toApiEvent(e, describer.nameOf(e))));
      const d = new vscode.Disposable(() => sub.dispose());
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    },
    onDidChangeFilters: filtersEmitter.event,
    // Subscribed per listener like onDidReceiveEvent: the book fires only while someone listens.
    onDidChangeNames: (listener, thisArgs, disposables) => {
      const sub = book.onDidChange((changes) => listener.call(thisArgs, changes.map((c) => ({ ...c }))));
      const d = new vscode.Disposable(() => sub.dispose());
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    },
    getEvents: () => {
      const out: ApiEvent[] = [];
      for (let i = 0; i < stream.buffer.size; i++) {
        const e = stream.buffer.at(i)!;
        // The name only: a change summary per buffered event would be work for every event at once.
        out.push(toApiEvent(e, describer.nameOf(e)));
      }
      return out;
    },
    describeEvent: (seq: number) => {
      const d = describer.describeSeq(seq);
      return d && { name: d.name, changes: (d.changes ?? []).map((c) => ({ ...c })) };
    },
    getFilters: () => stream.registry.filters().map((f) => ({ filter: f.filter, state: f.state, count: f.count, ...(f.message ? { message: f.message } : {}) })),
    // Async for the API's sake only: the stream's change event remembers the filters.
    register: async (filter: string) => stream.addFilter(filter),
    deregister: async (filter: string) => stream.removeFilter(filter),
  };
  return { api, disposables };
}

function toApiEvent(e: ApiEvent, name: string | undefined): ApiEvent {
  return {
    seq: e.seq, time: e.time, type: e.type, action: e.action, key: e.key, principal: e.principal,
    raw: e.raw, receivedAt: e.receivedAt, filters: [...e.filters], ...(name !== undefined ? { name } : {}),
  };
}
