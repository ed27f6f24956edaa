// Reads why the endpoint refused the websocket upgrade. Node's `ws` exposes the HTTP answer
// through 'unexpected-response'; a browser would only see close 1006. The v3 server answers
// 401 (no or malformed credentials, empty body) or 403 with a DRP error body that, for a bad
// token, ECHOES THE TOKEN (docs/protocol.md §2.2, §2.3); the body is redacted here, before
// anything else can see it.
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { drpErrorMessages } from '../endpoint/api-error';
import { Credential, redact } from '../endpoint/credentials';

export interface UpgradeFailure {
  status: number;
  /** True for 401/403: new credentials are needed, retrying cannot help. */
  authFailed: boolean;
  /** DRP error Messages, redacted. */
  messages: string[];
  /** A sentence for the user. */
  message: string;
}

const MAX_BODY = 16 * 1024;

export function readUpgradeFailure(res: IncomingMessage, credential: Credential): Promise<UpgradeFailure> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      resolve(describeUpgradeFailure(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), credential));
    };
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    res.on('end', finish);
    res.on('error', finish);
    res.on('close', finish);
  });
}

export function describeUpgradeFailure(status: number, body: string, credential: Credential): UpgradeFailure {
  const messages = drpErrorMessages(body).map((m) => redact(m, credential));
  const what = credential.kind === 'token' ? 'the token' : `the password for ${credential.username}`;
  const said = messages.length > 0 ? `: ${messages.join('; ')}` : '';
  if (status === 401) {
    return { status, authFailed: true, messages, message: `The endpoint did not accept ${what} (401${said}). Run ‘DRP: Sign In’ to set new credentials.` };
  }
  if (status === 403) {
    return { status, authFailed: true, messages, message: `The endpoint refused ${what} (403${said}). Run ‘DRP: Sign In’ to set new credentials.` };
  }
  const text = messages.length > 0 ? messages.join('; ') : (STATUS_CODES[status] ?? 'an unexpected answer');
  return {
    status,
    authFailed: false,
    messages,
    message: `The endpoint answered the websocket request with ${status} (${text}). Check that drp.endpoint points at the DRP API.`,
  };
}
