// `npm test`: build, typecheck, lint, unit tests, in-host tests, in that order, with their output
// streamed. The last line is the total "<P> passed, <F> failed" summed from the unit and
// vscode summary lines; the exit code is non-zero if any step failed. Steps after a failed
// build are skipped (they would run stale bundles); the others always run, so one
// failure does not hide another.
import { spawn } from 'node:child_process';
import { ensurePrereqs } from './ensure-prereqs.mjs';

const root = new URL('..', import.meta.url).pathname;
const steps = [
  { name: 'build', cmd: ['node', 'scripts/build.mjs'], required: true },
  // `npm run typecheck`'s two programs, as two steps so an error in one does not hide the
  // other: host code (Node, no DOM) and the webview page (DOM, no Node types).
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', '.', '--noEmit'] },
  { name: 'typecheck webview', cmd: ['npx', 'tsc', '-p', 'webview', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.'] },
  { name: 'unit', cmd: ['node', 'dist/test/runUnit.js'], summary: /^unit: (\d+) passed, (\d+) failed$/ },
  { name: 'vscode', cmd: ['node', 'dist/test/runInServer.js'], summary: /^vscode: (\d+) passed, (\d+) failed$/ },
];

/** Runs one step, echoing its output as it comes; resolves with its exit code and output. */
function runStep([cmd, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('error', (err) => {
      console.error(`Could not start ${cmd}: ${err.message}`);
      resolve({ code: 127, output });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

// Chromium, the krb5 headers and the VS Code server: installed here when missing, so
// `npm ci && npm test` works on a fresh machine.
const prereqs = ensurePrereqs('test');
if (prereqs !== 0) {
  console.log('0 passed, 0 failed');
  process.exit(prereqs);
}

let passed = 0;
let failed = 0;
const report = [];
for (const step of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const { code, output } = await runStep(step.cmd);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (step.summary) {
    const lines = output.split('\n').filter((l) => step.summary.test(l));
    const m = lines.length ? step.summary.exec(lines[lines.length - 1]) : null;
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
  }
  report.push({ name: step.name, ok: code === 0, line: `${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${secs} s` });
  if (code !== 0 && step.required) {
    console.error(`The ${step.name} step failed, so the remaining steps were skipped.`);
    break;
  }
}

console.log('\n=== summary');
for (const r of report) console.log(r.line);
const allOk = report.length === steps.length && report.every((r) => r.ok);
process.exitCode = allOk ? 0 : 1;
console.log(`${passed} passed, ${failed} failed`);
