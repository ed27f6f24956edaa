// The address that opens the web workbench of a VS Code server with extensions loaded in
// development mode. Shared by the test driver (runInServer.ts, which adds the extension that
// runs the tests) and by `npm start` (scripts/start.ts), so both open the same workbench.

export interface WorkbenchUrlOptions {
  port: number;
  /** The folder the workbench opens. */
  folder: string;
  /** Extension roots loaded with --extensionDevelopmentPath. */
  devPaths: string[];
  /**
   * The server's connection token. The server trades `?tkn=` for a cookie and redirects to
   * the same address without it, so the token stays out of the workbench's own URL.
   */
  connectionToken?: string;
}

export function workbenchUrl(opts: WorkbenchUrlOptions): string {
  // The vscode-remote authority must be exactly the host:port the page is loaded from;
  // that scheme is what puts the extensions in the server's Node extension host. There is
  // no extensionTestsPath: its test mode refuses every modal dialog (test-runner-extension.ts).
  const authority = `127.0.0.1:${opts.port}`;
  const remote = (p: string): string => `vscode-remote://${authority}${encodeURI(p)}`;
  const payload = [
    ...opts.devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const token = opts.connectionToken ? `&tkn=${encodeURIComponent(opts.connectionToken)}` : '';
  return (
    `http://${authority}/?folder=${encodeURIComponent(opts.folder)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}${token}`
  );
}
