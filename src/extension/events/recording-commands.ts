// Export the buffer (or the table's current view, or an opened recording) as NDJSON, one
// frame per line exactly as received, and open such a recording later to inspect a stream
// offline: in a read-only table of its own, apart from the live stream.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { BufferedEvent } from '../../core/events/event-buffer';
import type { EventStream } from '../../core/events/event-stream';
import { exportFileName, toNdjson } from '../../core/events/ndjson';
import { notEvents, type EventRecording, type Recordings } from '../../core/events/recording';
import { plural } from '../../core/text';
import { describeSkipped, readRecordingFile } from './recording-file';

export interface ExportArgs {
  scope?: 'view' | 'all';
  /** The table's view, oldest first, when scope is 'view'. */
  seqs?: number[];
  /** Exports from this opened recording instead of the live buffer. */
  recording?: string;
  /** Skips the save dialog (scripts and tests). */
  uri?: vscode.Uri;
}

export interface ImportArgs {
  /** Skips the open dialog (scripts and tests). */
  uri?: vscode.Uri;
}

export interface RecordingDeps {
  stream: EventStream;
  recordings: Recordings;
  /** Shows an opened recording in a tab of its own. */
  openTable(recording: EventRecording, file: vscode.Uri): void;
}

export function registerRecordingCommands(deps: RecordingDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('drp.exportEvents', (args?: ExportArgs) => exportEvents(deps, args ?? {})),
    vscode.commands.registerCommand('drp.importEvents', (args?: ImportArgs) => importEvents(deps, args ?? {})),
  ];
}

async function exportEvents(deps: RecordingDeps, args: ExportArgs): Promise<vscode.Uri | undefined> {
  const buffer = args.recording !== undefined ? deps.recordings.get(args.recording)?.buffer : deps.stream.buffer;
  if (!buffer) {
    void vscode.window.showWarningMessage('That event recording is no longer open, so there is nothing to export from it.');
    return undefined;
  }
  const events = args.scope === 'view' && args.seqs ? eventsBySeq(buffer, args.seqs) : buffer.slice();
  if (events.length === 0) {
    void vscode.window.showInformationMessage('There are no events to export.');
    return undefined;
  }
  const uri = args.uri ?? await vscode.window.showSaveDialog({
    // Event objects can carry the endpoint's own secrets (a v3 endpoint does not blank a
    // machine's Secret), so the dialog says so before anything is written.
    title: `Export ${events.length} events as NDJSON — the file may contain secrets from the endpoint's objects (such as machine Secrets)`,
    saveLabel: 'Export',
    defaultUri: vscode.Uri.joinPath(defaultFolder(), exportFileName(new Date())),
    filters: { 'NDJSON event recordings': ['ndjson', 'jsonl'] },
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(toNdjson(events), 'utf8'));
  void offerToShow(uri, events.length);
  return uri;
}

/** Where the save dialog starts: the (first) workspace folder, else the home folder. */
function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}

/** "Exported N events to <file>", with Open and, where it can work, a way to reveal the file. */
async function offerToShow(uri: vscode.Uri, count: number): Promise<void> {
  const open = 'Open';
  const reveal = revealAction(uri);
  const choice = await vscode.window.showInformationMessage(
    `Exported ${plural(count, 'event')} to ${uri.fsPath}. It may contain secrets from the endpoint's objects; share it with care.`,
    ...[open, ...(reveal ? [reveal.label] : [])],
  );
  if (choice === open) await vscode.commands.executeCommand('vscode.open', uri);
  else if (reveal && choice === reveal.label) await vscode.commands.executeCommand(reveal.command, uri);
}

/**
 * VS Code's own reveal for the file, under its own label: the Explorer view for a file in
 * the workspace; otherwise the system's file manager, which only a desktop window with a
 * local extension host can open (not a browser, not a remote window).
 */
function revealAction(uri: vscode.Uri): { label: string; command: string } | undefined {
  if (vscode.workspace.getWorkspaceFolder(uri)) return { label: 'Reveal in Explorer View', command: 'revealInExplorer' };
  if (uri.scheme !== 'file' || vscode.env.uiKind !== vscode.UIKind.Desktop || vscode.env.remoteName !== undefined) return undefined;
  const label = process.platform === 'win32' ? 'Reveal in File Explorer' : process.platform === 'darwin' ? 'Reveal in Finder' : 'Open Containing Folder';
  return { label, command: 'revealFileInOS' };
}

async function importEvents(deps: RecordingDeps, args: ImportArgs): Promise<number> {
  const uri = args.uri ?? (await vscode.window.showOpenDialog({
    title: 'Open an event recording (NDJSON, one DRP event per line)',
    canSelectMany: false,
    defaultUri: defaultFolder(),
    filters: { 'NDJSON event recordings': ['ndjson', 'jsonl', 'json'], 'All files': ['*'] },
  }))?.[0];
  if (!uri) return 0;
  const read = await readRecordingFile(uri);
  if (!read.ok) {
    void vscode.window.showErrorMessage(read.message);
    return 0;
  }
  const skipped = read.errors.length;
  if (read.frames.length === 0) {
    const why = skipped > 0 ? `: ${skipped === 1 ? 'its one line' : `all ${skipped} of its lines`} ${notEvents(skipped)} (${describeSkipped(read.errors)})` : ': it is empty';
    void vscode.window.showWarningMessage(`${read.name} holds no DRP events${why}. An event recording has one DRP event as JSON per line.`);
    return 0;
  }
  const recording = deps.recordings.add(read.name, read.frames, skipped);
  deps.openTable(recording, uri);
  if (skipped > 0) {
    void vscode.window.showWarningMessage(`Opened ${plural(read.frames.length, 'event')} from ${read.name}; skipped ${plural(skipped, 'line')} that ${notEvents(skipped)} (${describeSkipped(read.errors)}).`);
  }
  return read.frames.length;
}

function eventsBySeq(buffer: { get(seq: number): BufferedEvent | undefined }, seqs: number[]): BufferedEvent[] {
  const out: BufferedEvent[] = [];
  for (const seq of seqs) {
    const e = buffer.get(seq);
    if (e) out.push(e);
  }
  return out;
}
