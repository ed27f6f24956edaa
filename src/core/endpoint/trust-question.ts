// What the certificate dialog asks when the endpoint's certificate is refused: its title,
// the text under it and its buttons, for each kind of refusal. Pure, so the wording and the
// order of the buttons (the first is what Enter picks) are unit tested.
import { fingerprintSentence, type TlsTrustError } from './tls-trust';

export type TrustAction = 'trust' | 'show-certificate' | 'open-settings';

export interface TrustQuestion {
  message: string;
  detail: string;
  /** Left to right; the first has the focus, so Enter picks it. Cancel (Escape) comes last. */
  buttons: Array<{ label: string; action: TrustAction }>;
}

const CHECK_ON_SERVER = 'on the DRP server: openssl x509 -noout -fingerprint -sha256 -in server.crt';

/** `caFile` is drp.tls.caFile ('' for none), named when the refusal is about it. */
export function trustQuestion(error: TlsTrustError, display: string, caFile: string): TrustQuestion {
  const fp = error.fingerprint256;
  if (!fp) {
    return { message: `The certificate of ${display} is not trusted.`, detail: error.message, buttons: [{ label: 'Open Settings', action: 'open-settings' }] };
  }
  const presented = `SHA-256 fingerprint presented by ${display}:\n${fp}`;
  switch (error.code) {
    case 'fingerprint-mismatch':
      return {
        message: `The certificate of ${display} changed.`,
        detail: [
          `${display} presented a different certificate from the one you trusted for it, so the connection was refused. If its certificate was renewed, trust the new one; otherwise someone may be intercepting the connection.`,
          // One above the other, each whole on its line, so they compare digit by digit.
          `Trusted:\n${error.trustedFingerprint256 ?? '(not known)'}\nPresented:\n${fp}`,
          `Trust the new one only if it matches the certificate on the endpoint (${CHECK_ON_SERVER}).`,
        ].join('\n\n'),
        // What may be an interception must not be accepted by Enter: the safe button comes
        // first. Escape is Cancel. Both keep the connection refused.
        buttons: [{ label: 'Show Certificate', action: 'show-certificate' }, { label: 'Trust New Certificate', action: 'trust' }],
      };
    case 'ca-file-mismatch':
      return {
        message: `drp.tls.caFile does not match ${display}.`,
        detail: [
          `The CA file ${caFile ? `‘${caFile}’ ` : ''}did not issue the certificate ${display} presented: the file belongs to another endpoint, or this endpoint's certificate was replaced.`,
          presented,
          `Trust it only if it matches the certificate on the endpoint (${CHECK_ON_SERVER}). Trust pins it for ${display}, which then no longer uses the CA file; other endpoints still do.`,
        ].join('\n\n'),
        buttons: [{ label: 'Trust', action: 'trust' }, { label: 'Open Settings', action: 'open-settings' }],
      };
    default:
      return {
        message: `The certificate of ${display} is not trusted.`,
        detail: [
          // The fingerprint gets a line of its own below, so not a second mention here.
          error.message.replace(` ${fingerprintSentence(fp)}`, ''),
          presented,
          `Trust it only if it matches the certificate on the endpoint (${CHECK_ON_SERVER}).`,
        ].join('\n\n'),
        buttons: [{ label: 'Trust', action: 'trust' }, { label: 'Open Settings', action: 'open-settings' }],
      };
  }
}
