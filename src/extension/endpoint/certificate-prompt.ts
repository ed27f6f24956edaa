// What happens when the endpoint's certificate is not trusted. DRP endpoints ship
// self-signed certificates, so this is the usual first contact: show the SHA-256
// fingerprint the endpoint presented and let the user pin it for that origin, point
// drp.tls.caFile at a CA, or stop. Asked once per refusal, never in a loop. The words and
// buttons of each kind of refusal are in src/core/endpoint/trust-question.ts.
import * as vscode from 'vscode';
import { describeCertificate } from '../../core/endpoint/certificate-text';
import type { Endpoint } from '../../core/endpoint/endpoint-clients';
import { probeCertificate, type PresentedCertificate, type TlsTrustError } from '../../core/endpoint/tls-trust';
import { trustQuestion } from '../../core/endpoint/trust-question';
import { certificateUri } from './certificate-document';
import type { EndpointSession } from './endpoint-session';
import { readSettings } from './settings';
import type { TrustStore } from './trust-store';

export class CertificatePrompt implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  /** The dialog on screen, if any: a second refusal meanwhile does not stack another. */
  private asking: Promise<void> | undefined;
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
    // After the dialog already on screen is answered, the refusal may be gone.
    await this.asking;
    const { detail } = this.session.state;
    if (detail.tlsError) return this.ask(detail.tlsError);
    const endpoint = this.session.endpoint;
    if (!endpoint) {
      void vscode.window.showWarningMessage(`${this.session.endpointProblem ?? 'No DRP endpoint is set.'} Set one with ‘DRP: Set Endpoint’ to review its certificate.`);
      return;
    }
    const url = new URL(endpoint.origin);
    const cert = await probeCertificate(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || 443));
    if (!cert) {
      void vscode.window.showErrorMessage(`${endpoint.display} did not present a certificate (it could not be reached over TLS). Check drp.endpoint and that the endpoint is running.`);
      return;
    }
    await this.showCertificate(endpoint, cert);
  }

  private ask(error: TlsTrustError): Promise<void> {
    this.asking ??= this.askOnce(error).finally(() => {
      this.asking = undefined;
    });
    return this.asking;
  }

  private async askOnce(error: TlsTrustError): Promise<void> {
    const endpoint = this.session.endpoint;
    if (!endpoint) return;
    const question = trustQuestion(error, endpoint.display, readSettings().caFile);
    const pick = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, ...question.buttons.map((b) => b.label));
    const action = question.buttons.find((b) => b.label === pick)?.action;
    if (action === 'trust' && error.fingerprint256) {
      await this.trust.trust(endpoint.origin, error.fingerprint256, error.certificate?.pem);
      await this.session.rebuild('yes');
    } else if (action === 'show-certificate' && error.certificate) {
      await this.showCertificate(endpoint, error.certificate);
    } else if (action === 'open-settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'drp.tls');
    }
  }

  /** The certificate as a read-only document: what it says and how it is trusted here. */
  private async showCertificate(endpoint: Endpoint, cert: PresentedCertificate): Promise<void> {
    const trust = await this.session.trust();
    if (!trust) return;
    const doc = await vscode.workspace.openTextDocument(certificateUri(endpoint.display, describeCertificate(endpoint, cert, trust)));
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
