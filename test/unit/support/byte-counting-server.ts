// A TLS server on 127.0.0.1 that counts the application bytes each client sends after the
// handshake, and answers any HTTP request with 200 "ok". It is how the TLS tests prove that
// nothing (no request line, no Authorization header) reaches a server whose certificate
// was refused.
import type { AddressInfo, Socket } from 'node:net';
import * as tls from 'node:tls';
import type { KeyPair } from './certificates';

export interface ByteCountingServer {
  port: number;
  /** Application bytes received, summed over all connections. */
  readonly bytesReceived: number;
  readonly connections: number;
  /** Servername (SNI) of each TLS connection, in order. */
  readonly servernames: Array<string | false | null>;
  /** Resolves once every connection accepted so far has closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function startByteCountingServer(pair: KeyPair): Promise<ByteCountingServer> {
  let bytes = 0;
  const closed: Array<Promise<void>> = [];
  const sockets = new Set<Socket>();
  const servernames: Array<string | false | null> = [];
  const server = tls.createServer({ cert: pair.certPem, key: pair.keyPem });
  server.on('connection', (raw: Socket) => {
    sockets.add(raw);
    raw.on('error', () => undefined);
    closed.push(new Promise((resolve) => raw.once('close', () => { sockets.delete(raw); resolve(); })));
  });
  server.on('tlsClientError', () => undefined);
  server.on('secureConnection', (s: tls.TLSSocket) => {
    servernames.push(s.servername);
    s.on('error', () => undefined);
    let text = '';
    s.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        text = '';
        s.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\n"ok"');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get bytesReceived() {
      return bytes;
    },
    get connections() {
      return closed.length;
    },
    servernames,
    allClosed: async () => {
      await Promise.all(closed);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
