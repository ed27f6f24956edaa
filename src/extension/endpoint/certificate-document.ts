// The read-only document DRP: Review Endpoint Certificate opens. Its text travels in the
// URI's query, so the document needs no state here and reopens as it was; a certificate holds
// nothing secret.
import * as vscode from 'vscode';

export const CERTIFICATE_SCHEME = 'drp-certificate';

export function certificateUri(display: string, text: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CERTIFICATE_SCHEME, path: `/${display.replace(/[/\\:]/g, '_')} certificate.txt`, query: text });
}

export function registerCertificateDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(CERTIFICATE_SCHEME, {
    provideTextDocumentContent: (uri) => uri.query,
  });
}
