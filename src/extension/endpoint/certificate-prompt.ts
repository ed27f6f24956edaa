// What happens when the endpoint's certificate is not trusted. DRP endpoints ship
// self-signed certificates, so this is the usual first contact: show the SHA-256
// fingerprint the endpoint presented and let the user pin it for that origin, point
// drp.tls.caFile at a CA, or stop. Asked once per refusal, never in a loop.
import * as vscode from 'vscode';
import { describeCertificate } from '../../core/endpoint/certificate-text';
import { probeCertificate, type TlsTrustError } from '../../core/endpoint/tls-trust';
import { certificateUri } from './certificate-document';
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

  /**
   * drp.reviewCertificate: ask again about the certificate the endpoint last refused; at any
   * other time, show the certificate the endpoint presents and how it is trusted.
   */
  async review(): Promise<void> {
    const { detail } = this.session.state;
    if (detail.tlsError) return this.ask(detail.tlsError);
    const endpoint = this.session.endpoint;
    if (!endpoint) {
      void vscode.window.showWarningMessage(`${this.session.endpointProblem ?? 'No DRP endpoint is set.'} Set one with ‘DRP: Set Endpoint’ to review its certificate.`);
      return;
    }
    const url = new URL(endpoint.origin);
    const cert = await probeCertificate(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || 443));
    const trust = await this.session.trust();
    if (!cert || !trust) {
      void vscode.window.showErrorMessage(`${endpoint.display} did not present a certificate (it could not be reached over TLS). Check drp.endpoint and that the endpoint is running.`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(certificateUri(endpoint.display, describeCertificate(endpoint, cert, trust)));
    await vscode.window.showTextDocument(doc, { preview: true });
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
