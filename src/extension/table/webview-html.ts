// The event table's HTML shell and its Content Security Policy. The page renders text an
// endpoint controls (keys, objects), so nothing may run or load except the extension's own
// bundle: no inline script, no remote source, and a fresh nonce for every page load.
// Pure (no `vscode` import) so the policy can be checked in plain Node.
import { randomBytes } from 'node:crypto';

export interface TableHtmlParts {
  /** `webview.cspSource`: the origin asWebviewUri() URIs are served from. */
  cspSource: string;
  /** Separate nonces: the style one is published in a meta tag (below), the script one never is. */
  scriptNonce: string;
  styleNonce: string;
  /** asWebviewUri() of dist/webview/main.js and dist/webview/table.css. */
  scriptUri: string;
  styleUri: string;
  /**
   * Set for a recording's table: the page reads it from a meta tag before it draws, shows the
   * banner and leaves out the live controls; it keeps the file in its state so the tab can be
   * reopened from it after a reload.
   */
  recording?: { banner: string; file: string; id: string };
}

/** 128 random bits, base64: a nonce the page's content cannot guess. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The policy, checked in headless Chromium with the real bundle. The toolkit (FAST elements)
 * styles its components with constructed stylesheets (`adoptedStyleSheets`), which style-src
 * does not govern, and sets design tokens through the CSSOM; so it needs no 'unsafe-inline'.
 * Its one `<style>` element (a :focus-visible probe) takes the nonce from
 * `<meta property="csp-nonce">`. Its badge writes a style attribute in markup, which this
 * policy blocks, so the table draws its own badge. Element positions set through
 * `element.style` are CSSOM too and allowed.
 */
export function contentSecurityPolicy(cspSource: string, scriptNonce: string, styleNonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${scriptNonce}'`,
    `style-src ${cspSource} 'nonce-${styleNonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function tableHtml(p: TableHtmlParts): string {
  const scriptNonce = attr(p.scriptNonce);
  const styleNonce = attr(p.styleNonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p.cspSource, p.scriptNonce, p.styleNonce))}">
<meta property="csp-nonce" content="${styleNonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${p.recording ? `<meta name="drp-recording" content="${attr(p.recording.banner)}" data-file="${attr(p.recording.file)}" data-id="${attr(p.recording.id)}">\n` : ''}<link rel="stylesheet" nonce="${styleNonce}" href="${attr(p.styleUri)}">
<title>DRP Events</title>
</head>
<body>
<div id="app"></div>
<script nonce="${scriptNonce}" src="${attr(p.scriptUri)}"></script>
</body>
</html>`;
}
