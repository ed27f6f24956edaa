// The two clients of one endpoint, the websocket (DrpConnection) and REST (DrpRestClient),
// built alike: the same TLS trust (trust-choice.ts), and the credential read from storage on
// every use, so a sign-in takes effect on the next call or attempt without a rebuild.
import type { ConnectionOptions } from '../connection/connection-types';
import type { Credential } from './credentials';
import type { NormalizedEndpoint } from './endpoint';
import { DrpRestClient } from './rest-client';
import type { TlsTrust } from './tls-trust';

/** A usable drp.endpoint: its addresses, never a credential. */
export interface Endpoint {
  origin: string;
  restBase: string;
  wsUrl: string;
  display: string;
}

/** The stored credential for an origin (CredentialStore in the extension). */
export type CredentialLookup = (origin: string) => Promise<Credential | undefined>;

/** The addresses of a normalized endpoint, leaving out the credential and notes it came with. */
export function endpointOf(normalized: Extract<NormalizedEndpoint, { ok: true }>): Endpoint {
  return { origin: normalized.origin, restBase: normalized.restBase, wsUrl: normalized.wsUrl, display: normalized.display };
}

export function connectionOptions(endpoint: Endpoint, trust: TlsTrust, credential: CredentialLookup, log: (line: string) => void): ConnectionOptions {
  return { wsUrl: endpoint.wsUrl, trust, credential: () => credential(endpoint.origin), log };
}

/** Says why there is no endpoint (`problem`: an unusable drp.endpoint) when there is none. */
export async function restClientFor(
  endpoint: Endpoint | undefined,
  problem: string | undefined,
  trustFor: (origin: string) => Promise<TlsTrust>,
  credential: CredentialLookup,
): Promise<DrpRestClient> {
  if (!endpoint) throw new Error(problem ?? 'No DRP endpoint is configured. Set drp.endpoint.');
  const trust = await trustFor(endpoint.origin);
  return new DrpRestClient({ restBase: endpoint.restBase, trust, credential: () => credential(endpoint.origin) });
}
