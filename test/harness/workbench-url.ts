// The address that opens the web workbench of a VS Code server with an extension loaded in
// development mode. Shared by the test driver (runInServer.ts, which adds the tests) and by
// `npm start` (scripts/start.ts, which does not).

export interface WorkbenchUrlOptions {
  port: number;
  /** The folder the workbench opens. */
  folder: string;
  /** Extension roots loaded with --extensionDevelopmentPath. */
  devPaths: string[];
  /** The in-host test module; absent for an ordinary development session. */
  testsPath?: string;
  /**
   * The server's connection token. The server trades `?tkn=` for a cookie and redirects to
   * the same address without it, so the token stays out of the workbench's own URL.
   */
  connectionToken?: string;
}

export function workbenchUrl(opts: WorkbenchUrlOptions): string {
  // The vscode-remote authority must be exactly the host:port the page is loaded from;
  // that scheme is what puts the extension (and tests) in the server's Node extension host.
  const authority = `127.0.0.1:${opts.port}`;
  const remote = (p: string): string => `vscode-remote://${authority}${encodeURI(p)}`;
  const payload = [
    ...opts.devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ...(opts.testsPath ? [['extensionTestsPath', remote(opts.testsPath)]] : []),
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const token = opts.connectionToken ? `&tkn=${encodeURIComponent(opts.connectionToken)}` : '';
  return (
    `http://${authority}/?folder=${encodeURIComponent(opts.folder)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}${token}`
  );
}
