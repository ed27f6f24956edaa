// Adapts the EventStream, or an opened recording, to what the event table needs
// (TableSource), and turns the table's row and toolbar actions into the same commands the
// tree and the palette run. A recording's rows name their events with the recording's id,
// so the commands find them in the recording and not in the live buffer.
import * as vscode from 'vscode';
import { connectionCondition, describeConnection } from '../../core/connection/connection-summary';
import type { EventRecording } from '../../core/events/recording';
import type { EventStream } from '../../core/events/event-stream';
import { recordingSource } from '../../core/table/recording-source';
import type { TableCommand, TableSource, TableSourceStats } from '../../core/table/table-session';
import type { EndpointSession } from '../endpoint/endpoint-session';

export function tableSource(stream: EventStream, session: EndpointSession): TableSource {
  return {
    buffer: stream.buffer,
    onDidAppend: stream.onDidAppend,
    onDidClear: stream.onDidClear,
    onDidChangePaused: stream.onDidChangePaused,
    get paused() {
      return stream.paused;
    },
    get held() {
      return stream.held;
    },
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    // Through the command, so the table's Clear asks as the view title's does.
    clear: () => void vscode.commands.executeCommand('drp.clearEvents'),
    stats: (): TableSourceStats => ({
      received: stream.received,
      size: stream.buffer.size,
      maxEvents: stream.buffer.maxEvents,
      dropped: stream.buffer.dropped,
      connection: connectionText(session),
    }),
    runCommand: (command) => runTableCommand(command),
  };
}

/** The read-only table of an opened recording. */
export function recordingTableSource(recording: EventRecording): TableSource {
  return recordingSource(recording, (command) => runTableCommand(command, recording.id));
}

function connectionText(session: EndpointSession): string {
  const { state, detail } = session.state;
  return describeConnection(connectionCondition(state, detail, session.isSignedIn), session.endpoint?.display ?? 'no endpoint');
}

/** Runs a table action on the live buffer's events, or on those of the recording named `recording`. */
async function runTableCommand(command: TableCommand, recording?: string): Promise<unknown> {
  const event = (seq: number) => (recording === undefined ? seq : { seq, recording });
  switch (command.kind) {
    case 'open': {
      const id = { object: 'drp.openEvent', original: 'drp.openOriginal', diff: 'drp.compareWithOriginal', latest: 'drp.openLatest' }[command.what];
      // Beside the table and as a preview (each row replaces the last), so the table stays
      // visible in its own group, as the Explorer's preview keeps the tree in view.
      const show: vscode.TextDocumentShowOptions = { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: command.preserveFocus };
      return vscode.commands.executeCommand(id, event(command.seq), show);
    }
    case 'export':
      return vscode.commands.executeCommand('drp.exportEvents', { scope: command.scope, seqs: command.seqs, recording });
    case 'import':
      return vscode.commands.executeCommand('drp.importEvents');
  }
}
