// The user's filters, remembered per endpoint origin so each endpoint gets its own set back
// on the next connect (and in the next VS Code session).
import * as vscode from 'vscode';

const KEY = 'drp.filters';

export class FilterStore {
  constructor(private readonly state: vscode.Memento) {}

  get(origin: string): string[] {
    const list = this.state.get<Record<string, string[]>>(KEY, {})[origin];
    return Array.isArray(list) ? list.filter((f) => typeof f === 'string') : [];
  }

  async set(origin: string, filters: readonly string[]): Promise<void> {
    const all = this.state.get<Record<string, string[]>>(KEY, {});
    await this.state.update(KEY, { ...all, [origin]: [...filters] });
  }
}
