// The composition root: builds every part of the extension and ties their lifetimes to the
// extension context. Filled in by the extension issue; this stub lets the harness prove
// activation works.
import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Parts are wired here as they land.
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
