// One websocket client of the simulated endpoint, behaving like a melody v1 session with
// DRP's defaults (docs/protocol.md §3 and §6): commands are `register`/`deregister`, each
// acked through the same ordered outbound queue as events; a ping every 54 s and a read
// deadline of 60 s that only pongs extend; a queue of 256 frames past which events are
// silently dropped; and a write that cannot complete within 10 s ends the session without a
// close frame.

import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { ackEvent, encodeEvent } from './event-frame';

export interface SessionLimits {
  pingIntervalMs: number;
  pongTimeoutMs: number;
  queueLimit: number;
  writeTimeoutMs: number;
}

export interface SessionHooks {
  /** Every frame the client sent, before it is interpreted (binary frames included). */
  frame(session: SimSession, text: string, binary: boolean): void;
  closed(session: SimSession): void;
}

export class SimSession {
  /** Registered filters in registration order, deduplicated, as the server keeps them. */
  readonly filters: string[] = [];
  /** Events dropped because the outbound queue was full. */
  dropped = 0;
  closed = false;
  readonly connectedAt = Date.now();

  private readonly queue: Array<string | Buffer> = [];
  private stalled = false;
  private waitingForDrain = false;
  private pingTimer: NodeJS.Timeout | undefined;
  private readDeadline: NodeJS.Timeout | undefined;
  private writeDeadline: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    /** The authenticated user name; never the credential. */
    readonly user: string,
    readonly scheme: 'basic' | 'bearer',
    private readonly ws: WebSocket,
    private readonly limits: SessionLimits,
    private readonly hooks: SessionHooks,
  ) {
    ws.on('message', (data, isBinary) => this.onMessage(toBuffer(data), isBinary));
    ws.on('pong', () => this.armReadDeadline());
    // Protocol errors (e.g. a frame over maxPayload → 1009) are handled by ws itself; an
    // unhandled 'error' would only crash the simulator.
    ws.on('error', () => undefined);
    ws.on('close', () => this.onClose());
    this.startKeepalive();
  }

  /** Frames waiting to be written. */
  get queued(): number {
    return this.queue.length;
  }

  /** Queues a frame; false when the queue was full and the frame was dropped, as melody does. */
  enqueue(frame: string | Buffer): boolean {
    if (this.closed) return false;
    if (this.queue.length >= this.limits.queueLimit) {
      this.dropped += 1;
      return false;
    }
    this.queue.push(frame);
    this.pump();
    return true;
  }

  /** Stops (or resumes) reading, writing and pinging: the client sees a silent stream. */
  setStalled(on: boolean): void {
    if (this.closed || on === this.stalled) return;
    this.stalled = on;
    if (on) {
      this.ws.pause();
      this.stopKeepalive();
    } else {
      this.ws.resume();
      this.startKeepalive();
      this.pump();
    }
  }

  /** Ends the session without a close frame; the client sees 1006. */
  terminate(): void {
    this.ws.terminate();
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    const text = data.toString('utf8');
    this.hooks.frame(this, text, isBinary);
    // melody registers no binary handler, so binary frames do nothing.
    if (isBinary) return;
    const trimmed = text.trim();
    const space = trimmed.indexOf(' ');
    if (space < 0) return;
    const verb = trimmed.slice(0, space);
    const filter = trimmed.slice(space + 1);
    if (verb === 'register') {
      if (!this.filters.includes(filter)) this.filters.push(filter);
    } else if (verb === 'deregister') {
      for (let i = this.filters.length - 1; i >= 0; i--) if (this.filters[i] === filter) this.filters.splice(i, 1);
    } else {
      return;
    }
    this.enqueue(encodeEvent(ackEvent(verb, filter)));
  }

  private pump(): void {
    const socket = this.socket();
    while (!this.stalled && !this.closed && !this.waitingForDrain && this.queue.length > 0) {
      const frame = this.queue.shift() as string | Buffer;
      this.ws.send(frame, { binary: Buffer.isBuffer(frame) });
      if (socket?.writableNeedDrain) this.waitForDrain(socket);
    }
  }

  /** The client stopped reading: wait for the kernel to take more, but only writeTimeoutMs. */
  private waitForDrain(socket: Socket): void {
    this.waitingForDrain = true;
    this.writeDeadline = setTimeout(() => this.terminate(), this.limits.writeTimeoutMs);
    socket.once('drain', () => {
      clearTimeout(this.writeDeadline);
      this.waitingForDrain = false;
      this.pump();
    });
  }

  private startKeepalive(): void {
    this.pingTimer = setInterval(() => this.ws.ping(), this.limits.pingIntervalMs);
    this.armReadDeadline();
  }

  private stopKeepalive(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.readDeadline);
  }

  /** The read deadline runs from connection and is pushed back only by a pong, never by data. */
  private armReadDeadline(): void {
    if (this.stalled || this.closed) return;
    clearTimeout(this.readDeadline);
    this.readDeadline = setTimeout(() => this.terminate(), this.limits.pongTimeoutMs);
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopKeepalive();
    clearTimeout(this.writeDeadline);
    this.queue.length = 0;
    this.hooks.closed(this);
  }

  /** ws keeps the TCP/TLS socket private; its drain state is the only honest backpressure signal. */
  private socket(): Socket | undefined {
    return (this.ws as unknown as { _socket?: Socket })._socket;
  }
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
