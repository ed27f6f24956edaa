// Display names for the running extension: learnt from every event as it arrives (only a
// machine's or job's leading fields are read), seeded over REST each time the stream opens,
// and described per event only when something shows it (an output line, the API).
import type * as vscode from 'vscode';
import { EventDescriber } from '../../core/changes/event-describer';
import type { EventBuffer } from '../../core/events/event-buffer';
import type { EventStream } from '../../core/events/event-stream';
import type { FilterRegistry } from '../../core/filters/filter-registry';
import { NameBook } from '../../core/names/name-book';
import { NameSeeder, type NameSeedingPorts } from '../../core/names/name-seeding';
import type { EndpointSession } from '../endpoint/endpoint-session';

export interface DisplayNames {
  book: NameBook;
  describer: EventDescriber;
  disposables: vscode.Disposable[];
}

export function startDisplayNames(
  stream: EventStream,
  session: EndpointSession,
  registry: FilterRegistry,
  buffer: EventBuffer,
  log: NameSeedingPorts['log'],
): DisplayNames {
  const book = new NameBook();
  const describer = new EventDescriber(book, buffer);
  const seeder = new NameSeeder(book, { rest: () => session.restClient(), wireFilters: () => registry.wireFilters(), log });
  const disposables: vscode.Disposable[] = [
    { dispose: () => book.dispose() },
    stream.onDidReceive((e) => book.learnFrame(e, e.raw)),
    stream.onDidClear(() => describer.clear()),
    session.onDidChange(() => void seeder.stateChanged(session.state.state, session.endpoint?.origin)),
    stream.onDidChangeFilters(() => void seeder.filtersChanged()),
  ];
  return { book, describer, disposables };
}
