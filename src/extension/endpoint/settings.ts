// The drp.* settings, read in one place so every surface sees the same typed values.
import * as vscode from 'vscode';

export type OutputFormat = 'line' | 'json';

export interface DrpSettings {
  endpoint: string;
  autoConnect: boolean;
  caFile: string;
  insecure: boolean;
  maxEvents: number;
  maxBufferMB: number;
  outputFormat: OutputFormat;
}

export const DEFAULT_ENDPOINT = 'https://127.0.0.1:8092';

export function readSettings(): DrpSettings {
  const c = vscode.workspace.getConfiguration('drp');
  return {
    endpoint: c.get<string>('endpoint', DEFAULT_ENDPOINT).trim() || DEFAULT_ENDPOINT,
    autoConnect: c.get<boolean>('autoConnect', true),
    caFile: c.get<string>('tls.caFile', '').trim(),
    insecure: c.get<boolean>('tls.insecure', false),
    maxEvents: clamp(c.get<number>('maxEvents', 20000), 100, 1_000_000),
    maxBufferMB: clamp(c.get<number>('maxBufferMB', 256), 8, 4096),
    outputFormat: c.get<string>('output.format', 'line') === 'json' ? 'json' : 'line',
  };
}

/** Fires with the names (without `drp.`) of the drp settings that changed. */
export function onDidChangeSettings(listener: (changed: (name: string) => boolean) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('drp')) listener((name) => e.affectsConfiguration(`drp.${name}`));
  });
}

/**
 * Rewrites drp.endpoint at the level where it was set (workspace folder, workspace or user),
 * so cleaning a pasted credential out of it does not leave the dirty value shadowing it.
 */
export async function rewriteEndpointSetting(value: string): Promise<void> {
  const c = vscode.workspace.getConfiguration('drp');
  const inspected = c.inspect<string>('endpoint');
  const target = inspected?.workspaceFolderValue !== undefined
    ? vscode.ConfigurationTarget.WorkspaceFolder
    : inspected?.workspaceValue !== undefined
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await c.update('endpoint', value, target);
}

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : min;
}
