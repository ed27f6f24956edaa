// Credentials live only in SecretStorage, keyed by the endpoint's origin: a workspace that
// points drp.endpoint at another server finds nothing there and has to ask the user.
import * as vscode from 'vscode';
import type { Credential } from '../../core/endpoint/credentials';

const PREFIX = 'drp.credential:';

export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the origin whose credential was set or removed (also from another window). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire(e.key.slice(PREFIX.length));
    });
  }

  async get(origin: string): Promise<Credential | undefined> {
    const text = await this.secrets.get(PREFIX + origin);
    if (!text) return undefined;
    try {
      const c = JSON.parse(text) as Credential;
      if (c.kind === 'token' && typeof c.token === 'string' && c.token) return c;
      if (c.kind === 'basic' && typeof c.username === 'string' && typeof c.password === 'string') return c;
    } catch {
      // A damaged entry is treated as absent; signing in again overwrites it.
    }
    return undefined;
  }

  async set(origin: string, credential: Credential): Promise<void> {
    await this.secrets.store(PREFIX + origin, JSON.stringify(credential));
  }

  async delete(origin: string): Promise<void> {
    await this.secrets.delete(PREFIX + origin);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
