#!/usr/bin/env bash
# The VS Code extension's CI: builds dbspec and the .vsix, installs code-server
# (cached under build/), then runs the static checks (grammar, snippets) and
# the end-to-end test in the real workbench. Ends with "N passed, N failed".
set -euo pipefail

start=$(date +%s)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ext=$(dirname "$here")
REPO=$(cd "$ext/../.." && pwd)
cache=$REPO/build/vscode-test
mkdir -p "$cache"
# node-gyp builds code-server's native modules against the local headers.
if [[ -f /usr/include/node/node.h ]]; then export npm_config_nodedir=/usr; fi

echo "== dbspec binary"
(cd "$REPO" && go build -o "$REPO/build/bin/dbspec" ./cmd/dbspec)

echo "== code-server"
bash "$here/install-code-server.sh" "$cache/code-server"
code_server_dir=$cache/code-server/node_modules/code-server

echo "== extension"
cd "$ext"
# npm ci only when package-lock.json changed since the last install.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ "$(cat node_modules/.lock-sum 2>/dev/null)" != "$lock_sum" ]]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.lock-sum
fi
npm run --silent package >"$cache/package.log" 2>&1 || { cat "$cache/package.log"; exit 1; }
grep -h "Packaged:" "$cache/package.log"

passed=0 failed=0
source "$REPO/.ci/tally.sh"
# run runs one test file and adds up its closing "N passed, N failed" line.
run() {
  local log=$cache/$(basename "$1").log status=0
  node "$@" 2>&1 | tee "$log" || status=$?
  tally "$log" "$status"
}

echo "== static checks"
CODE_SERVER_DIR=$code_server_dir DBSPEC=$REPO/build/bin/dbspec run "$here/static.mjs"

echo "== end to end in code-server"
# The screenshots in docs/images are rewritten only on request
# (DBSPEC_SCREENSHOTS=1), so that a test run leaves the tree as it was.
shots=$cache/shots
if [[ ${DBSPEC_SCREENSHOTS:-} == 1 ]]; then
  shots=$REPO/docs/images
fi
CODE_SERVER=$cache/code-server/node_modules/.bin/code-server \
  DBSPEC=$REPO/build/bin/dbspec VSIX=$ext/dist/dbspec.vsix REPO=$REPO \
  SHOTS=$shots OUT=$cache/out \
  run "$here/e2e.mjs"

echo "vscode: $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
((failed == 0))
