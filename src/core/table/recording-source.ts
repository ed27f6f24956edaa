// What the event table reads for an opened recording: its own buffer, which never grows,
// clears or pauses. The table session then needs no special case; the page hides the live
// controls (Pause, Clear, Follow, the rate) for a recording, and these no-ops make a stray
// message from it change nothing.
import type { Event } from '../emitter';
import type { EventRecording } from '../events/recording';
import type { TableCommand, TableSource, TableSourceStats } from './table-session';

const NEVER: Event<never> = () => ({ dispose: () => undefined });

export function recordingSource(recording: EventRecording, runCommand: (command: TableCommand) => void | PromiseLike<unknown>): TableSource {
  const { buffer } = recording;
  return {
    buffer,
    onDidAppend: NEVER,
    onDidClear: NEVER,
    onDidChangePaused: NEVER,
    paused: false,
    held: 0,
    pause: () => undefined,
    resume: () => undefined,
    clear: () => undefined,
    // `received` stays put, so the rate is 0; the page of a recording does not show it.
    stats: (): TableSourceStats => ({ received: buffer.size, size: buffer.size, maxEvents: buffer.maxEvents, dropped: 0, connection: '' }),
    runCommand,
  };
}
