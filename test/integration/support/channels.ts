// Reads the extension's real output channels the way a user sees them: showing a channel
// in the Output panel gives it a text document (scheme `output`) in the extension host,
// whose text the workbench keeps in sync with what the channel printed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import * as vscode from 'vscode';
import { waitForEvent } from './endpoint';

const EXTENSION_ID = 'drp-event-inspector.drp-event-inspector';

/** The "DRP Events" channel (one line per event, gap lines). */
export const EVENTS_CHANNEL = { show: 'drp.showOutput', matches: (uri: vscode.Uri) => decodeURIComponent(uri.path).endsWith('-DRP Events') };

/** The log channel's name as the Output panel lists it (src/extension/events/output.ts). */
const LOG_NAME = 'DRP Event Inspector (log)';

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

/**
 * The "DRP Event Inspector (log)" channel's text, read from its log file once `done` accepts it. A
 * LogOutputChannel's `output:` document stays empty in the extension host (the workbench
 * renders the file), so its document cannot be read; the file is what the Output
 * panel shows. It lives in the harness sandbox's logs folder (the bridge directory's sibling
 * `user-data`); the logger flushes on its own schedule, so this polls the file.
 */
export async function logFileText(done: (text: string) => boolean = () => true, ms = 10_000): Promise<string> {
  const bridge = process.env.HARNESS_BRIDGE_DIR;
  if (!bridge) throw new Error('HARNESS_BRIDGE_DIR is not set: run the in-host tests under node dist/test/runInServer.js.');
  const logs = join(dirname(bridge), 'user-data', 'logs');
  const deadline = Date.now() + ms;
  let text = '';
  for (;;) {
    const file = findFile(logs, (p) => p.endsWith(`${sep}${EXTENSION_ID}${sep}${LOG_NAME}.log`));
    text = file ? readFileSync(file, 'utf8') : '';
    if (file && done(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for the extension's log file (${file ?? 'not found'}; now: ${JSON.stringify(text.slice(-300))})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function findFile(dir: string, accept: (path: string) => boolean): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(path, accept);
      if (found) return found;
    } else if (accept(path)) return path;
  }
  return undefined;
}

/**
 * The extension host's own log (`remoteexthost.log` in this web-plus-server harness,
 * `exthost.log` on the desktop), where VS Code writes what an extension threw while being
 * deactivated and rejections nobody handled. Empty until the host has written one line.
 */
export function extensionHostLogText(): string {
  const bridge = process.env.HARNESS_BRIDGE_DIR;
  if (!bridge) throw new Error('HARNESS_BRIDGE_DIR is not set: run the in-host tests under node dist/test/runInServer.js.');
  const file = findFile(join(dirname(bridge), 'user-data', 'logs'), (p) => /[\\/](remote)?exthost\.log$/i.test(p));
  return file ? readFileSync(file, 'utf8') : '';
}
