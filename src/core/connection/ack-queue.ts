// Pairs sent `register`/`deregister` commands with the server's acks. Every valid command
// gets exactly one ack, a `websocket` event whose Key is the filter as received, and acks
// share one ordered queue with events (docs/protocol.md §3.2); a malformed command gets no
// reply at all (§3.3), so each command carries a timeout. A command whose ack is late stays
// queued, so a late ack still counts.

import { systemClock, type Clock, type Timer } from '../clock';

export type CommandAction = 'register' | 'deregister';

export interface PendingCommand {
  action: CommandAction;
  filter: string;
  sentAt: number;
  timedOut: boolean;
}

export class AckQueue {
  private readonly pending: Array<PendingCommand & { timer: Timer }> = [];

  constructor(
    private readonly timeoutMs: number,
    private readonly onTimeout: (command: PendingCommand) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  push(action: CommandAction, filter: string): void {
    const entry = {
      action,
      filter,
      sentAt: this.clock.now(),
      timedOut: false,
      timer: this.clock.setTimeout(() => {
        entry.timedOut = true;
        this.onTimeout(entry);
      }, this.timeoutMs),
    };
    this.pending.push(entry);
  }

  /**
   * The oldest command this ack answers, removed from the queue; undefined for an ack we did
   * not ask for. Oldest first because the server answers in order.
   */
  take(action: CommandAction, filter: string): PendingCommand | undefined {
    const i = this.pending.findIndex((p) => p.action === action && p.filter === filter);
    if (i < 0) return undefined;
    const [entry] = this.pending.splice(i, 1);
    this.clock.clearTimeout(entry!.timer);
    return entry;
  }

  /** Forget everything (the socket is gone; its acks will never come). */
  clear(): void {
    for (const p of this.pending) this.clock.clearTimeout(p.timer);
    this.pending.length = 0;
  }

  get size(): number {
    return this.pending.length;
  }
}
