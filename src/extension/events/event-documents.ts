// Read-only JSON documents for events: `drp-event:` shows an event's Object or Original from
// the buffer, `drp-latest:` the object's current state fetched over REST. Content providers
// make read-only documents, and the `.json` path suffix gives them the json language.
//
// VS Code asks a provider again when a closed document is reopened or restored after a
// reload, by which time the event may have left the bounded buffer. So the raw text of every
// event that was opened is kept in a small bounded cache, and a document whose event is gone
// says so in JSON rather than failing to open.
//
// An event of an opened recording (core/events/recording.ts) carries the recording's id in
// the URI's authority (`drp-event://recording-1/machines/n1/3-object.json`), so it resolves
// to that recording's buffer and never to the live event that shares its seq.
import * as vscode from 'vscode';
import {
  EVENT_SCHEME,
  LATEST_SCHEME,
  eventDocumentPath,
  latestDocumentPath,
  parseEventDocumentPath,
  parseLatestDocumentPath,
  type EventDocumentPart,
} from '../../core/events/document-uri';
import { eventObjectText } from '../../core/events/event';
import type { BufferedEvent } from '../../core/events/event-buffer';
import { isRecordingId } from '../../core/events/recording';

export interface DocumentBuffer {
  get(seq: number): BufferedEvent | undefined;
  newestOf(type: string, key: string): BufferedEvent | undefined;
}

/** The opened recordings, by id (core/events/recording.ts Recordings). */
export interface DocumentRecordings {
  get(id: string): { buffer: DocumentBuffer } | undefined;
}

/** An event and, for one of an opened recording, that recording's id. */
export type LocatedEvent = BufferedEvent & { recording?: string };

/** Fetches an object's current state over REST; rejects with an Error whose message is a sentence. */
export type FetchLatest = (type: string, key: string) => Promise<unknown>;

/** How many opened events stay readable after leaving the buffer. */
export const OPENED_EVENTS_KEPT = 200;

export class EventDocuments implements vscode.Disposable {
  private readonly opened = new Map<string, LocatedEvent>();
  /** Latest documents' text fetched by Open Latest, by URI, until the provider reads it. */
  private readonly fetched = new Map<string, string>();
  private readonly latestChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.latestChanged];

  constructor(
    private readonly buffer: DocumentBuffer,
    private readonly fetchLatest: FetchLatest,
    private readonly recordings: DocumentRecordings = { get: () => undefined },
    private readonly keep = OPENED_EVENTS_KEPT,
  ) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(EVENT_SCHEME, {
        provideTextDocumentContent: (uri) => this.eventContent(uri),
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.uri.scheme === EVENT_SCHEME && doc.languageId !== 'jsonc' && doc.lineAt(0).text.startsWith('// ')) {
          void vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
        }
      }),
      vscode.workspace.registerTextDocumentContentProvider(LATEST_SCHEME, {
        onDidChange: this.latestChanged.event,
        provideTextDocumentContent: (uri) => this.latestContent(uri),
      }),
    );
  }

  eventUri(e: { seq: number; type: string; key: string; recording?: string }, part: EventDocumentPart): vscode.Uri {
    return vscode.Uri.from({ scheme: EVENT_SCHEME, authority: e.recording ?? '', path: eventDocumentPath({ type: e.type, key: e.key, seq: e.seq, part }) });
  }

  /** The recording an event document's URI names, or undefined for a live event. */
  static recordingOf(uri: vscode.Uri): string | undefined {
    return isRecordingId(uri.authority) ? uri.authority : undefined;
  }

  latestUri(type: string, key: string): vscode.Uri {
    return vscode.Uri.from({ scheme: LATEST_SCHEME, path: latestDocumentPath({ type, key }) });
  }

  /**
   * The event from the buffer (or from `recording`'s), or from the opened-events cache once
   * it has left it.
   */
  find(seq: number, type?: string, key?: string, recording?: string): LocatedEvent | undefined {
    const held = this.held(seq, recording);
    if (held && (type === undefined || (held.type === type && held.key === key))) return recording === undefined ? held : { ...held, recording };
    if (type !== undefined && key !== undefined) return this.opened.get(cacheKey(seq, type, key, recording));
    for (const e of this.opened.values()) if (e.seq === seq && e.recording === recording) return e;
    return undefined;
  }

  /** Keeps the event readable after it leaves the buffer; the oldest remembered one goes first. */
  remember(e: LocatedEvent): void {
    const k = cacheKey(e.seq, e.type, e.key, e.recording);
    this.opened.delete(k);
    // Copy the fields: the buffer may reuse or release its entry objects.
    this.opened.set(k, { seq: e.seq, time: e.time, type: e.type, action: e.action, key: e.key, principal: e.principal, raw: e.raw, receivedAt: e.receivedAt, filters: e.filters, recording: e.recording });
    while (this.opened.size > this.keep) {
      const oldest = this.opened.keys().next().value as string;
      this.opened.delete(oldest);
    }
  }

  /**
   * Fetches the object's current state for Open Latest, so a failure is known before any
   * document opens; the text is what the provider gives for the object's Latest document
   * next. Rejects as fetchLatest does.
   */
  async fetchLatestNow(type: string, key: string): Promise<void> {
    const value = await this.fetchLatest(type, key);
    this.fetched.set(this.latestUri(type, key).toString(), JSON.stringify(value ?? null, null, 2));
  }

  /** The newest buffered (or opened) event for an object; undefined if none is left. */
  newestOf(type: string, key: string): BufferedEvent | undefined {
    const live = this.buffer.newestOf(type, key);
    if (live) return live;
    let newest: BufferedEvent | undefined;
    for (const e of this.opened.values()) if (e.type === type && e.key === key && (!newest || e.seq > newest.seq)) newest = e;
    return newest;
  }

  /** Makes an open Open Latest document fetch again (VS Code otherwise keeps its first text). */
  refreshLatest(uri: vscode.Uri): void {
    this.latestChanged.fire(uri);
  }

  /** The event at `seq` in the live buffer, or in `recording`'s while that is open. */
  private held(seq: number, recording: string | undefined): BufferedEvent | undefined {
    return recording === undefined ? this.buffer.get(seq) : this.recordings.get(recording)?.buffer.get(seq);
  }

  private eventContent(uri: vscode.Uri): string {
    const ref = parseEventDocumentPath(uri.path);
    if (!ref) return explain(`${uri.toString()} does not name a DRP event.`);
    const recording = EventDocuments.recordingOf(uri);
    const e = this.find(ref.seq, ref.type, ref.key, recording);
    if (!e && recording !== undefined) {
      return explain(
        `Event #${ref.seq} (${ref.type} ${ref.key}) is from an event recording that is no longer open: its tab was closed, ` +
          'or VS Code reloaded. Run Open Event Recording again to read it.',
      );
    }
    if (!e) {
      return explain(
        `Event #${ref.seq} (${ref.type} ${ref.key}) is no longer in the buffer: it was dropped to stay within ` +
          'drp.maxEvents or drp.maxBufferMB, cleared, or VS Code reloaded. Raise those settings to keep more events, ' +
          'or export the buffer as NDJSON to keep a recording.',
      );
    }
    try {
      const text = eventObjectText(e.raw, ref.part === 'object' ? 'Object' : 'Original');
      if (this.held(ref.seq, recording)?.raw === e.raw) return text;
      // The copy kept when the event was first opened. A JSON comment says so; such a
      // document is switched to JSON with Comments (jsonc) when it opens, so it stays clean.
      return `${recording === undefined ? LEFT_BUFFER_NOTE(ref.seq) : CLOSED_RECORDING_NOTE(ref.seq)}\n${text}`;
    } catch (err) {
      return explain(`Event #${ref.seq} cannot be shown: ${(err as Error).message}`);
    }
  }

  private async latestContent(uri: vscode.Uri): Promise<string> {
    const ref = parseLatestDocumentPath(uri.path);
    if (!ref) return explain(`${uri.toString()} does not name a DRP object.`);
    const ready = this.fetched.get(uri.toString());
    if (ready !== undefined) {
      this.fetched.delete(uri.toString());
      return ready;
    }
    // Restored after a reload, or asked again by VS Code: fetched here, and a failure can
    // only be said in the document.
    try {
      const value = await this.fetchLatest(ref.type, ref.key);
      return JSON.stringify(value ?? null, null, 2);
    } catch (err) {
      return explain(`Could not fetch ${ref.type}/${ref.key} from the endpoint: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.opened.clear();
    this.fetched.clear();
  }
}

/** The first line of an event document whose event has left the buffer. */
export const LEFT_BUFFER_NOTE = (seq: number): string =>
  `// Event #${seq} has left the buffer (drp.maxEvents / drp.maxBufferMB); this is the copy kept when it was first opened.`;

/** The first line of a recorded event's document once its recording was closed. */
export const CLOSED_RECORDING_NOTE = (seq: number): string =>
  `// Event #${seq} is from an event recording that was closed; this is the copy kept when it was first opened.`;

function cacheKey(seq: number, type: string, key: string, recording: string | undefined): string {
  return `${recording ?? ''}\u0000${seq}\u0000${type}\u0000${key}`;
}

/** The document stays valid JSON (json language, no red squiggles) while saying what happened. */
function explain(message: string): string {
  return JSON.stringify({ message }, null, 2);
}
