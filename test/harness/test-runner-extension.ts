// The extension that runs the in-host suite. VS Code's own way, the extensionTestsPath
// payload, puts the workbench in test mode, and a workbench in test mode refuses every
// modal dialog (its DialogService throws "refused to show dialog in tests"), so a test
// could never answer the certificate's Trust dialog the way a user does. So the driver
// (runInServer.ts) opens an ordinary development workbench, the one `npm start` opens, with
// this installed beside ours: on startup it runs the test module named by HARNESS_TESTS_PATH
// and writes how it ended to HARNESS_EXIT_FILE, which the driver waits for. The module's run() contract is extensionTestsPath's, so
// test/integration/index.ts works either way.
import { appendFileSync, writeFileSync } from 'node:fs';

interface TestModule {
  run(): Promise<void>;
}

/** The folder runInServer.ts makes into this extension: its manifest and entry point. */
export function runnerExtensionFiles(entry: string): Record<string, string> {
  return {
    'package.json': JSON.stringify({
      name: 'drp-test-runner',
      publisher: 'drp-event-inspector',
      version: '0.0.0',
      engines: { vscode: '^1.100.0' },
      activationEvents: ['*'],
      main: './main.js',
    }),
    'main.js': `module.exports = require(${JSON.stringify(entry)});\n`,
  };
}

export function activate(): void {
  const testsPath = process.env.HARNESS_TESTS_PATH;
  const exitFile = process.env.HARNESS_EXIT_FILE;
  if (!testsPath || !exitFile) return;
  const exit = (code: number): void => writeFileSync(exitFile, String(code));
  let tests: TestModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    tests = require(testsPath) as TestModule;
  } catch (err) {
    // The results file is where the driver reads; the extension host's console is not.
    const results = process.env.HARNESS_RESULTS_FILE;
    if (results) appendFileSync(results, `Could not load the test module ${testsPath}:\n${(err as Error).stack ?? String(err)}\n`);
    exit(1);
    return;
  }
  // run() reports every failure itself (through the reporter); here only its outcome counts.
  tests.run().then(() => exit(0), () => exit(1));
}
