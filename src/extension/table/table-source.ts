// Adapts the EventStream to what the event table needs (TableSource), and turns the table's
// row click and toolbar actions into the same commands the tree and the palette run. A row's
// context menu is VS Code's own (package.json webview/context) and runs them directly.
import * as vscode from 'vscode';
import { connectionCondition, describeConnection } from '../../core/connection/connection-summary';
import type { EventStream } from '../../core/events/event-stream';
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

function connectionText(session: EndpointSession): string {
  const { state, detail } = session.state;
  return describeConnection(connectionCondition(state, detail, session.isSignedIn), session.endpoint?.display ?? 'no endpoint');
}

async function runTableCommand(command: TableCommand): Promise<unknown> {
  switch (command.kind) {
    case 'open': {
      const id = { object: 'drp.openEvent', original: 'drp.openOriginal', diff: 'drp.compareWithOriginal', latest: 'drp.openLatest' }[command.what];
      return vscode.commands.executeCommand(id, command.seq);
    }
    case 'export':
      return vscode.commands.executeCommand('drp.exportEvents', { scope: command.scope, seqs: command.seqs });
    case 'import':
      return vscode.commands.executeCommand('drp.importEvents');
  }
}
