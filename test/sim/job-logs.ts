// Job logs as the real server keeps them: one text per job that starts with the header line
// `Log for Job: <uuid>` written when the job is created, and grows as the runner appends to
// it (docs/protocol.md §7.7). Appending publishes no event. Chunks are kept as written and
// joined only when read, so the scenario's appends cost next to nothing per event.

interface JobLog {
  chunks: string[];
  /** When the log last changed, ms since the epoch: the reply's Last-Modified. */
  modified: number;
}

export class JobLogs {
  private readonly logs = new Map<string, JobLog>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a job's log with its header, as the server does when it creates the job. */
  open(uuid: string): void {
    this.logs.set(uuid, { chunks: [`Log for Job: ${uuid}\n`], modified: this.now() });
  }

  /** Appends text, opening the log first if the job has none yet. */
  append(uuid: string, text: string): void {
    let log = this.logs.get(uuid);
    if (!log) {
      this.open(uuid);
      log = this.logs.get(uuid) as JobLog;
    }
    log.chunks.push(text);
    log.modified = this.now();
  }

  /** The whole log; a job the simulator never logged for has the header alone. */
  read(uuid: string): { text: string; modified: number } {
    const log = this.logs.get(uuid);
    if (!log) return { text: `Log for Job: ${uuid}\n`, modified: this.now() };
    if (log.chunks.length > 1) log.chunks = [log.chunks.join('')];
    return { text: log.chunks[0], modified: log.modified };
  }

  /** Drops a job's log along with the job (the server removes the file when the job goes). */
  forget(uuid: string): void {
    this.logs.delete(uuid);
  }
}
