// Pairs sent `register`/`deregister` commands with the server's acks. Every valid command
// gets exactly one ack, a `websocket` event whose Key is the filter as received, and acks
// share one ordered queue with events (DRP-PROTOCOL.md §3 and appendix (e)); a malformed
// command gets no reply at all, so each command carries a timeout. A command whose ack is
// late stays queued, so a late ack still counts.

export type CommandAction = 'register' | 'deregister';

export interface PendingCommand {
  action: CommandAction;
  filter: string;
  sentAt: number;
  timedOut: boolean;
}

export class AckQueue {
  private readonly pending: Array<PendingCommand & { timer: ReturnType<typeof setTimeout> }> = [];

  constructor(
    private readonly timeoutMs: number,
    private readonly onTimeout: (command: PendingCommand) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(action: CommandAction, filter: string): void {
    const entry = {
      action,
      filter,
      sentAt: this.now(),
      timedOut: false,
      timer: setTimeout(() => {
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
    clearTimeout(entry!.timer);
    return entry;
  }

  /** Forget everything (the socket is gone; its acks will never come). */
  clear(): void {
    for (const p of this.pending) clearTimeout(p.timer);
    this.pending.length = 0;
  }

  get size(): number {
    return this.pending.length;
  }
}
