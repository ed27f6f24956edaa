#!/usr/bin/env bash
# Installs the VS Code server that the in-host tests run in: the one shipped inside the npm
# package code-server, pinned to the newest release whose engines.node is 20. It lives in
# .vscode-test/ (gitignored), not in package.json: as a dependency every `npm ci` would
# compile its native modules (~70 s, needs libkrb5-dev). Idempotent: exits at once when the
# pinned version and its native pty build are already there.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
RIPGREP_PKG_VERSION="1.15.11"                       # @vscode/ripgrep used by that code-server
RIPGREP_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.vscode-test/code-server"
pkg="$dest/node_modules/code-server"
pty="$pkg/lib/vscode/node_modules/node-pty/build/Release/pty.node"

if [ -f "$pkg/package.json" ] && [ -f "$pty" ] &&
   [ "$(node -p "require('$pkg/package.json').version")" = "$CODE_SERVER_VERSION" ]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $dest"
  exit 0
fi

mkdir -p "$dest/.tmp"
cd "$dest"
[ -f package.json ] || echo '{"name":"vscode-test-server","private":true}' > package.json

# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It
# takes a tarball from $TMPDIR/vscode-ripgrep-cache-<ver>/ instead when one is there, so
# seed that cache from Debian's rg (or a stub that only breaks workbench text search).
export TMPDIR="$dest/.tmp"
cache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
if [ ! -f "$cache/$RIPGREP_ASSET" ]; then
  mkdir -p "$cache" "$TMPDIR/rg-pack"
  if command -v rg >/dev/null; then
    cp "$(command -v rg)" "$TMPDIR/rg-pack/rg"
  else
    echo "warning: ripgrep not installed; packing a stub rg (workbench text search will not work)" >&2
    printf '#!/bin/sh\nexit 1\n' > "$TMPDIR/rg-pack/rg"
  fi
  chmod 755 "$TMPDIR/rg-pack/rg"
  tar -czf "$cache/$RIPGREP_ASSET" -C "$TMPDIR/rg-pack" rg
fi

# code-server's postinstall refuses to run as root without unsafe_perm; node-pty's
# postinstall runs `npx node-gyp`, which a `yes=false` npmrc would cancel.
export npm_config_unsafe_perm=true
export npm_config_yes=true
# npm 11 warns about both settings above (unsafe-perm is "unknown" to it, yet the postinstall
# still reads the variable) and that the install scripts are not in an allowScripts list: both
# are expected here, so those lines are replaced by one that says so. Everything else, the
# native builds' output and any error, is printed as it comes.
echo "Installing code-server $CODE_SERVER_VERSION (npm's unsafe-perm and install-scripts warnings are expected and hidden)."
npm install --no-save --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" 2>&1 |
  { grep -v -E '^npm warn (Unknown env config "unsafe-perm"|install-scripts)' || true; }

if [ ! -f "$pty" ]; then
  echo "error: code-server installed but node-pty was not built ($pty missing)." >&2
  echo "       npm may have skipped install scripts; check 'npm install-scripts ls'." >&2
  exit 1
fi
echo "code-server $CODE_SERVER_VERSION installed in $dest"
