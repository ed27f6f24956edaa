// The extensionTestsPath module: the workbench loads it in the extension host and calls
// run(); its promise settling is what ends the run (resolve = exit 0, reject = exit 1).
// Output goes through the shared reporter to HARNESS_RESULTS_FILE, which the driver tails.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { HarnessReporter } from '../harness/reporter';
import { pressKey, workbenchDialog } from './ui';

const LAST = 'shutdown.test.js';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    reporter: HarnessReporter,
    rootHooks: {
      // A modal dialog left up by a test (a failure, or a certificate prompt a test did not
      // need to answer) would block every click of the tests after it: Escape (the dialog's
      // cancel) closes it, so each test starts without one.
      async afterEach() {
        if (!process.env.HARNESS_BRIDGE_DIR) return;
        if (await workbenchDialog()) await pressKey('Escape');
      },
    },
  });
  const grep = process.env.HARNESS_GREP;
  if (grep) mocha.grep(grep);
  // shutdown.test.js deactivates the extension, so it runs last: nothing after it could use it.
  const files = readdirSync(__dirname)
    .filter((n) => n.endsWith('.test.js'))
    .sort((a, b) => Number(a === LAST) - Number(b === LAST) || a.localeCompare(b));
  for (const f of files) mocha.addFile(join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else if (runner.stats?.passes === 0) {
          reject(new Error(`No test ran (${files.length} test file(s)${grep ? `, HARNESS_GREP=${grep}` : ''}).`));
        } else resolve();
      });
    } catch (err) {
      // A test file that throws while loading lands here; report it where the driver reads.
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      report(`A test file failed to load:\n${text}`);
      reject(err);
    }
  });
}

function report(text: string): void {
  const file = process.env.HARNESS_RESULTS_FILE;
  if (file) appendFileSync(file, text + '\n');
  else console.error(text);
}
