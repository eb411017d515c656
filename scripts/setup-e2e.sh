#!/usr/bin/env bash
# Idempotent setup for the real-VS-Code e2e harness (test/e2e/harness).
#  - Debian packages: chromium (headless browser), fonts-noto-cjk (Chinese text in screenshots), ripgrep (VS Code search),
#    build tools + -dev headers for VS Code's native node modules.
#  - code-server 4.100.3 (= VS Code 1.100.3) from the npm registry into
#    <repo>/.vscode-test/code-server-4.100.3/ (git-ignored).
# Re-running is cheap: everything is skipped once the marker file exists.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
CACHE_DIR="${E2E_CODE_SERVER_DIR:-$REPO_ROOT/.vscode-test/code-server-$CODE_SERVER_VERSION}"
MARKER="$CACHE_DIR/.setup-complete"
VSCODE_DIR="$CACHE_DIR/node_modules/code-server/lib/vscode"

export DEBIAN_FRONTEND=noninteractive
export npm_config_yes=true
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false

log() { printf '[setup-e2e] %s\n' "$*"; }

# ---------------------------------------------------------------- node version
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" != "20" ]; then
  log "WARNING: code-server $CODE_SERVER_VERSION expects Node 20, found $(node --version)"
fi

# ------------------------------------------------------------- Debian packages
need_pkgs=()
for p in chromium fonts-noto-cjk ripgrep build-essential python3 pkg-config \
         libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    need_pkgs+=("$p")
  fi
done
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo -n"; fi
  log "installing Debian packages: ${need_pkgs[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
else
  log "Debian packages present"
fi

# ------------------------------------------------------------------ code-server
if [ -f "$MARKER" ]; then
  log "code-server $CODE_SERVER_VERSION already set up in $CACHE_DIR"
  exit 0
fi

mkdir -p "$CACHE_DIR"
cd "$CACHE_DIR"
[ -f package.json ] || printf '{ "name": "e2e-code-server-cache", "private": true }\n' > package.json

if [ ! -f "$VSCODE_DIR/out/server-main.js" ]; then
  log "npm install code-server@$CODE_SERVER_VERSION (scripts off)"
  npm install --no-save --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION" >/dev/null
fi

cd "$VSCODE_DIR"
log "installing VS Code server dependencies (lib/vscode, --omit=dev, scripts off)"
npm install --omit=dev --ignore-scripts --loglevel=error >/dev/null

RG_BIN="$(command -v rg)"
log "linking ripgrep: $RG_BIN"
mkdir -p node_modules/@vscode/ripgrep/bin
cp -f "$RG_BIN" node_modules/@vscode/ripgrep/bin/rg
chmod +x node_modules/@vscode/ripgrep/bin/rg

log "rebuilding native modules (npm rebuild, takes a few minutes)"
npm rebuild --loglevel=error >/dev/null

if [ ! -e node_modules.asar ]; then
  ln -s node_modules node_modules.asar
fi

# sanity check: the native modules the server needs must load
log "checking native modules"
node -e '
  for (const m of ["node-pty", "@vscode/spdlog", "@parcel/watcher", "kerberos", "native-watchdog"]) {
    try { require(m); } catch (e) { console.error("[setup-e2e] cannot load " + m + ": " + e.message); process.exitCode = 1; }
  }'
[ -x node_modules/@vscode/ripgrep/bin/rg ] && [ -f out/server-main.js ]

date -u +%FT%TZ > "$MARKER"
log "done: $VSCODE_DIR"
