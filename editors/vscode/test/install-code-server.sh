#!/usr/bin/env bash
# Installs code-server (the VS Code workbench, from npm) into $1, offline-style:
# native modules are built locally and @vscode/ripgrep's GitHub download is
# replaced by Debian's /usr/bin/rg. Idempotent: does nothing when $1 is complete.
set -euo pipefail

CS_VERSION=4.100.3
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11 (lib/vscode/npm-shrinkwrap.json),
# whose lib/postinstall.js asks for the asset "ripgrep-<VERSION>-<target>.tar.gz"
# and first looks for it in $TMPDIR/vscode-ripgrep-cache-<package version>/.
RG_PKG_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

dest=$1
if [[ -x "$dest/node_modules/.bin/code-server" && -f "$dest/.complete-$CS_VERSION" ]]; then
  echo "code-server $CS_VERSION already installed in $dest"
  exit 0
fi

if [[ $(id -u) = 0 ]] && command -v apt-get >/dev/null; then
  need=()
  for p in build-essential python3 pkg-config libkrb5-dev ripgrep chromium; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  if ((${#need[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp
mkdir -p "$tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
tar czf "$tmp/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" -C /usr/bin rg

rm -rf "$dest"
mkdir -p "$dest"
echo '{"private": true}' > "$dest/package.json"
export npm_config_unsafe_perm=true npm_config_yes=true
(cd "$dest" && npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION")
# The postinstall must have put a ripgrep binary in place, or search is broken.
test -x "$dest/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
touch "$dest/.complete-$CS_VERSION"
echo "code-server $CS_VERSION installed in $dest"
