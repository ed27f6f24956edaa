// Follows the results file the in-host reporter appends to (HARNESS_RESULTS_FILE), echoing
// each complete line and remembering the reporter's summary for the driver's last line.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { SUMMARY_LINE } from './reporter';

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

export class ResultsTail {
  private offset = 0;
  private partial = '';
  // A read may end inside a multi-byte character; the decoder carries it to the next read.
  private readonly decoder = new StringDecoder('utf8');
  summary: Summary | undefined;

  constructor(
    private readonly file: string,
    private readonly print: (line: string) => void,
  ) {}

  /** Prints the lines appended since the last call; `final` also prints an unfinished line. */
  flush(final = false): void {
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > this.offset) {
        const buf = Buffer.alloc(size - this.offset);
        readSync(fd, buf, 0, buf.length, this.offset);
        this.offset = size;
        this.partial += this.decoder.write(buf);
      }
    } finally {
      closeSync(fd);
    }
    const lines = this.partial.split('\n');
    this.partial = final ? '' : (lines.pop() ?? '');
    for (const line of lines) {
      if (final && line === '') continue;
      this.print(line);
      const m = SUMMARY_LINE.exec(line);
      if (m) this.summary = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]) };
    }
  }
}
