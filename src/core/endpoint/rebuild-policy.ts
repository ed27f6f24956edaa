// When the one connection to the endpoint is kept, started or built again, and what a state
// change says about being signed in: the decisions EndpointLink (endpoint-link.ts) and its
// ConnectionSlot (connection-slot.ts) act on.
import { createHash } from 'node:crypto';
import type { ConnectionState, StateChange } from '../connection/connection-types';
import type { Credential } from './credentials';

/** Whether a rebuild may connect: 'auto' follows drp.autoConnect. */
export type ConnectWish = 'auto' | 'yes' | 'no';

/**
 * What a connection was built with, to compare with the stored credential later: a digest,
 * so the session never keeps the secret itself.
 */
export function credentialDigest(credential: Credential | undefined): string {
  return createHash('sha256').update(JSON.stringify(credential ?? null)).digest('hex');
}

/** A freshly built connection starts only with a credential, and only when wanted. */
export function connectsAfterBuild(connect: ConnectWish, autoConnect: boolean, hasCredential: boolean): boolean {
  const wanted = connect === 'yes' || (connect === 'auto' && autoConnect);
  return wanted && hasCredential;
}

/** The connection the session holds, as far as a credential change is concerned. */
export interface BuiltConnection {
  readonly state: ConnectionState;
  /** credentialDigest of the credential it was built with. */
  readonly builtWith: string | undefined;
}

/**
 * The stored credential changed: a sign-in here or in another window. Both report the same
 * change (SecretStorage fires in every window, this one included), so a connection already
 * built with this credential is kept ('keep'), or only started ('connect') when the user
 * asked and it is not already live, rather than built twice.
 */
export function afterCredentialChange(
  current: BuiltConnection | undefined,
  stored: Credential | undefined,
  connect: 'auto' | 'yes',
): 'rebuild' | 'connect' | 'keep' {
  if (!current || credentialDigest(stored) !== current.builtWith) return 'rebuild';
  const live = current.state === 'connecting' || current.state === 'open' || current.state === 'reconnecting';
  return connect === 'yes' && !live && stored ? 'connect' : 'keep';
}

/** Signed in once a stream opens; signed out when the connection found no credential. */
export function signedInAfter(signedIn: boolean, change: StateChange): boolean {
  if (change.state === 'open') return true;
  return change.detail.reason === 'signed-out' ? false : signedIn;
}
