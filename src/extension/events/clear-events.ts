// DRP: Clear Events. Events cannot be fetched again (DRP keeps no history to replay), so
// dropping more than a handful asks first, as a notification rather than a modal dialog:
// the stream goes on underneath, and nothing changes until the user says so. Scripts pass
// `{ confirm: false }` to clear without asking.
import * as vscode from 'vscode';
import type { EventStream } from '../../core/events/event-stream';
import { plural } from '../../core/text';

/** Up to this many buffered events are cleared without asking. */
export const CLEAR_WITHOUT_ASKING = 100;

/** Resolves true when the buffer was cleared. */
export async function clearEvents(stream: EventStream, arg?: unknown): Promise<boolean> {
  const ask = !(arg && typeof arg === 'object' && (arg as { confirm?: unknown }).confirm === false);
  const size = stream.buffer.size;
  if (ask && size > CLEAR_WITHOUT_ASKING) {
    const action = `Clear ${plural(size, 'Event')}`;
    const pick = await vscode.window.showWarningMessage(
      `Clear ${plural(size, 'buffered event')}? The endpoint cannot send them again; export them first to keep a copy.`,
      action,
      'Export First',
    );
    if (pick === 'Export First') {
      await vscode.commands.executeCommand('drp.exportEvents');
      return false;
    }
    if (pick !== action) return false;
  }
  stream.clear();
  return true;
}
