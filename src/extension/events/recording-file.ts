// Reads an NDJSON event recording from disk for Open Event Recording, and again when VS Code
// restores a recording's tab after a reload.
import * as vscode from 'vscode';
import type { EventFrame } from '../../core/events/event';
import { parseNdjson, type NdjsonError } from '../../core/events/ndjson';
import { formatSize } from '../../core/text';

/** Recordings larger than this are refused: the whole file is read into memory. */
const MAX_RECORDING_BYTES = 512 * 1024 * 1024;

export type RecordingRead =
  | { ok: true; name: string; frames: EventFrame[]; errors: NdjsonError[] }
  /** `message` is a sentence for the user. */
  | { ok: false; message: string };

/** The file's name as a tab title shows it. */
export function recordingName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.fsPath;
}

export async function readRecordingFile(uri: vscode.Uri): Promise<RecordingRead> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_RECORDING_BYTES) {
      return { ok: false, message: `${uri.fsPath} is ${formatSize(stat.size)}; recordings over ${formatSize(MAX_RECORDING_BYTES)} are not opened. Split it, or export a smaller view.` };
    }
    const parsed = parseNdjson(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
    return { ok: true, name: recordingName(uri), frames: parsed.events, errors: parsed.errors };
  } catch (err) {
    return { ok: false, message: `Could not read ${uri.fsPath}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Why lines were left out, with the first few line numbers: "line 2: …; line 5: …; …". */
export function describeSkipped(errors: readonly NdjsonError[]): string {
  return `${errors.slice(0, 3).map((e) => `line ${e.line}: ${e.reason}`).join('; ')}${errors.length > 3 ? '; …' : ''}`;
}
