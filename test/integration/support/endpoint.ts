// Shared setup for in-host tests: a simulated DRP endpoint over real TLS, started inside the
// extension host process, with the extension pointed at it (endpoint + CA file settings)
// and helpers that await the extension's own events instead of sleeping.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DrpEventInspectorApi } from '../../../src/extension/api';
import { DrpSimulator, type SimOptions } from '../../sim/simulator';
import { waitForEvent } from '../../support/wait-for-event';

export const EXTENSION_ID = 'drp-event-inspector.drp-event-inspector';
export const USER = 'rocketskates';
export const PASSWORD = 'r0cketsk8ts';

export async function extensionApi(): Promise<DrpEventInspectorApi> {
  const ext = vscode.extensions.getExtension<DrpEventInspectorApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return ext.activate();
}

export interface TestEndpoint {
  sim: DrpSimulator;
  api: DrpEventInspectorApi;
  caFile: string;
  /** Signs out, deregisters everything, clears events and stops the simulator. */
  dispose(): Promise<void>;
}

/**
 * Starts a simulator and points the extension at it, signed out and with no filters. The
 * CA file is the simulator's own self-signed certificate (its SANs include 127.0.0.1), so
 * no Trust prompt appears.
 */
export async function startEndpoint(options: SimOptions = {}): Promise<TestEndpoint> {
  const api = await extensionApi();
  const sim = await DrpSimulator.start({ mode: 'v3', ...options });
  const dir = mkdtempSync(join(tmpdir(), 'drp-ca-'));
  const caFile = join(dir, 'endpoint.crt');
  writeFileSync(caFile, sim.certPem);
  const config = vscode.workspace.getConfiguration('drp');
  await config.update('tls.caFile', caFile, vscode.ConfigurationTarget.Global);
  await config.update('endpoint', sim.url, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('drp.signOut');
  await api.deregister('*.*.*').catch(() => false);
  for (const f of api.getFilters()) await api.deregister(f.filter);
  await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
  return {
    sim, api, caFile,
    dispose: async () => {
      for (const f of api.getFilters()) await api.deregister(f.filter);
      await vscode.commands.executeCommand('drp.signOut');
      await vscode.commands.executeCommand('drp.clearEvents', { confirm: false });
      await sim.stop();
    },
  };
}

export async function signInWithPassword(password = PASSWORD): Promise<void> {
  await vscode.commands.executeCommand('drp.signIn', { username: USER, password });
}

export { waitForEvent };

/** Resolves once the connection is in `state` (at once if it already is). */
export async function waitForState(api: DrpEventInspectorApi, state: DrpEventInspectorApi['connectionState'], ms = 10_000): Promise<void> {
  if (api.connectionState === state) return;
  await waitForEvent(api.onDidChangeConnectionState, (s) => s === state, ms, `connection state ${state} (now ${api.connectionState})`);
}

/** Resolves once every registered filter is active (acknowledged by the endpoint). */
export async function waitForActiveFilters(api: DrpEventInspectorApi, ms = 10_000): Promise<void> {
  const allActive = () => api.getFilters().every((f) => f.state === 'active');
  if (allActive()) return;
  await waitForEvent(api.onDidChangeFilters, allActive, ms, `active filters (now ${JSON.stringify(api.getFilters())})`);
}

/** A simulator signed in to with a password, its stream open and `filter` acknowledged. */
export async function startStreamingEndpoint(filter: string): Promise<TestEndpoint> {
  const ep = await startEndpoint();
  await signInWithPassword();
  await waitForState(ep.api, 'open', 30_000);
  const registered = await ep.api.register(filter);
  if (!registered.ok) throw new Error(`The test endpoint refused the filter ${filter}.`);
  await waitForActiveFilters(ep.api);
  return ep;
}
