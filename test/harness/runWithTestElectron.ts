// `npm run test:electron`: the same in-host suite through @vscode/test-electron's runTests.
// It cannot download VS Code offline, but it only spawns `vscodeExecutablePath` with
// --extensionDevelopmentPath/--extensionTestsPath and checks the exit code, so pointing it
// at our driver runs the suite exactly as an Electron VS Code would be driven.
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const repoRoot = resolve(__dirname, '../..');

async function main(): Promise<void> {
  try {
    await runTests({
      vscodeExecutablePath: join(repoRoot, 'dist/test/runInServer.js'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'dist/test/integration/index.js'),
      // Otherwise it adds --user-data-dir/--extensions-dir; the driver sandboxes those itself.
      reuseMachineInstall: true,
    });
  } catch (err) {
    console.error(`The in-host tests failed through @vscode/test-electron: ${(err as Error).message}`);
    process.exit(1);
  }
}

void main();
