// Opened NDJSON recordings. Each one keeps its events in a buffer of its own, apart from the
// live stream: a recording is a file to read, so its events never reach the live buffer, the
// Events tree, the Filters counts or the output channel, and its seqs (1 … N, in file order)
// mean "line of this recording", not "arrival in this window". The id names the recording in
// event document URIs and command arguments, so an event opened from a recording resolves
// to it and never to the live event that happens to share its seq.
import type { EventFrame } from './event';
import { EventBuffer } from './event-buffer';
import { plural } from '../text';

export interface EventRecording {
  readonly id: string;
  /** The file's name, e.g. `events.ndjson`: the tab's title and the banner's. */
  readonly name: string;
  /** Every event of the file, oldest (first line) first; nothing is ever evicted. */
  readonly buffer: EventBuffer;
  /** Lines that were not DRP events and were left out. */
  readonly skipped: number;
}

export class Recordings {
  private readonly open = new Map<string, EventRecording>();
  private nextId = 1;

  /** Keeps `frames` as a new recording named `name`. */
  add(name: string, frames: readonly EventFrame[], skipped = 0, now: number = Date.now()): EventRecording {
    // Sized to the file, and never by bytes: the file was already read whole into memory,
    // and a recording that dropped its own events would not be the file any more.
    const buffer = new EventBuffer({ maxEvents: Math.max(1, frames.length), maxBytes: Number.POSITIVE_INFINITY });
    for (const f of frames) buffer.push(f.header, f.raw, NO_FILTERS, now);
    const recording: EventRecording = { id: `${ID_PREFIX}${this.nextId++}`, name, buffer, skipped };
    this.open.set(recording.id, recording);
    return recording;
  }

  get(id: string): EventRecording | undefined {
    return this.open.get(id);
  }

  /** Forgets a recording (its tab closed); documents already opened from it keep their copy. */
  close(id: string): void {
    this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }
}

const ID_PREFIX = 'recording-';

/** True for what Recordings.add makes an id of: arguments and URIs carry it as text. */
export function isRecordingId(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(ID_PREFIX) && /^\d{1,15}$/.test(v.slice(ID_PREFIX.length));
}

/** A recorded frame matched no filter of this window; one shared array for all of them. */
const NO_FILTERS: string[] = [];

/** "is not a DRP event" / "are not DRP events", after "1 line that" / "3 lines that". */
export function notEvents(lines: number): string {
  return lines === 1 ? 'is not a DRP event' : 'are not DRP events';
}

/** The recording tab's label: what it is, how many events, from which file, and that it is read-only. */
export function describeRecording(r: Pick<EventRecording, 'name' | 'buffer' | 'skipped'>): string {
  const skipped = r.skipped > 0 ? `; ${plural(r.skipped, 'line')} that ${notEvents(r.skipped)} left out` : '';
  return `Recording of ${plural(r.buffer.size, 'event')} from ${r.name}${skipped}. Read-only: live events do not appear here.`;
}
