// What EventStream needs of a connection: the events and gaps it delivers, and the wire
// filters it keeps registered, with their states. DrpConnection implements it; EventStream's
// unit tests implement it with a fake, so its logic is tested without a socket.
//
// Ownership: the connection is the only owner of wire-filter state (what is registered on
// the wire and whether the endpoint acked it). FilterRegistry maps user filters to wire
// filters and derives a user filter's state from wireState() when asked.
import type { Event } from '../emitter';
import type { Gap, ReceivedEvent, WireStateChange, WireStatus } from './connection-types';

/** Where wire states are read and their changes heard (what FilterRegistry watches). */
export interface WireStateSource {
  /** The state of a kept wire filter; undefined if the connection does not keep it. */
  wireState(wire: string): WireStatus | undefined;
  readonly onWireState: Event<WireStateChange>;
}

export interface StreamConnection extends WireStateSource {
  readonly onEvent: Event<ReceivedEvent>;
  readonly onGap: Event<Gap>;
  /** Keeps `wire` registered (now if open, and after every reconnect); false if already kept. */
  register(wire: string): boolean;
  /** Stops keeping `wire`; false if it was not kept. */
  deregister(wire: string): boolean;
}
