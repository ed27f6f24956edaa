// Constants that scripts/build.mjs replaces (esbuild `define`) in the webview bundle.

/**
 * True in development builds (the in-host tests and `npm run bench` read the table through
 * webview/probe.ts), false under `node scripts/build.mjs --production`, so the probe and the
 * per-render timing are dead code there and the minifier drops them from the .vsix.
 */
declare const __TABLE_PROBE__: boolean;
