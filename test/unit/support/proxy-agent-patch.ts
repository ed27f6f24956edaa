// Makes https.request behave as VS Code's extension host does with `http.proxySupport`
// "override" and a non-localhost host (@vscode/proxy-agent, createHttpPatch): the request's
// own `agent` and `createConnection` are replaced by an agent that connects DIRECT with
// tls.connect and the request's options. ws and the REST client call https.request through
// the module object, so patching it reaches them as it does in VS Code.
import * as https from 'node:https';
import { createRequire } from 'node:module';

// The module object itself: an `import * as` namespace is a read-only copy once bundled.
const realHttps = createRequire(__filename)('node:https') as typeof https;

/** Patches https.request; returns the function that undoes it. */
export function simulateVsCodeProxyAgent(): () => void {
  const original = realHttps.request;
  const patched = (...args: unknown[]): ReturnType<typeof https.request> => {
    const i = args.findIndex((a) => a !== null && typeof a === 'object' && !(a instanceof URL));
    const options = { ...((i >= 0 ? args[i] : {}) as https.RequestOptions), agent: new realHttps.Agent() };
    delete options.createConnection;
    if (i >= 0) args[i] = options;
    else args.splice(typeof args[0] === 'string' || args[0] instanceof URL ? 1 : 0, 0, options);
    return (original as (...a: unknown[]) => ReturnType<typeof https.request>)(...args);
  };
  realHttps.request = patched as typeof https.request;
  return () => {
    realHttps.request = original;
  };
}
