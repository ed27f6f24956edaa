// What happens when the endpoint's certificate is not trusted. DRP endpoints ship
// self-signed certificates, so this is the usual first contact: show the SHA-256
// fingerprint the endpoint presented and let the user pin it for that origin, point
// drp.tls.caFile at a CA, or stop. Asked once per refusal, never in a loop.
import * as vscode from 'vscode';
import type { TlsTrustError } from '../../core/endpoint/tls-trust';
import type { EndpointSession } from './endpoint-session';
import type { TrustStore } from './trust-store';

export class CertificatePrompt implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private asking = false;
  private lastAsked: string | undefined;

  constructor(private readonly session: EndpointSession, private readonly trust: TrustStore) {
    this.subscription = session.onDidChange(() => {
      const { state, detail } = session.state;
      if (state === 'closed' && detail.reason === 'tls' && detail.tlsError) {
        const key = `${session.endpoint?.origin} ${detail.tlsError.fingerprint256}`;
        if (key !== this.lastAsked) {
          this.lastAsked = key;
          void this.ask(detail.tlsError);
        }
      } else if (state === 'open') {
        this.lastAsked = undefined;
      }
    });
  }

  /** drp.reviewCertificate: ask again about the certificate the endpoint last refused. */
  async review(): Promise<void> {
    const { detail } = this.session.state;
    if (detail.tlsError) await this.ask(detail.tlsError);
    else void vscode.window.showInformationMessage('The DRP endpoint\'s certificate is not in question right now.');
  }

  private async ask(error: TlsTrustError): Promise<void> {
    const endpoint = this.session.endpoint;
    if (!endpoint || this.asking) return;
    this.asking = true;
    try {
      const fp = error.fingerprint256;
      const detail = [
        error.message,
        fp ? `SHA-256 fingerprint presented by ${endpoint.display}:\n${fp}` : '',
        fp ? 'Trust it only if it matches the certificate on the endpoint (on the DRP server: openssl x509 -noout -fingerprint -sha256 -in server.crt).' : '',
      ].filter(Boolean).join('\n\n');
      const actions = fp ? ['Trust', 'Open Settings'] : ['Open Settings'];
      const pick = await vscode.window.showWarningMessage(`The certificate of ${endpoint.display} is not trusted.`, { modal: true, detail }, ...actions);
      if (pick === 'Trust' && fp) {
        await this.trust.trust(endpoint.origin, fp, error.certificate?.pem);
        await this.session.rebuild('yes');
      } else if (pick === 'Open Settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'drp.tls');
      }
    } finally {
      this.asking = false;
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
