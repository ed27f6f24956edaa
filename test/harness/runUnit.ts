// `node dist/test/runUnit.js`: every unit test in plain Node (no VS Code), with the shared
// reporter. Exits 1 on any failure, on a file that fails to load, or when no test ran, so
// a broken glob or an empty build cannot pass silently. Last line: "unit: N passed, N failed".
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { HarnessReporter } from './reporter';

const unitDir = join(__dirname, 'unit');

function testFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return testFiles(p);
    return name.endsWith('.test.js') ? [p] : [];
  });
}

function finish(passed: number, failed: number, code: number): never {
  process.stdout.write(`unit: ${passed} passed, ${failed} failed\n`);
  // Exit explicitly: a test that leaves a socket or timer open must not hang `npm test`.
  process.exit(code);
}

async function main(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 10_000, reporter: HarnessReporter });
  const grep = process.env.HARNESS_GREP;
  if (grep) mocha.grep(grep);
  const files = testFiles(unitDir);
  for (const f of files) mocha.addFile(f);
  try {
    await mocha.loadFilesAsync();
  } catch (err) {
    console.error('A unit test file failed to load; fix it and run again.');
    console.error(err instanceof Error ? err.stack : err);
    finish(0, 1, 1);
  }
  const runner = mocha.run((failures) => {
    const stats = runner.stats ?? { passes: 0, failures, tests: 0 };
    if (failures === 0 && stats.passes === 0) {
      console.error(
        `No unit test ran (${files.length} file(s) under ${unitDir}` +
          (grep ? `, HARNESS_GREP=${grep}` : '') +
          (files.length ? ').' : '). Build first with `node scripts/build.mjs`.'),
      );
      finish(0, 0, 1);
    }
    finish(stats.passes, failures, failures > 0 ? 1 : 0);
  });
}

void main();
