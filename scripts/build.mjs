// One esbuild script for every bundle: the extension (Node, CommonJS, `vscode` external),
// the webview (browser), and the test/sim/bench/script entry points. Test files are bundled
// one per entry with node_modules left external, so `mocha` and `vscode` resolve at run time
// inside whichever host loads them.
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function files(dir, pattern) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const name of readdirSync(abs)) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) out.push(...files(join(dir, name), pattern));
    else if (pattern.test(name)) out.push(relative(root, p));
  }
  return out;
}

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
};

const builds = [
  // The extension itself: ws is bundled so the .vsix needs no node_modules.
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: production },
  // The event table's browser bundle.
  {
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife', logLevel: 'warning',
    sourcemap: production ? false : 'linked', minify: production,
    // The test probe (webview/probe.ts) and the per-render timing exist in development builds
    // only: a release build sees `false` and the minifier drops them as dead code.
    define: { __TABLE_PROBE__: production ? 'false' : 'true' },
    // grid-bench.ts is a test-only page (the toolkit data grid, for the benchmark): dev builds only.
    entryPoints: files('webview', production ? /^main\.ts$/ : /^(main|grid-bench)\.ts$/), outdir: 'dist/webview',
  },
];

if (!production) {
  const dev = { ...node, packages: 'external', external: ['vscode'] };
  builds.push(
    { ...dev, entryPoints: files('test/unit', /\.ts$/), outdir: 'dist/test/unit' },
    { ...dev, entryPoints: files('test/integration', /\.ts$/), outdir: 'dist/test/integration' },
    { ...dev, entryPoints: files('test/harness', /\.ts$/), outdir: 'dist/test', banner: { js: '#!/usr/bin/env node' } },
    { ...dev, entryPoints: files('test/sim', /^main\.ts$/), outdir: 'dist/sim' },
    { ...dev, entryPoints: files('bench', /^bench\.ts$/), outdir: 'dist/bench' },
    { ...dev, entryPoints: files('scripts', /\.ts$/), outdir: 'dist/scripts' },
  );
}

const active = builds.filter((b) => b.entryPoints.length > 0);

function copyStatic() {
  if (existsSync(join(root, 'webview/static'))) {
    mkdirSync(join(root, 'dist/webview'), { recursive: true });
    cpSync(join(root, 'webview/static'), join(root, 'dist/webview'), { recursive: true });
  }
  for (const f of ['runInServer.js', 'runUnit.js']) {
    const p = join(root, 'dist/test', f);
    if (existsSync(p)) chmodSync(p, 0o755);
  }
}

process.chdir(root);
// A release build starts from an empty dist/, so no stale source map or test bundle from a
// development build can end up in the .vsix.
if (production) rmSync(join(root, 'dist'), { recursive: true, force: true });
// The runners load every *.test.js they find, so a test deleted from the source must not
// live on as a stale bundle.
else rmSync(join(root, 'dist', 'test'), { recursive: true, force: true });
if (watch) {
  for (const b of active) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  copyStatic();
  console.log('[watch] esbuild is watching src/, webview/ and test/');
} else {
  await Promise.all(active.map((b) => esbuild.build(b)));
  copyStatic();
}
