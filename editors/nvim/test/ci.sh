#!/usr/bin/env bash
# CI test of the Neovim plugin: installs Neovim (Debian's, 0.7.2 on Debian 12),
# builds dbspec, runs test/e2e.lua in a headless Neovim with every XDG
# directory in a temp dir, and checks that syntax/dbspec.vim loads in Vim.
# Prints "N passed, N failed" last; exits non-zero on any failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
plugin=$(dirname "$here")
repo=$(cd "$plugin/../.." && pwd)

if ! command -v nvim >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends neovim >/dev/null
fi
nvim --version | head -n 1

mkdir -p "$repo/build/bin"
(cd "$repo" && go build -o "$repo/build/bin/dbspec" ./cmd/dbspec)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for d in config data state cache runtime; do mkdir -p "$tmp/xdg/$d"; done
chmod 700 "$tmp/xdg/runtime"
mkdir -p "$tmp/work"

passed=0
failed=0

# The Neovim test: its last line is "N passed, N failed".
out="$tmp/nvim.out"
status=0
start=$(date +%s%N)
XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data" \
XDG_STATE_HOME="$tmp/xdg/state" XDG_CACHE_HOME="$tmp/xdg/cache" \
XDG_RUNTIME_DIR="$tmp/xdg/runtime" \
DBSPEC_BIN="$repo/build/bin/dbspec" DBSPEC_REPO="$repo" DBSPEC_WORK="$tmp/work" \
  timeout 60 nvim --headless --clean -i NONE --cmd "set rtp^=$plugin" \
    -c "lua local ok, err = pcall(dofile, '$here/e2e.lua') if not ok then print(err) vim.cmd('cquit!') end" \
    >"$out" 2>&1 </dev/null || status=$?
cat "$out"
echo "nvim: $(( ($(date +%s%N) - start) / 1000000 )) ms"
source "$repo/.ci/tally.sh"
tally "$out" "$status"

# Vim: ftdetect and syntax/dbspec.vim work there too (when vim is installed).
if command -v vim >/dev/null; then
  vim -Nu NONE -n -i NONE -es -c "set rtp^=$plugin" -c 'filetype on' -c 'syntax on' \
    -c "source $here/syntax.vim" \
    -c "call writefile(['checked'] + DbspecSyntaxCheck('$repo/testdata/examples/saas'), '$tmp/vim.out')" \
    -c 'qall!' </dev/null >/dev/null 2>&1 || true
  if [[ $(cat "$tmp/vim.out" 2>/dev/null) == checked ]]; then
    echo "ok    vim: ftdetect and syntax/dbspec.vim"
    passed=$(( passed + 1 ))
  else
    echo "FAIL  vim: ftdetect and syntax/dbspec.vim:"
    sed 's/^/      /' "$tmp/vim.out" 2>/dev/null || true
    failed=$(( failed + 1 ))
  fi
fi

echo "$passed passed, $failed failed"
(( failed == 0 ))
