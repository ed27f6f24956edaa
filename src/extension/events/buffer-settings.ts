// The event buffer is bounded by drp.maxEvents and drp.maxBufferMB, and follows them when
// they change (a lower bound drops the oldest events at once).
import type * as vscode from 'vscode';
import { EventBuffer, type BufferLimits } from '../../core/events/event-buffer';
import { onDidChangeSettings, readSettings } from '../endpoint/settings';

function limits(): BufferLimits {
  const s = readSettings();
  return { maxEvents: s.maxEvents, maxBytes: s.maxBufferMB * 1024 * 1024 };
}

export function createBuffer(): EventBuffer {
  return new EventBuffer(limits());
}

export function followBufferSettings(buffer: EventBuffer): vscode.Disposable {
  return onDidChangeSettings((changed) => {
    if (changed('maxEvents') || changed('maxBufferMB')) buffer.setLimits(limits());
  });
}
