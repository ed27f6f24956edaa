// A StreamConnection without a socket, for EventStream's and FilterRegistry's unit tests. It
// keeps wire filters the way DrpConnection does (register → pending on an open socket, unsent
// after drop(); an ack → active; an ack timeout → failed with a sentence; a drop → every kept
// one unsent; a reconnect → every kept one pending again) and lets the
// test play the endpoint: ack, fail, deliver events and gaps. `commands` lists what a real
// connection would have been asked to register and deregister.
import type { Gap, ReceivedEvent, WireStateChange, WireStatus } from '../../../src/core/connection/connection-types';
import type { StreamConnection } from '../../../src/core/connection/stream-connection';
import { Emitter } from '../../../src/core/emitter';
import type { FilterState } from '../../../src/core/filters/filter-state';
import { readEventHeader } from '../../../src/core/events/event';

export class FakeStreamConnection implements StreamConnection {
  private readonly wires = new Map<string, WireStatus>();
  private readonly eventEmitter = new Emitter<ReceivedEvent>();
  private readonly gapEmitter = new Emitter<Gap>();
  private readonly wireEmitter = new Emitter<WireStateChange>();
  readonly onEvent = this.eventEmitter.event;
  readonly onGap = this.gapEmitter.event;
  readonly onWireState = this.wireEmitter.event;
  /** `register x` / `deregister x`, in call order, for calls that changed what is kept. */
  readonly commands: string[] = [];
  /** Whether the socket is open; starts open, drop() closes it and reconnect() reopens it. */
  private isOpen = true;

  wireState(wire: string): WireStatus | undefined {
    return this.wires.get(wire);
  }

  register(wire: string): boolean {
    const state = this.wires.get(wire)?.state;
    if (state === 'active' || state === 'pending') return false;
    this.commands.push(`register ${wire}`);
    this.set(wire, this.isOpen ? 'pending' : 'unsent');
    return true;
  }

  deregister(wire: string): boolean {
    if (!this.wires.delete(wire)) return false;
    this.commands.push(`deregister ${wire}`);
    return true;
  }

  /** The endpoint acked `wire`. */
  ack(wire: string): void {
    this.set(wire, 'active');
  }

  /** Acks every kept wire filter. */
  ackAll(): void {
    for (const wire of [...this.wires.keys()]) this.ack(wire);
  }

  /** The ack for `wire` timed out. */
  fail(wire: string, message = `The endpoint did not acknowledge ‘register ${wire}’ within 10 s.`): void {
    this.set(wire, 'failed', message);
  }

  /** The socket closed: every kept wire filter is unsent until it reopens. */
  drop(): void {
    this.isOpen = false;
    for (const wire of [...this.wires.keys()]) this.set(wire, 'unsent');
  }

  /** A reconnect: every kept wire filter is sent again, pending until acked. */
  reconnect(): void {
    this.isOpen = true;
    for (const wire of [...this.wires.keys()]) this.set(wire, 'pending');
  }

  /**
   * Sets a wire filter's state and fires the change, as DrpConnection's setWire does (no
   * event when the state is the same and there is no message). Works for any wire filter,
   * so a test can play a late ack for one nobody needs.
   */
  set(wire: string, state: FilterState, message?: string): void {
    const previous = this.wires.get(wire);
    if (previous?.state === state && message === undefined) return;
    const status: WireStatus = { state, ...(message !== undefined ? { message } : {}) };
    this.wires.set(wire, status);
    this.wireEmitter.fire({ wire, ...status, ...(previous ? { previous } : {}) });
  }

  /** Delivers one event frame, built from the header fields given. */
  publish(e: { Type: string; Action: string; Key: string; Object?: unknown }, receivedAt = 0): void {
    const raw = JSON.stringify({ Time: '2026-11-28T03:52:16.862847807Z', Principal: 'user:a', Object: {}, Original: null, ...e });
    const read = readEventHeader(raw);
    if (!read.ok) throw new Error(read.reason);
    this.eventEmitter.fire({ raw, header: read.header, receivedAt });
  }

  gap(g: Gap): void {
    this.gapEmitter.fire(g);
  }

  /** Whether anything still listens (a detached stream must have unsubscribed). */
  get hasListeners(): boolean {
    return this.eventEmitter.hasListeners || this.gapEmitter.hasListeners || this.wireEmitter.hasListeners;
  }
}
