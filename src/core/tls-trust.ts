// How the extension decides to trust a DRP endpoint's certificate, enforced at the socket.
// DRP ships self-signed certificates (DRP-PROTOCOL.md §1), so besides the system CAs a user
// can name a CA file, pin the exact certificate by its SHA-256 fingerprint, or (warned)
// skip verification. The invariant that matters for security: NOTHING is written to the
// socket — no HTTP request line, no Authorization header — until the certificate has been
// checked. `createVerifiedConnection` achieves it by handing the socket to Node's HTTP client
// (https.request / ws) only after 'secureConnect' and our own decision; until then the
// ClientRequest buffers its headers.
import { X509Certificate } from 'node:crypto';
import * as https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';

export type TlsTrust =
  | { mode: 'system' }
  | { mode: 'ca'; caPem: string | Buffer }
  | { mode: 'pinned'; fingerprint256: string }
  | { mode: 'insecure' };

export type TlsTrustErrorCode =
  | 'untrusted' // self-signed or unknown issuer
  | 'fingerprint-mismatch'
  | 'hostname'
  | 'expired'
  | 'not-yet-valid'
  | 'no-certificate';

/** What the endpoint presented, so the UI can show it and offer "Trust". */
export interface PresentedCertificate {
  fingerprint256: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  subjectAltName: string;
  selfSigned: boolean;
}

export class TlsTrustError extends Error {
  override readonly name = 'TlsTrustError';
  constructor(
    readonly code: TlsTrustErrorCode,
    message: string,
    readonly certificate: PresentedCertificate | undefined,
    /** OpenSSL/Node's own code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT; for diagnostics. */
    readonly detail?: string,
  ) {
    super(message);
  }
  get fingerprint256(): string | undefined {
    return this.certificate?.fingerprint256;
  }
}

/** `AB:CD:…` (64 hex digits, upper case, colon-separated) or undefined if `s` is not one. */
export function normalizeFingerprint(s: string): string | undefined {
  const hex = s.trim().replace(/^sha-?256[:=\s]*/i, '').replace(/[:\s-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return undefined;
  return hex.match(/../g)!.join(':');
}

/** SHA-256 fingerprint of the first certificate in a PEM, in `AB:CD:…` form. */
export function fingerprintOf(pem: string | Buffer): string {
  return new X509Certificate(pem).fingerprint256;
}

export interface VerifiedConnectionOptions {
  /** Gives up on TCP connect + TLS handshake after this long. */
  timeoutMs?: number;
}

/** The async form Node's ClientRequest accepts as `createConnection` (lib/_http_client.js). */
export type CreateConnection = (
  opts: { host?: string | null; hostname?: string | null; port?: number | string | null; servername?: string },
  callback: (err: Error | null, socket: Duplex) => void,
) => undefined;

/**
 * A `createConnection` for https.request and `new WebSocket(url, { createConnection })`.
 * Both call it as `createConnection(opts, oncreate)`; because it returns undefined, Node
 * waits for `oncreate(err, socket)` (ws passes its options straight to https.request, and
 * with createConnection set and no agent the request uses it directly). On refusal the
 * socket is destroyed before any byte of the request exists on it, and the request emits
 * the TlsTrustError as its 'error'.
 */
export function createVerifiedConnection(trust: TlsTrust, options: VerifiedConnectionOptions = {}): CreateConnection {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return (opts, callback) => {
    const host = String(opts.hostname ?? opts.host ?? 'localhost').replace(/^\[(.*)\]$/, '$1');
    const port = Number(opts.port ?? 443);
    // SNI must be a name; Node rejects an IP address as servername.
    const servername = isIP(host) ? undefined : host;
    const socket = tls.connect({
      host,
      port,
      ...(servername ? { servername } : {}),
      // We decide ourselves after the handshake, so that a refusal carries the presented
      // certificate; Node still computes `authorized`/`authorizationError` (chain + host).
      rejectUnauthorized: false,
      ...(trust.mode === 'ca' ? { ca: trust.caPem } : {}),
      ALPNProtocols: ['http/1.1'],
    });
    let done = false;
    const finish = (err: Error | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.off('error', onError);
      if (err) {
        socket.destroy();
        callback(err, socket);
      } else callback(null, socket);
    };
    const onError = (err: Error): void => finish(err);
    const timer = setTimeout(
      () => finish(new Error(`Connecting to ${host}:${port} took longer than ${Math.round(timeoutMs / 1000)} s. Check that the endpoint is reachable.`)),
      timeoutMs,
    );
    socket.once('error', onError);
    socket.once('secureConnect', () => finish(decide(trust, socket, host)));
    return undefined;
  };
}

function decide(trust: TlsTrust, socket: tls.TLSSocket, host: string): TlsTrustError | null {
  if (trust.mode === 'insecure') return null;
  const peer = socket.getPeerCertificate();
  if (!peer || !peer.fingerprint256) {
    return new TlsTrustError('no-certificate', 'The endpoint presented no certificate, so it cannot be trusted. Check that the address points at the DRP API port.', undefined);
  }
  const cert = describePeer(peer);
  if (trust.mode === 'pinned') {
    // Pinning trusts this exact certificate, whoever issued it and whatever names it has.
    if (normalizeFingerprint(trust.fingerprint256) === cert.fingerprint256) return null;
    return new TlsTrustError(
      'fingerprint-mismatch',
      `The endpoint presented a different certificate from the one you trusted (SHA-256 ${cert.fingerprint256}, expected ${trust.fingerprint256}). ` +
        'If the endpoint’s certificate was renewed, trust the new one; otherwise someone may be intercepting the connection.',
      cert,
    );
  }
  if (socket.authorized) return null;
  return refusal(String(socket.authorizationError ?? 'UNKNOWN'), cert, host);
}

function refusal(reason: string, cert: PresentedCertificate, host: string): TlsTrustError {
  const fp = `Its SHA-256 fingerprint is ${cert.fingerprint256}.`;
  switch (reason) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return new TlsTrustError('untrusted', `The endpoint's certificate is self-signed and not trusted. ${fp} Trust it, or set drp.tls.caFile.`, cert, reason);
    case 'CERT_HAS_EXPIRED':
      return new TlsTrustError(
        'expired',
        `The endpoint's certificate expired on ${cert.validTo}. ${fp} Renew it on the endpoint (drpcli system certs), or trust this exact certificate.`,
        cert,
        reason,
      );
    case 'CERT_NOT_YET_VALID':
      return new TlsTrustError(
        'not-yet-valid',
        `The endpoint's certificate is not valid until ${cert.validFrom}; check this computer's clock. ${fp}`,
        cert,
        reason,
      );
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new TlsTrustError(
        'hostname',
        `The endpoint's certificate is for ${cert.subjectAltName || cert.subject}, not ${host}. ${fp} Connect using one of its names, or trust this exact certificate.`,
        cert,
        reason,
      );
    default:
      return new TlsTrustError(
        'untrusted',
        `The endpoint's certificate (issued by ${cert.issuer || 'an unknown issuer'}) is not trusted (${reason}). ${fp} Trust it, or set drp.tls.caFile to the issuing CA.`,
        cert,
        reason,
      );
  }
}

function describePeer(peer: tls.PeerCertificate): PresentedCertificate {
  const subject = formatName(peer.subject);
  const issuer = formatName(peer.issuer);
  return {
    fingerprint256: peer.fingerprint256.toUpperCase(),
    subject,
    issuer,
    validFrom: peer.valid_from,
    validTo: peer.valid_to,
    subjectAltName: peer.subjectaltname ?? '',
    selfSigned: subject === issuer,
  };
}

function formatName(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

/**
 * An https.Agent whose sockets come from createVerifiedConnection; give it to https.request
 * and ws as `agent` alongside `createConnection`. VS Code's extension host wraps
 * https.request (@vscode/proxy-agent) in its own agent, which never calls a request's
 * `createConnection` (so the endpoint's certificate met only the system CAs and a
 * self-signed endpoint was unreachable) but does hand the connection to the request's own
 * agent for 127.0.0.1/localhost and with `http.proxySupport` "fallback". Elsewhere, with the
 * default "override", a remote endpoint still gets the proxy agent's checks (system CAs):
 * stricter, never looser, so no request is written to an unchecked socket.
 */
export function createVerifiedAgent(trust: TlsTrust, options: VerifiedConnectionOptions = {}): https.Agent {
  const connect = createVerifiedConnection(trust, options);
  class VerifiedAgent extends https.Agent {
    override createConnection(opts: Parameters<CreateConnection>[0], callback: Parameters<CreateConnection>[1]): undefined {
      return connect(opts, callback);
    }
  }
  return new VerifiedAgent({ keepAlive: false });
}
