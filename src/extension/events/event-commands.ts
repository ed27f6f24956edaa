// The event commands: Open Object, Open Original, Compare with Original, Open Latest, Copy
// Event as JSON, Copy Key and Register Filter for This Key: one menu, shown on an Events tree
// event row and on an event table row (package.json's view/item/context and webview/context).
// Each accepts a seq, an Events tree item, the table row's webview context or `{ seq }` (see
// core/events/event-argument.ts); with no argument it uses the event document in the active
// editor, so "Compare with Original" also works from an open Object document.
import * as vscode from 'vscode';
import { EVENT_SCHEME, LATEST_SCHEME, parseEventDocumentPath, parseLatestDocumentPath } from '../../core/events/document-uri';
import { readEventArgument } from '../../core/events/event-argument';
import { hasOriginal } from '../../core/events/event-match';
import { formatTime } from '../../core/events/format';
import { isNotFound, objectGoneMessage, OPEN_LAST_SEEN } from '../../core/events/object-gone';
import { EventDocuments, type LocatedEvent } from './event-documents';

export interface EventCommandDeps {
  documents: EventDocuments;
  /** The endpoint's name for messages ("127.0.0.1:8092"); undefined when none is set. */
  endpointName?: () => string | undefined;
}

export function registerEventCommands(context: { subscriptions: vscode.Disposable[] }, deps: EventCommandDeps): void {
  const commands = new EventCommands(deps.documents, deps.endpointName);
  context.subscriptions.push(
    // The second argument, where the document opens, comes from the event table (beside it).
    vscode.commands.registerCommand('drp.openEvent', (arg?: unknown, show?: unknown) => commands.openObject(arg, showOptions(show))),
    vscode.commands.registerCommand('drp.openOriginal', (arg?: unknown, show?: unknown) => commands.openOriginal(arg, showOptions(show))),
    vscode.commands.registerCommand('drp.compareWithOriginal', (arg?: unknown, show?: unknown) => commands.compareWithOriginal(arg, showOptions(show))),
    vscode.commands.registerCommand('drp.openLatest', (arg?: unknown, show?: unknown) => commands.openLatest(arg, showOptions(show))),
    vscode.commands.registerCommand('drp.copyEventJson', (arg?: unknown) => commands.copyEventJson(arg)),
    vscode.commands.registerCommand('drp.copyEventKey', (arg?: unknown) => commands.copyKey(arg)),
    vscode.commands.registerCommand('drp.registerFilterForKey', (arg?: unknown) => commands.registerFilterForKey(arg)),
  );
}

/**
 * Where a document opens: a preview in the active group unless the caller says otherwise.
 * Only the known fields are read; a command argument can come from anywhere.
 */
function showOptions(v: unknown): vscode.TextDocumentShowOptions {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  return {
    preview: true,
    ...(o.viewColumn === vscode.ViewColumn.Beside ? { viewColumn: vscode.ViewColumn.Beside } : {}),
    ...(o.preserveFocus === true ? { preserveFocus: true } : {}),
  };
}

/** The command bodies; each returns the URI it opened (handy for scripts and tests). */
export class EventCommands {
  constructor(
    private readonly documents: EventDocuments,
    private readonly endpointName: () => string | undefined = () => undefined,
  ) {}

  async openObject(arg: unknown, show: vscode.TextDocumentShowOptions = { preview: true }): Promise<vscode.Uri | undefined> {
    const e = this.event(arg);
    if (!e) return undefined;
    this.documents.remember(e);
    return this.show(this.documents.eventUri(e, 'object'), show);
  }

  async openOriginal(arg: unknown, show: vscode.TextDocumentShowOptions = { preview: true }): Promise<vscode.Uri | undefined> {
    const e = this.eventWithOriginal(arg);
    if (!e) return undefined;
    this.documents.remember(e);
    return this.show(this.documents.eventUri(e, 'original'), show);
  }

  async compareWithOriginal(arg: unknown, show: vscode.TextDocumentShowOptions = { preview: true }): Promise<vscode.Uri | undefined> {
    const e = this.eventWithOriginal(arg);
    if (!e) return undefined;
    this.documents.remember(e);
    const original = this.documents.eventUri(e, 'original');
    const object = this.documents.eventUri(e, 'object');
    const title = `${e.type}/${e.key}: Original ↔ Object (${e.action} ${formatTime(e.time)})`;
    await vscode.commands.executeCommand('vscode.diff', original, object, title, show);
    return object;
  }

  async openLatest(arg: unknown, show: vscode.TextDocumentShowOptions = { preview: true }): Promise<vscode.Uri | undefined> {
    const target = this.object(arg);
    if (!target) return undefined;
    const uri = this.documents.latestUri(target.type, target.key);
    // Fetched before anything opens: a document holding only an error message is no answer.
    try {
      await this.documents.fetchLatestNow(target.type, target.key);
    } catch (err) {
      if (isNotFound(err)) this.offerLastSeen(target.type, target.key);
      else void vscode.window.showErrorMessage(`Could not fetch ${target.type} ‘${target.key}’ from ${this.endpointName() ?? 'the endpoint'}: ${(err as Error).message}`);
      return undefined;
    }
    // An already open document keeps its first text; ask the provider to read it again.
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.documents.refreshLatest(uri);
    return this.show(uri, show);
  }

  /** The object is gone from the endpoint: say so, and offer its newest buffered event's Object. */
  private offerLastSeen(type: string, key: string): void {
    const last = this.documents.newestOf(type, key);
    const message = objectGoneMessage(type, key, this.endpointName(), last);
    if (!last) {
      void vscode.window.showWarningMessage(message);
      return;
    }
    void vscode.window.showWarningMessage(message, OPEN_LAST_SEEN).then((pick) => pick && this.openObject(last.seq));
  }

  async copyEventJson(arg: unknown): Promise<void> {
    const e = this.event(arg);
    if (!e) return;
    let text: string;
    try {
      text = JSON.stringify(JSON.parse(e.raw), null, 2);
    } catch {
      text = e.raw; // an unparsable frame is still worth copying as received
    }
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied event #${e.seq} (${e.type}.${e.action} ${e.key}) as JSON`, 3000);
  }

  async copyKey(arg: unknown): Promise<void> {
    const target = this.object(arg);
    if (!target) return;
    await vscode.env.clipboard.writeText(target.key);
    vscode.window.setStatusBarMessage(`Copied the key of ${target.type} ${target.key}`, 3000);
  }

  /** Asks (prefilled with type.*.key) before registering, as the Filters view's Register Filter does. */
  async registerFilterForKey(arg: unknown): Promise<unknown> {
    const target = this.object(arg);
    if (!target) return undefined;
    // Keys may contain dots: the endpoint splits a filter at its first two only, so this is exact.
    return vscode.commands.executeCommand('drp.registerFilter', { filter: `${target.type}.*.${target.key}`, confirm: true });
  }

  private async show(uri: vscode.Uri, show: vscode.TextDocumentShowOptions): Promise<vscode.Uri> {
    const doc = await vscode.workspace.openTextDocument(uri);
    // The .json suffix normally does this; a user's files.associations could say otherwise.
    if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, show);
    return uri;
  }

  /** The event an argument names, or a warning saying why there is none. */
  private event(arg: unknown): LocatedEvent | undefined {
    const active = arg === undefined ? this.activeEventRef() : undefined;
    const fromArg = arg === undefined ? active : readEventArgument(arg);
    if (!fromArg || !('seq' in fromArg)) {
      void vscode.window.showWarningMessage('Select an event in the DRP Events view or the event table first.');
      return undefined;
    }
    const e = this.documents.find(fromArg.seq, active?.type, active?.key, fromArg.recording);
    if (!e && fromArg.recording !== undefined) {
      void vscode.window.showWarningMessage(`Event #${fromArg.seq} is from an event recording that is no longer open. Run Open Event Recording again to read it.`);
    } else if (!e) {
      void vscode.window.showWarningMessage(
        `Event #${fromArg.seq} is no longer in the buffer, so it cannot be opened. ` +
          'Raise drp.maxEvents or drp.maxBufferMB to keep more events.',
      );
    }
    return e;
  }

  private eventWithOriginal(arg: unknown): LocatedEvent | undefined {
    const e = this.event(arg);
    if (e && !hasOriginal(e.raw)) {
      void vscode.window.showInformationMessage(
        `This ${e.type}.${e.action} event has no Original: DRP sends the previous object only with update and save events.`,
      );
      return undefined;
    }
    return e;
  }

  /** The object an argument (or the active editor) names, for Open Latest. */
  private object(arg: unknown): { type: string; key: string } | undefined {
    const parsed = readEventArgument(arg);
    if (parsed && !('seq' in parsed)) return parsed;
    if (arg === undefined) {
      const active = vscode.window.activeTextEditor?.document.uri;
      if (active?.scheme === LATEST_SCHEME) return parseLatestDocumentPath(active.path);
    }
    const e = this.event(arg);
    return e ? { type: e.type, key: e.key } : undefined;
  }

  /** The event of the active editor's event document, with its recording's id if it has one. */
  private activeEventRef(): { seq: number; type: string; key: string; recording?: string } | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri?.scheme !== EVENT_SCHEME) return undefined;
    const ref = parseEventDocumentPath(uri.path);
    return ref && { ...ref, recording: EventDocuments.recordingOf(uri) };
  }
}
