// What `npm start` and `npm test` need beyond `npm ci`, installed when missing, so the
// README's two commands work on a fresh Debian machine:
//   - openssl: the simulator makes its self-signed certificate with it (both);
//   - the VS Code server in .vscode-test/ (scripts/install-code-server.sh), whose native
//     modules need the krb5 headers (libkrb5-dev) to build, and ripgrep for text search;
//   - chromium: the headless browser that drives the workbench (`npm test` only; `npm start`
//     prints a URL for the user's own browser).
// As root with apt-get (CI, a fresh container) the Debian packages are installed; otherwise
// the exact command is printed and the exit code is 1, because sudo would stop for a password.
//
// CLI: node scripts/ensure-prereqs.mjs test|server|desktop
//   test     everything above;
//   server   npm start through the VS Code server: no Chromium;
//   desktop  npm start with a desktop `code` on PATH: only openssl.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const CHROMIUM = process.env.HARNESS_CHROMIUM ?? '/usr/bin/chromium';
const KRB5_HEADER = '/usr/include/gssapi/gssapi.h';
const SERVER_MAIN = join(root, '.vscode-test/code-server/node_modules/code-server/lib/vscode/out/server-main.js');

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/** The Debian packages `purpose` still needs, each with why. */
export function missingPackages(purpose) {
  const missing = [];
  if (!onPath('openssl')) missing.push(['openssl', 'the simulator makes its TLS certificate with it']);
  const serverNeeded = purpose !== 'desktop' && !existsSync(SERVER_MAIN);
  // The headers only matter while the server's native modules are being built.
  if (serverNeeded && !existsSync(KRB5_HEADER)) missing.push(['libkrb5-dev', 'the VS Code server\'s kerberos module is built against it']);
  if (purpose === 'test' && !existsSync(CHROMIUM)) missing.push(['chromium', 'the in-host tests drive the workbench in headless Chromium']);
  return missing;
}

/** Installs what `purpose` needs; returns a process exit code (0 when ready). */
export function ensurePrereqs(purpose) {
  if (!['test', 'server', 'desktop'].includes(purpose)) {
    console.error(`ensure-prereqs: unknown purpose "${purpose}"; use test, server or desktop.`);
    return 2;
  }
  const missing = missingPackages(purpose);
  if (missing.length > 0) {
    // One list for both commands, so installing for one also readies the other; Chromium
    // is left out for start, which does not use it.
    const packages = purpose === 'test' ? ['chromium', 'libkrb5-dev', 'ripgrep', 'openssl'] : ['libkrb5-dev', 'ripgrep', 'openssl'];
    console.log('Missing system packages:');
    for (const [name, why] of missing) console.log(`  ${name}: ${why}`);
    const canInstall = process.getuid?.() === 0 && onPath('apt-get');
    if (!canInstall) {
      console.error(
        `Install them, then run this command again:\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
      );
      return 1;
    }
    console.log(`Installing with apt-get (running as root): ${packages.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', ...packages]]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (r.status !== 0) {
        console.error(`apt-get ${args[0]} failed (exit ${r.status ?? r.signal}). Fix the error above, then run this command again.`);
        return 1;
      }
    }
    const still = missingPackages(purpose);
    if (still.length > 0) {
      console.error(`Still missing after apt-get: ${still.map(([name]) => name).join(', ')}. Install them by hand, then run this command again.`);
      return 1;
    }
  }
  if (purpose !== 'desktop' && !existsSync(SERVER_MAIN)) {
    console.log('The VS Code server is not installed yet: installing it into .vscode-test/ (about 2 minutes, once).');
    const r = spawnSync('bash', [join(root, 'scripts/install-code-server.sh')], { stdio: 'inherit', cwd: root });
    if (r.status !== 0 || !existsSync(SERVER_MAIN)) {
      console.error('Installing the VS Code server failed (see above). Fix the error, then run: bash scripts/install-code-server.sh');
      return 1;
    }
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = ensurePrereqs(process.argv[2] ?? 'test');
}
