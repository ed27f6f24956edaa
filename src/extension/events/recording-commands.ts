// Export the buffer (or the table's current view) as NDJSON, one frame per line exactly as
// received, and open such a recording later to inspect a stream offline.
import * as vscode from 'vscode';
import type { BufferedEvent } from '../../core/events/event-buffer';
import type { EventStream } from '../../core/events/event-stream';
import { parseNdjson, toNdjson } from '../../core/events/ndjson';
import { formatSize } from '../../core/text';

/** Imports larger than this are refused: the whole file is read into memory. */
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export interface ExportArgs {
  scope?: 'view' | 'all';
  /** The table's view, oldest first, when scope is 'view'. */
  seqs?: number[];
  /** Skips the save dialog (scripts and tests). */
  uri?: vscode.Uri;
}

export interface ImportArgs {
  /** Skips the open dialog (scripts and tests). */
  uri?: vscode.Uri;
}

export function registerRecordingCommands(stream: EventStream): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('drp.exportEvents', (args?: ExportArgs) => exportEvents(stream, args ?? {})),
    vscode.commands.registerCommand('drp.importEvents', (args?: ImportArgs) => importEvents(stream, args ?? {})),
  ];
}

async function exportEvents(stream: EventStream, args: ExportArgs): Promise<vscode.Uri | undefined> {
  const events = args.scope === 'view' && args.seqs ? eventsBySeq(stream, args.seqs) : allEvents(stream);
  if (events.length === 0) {
    void vscode.window.showInformationMessage('There are no events to export.');
    return undefined;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const uri = args.uri ?? await vscode.window.showSaveDialog({
    // Event objects can carry the endpoint's own secrets (a v3 endpoint does not blank a
    // machine's Secret), so the dialog says so before anything is written.
    title: `Export ${events.length} events as NDJSON — the file may contain secrets from the endpoint's objects (such as machine Secrets)`,
    saveLabel: 'Export',
    defaultUri: vscode.Uri.file(`drp-events-${stamp}.ndjson`),
    filters: { 'NDJSON event recordings': ['ndjson', 'jsonl'] },
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(toNdjson(events), 'utf8'));
  void vscode.window.showInformationMessage(`Exported ${events.length} events to ${uri.fsPath}. It may contain secrets from the endpoint's objects; share it with care.`);
  return uri;
}

async function importEvents(stream: EventStream, args: ImportArgs): Promise<number> {
  const uri = args.uri ?? (await vscode.window.showOpenDialog({
    title: 'Open an event recording (NDJSON, one DRP event per line)',
    canSelectMany: false,
    filters: { 'NDJSON event recordings': ['ndjson', 'jsonl', 'json'], 'All files': ['*'] },
  }))?.[0];
  if (!uri) return 0;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_IMPORT_BYTES) {
    void vscode.window.showErrorMessage(`${uri.fsPath} is ${formatSize(stat.size)}; recordings over ${formatSize(MAX_IMPORT_BYTES)} are not opened. Split it, or export a smaller view.`);
    return 0;
  }
  const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  const parsed = parseNdjson(text);
  const name = uri.path.split('/').pop() ?? uri.fsPath;
  const added = stream.importEvents(parsed.events, name);
  if (parsed.errors.length > 0) {
    const first = parsed.errors.slice(0, 3).map((e) => `line ${e.line}: ${e.reason}`).join('; ');
    void vscode.window.showWarningMessage(`Opened ${added.length} events from ${name}; skipped ${parsed.errors.length} lines that are not DRP events (${first}${parsed.errors.length > 3 ? '; …' : ''}).`);
  } else {
    void vscode.window.showInformationMessage(`Opened ${added.length} events from ${name}. They are labelled "import: ${name}" in the table.`);
  }
  return added.length;
}

function allEvents(stream: EventStream): BufferedEvent[] {
  return stream.buffer.slice();
}

function eventsBySeq(stream: EventStream, seqs: number[]): BufferedEvent[] {
  const out: BufferedEvent[] = [];
  for (const seq of seqs) {
    const e = stream.buffer.get(seq);
    if (e) out.push(e);
  }
  return out;
}
