// The VS Code server ("REH web") shipped inside code-server, started directly rather than
// through code-server's CLI (docs/testing.md §3.1). Without --enable-smoke-test-driver: its
// workbench refuses every modal dialog ("DialogService: refused to show dialog in tests"),
// so the certificate's Trust dialog could not be answered in `npm start`, and the suite,
// which opens the same workbench, could not test that dialog.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Sandbox } from './sandbox';

/** How much of the server's output to keep for the failure report. */
const OUTPUT_TAIL_BYTES = 20_000;

export function serverMainPath(repoRoot: string): string {
  const p = join(
    repoRoot,
    '.vscode-test/code-server/node_modules/code-server/lib/vscode/out/server-main.js',
  );
  if (!existsSync(p)) {
    throw new Error(`The VS Code server is not installed (${p} is missing). Run: bash scripts/install-code-server.sh`);
  }
  return p;
}

/** A port that was free a moment ago: bind to :0, read it, release it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Our environment for a VS Code process we start, minus what an enclosing VS Code set:
 * its terminal IPC hooks and the like would make the new process talk to that instance.
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  }
  return env;
}

export interface ServerOptions {
  /**
   * A file holding the connection token the browser must present (`?tkn=` once, then a
   * cookie). Without it the server runs with --without-connection-token, which is fine for
   * a test run's short life but not for a session left open on a shared machine.
   */
  connectionTokenFile?: string;
}

export class VsCodeServer {
  private tail = '';
  private exitInfo: string | undefined;
  readonly exited: Promise<string>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer): void => {
      this.tail = (this.tail + chunk.toString()).slice(-OUTPUT_TAIL_BYTES);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = signal ? `signal ${signal}` : `code ${code}`;
        resolve(this.exitInfo);
      });
    });
  }

  static start(serverMain: string, port: number, sandbox: Sandbox, env: NodeJS.ProcessEnv, options: ServerOptions = {}): VsCodeServer {
    const args = [
      serverMain,
      '--host', '127.0.0.1',
      '--port', String(port),
      ...(options.connectionTokenFile ? ['--connection-token-file', options.connectionTokenFile] : ['--without-connection-token']),
      '--accept-server-license-terms',
      '--server-data-dir', sandbox.serverData,
      '--user-data-dir', sandbox.userData,
      '--extensions-dir', sandbox.extensions,
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--log', 'warn',
    ];
    // detached: its own process group, so killing -pid also ends the extension host,
    // a grandchild that would otherwise outlive us.
    const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    return new VsCodeServer(child);
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  output(): string {
    return this.tail;
  }

  /** Polls /version until it answers 200; rejects early if the server dies. */
  async waitUntilUp(port: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitInfo) throw new Error(`The VS Code server exited during startup (${this.exitInfo}).`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/version`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 200))]);
    }
    throw new Error(`The VS Code server did not answer on port ${port} within ${timeoutMs / 1000} s.`);
  }

  /** Ends the whole process group; safe to call twice and from an 'exit' handler. */
  kill(): void {
    // Even when the server itself has exited, its extension host may still be running
    // in the group, so the group is always signalled.
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
