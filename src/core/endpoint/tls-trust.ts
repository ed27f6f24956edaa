// How the extension decides to trust a DRP endpoint's certificate, enforced at the socket.
// DRP ships self-signed certificates (docs/protocol.md §1.2), so besides the system CAs a user
// can name a CA file, pin the exact certificate by its SHA-256 fingerprint, or (warned)
// skip verification. The invariant that matters for security: NOTHING is written to the
// socket — no HTTP request line, no Authorization header — until the certificate has been
// checked. `createVerifiedConnection` achieves it by handing the socket to Node's HTTP client
// (https.request / ws) only after 'secureConnect' and our own decision; until then the
// ClientRequest buffers its headers. VS Code's proxy agent can replace our agent and its
// createConnection (see createVerifiedAgent), so the same trust also travels in the request
// options (`tlsRequestOptions`), which every agent hands to tls.connect.
import { X509Certificate } from 'node:crypto';
import * as https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';

export type TlsTrust =
  | { mode: 'system' }
  /** `caFile` is where caPem came from (drp.tls.caFile), so a refusal can name it. */
  | { mode: 'ca'; caPem: string | Buffer; caFile?: string }
  /**
   * `certPem` is the pinned certificate itself: with it the trust survives an agent that
   * ignores ours (tlsRequestOptions). Pins saved before it was stored lack it.
   */
  | { mode: 'pinned'; fingerprint256: string; certPem?: string }
  | { mode: 'insecure' };

export type TlsTrustErrorCode =
  | 'untrusted' // self-signed or unknown issuer
  | 'ca-file-mismatch' // not issued by the CA in drp.tls.caFile
  | 'fingerprint-mismatch' // not the certificate the user trusted: it changed
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
  /** The certificate itself, so "Trust" can pin it (see TlsTrust 'pinned'). */
  pem: string;
}

export class TlsTrustError extends Error {
  override readonly name = 'TlsTrustError';
  constructor(
    readonly code: TlsTrustErrorCode,
    message: string,
    readonly certificate: PresentedCertificate | undefined,
    /** OpenSSL/Node's own code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT; for diagnostics. */
    readonly detail?: string,
    /** For 'fingerprint-mismatch': the fingerprint the user trusted before it changed. */
    readonly trustedFingerprint256?: string,
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
    return normalizeFingerprint(trust.fingerprint256) === cert.fingerprint256 ? null : mismatch(cert, trust.fingerprint256);
  }
  if (socket.authorized) return null;
  return refusal(String(socket.authorizationError ?? 'UNKNOWN'), cert, host, trust);
}

function mismatch(cert: PresentedCertificate, expected: string): TlsTrustError {
  const trusted = normalizeFingerprint(expected) ?? expected;
  return new TlsTrustError(
    'fingerprint-mismatch',
    `The endpoint's certificate changed: it presented SHA-256 ${cert.fingerprint256}, not the certificate you trusted (${trusted}). ` +
      'If the endpoint’s certificate was renewed, trust the new one; otherwise someone may be intercepting the connection.',
    cert,
    undefined,
    trusted,
  );
}

/** Refusals about who issued the certificate, as opposed to its dates or names. */
const ISSUER_REASONS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** The sentence a refusal's message gives the presented fingerprint in. */
export function fingerprintSentence(fingerprint256: string): string {
  return `Its SHA-256 fingerprint is ${fingerprint256}.`;
}

function refusal(reason: string, cert: PresentedCertificate, host: string, trust: TlsTrust): TlsTrustError {
  const fp = fingerprintSentence(cert.fingerprint256);
  // With a CA file, an issuer refusal means that file is not this endpoint's CA: typically
  // one endpoint's certificate, still set after switching to another endpoint.
  if (trust.mode === 'ca' && ISSUER_REASONS.has(reason)) {
    const file = trust.caFile ? `drp.tls.caFile (${trust.caFile})` : 'drp.tls.caFile';
    return new TlsTrustError(
      'ca-file-mismatch',
      `The endpoint's certificate was not issued by the CA in ${file}, so that file does not match this endpoint. ${fp} Trust this certificate instead, or point drp.tls.caFile at this endpoint's CA.`,
      cert,
      reason,
    );
  }
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
    pem: peer.raw ? new X509Certificate(peer.raw).toString() : '',
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
 * and ws as `agent` alongside `createConnection` and the spread of tlsRequestOptions. VS
 * Code's extension host wraps https.request (@vscode/proxy-agent) in its own agent, which
 * never calls a request's `createConnection`, and hands the connection to the request's own
 * agent only for 127.0.0.1/localhost and with `http.proxySupport` "fallback". Elsewhere, with
 * the default "override", it connects through https.globalAgent or a CONNECT tunnel, both
 * calling tls.connect with the request's options: that is why tlsRequestOptions exists.
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

/** The TLS options of an https.request or `new WebSocket` that carry `trust` to tls.connect. */
export interface TlsRequestOptions {
  ca?: string | Buffer;
  rejectUnauthorized?: boolean;
  checkServerIdentity?: (host: string, cert: tls.PeerCertificate) => Error | undefined;
}

/**
 * Trust expressed as request options, to spread into every https.request / WebSocket: any
 * agent that replaces ours (VS Code's proxy agent) passes them to tls.connect, which refuses
 * before the request is written. A pin with its certificate makes that certificate OpenSSL's
 * only anchor, and checkServerIdentity then accepts only the pinned fingerprint (instead of
 * the host name, which DRP's self-signed certificates rarely match: docs/protocol.md §1.2).
 * A pin without its certificate adds nothing: the connection meets the system CAs, fails,
 * and asTlsTrustError offers to trust the certificate again, this time with its PEM.
 */
export function tlsRequestOptions(trust: TlsTrust): TlsRequestOptions {
  switch (trust.mode) {
    case 'system':
      return {};
    case 'ca':
      return { ca: trust.caPem };
    case 'insecure':
      return { rejectUnauthorized: false };
    case 'pinned': {
      if (!trust.certPem) return {};
      const expected = normalizeFingerprint(trust.fingerprint256);
      return {
        ca: trust.certPem,
        // Node calls this only once OpenSSL has verified the chain to `ca`, and destroys the
        // socket, before the request is written, when it returns an error.
        checkServerIdentity: (_host, cert) => {
          const presented = describePeer(cert);
          return presented.fingerprint256 === expected ? undefined : mismatch(presented, trust.fingerprint256);
        },
      };
    }
  }
}

/**
 * Reads the certificate `host:port` presents, without verifying it and without writing a
 * byte after the handshake; resolves undefined if there is no TLS handshake to read.
 */
export function probeCertificate(host: string, port: number, servername?: string, timeoutMs = 10_000): Promise<PresentedCertificate | undefined> {
  return new Promise((resolve) => {
    const name = servername ?? (isIP(host) ? undefined : host);
    const socket = tls.connect({ host, port, ...(name ? { servername: name } : {}), rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    const finish = (cert: PresentedCertificate | undefined): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(cert);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    socket.once('error', () => finish(undefined));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate();
      finish(peer?.fingerprint256 ? describePeer(peer) : undefined);
    });
  });
}

/** Node's and OpenSSL's codes for a certificate refused by verification (not by the network). */
const VERIFICATION_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** True if `err` is a certificate refusal that asTlsTrustError can explain. */
export function isCertificateRefusal(err: unknown): boolean {
  return err instanceof TlsTrustError || VERIFICATION_CODES.has(String((err as NodeJS.ErrnoException | undefined)?.code));
}

/**
 * Turns a certificate refusal made by someone else's tls.connect (VS Code's proxy agent, see
 * tlsRequestOptions) into the TlsTrustError our own check would have made, so the UI can
 * show the fingerprint and offer "Trust". Node's error carries no certificate, so a separate
 * probe connection reads it. Resolves undefined for any other error, or if the probe fails
 * (e.g. the endpoint is reachable only through a proxy); never rejects.
 */
export async function asTlsTrustError(err: unknown, trust: TlsTrust, url: string | URL, timeoutMs?: number): Promise<TlsTrustError | undefined> {
  if (err instanceof TlsTrustError) return err;
  if (!isCertificateRefusal(err)) return undefined;
  const reason = String((err as NodeJS.ErrnoException).code);
  const u = typeof url === 'string' ? new URL(url) : url;
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const cert = await probeCertificate(host, Number(u.port || 443), undefined, timeoutMs);
  if (!cert) return undefined;
  if (trust.mode !== 'pinned') return refusal(reason, cert, host, trust);
  if (normalizeFingerprint(trust.fingerprint256) !== cert.fingerprint256) return mismatch(cert, trust.fingerprint256);
  if (!trust.certPem) {
    return new TlsTrustError(
      'untrusted',
      `The endpoint's certificate matches the fingerprint you trusted (${cert.fingerprint256}), but the certificate itself was not saved with it, and connecting through VS Code's network layer needs it. Trust it again.`,
      cert,
      reason,
    );
  }
  if (reason === 'CERT_HAS_EXPIRED' || reason === 'CERT_NOT_YET_VALID') {
    // Our own check accepts a pinned certificate whatever its dates; OpenSSL, which checks
    // it when another agent connects, does not.
    const when = reason === 'CERT_HAS_EXPIRED' ? `expired on ${cert.validTo}` : `is not valid until ${cert.validFrom}`;
    return new TlsTrustError(
      reason === 'CERT_HAS_EXPIRED' ? 'expired' : 'not-yet-valid',
      `The certificate you trusted for this endpoint ${when}. Renew it on the endpoint (drpcli system certs) and trust the new one, or check this computer's clock.`,
      cert,
      reason,
    );
  }
  return refusal(reason, cert, host, trust);
}
