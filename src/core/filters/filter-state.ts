// The registration state of a filter, for wire filters (as the connection keeps them) and
// for user filters (derived from their wire filters by FilterRegistry), the one definition
// the connection, the registry, the Filters tree and the extension API share.
//   unsent   wanted, but not sent: there is no open socket (signed out, not connected,
//            the certificate refused, reconnecting). Nothing is awaited from the endpoint.
//   pending  sent on the open socket; its ack is awaited
//   active   acked by the endpoint
//   failed   the ack did not come in time (a message says so)
// Why unsent is apart from pending: the Filters tree spins only while an ack is really
// awaited; a filter that was never sent says why instead (filter-state-words.ts).
export type FilterState = 'unsent' | 'pending' | 'active' | 'failed';
