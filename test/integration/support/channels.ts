// Reads the extension's real output channels the way a user sees them: showing a channel
// in the Output panel gives it a text document (scheme `output`) in the extension host,
// whose text the workbench keeps in sync with what the channel printed.
import * as vscode from 'vscode';
import { waitForEvent } from './endpoint';

const EXTENSION_ID = 'drp-event-inspector.drp-event-inspector';

/** The "DRP Events" channel (one line per event, gap lines). */
export const EVENTS_CHANNEL = { show: 'drp.showOutput', matches: (uri: vscode.Uri) => decodeURIComponent(uri.path).endsWith('-DRP Events') };

/** The "DRP" log channel (the extension's own diagnostics). */
export const LOG_CHANNEL = {
  show: `workbench.action.output.show.${EXTENSION_ID}.DRP`,
  matches: (uri: vscode.Uri) => decodeURIComponent(uri.toString()).includes(`${EXTENSION_ID}.DRP`) || /\/DRP\.log$/.test(uri.path),
};

type Channel = typeof EVENTS_CHANNEL;

function channelDocument(channel: Channel): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && channel.matches(d.uri))
    ?? vscode.workspace.textDocuments.find((d) => channel.matches(d.uri));
}

/**
 * Shows the channel and resolves with its text once `done` accepts it (at once when it
 * already does). Waits on document changes, not on a timer.
 */
export async function channelText(channel: Channel, done: (text: string) => boolean = () => true, ms = 10_000): Promise<string> {
  await vscode.commands.executeCommand(channel.show);
  let doc = channelDocument(channel);
  if (!doc) {
    doc = await waitForEvent(vscode.workspace.onDidOpenTextDocument, (d) => channel.matches(d.uri), ms, `the ${channel.show} output document`);
  }
  const text = doc.getText();
  if (done(text)) return text;
  const uri = doc.uri.toString();
  const changed = await waitForEvent(
    vscode.workspace.onDidChangeTextDocument,
    (e) => e.document.uri.toString() === uri && done(e.document.getText()),
    ms,
    `output text in ${decodeURIComponent(uri)} (now: ${JSON.stringify(text.slice(-300))})`,
  );
  return changed.document.getText();
}
