// The tabs of opened event recordings: one read-only event table per recording, titled with
// the file's name, over the recording's own buffer (never the live stream's). Closing a tab
// forgets its recording. After a window reload VS Code restores the tab, and it is read from
// its file again (the page keeps the file's URI in its state).
import * as vscode from 'vscode';
import { describeRecording, type EventRecording, type Recordings } from '../../core/events/recording';
import { describeSkipped, readRecordingFile } from '../events/recording-file';
import { EventTablePanel, type TablePanelKind, type TablePanelOptions } from './table-panel';
import { recordingTableSource } from './table-source';

export const RECORDING_VIEW_TYPE = 'drp.eventRecording';

export class RecordingTables implements vscode.Disposable {
  private readonly panels = new Set<EventTablePanel>();
  private readonly serializer: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly recordings: Recordings,
    private readonly options: TablePanelOptions = {},
  ) {
    // The manifest's activation event `onWebviewPanel:drp.eventRecording` brings a restore here.
    this.serializer = vscode.window.registerWebviewPanelSerializer(RECORDING_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => this.restore(panel, state),
    });
  }

  /** Opens `recording` (read from `file`) in a new tab. */
  open(recording: EventRecording, file: vscode.Uri): void {
    this.adopt(EventTablePanel.create(this.extensionUri, recordingTableSource(recording), this.options, kind(recording, file)), recording);
  }

  dispose(): void {
    this.serializer.dispose();
    for (const p of [...this.panels]) p.dispose();
  }

  private adopt(panel: EventTablePanel, recording: EventRecording): void {
    this.panels.add(panel);
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      this.recordings.close(recording.id);
    });
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = (state as { recordingFile?: unknown } | undefined)?.recordingFile;
    if (typeof saved !== 'string') {
      panel.dispose();
      return;
    }
    const file = vscode.Uri.parse(saved, true);
    const read = await readRecordingFile(file);
    if (!read.ok || read.frames.length === 0) {
      panel.dispose();
      const why = read.ok ? `${file.fsPath} holds no DRP events any more (${describeSkipped(read.errors)}).` : read.message;
      void vscode.window.showWarningMessage(`${why} Its event recording tab was closed.`);
      return;
    }
    const recording = this.recordings.add(read.name, read.frames, read.errors.length);
    this.adopt(EventTablePanel.revive(panel, this.extensionUri, recordingTableSource(recording), this.options, kind(recording, file)), recording);
  }
}

function kind(recording: EventRecording, file: vscode.Uri): TablePanelKind {
  return { viewType: RECORDING_VIEW_TYPE, title: recording.name, recording: { banner: describeRecording(recording), file: file.toString(), id: recording.id } };
}
