// One table row: the small object the webview shows for an event (header fields, matched
// filters, whether it has an Original), never the object body.

import type { BufferedEvent } from '../events/event-buffer';
import { hasOriginal } from '../events/event-match';
import type { TableRow } from './webview-messages';

export function toRow(e: BufferedEvent): TableRow {
  return {
    seq: e.seq,
    time: e.time,
    type: e.type,
    action: e.action,
    key: e.key,
    principal: e.principal,
    filters: e.filters,
    hasOriginal: hasOriginal(e.raw),
  };
}
