// Answers UI bridge requests (see bridge-protocol.ts): the driver calls pump() on every
// tick of its loop; requests are handled one at a time, in arrival order, because UI
// actions on one page cannot meaningfully run in parallel.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BridgeRequest, BridgeResponse, REQUEST_FILE, responseFileName } from './bridge-protocol';
import type { UiActions } from './ui-actions';

export class BridgeServer {
  private busy = false;

  constructor(
    private readonly dir: string,
    private readonly actions: UiActions,
    private readonly log: (msg: string) => void,
  ) {}

  /** Starts handling pending requests unless a previous batch is still running. */
  pump(): void {
    if (this.busy) return;
    this.busy = true;
    void this.handlePending().finally(() => {
      this.busy = false;
    });
  }

  private async handlePending(): Promise<void> {
    const names = readdirSync(this.dir).filter((n) => REQUEST_FILE.test(n)).sort();
    for (const name of names) {
      const path = join(this.dir, name);
      let req: BridgeRequest;
      try {
        req = JSON.parse(readFileSync(path, 'utf8')) as BridgeRequest;
      } catch (err) {
        // Requests are renamed into place whole, so this is a bug in the client.
        this.log(`bridge request ${name} is unreadable and was dropped: ${(err as Error).message}`);
        continue;
      } finally {
        rmSync(path, { force: true });
      }
      this.respond(await this.handle(req));
    }
  }

  private async handle(req: BridgeRequest): Promise<BridgeResponse> {
    const action = this.actions[req.request] as ((args: unknown) => Promise<unknown>) | undefined;
    if (!action) return { id: req.id, error: `the driver has no request named "${req.request}"` };
    try {
      return { id: req.id, result: await action(req.args) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Arguments are not logged: a test may be typing a credential into a quick input.
      this.log(`bridge ${req.request} failed: ${message.split('\n')[0]}`);
      return { id: req.id, error: message };
    }
  }

  private respond(res: BridgeResponse): void {
    const path = join(this.dir, responseFileName(res.id));
    writeFileSync(path + '.tmp', JSON.stringify(res));
    renameSync(path + '.tmp', path);
  }
}
