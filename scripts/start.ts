// `npm start` (build, then `node dist/scripts/start.js [--browser] [--port N] [--rate N]`):
// the extension running against a simulated DRP endpoint, already signed in, for a newcomer
// to try. It starts the simulator (test/sim) with background traffic, writes its self-signed
// certificate to a file the sandbox's user settings trust (drp.tls.caFile), and then
//   - with a desktop `code` on PATH: opens it on a throwaway user-data folder with the
//     extension in development mode;
//   - otherwise (a server, a container, CI): starts the VS Code server the in-host tests use
//     and prints the workbench URL for the user's own browser.
// The credential reaches the extension through DRP_DEV_SIGN_IN
// (src/extension/endpoint/dev-sign-in.ts), never through a settings file. Ctrl-C stops everything and removes the sandbox.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { createSandbox, removeSandbox, type Sandbox } from '../test/harness/sandbox';
import { freePort, inheritedEnv, serverMainPath, VsCodeServer } from '../test/harness/vscode-server';
import { workbenchUrl } from '../test/harness/workbench-url';
import { DEFAULT_USER } from '../test/sim/auth';
import { DrpSimulator } from '../test/sim/simulator';

const repoRoot = resolve(__dirname, '../..');
/** dr-provision's own port, so the default drp.endpoint would find it too. */
const SIM_PORT = 8092;
/** The VS Code server's port when free: one above DRP's, easy to remember and to forward. */
const SERVER_PORT = 8093;

interface Options {
  browser: boolean;
  port: number;
  rate: number;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { browser: false, port: SERVER_PORT, rate: 8 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const number = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number.`);
      return n;
    };
    if (flag === '--browser') opts.browser = true;
    else if (flag === '--port') opts.port = number();
    else if (flag === '--rate') opts.rate = number();
    else throw new Error(`Unknown option ${flag}. Options: --browser (use the VS Code server even if desktop VS Code is installed), --port N (its port), --rate N (simulated events per second).`);
  }
  return opts;
}

/** A desktop VS Code's CLI on PATH; not the remote CLI of a VS Code terminal, which opens nothing here. */
function desktopCode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, 'code');
    if (dir && existsSync(p) && !/remote-cli|code-server/.test(p)) return p;
  }
  return undefined;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

async function portOrFree(preferred: number): Promise<number> {
  return preferred > 0 && (await portIsFree(preferred)) ? preferred : freePort();
}

/** Installs what is missing (the VS Code server, openssl), or explains and exits. */
function ensurePrereqs(purpose: 'server' | 'desktop'): void {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/ensure-prereqs.mjs'), purpose], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Everything this run started, stopped once however the run ends. */
class Session {
  sim: DrpSimulator | undefined;
  sandbox: Sandbox | undefined;
  server: VsCodeServer | undefined;
  code: ChildProcess | undefined;
  /** Where the VS Code server listened, for the goodbye line. */
  serverAddress: string | undefined;
  private stopped = false;

  /** Synchronous part, safe inside process.on('exit'). */
  killSync(): void {
    this.server?.kill();
    if (this.code && this.code.exitCode === null) this.code.kill();
    if (this.sandbox) removeSandbox(this.sandbox);
  }

  async stop(code: number): Promise<never> {
    if (!this.stopped) {
      this.stopped = true;
      console.log('\nStopping…');
      this.killSync();
      await this.sim?.stop().catch(() => undefined);
      console.log(this.goodbye());
    }
    process.exit(code);
  }

  /** One line saying what was stopped and removed, so Ctrl-C never ends in silence. */
  private goodbye(): string {
    const stopped = [
      this.sim ? `the simulator (${this.sim.url})` : undefined,
      this.serverAddress ? `the VS Code server (${this.serverAddress})` : undefined,
      this.code ? 'the VS Code window' : undefined,
    ].filter((s) => s !== undefined);
    const what = stopped.length > 0 ? `Stopped ${stopped.join(' and ')}` : 'Nothing was running yet';
    return this.sandbox ? `${what}; removed ${this.sandbox.root} (its settings and secret storage).` : `${what}.`;
  }
}

async function main(session: Session): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const code = opts.browser ? undefined : desktopCode();
  ensurePrereqs(code ? 'desktop' : 'server');

  const sim = (session.sim = await DrpSimulator.start({
    port: await portOrFree(SIM_PORT),
    mode: 'v3',
    log: (line) => console.log(`[sim] ${line}`),
  }));
  sim.startTraffic({ rate: opts.rate, machines: 3, objectSize: 'small' });

  const sandbox = (session.sandbox = createSandbox({}));
  const caFile = join(sandbox.root, 'drp-simulator.pem');
  writeFileSync(caFile, sim.certPem);
  // Only the address and the certificate go in settings; the password goes to SecretStorage.
  addUserSettings(sandbox, {
    'drp.endpoint': sim.url,
    'drp.tls.caFile': caFile,
  });
  const signIn = JSON.stringify({ origin: sim.url, username: DEFAULT_USER.name, password: DEFAULT_USER.password });

  const about = [
    `  Simulator:    ${sim.url}  (DRP v3, ${opts.rate} events/s from 3 machines walking discover-base)`,
    `  Signed in:    as ${DEFAULT_USER.name}, the simulator's default user (kept in VS Code's secret storage, not in settings)`,
    `  Certificate:  ${caFile}  (self-signed; trusted through drp.tls.caFile)`,
    `  Try:          the DRP view in the activity bar → Register Filter → machines.*.*`,
  ];

  if (code) {
    session.code = spawn(code, [
      `--extensionDevelopmentPath=${repoRoot}`,
      '--user-data-dir', sandbox.userData,
      '--extensions-dir', sandbox.extensions,
      '--new-window', '--wait',
      sandbox.workspace,
    ], { stdio: 'inherit', env: { ...inheritedEnv(), DRP_DEV_SIGN_IN: signIn } });
    session.code.once('error', (err) => {
      console.error(`Could not start ${code} (${err.message}). Run npm start -- --browser to use the VS Code server instead.`);
      void session.stop(1);
    });
    session.code.once('exit', () => void session.stop(0));
    console.log(['', 'DRP Event Inspector is open in VS Code (a new window, with its own throwaway settings).', ...about, '', 'Close that window or press Ctrl-C here to stop.', ''].join('\n'));
    return;
  }

  const port = await portOrFree(opts.port);
  // A token, so that another user of this machine cannot open the session (the server
  // runs terminals and tasks). It is read from a private file, not from the command line.
  const token = randomBytes(24).toString('hex');
  const tokenFile = join(sandbox.root, 'connection-token');
  writeFileSync(tokenFile, token, { mode: 0o600 });
  session.serverAddress = `127.0.0.1:${port}`;
  const server = (session.server = VsCodeServer.start(serverMainPath(repoRoot), port, sandbox, {
    ...inheritedEnv(),
    ...sandbox.env,
    EXTENSIONS_GALLERY: '{}', // no marketplace: it is unreachable offline and only adds noise
    DRP_DEV_SIGN_IN: signIn,
  }, { connectionTokenFile: tokenFile }));
  await server.waitUntilUp(port, 60_000);
  void server.exited.then((how) => {
    console.error(`The VS Code server stopped (${how}).\n--- its last output ---\n${server.output().trim()}\n---`);
    void session.stop(1);
  });

  const url = workbenchUrl({ port, folder: sandbox.workspace, devPaths: [repoRoot], connectionToken: token });
  console.log([
    '',
    'DRP Event Inspector is running in a VS Code server, against a simulated DRP endpoint.',
    '',
    'Open this URL in a browser on this machine (Chromium is not needed here; any browser works):',
    '',
    `  ${url}`,
    '',
    ...about,
    `  VS Code:      the server listens on 127.0.0.1:${port} only; from another machine, first run`,
    `                ssh -L ${port}:127.0.0.1:${port} <this host>`,
    '',
    'Press Ctrl-C to stop the simulator and the VS Code server and remove the sandbox.',
    '',
  ].join('\n'));
}

/** Adds to the user settings createSandbox wrote. */
function addUserSettings(sandbox: Sandbox, settings: Record<string, unknown>): void {
  const file = join(sandbox.userData, 'User', 'settings.json');
  const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

const session = new Session();
process.on('exit', () => session.killSync());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void session.stop(0));
main(session).catch((err: Error) => {
  console.error(`npm start failed: ${err.message}`);
  void session.stop(1);
});
