// The one mocha reporter both runners use, so unit and in-host output read the same and
// scripts/test.mjs can parse one summary format. Inside the extension host console output
// is mangled by the workbench log (printf-style args, dropped below `info`), so there the
// reporter appends to the file named by HARNESS_RESULTS_FILE and the driver tails it.
import { appendFileSync } from 'node:fs';
import Mocha from 'mocha';

const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } =
  Mocha.Runner.constants;

/** Matches the closing line this reporter writes: "<p> passed, <f> failed, <s> skipped". */
export const SUMMARY_LINE = /^(\d+) passed, (\d+) failed, (\d+) skipped$/;

export class HarnessReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const file = process.env.HARNESS_RESULTS_FILE;
    // Appended synchronously line by line: if the extension host dies mid-run, every line
    // written so far is already on disk for the driver to show.
    const write = (line: string): void => {
      if (file) appendFileSync(file, line + '\n');
      else process.stdout.write(line + '\n');
    };

    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (!suite.root) write(suite.fullTitle());
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      write(`    ok   ${test.fullTitle()} (${test.duration ?? 0}ms)`);
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
      write(`    FAIL ${test.fullTitle()}`);
      // A stack normally begins with the message; print the message alone only when not.
      const message = err?.message ?? String(err);
      const stack = err?.stack ?? '';
      write(indent(stack.includes(message) ? stack : `${message}\n${stack}`.trim()));
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      write(`    skip ${test.fullTitle()}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const s = this.stats;
      write(`${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
    });
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => '         ' + l)
    .join('\n');
}
