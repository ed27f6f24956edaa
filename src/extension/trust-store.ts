// Certificate fingerprints the user chose to trust, one per endpoint origin. DRP endpoints
// ship self-signed certificates, so "trust what you saw the first time" is the usual path.
// A fingerprint is not a secret, so it lives in globalState (per machine, all workspaces).
import * as vscode from 'vscode';
import { normalizeFingerprint } from '../core/tls-trust';

const KEY = 'drp.trustedFingerprints';

export class TrustStore {
  constructor(private readonly state: vscode.Memento) {}

  get(origin: string): string | undefined {
    return this.all()[origin];
  }

  async trust(origin: string, fingerprint256: string): Promise<void> {
    await this.state.update(KEY, { ...this.all(), [origin]: normalizeFingerprint(fingerprint256) });
  }

  async forget(origin: string): Promise<void> {
    const { [origin]: _gone, ...rest } = this.all();
    await this.state.update(KEY, rest);
  }

  private all(): Record<string, string> {
    return this.state.get<Record<string, string>>(KEY, {});
  }
}
