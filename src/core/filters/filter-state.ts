// The registration state of a filter, for wire filters (as the connection keeps them) and
// for user filters (derived from their wire filters by FilterRegistry), the one definition
// the connection, the registry, the Filters tree and the extension API share.
//   pending  wanted, but not yet acked on the current socket (or there is no open socket)
//   active   acked by the endpoint
//   failed   the ack did not come in time (a message says so)
export type FilterState = 'pending' | 'active' | 'failed';
