// A throwaway home for one in-host test run. VS Code's server, its extension host and
// Chromium all write to $HOME, XDG folders and /tmp (config, device id, sockets, crash
// reports); pointing them all into one mkdtemp folder keeps the machine clean and lets
// runs proceed in parallel. The folder sits directly under /tmp because Unix socket paths
// (the extension host's IPC sockets live under TMPDIR) are limited to 108 characters.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Sandbox {
  root: string;
  userData: string;
  extensions: string;
  serverData: string;
  workspace: string;
  bridge: string;
  home: string;
  resultsFile: string;
  /** XDG_* and TMPDIR pointing into the sandbox, for every process the run starts. */
  env: Record<string, string>;
}

/** Settings that keep the workbench quiet and offline; HARNESS_SETTINGS may add more. */
const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

export function createSandbox(extraSettings: Record<string, unknown>): Sandbox {
  const root = mkdtempSync('/tmp/drp-vsc-');
  const dir = (name: string): string => {
    const p = join(root, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const userData = dir('user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...extraSettings }, null, 2),
  );
  const resultsFile = join(root, 'results.txt');
  writeFileSync(resultsFile, '');
  return {
    root,
    userData,
    extensions: dir('extensions'),
    serverData: dir('server-data'),
    workspace: dir('workspace'),
    bridge: dir('bridge'),
    home: dir('home'),
    resultsFile,
    env: {
      XDG_CONFIG_HOME: dir('xdg-config'),
      XDG_DATA_HOME: dir('xdg-data'),
      XDG_CACHE_HOME: dir('xdg-cache'),
      TMPDIR: dir('tmp'),
    },
  };
}

export function removeSandbox(sandbox: Sandbox): void {
  rmSync(sandbox.root, { recursive: true, force: true });
}

/** Extra user settings from HARNESS_SETTINGS (a JSON object), or a sentence saying why not. */
export function settingsFromEnv(raw: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new Error(`HARNESS_SETTINGS is not valid JSON (${(err as Error).message}); set it to a JSON object.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('HARNESS_SETTINGS must be a JSON object such as {"drp.maxEvents": 100}.');
  }
  return parsed as Record<string, unknown>;
}
