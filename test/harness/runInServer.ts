// `node dist/test/runInServer.js`: runs test/integration inside a real VS Code extension
// host: the VS Code server from code-server, with its web workbench opened in headless
// Chromium by Playwright. How it works, and the switches it reads, are in docs/testing.md §3.
//
// Exit codes: 0 all passed, 1 a test failed / failed to load / no test ran, 124 overall
// timeout (HARNESS_TIMEOUT_S, default 600), 2 the harness itself failed. Last line:
// "vscode: N passed, N failed". Also callable as `vscodeExecutablePath` by
// @vscode/test-electron: --extensionDevelopmentPath= and --extensionTestsPath= are honoured,
// other flags ignored.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { BridgeServer } from './bridge-server';
import { ResultsTail } from './results-tail';
import { createSandbox, removeSandbox, Sandbox, settingsFromEnv } from './sandbox';
import { runnerExtensionFiles } from './test-runner-extension';
import { uiActions } from './ui-actions';
import { freePort, inheritedEnv, serverMainPath, VsCodeServer } from './vscode-server';
import { workbenchUrl } from './workbench-url';

const repoRoot = resolve(__dirname, '../..');
const started = Date.now();
const TICK_MS = 150;
const CHROMIUM = process.env.HARNESS_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', // required as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
// Workbench errors that are expected offline and say nothing about the tests: files the
// server does not ship (vsda, favicons), the service worker's script, update checks, and
// the key for sealing secrets into the browser's storage (code-server's CLI serves
// /mint-key, server-main does not; the secrets stay in memory for the page's life).
const LOG_NOISE = [
  /vsda/, /service-?worker/i, /ENOTFOUND/, /open-vsx/, /favicon/, /\/update\/check/,
  /bad HTTP response code \(404\) was received when fetching the script/, /mint-key/, /Method Not Allowed[\s\S]*\.seal/,
];

function log(msg: string): void {
  console.log(`[harness +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
}

/** The harness itself failed (exit 2), as opposed to a test. */
class HarnessError extends Error {}

interface Options {
  devPaths: string[];
  testsPath: string;
  timeoutMs: number;
}

function parseOptions(argv: string[]): Options {
  const devPaths: string[] = [];
  let testsPath: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => inline ?? argv[++i];
    if (flag === '--extensionDevelopmentPath') devPaths.push(resolve(value()));
    else if (flag === '--extensionTestsPath') testsPath = resolve(value());
    // Anything else (Electron flags from test-electron) does not apply to a browser.
  }
  const timeoutS = Number(process.env.HARNESS_TIMEOUT_S ?? 600);
  if (!(timeoutS > 0)) throw new HarnessError('HARNESS_TIMEOUT_S must be a positive number of seconds.');
  return {
    devPaths: devPaths.length ? devPaths : [repoRoot],
    testsPath: testsPath ?? join(repoRoot, 'dist/test/integration/index.js'),
    timeoutMs: timeoutS * 1000,
  };
}

/** Where the test runner extension writes the suite's exit code. */
function exitFile(sandbox: Sandbox): string {
  return join(sandbox.root, 'exit-code');
}

/**
 * The extension that runs the tests (test-runner-extension.ts), installed into the sandbox's
 * extensions folder: a manifest and an entry point that loads the built runner from this
 * checkout. Installed, not a second extensionDevelopmentPath: the web workbench keeps its
 * payload in a Map, so of two extensionDevelopmentPath entries only the last one loads.
 */
function installRunnerExtension(sandbox: Sandbox): void {
  const dir = join(sandbox.extensions, 'drp-event-inspector.drp-test-runner-0.0.0');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(runnerExtensionFiles(join(__dirname, 'test-runner-extension.js')))) {
    writeFileSync(join(dir, name), text);
  }
}

/** The extension-host environment: ours (every HARNESS_* and DRP_* included) plus the sandbox. */
function serverEnv(sandbox: Sandbox, testsPath: string): NodeJS.ProcessEnv {
  return {
    ...inheritedEnv(),
    ...sandbox.env,
    HARNESS_RESULTS_FILE: sandbox.resultsFile,
    HARNESS_BRIDGE_DIR: sandbox.bridge,
    HARNESS_TESTS_PATH: testsPath,
    HARNESS_EXIT_FILE: exitFile(sandbox),
    EXTENSIONS_GALLERY: '{}', // no marketplace: offline, and it only adds noise
  };
}

/** Everything started by this run, torn down once whatever way the run ends. */
class Run {
  sandbox: Sandbox | undefined;
  server: VsCodeServer | undefined;
  browser: Browser | undefined;
  /** Set when a signal stops the run; its exit code wins over errors the teardown causes. */
  interruptedCode: number | undefined;
  private cleaned = false;

  /** Synchronous part: safe inside process.on('exit'). */
  killSync(): void {
    this.server?.kill();
    if (this.sandbox && !process.env.HARNESS_KEEP) removeSandbox(this.sandbox);
  }

  async cleanup(): Promise<void> {
    if (this.cleaned) return;
    this.cleaned = true;
    const browser = this.browser;
    if (browser) await Promise.race([browser.close().catch(() => undefined), delay(5000)]);
    this.killSync();
    if (this.sandbox && process.env.HARNESS_KEEP) log(`kept sandbox ${this.sandbox.root}`);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function execute(run: Run, opts: Options): Promise<number> {
  const serverMain = serverMainPath(repoRoot);
  if (!existsSync(opts.testsPath)) {
    console.error(`The test module ${opts.testsPath} does not exist. Build first: node scripts/build.mjs`);
    return finish(run, 1);
  }
  const sandbox = (run.sandbox = createSandbox(settingsFromEnv(process.env.HARNESS_SETTINGS)));
  installRunnerExtension(sandbox);
  const port = await freePort();
  const server = (run.server = VsCodeServer.start(serverMain, port, sandbox, serverEnv(sandbox, opts.testsPath)));
  await server.waitUntilUp(port, 60_000);
  log(`vscode server up on 127.0.0.1:${port}`);

  const browser = (run.browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...sandbox.env, HOME: sandbox.home },
    // Our own handlers clean up the server and sandbox too.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  }));
  // The clipboard as a user who allowed it: Copy Event as JSON writes it, tests read it back.
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page.setDefaultTimeout(10_000);

  let pageCrashed = false;
  const verbose = Boolean(process.env.HARNESS_VERBOSE);
  page.on('console', (msg) => {
    const text = msg.text();
    // A failed load names its file only in the location (vsda, the service worker).
    const where = `${text} ${msg.location().url}`;
    if (verbose || (msg.type() === 'error' && !LOG_NOISE.some((re) => re.test(where)))) {
      console.log(`[vscode ${msg.type()}] ${text}`);
    }
  });
  page.on('crash', () => {
    pageCrashed = true;
  });

  const screenshotDir = join(repoRoot, 'test-results');
  const bridge = new BridgeServer(sandbox.bridge, uiActions(page, screenshotDir, log), log);
  const results = new ResultsTail(sandbox.resultsFile, (line) => console.log(line));

  log('opening workbench');
  // An ordinary development workbench, with the installed runner extension, not the
  // extensionTestsPath payload: that payload's test mode refuses every modal dialog.
  // The workbench's load event can take well over the 10 s action timeout on a busy machine.
  await page.goto(workbenchUrl({ port, folder: sandbox.workspace, devPaths: opts.devPaths }), { timeout: 120_000 });

  const deadline = Date.now() + opts.timeoutMs;
  let code: number | undefined;
  while (code === undefined) {
    results.flush();
    bridge.pump();
    if (existsSync(exitFile(sandbox))) {
      const exit = readFileSync(exitFile(sandbox), 'utf8').trim();
      code = exit === '0' ? 0 : 1;
      log(`the tests ended with code ${exit}`);
    } else if (server.hasExited) {
      throw new HarnessError('The VS Code server exited before the tests finished.');
    } else if (pageCrashed) {
      throw new HarnessError('The workbench page crashed before the tests finished.');
    } else if (Date.now() > deadline) {
      log(`timed out after ${opts.timeoutMs / 1000} s (HARNESS_TIMEOUT_S)`);
      await uiActions(page, screenshotDir, log).screenshot({ name: 'timeout' }).catch(() => undefined);
      code = 124;
    } else {
      await Promise.race([delay(TICK_MS), server.exited]);
    }
  }
  results.flush(true);

  if (code === 0 && !results.summary) {
    console.error('The test run ended without a summary line: it ran no test.');
    code = 1;
  }
  if (code !== 0) printServerOutput(server);
  return finish(run, code, results);
}

function printServerOutput(server: VsCodeServer | undefined): void {
  const out = server?.output().trim();
  if (out) console.log(`--- last output of the VS Code server ---\n${out}\n--- end of server output ---`);
}

async function finish(run: Run, code: number, results?: ResultsTail): Promise<number> {
  await run.cleanup();
  const s = results?.summary;
  console.log(`vscode: ${s?.passed ?? 0} passed, ${s?.failed ?? 0} failed`);
  return code;
}

async function main(): Promise<void> {
  const run = new Run();
  process.on('exit', () => run.killSync());
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      run.interruptedCode = code;
      void run.cleanup().finally(() => process.exit(code));
    });
  }
  let code: number;
  try {
    code = await execute(run, parseOptions(process.argv.slice(2)));
  } catch (err) {
    // Closing the browser on a signal makes pending Playwright calls throw; that is not news.
    if (run.interruptedCode !== undefined) return;
    const verbose = Boolean(process.env.HARNESS_VERBOSE);
    console.error(err instanceof Error ? (verbose ? err.stack : err.message) : String(err));
    printServerOutput(run.server);
    code = await finish(run, 2);
  }
  if (run.interruptedCode === undefined) process.exit(code);
}

void main();
