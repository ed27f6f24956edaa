// The "DRP Events" output channel (one line per event, or the frame as compact JSON) and the
// "DRP Event Inspector (log)" channel for the extension's own diagnostics.
//
// Events reach the channel in the stream's ~100 ms batches and each batch is ONE append:
// an append per event costs an IPC round trip each and stalls the channel at 1,000 events/s.
import * as vscode from 'vscode';
import type { Event } from '../../core/emitter';
import type { BufferedEvent } from '../../core/events/event-buffer';
import { formatEventLine, formatGapLine } from '../../core/events/format';
import { oneLine } from '../../core/text';
import { readSettings, type OutputFormat } from '../endpoint/settings';

export interface OutputGap {
  from: number;
  to?: number;
  reason: string;
}

/** What the channel needs of the EventStream. */
export interface EventOutputSource {
  readonly onDidAppend: Event<readonly BufferedEvent[]>;
  readonly onDidGap: Event<OutputGap>;
}

export const EVENTS_CHANNEL_NAME = 'DRP Events';

/** Why a gap cannot be filled in: said on every gap line so nobody waits for a replay. */
const NO_REPLAY = 'DRP events have no sequence numbers, so missed events cannot be replayed.';
// Named for what it is: a bare "DRP" beside "DRP Events" read like a second, empty event channel.
export const LOG_CHANNEL_NAME = 'DRP Event Inspector (log)';

export class EventOutput implements vscode.Disposable {
  readonly channel: vscode.OutputChannel;
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * @param format read once per batch, so a settings change applies from the next batch
   *   (defaults to the `drp.output.format` setting).
   * @param lineOf the `line` format of one event: with display names and the change summary
   *   (EventDescriber.line) in the extension, the plain header line by default.
   */
  constructor(
    source: EventOutputSource,
    private readonly format: () => OutputFormat = () => readSettings().outputFormat,
    private readonly lineOf: (e: BufferedEvent) => string = (e) => formatEventLine(e),
  ) {
    this.channel = vscode.window.createOutputChannel(EVENTS_CHANNEL_NAME);
    this.disposables.push(
      this.channel,
      source.onDidAppend((batch) => this.appendEvents(batch)),
      source.onDidGap((gap) => this.channel.appendLine(`${formatGapLine(gap)} ${NO_REPLAY}`)),
    );
  }

  show(preserveFocus = true): void {
    this.channel.show(preserveFocus);
  }

  private appendEvents(batch: readonly BufferedEvent[]): void {
    if (batch.length === 0) return;
    const json = this.format() === 'json';
    const lines = new Array<string>(batch.length);
    for (let i = 0; i < batch.length; i++) lines[i] = json ? oneLine(batch[i].raw) : this.lineOf(batch[i]);
    this.channel.append(lines.join('\n') + '\n');
  }

  dispose(): void {
    // Newest first: the listeners go before the channel they append to.
    for (const d of [...this.disposables].reverse()) d.dispose();
  }
}

/** What the extension writes its own diagnostics to. */
export interface ExtensionLog {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  show(preserveFocus?: boolean): void;
}

/**
 * The log channel for the extension's own diagnostics (connection states, acks, errors).
 * Event objects can carry the endpoint's secrets (a v3 server does not blank a machine's
 * Secret), so callers log headers and reasons, never object bodies or credentials.
 *
 * Writes after dispose are dropped: a channel that is gone throws "Channel has been closed",
 * and a late line (a connection closing during shutdown, a save that settles afterwards)
 * must not turn into an error that skips the rest of someone's dispose.
 */
export class LogChannel implements ExtensionLog, vscode.Disposable {
  private closed = false;

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  get isClosed(): boolean {
    return this.closed;
  }

  debug(line: string): void {
    if (!this.closed) this.channel.debug(line);
  }

  info(line: string): void {
    if (!this.closed) this.channel.info(line);
  }

  warn(line: string): void {
    if (!this.closed) this.channel.warn(line);
  }

  error(line: string): void {
    if (!this.closed) this.channel.error(line);
  }

  show(preserveFocus?: boolean): void {
    if (!this.closed) this.channel.show(preserveFocus);
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.dispose();
  }
}

export function createLog(name = LOG_CHANNEL_NAME): LogChannel {
  return new LogChannel(vscode.window.createOutputChannel(name, { log: true }));
}
