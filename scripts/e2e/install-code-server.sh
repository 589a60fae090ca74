#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian's chromium, and code-server (a real VS Code
# workbench with a real extension host) from npm, into a cache folder kept between runs.
# Follows ../shared/design/real-vscode-e2e.md. Prints the code-server folder on its last line.
set -euo pipefail
VERSION=4.100.3
CACHE=${HCIAC_E2E_CACHE:-$HOME/.cache/hciac-e2e}
DIR="$CACHE/code-server-$VERSION"

if ! command -v chromium >/dev/null 2>&1 || ! command -v rg >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev ripgrep >&2
  else
    echo "install-code-server: chromium, ripgrep and libkrb5-dev are needed (run as root to install them)" >&2
    exit 1
  fi
fi

if [ ! -f "$DIR/.complete" ]; then
  mkdir -p "$DIR"
  # @vscode/ripgrep downloads rg in its postinstall: seed its cache with Debian's binary instead.
  # It looks for the cache in os.tmpdir(), i.e. $TMPDIR or /tmp.
  rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rg_cache"
  tar czf "$rg_cache"/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz -C "$(dirname "$(command -v rg)")" rg
  (
    cd "$DIR"
    # npm 11 runs dependency install scripts only when allowed: code-server's postinstall installs
    # VS Code's own dependencies, argon2 compiles a native module.
    echo '{"name":"hciac-e2e-code-server","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > package.json
    npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --foreground-scripts "code-server@$VERSION" >&2
  )
  touch "$DIR/.complete"
fi
echo "$DIR"
