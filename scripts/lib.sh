# Shared by scripts/demo, scripts/test and .ci/run: find or install what a fresh machine lacks.
# shellcheck shell=bash

# Node 22.13 or later (node:sqlite unflagged, require() of ES modules without a warning): this
# machine's own Node when it is recent enough, else Node 24 from npm's registry (npx node@24), put
# first on PATH for everything these scripts run.
ensure_node() {
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a == 22 && b >= 13) ? 0 : 1)' 2>/dev/null; then
    echo "Node $(node --version 2>/dev/null || echo "(none)") is older than 22.13: using Node 24 through npx node@24" >&2
    PATH="$(dirname "$(npx -y node@24 -p process.execPath)"):$PATH"
    export PATH
  fi
}
ensure_node

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")

# pnpm at the pinned version: the one on PATH if it matches, else through npx (npm's registry).
pnpm() {
  if [ "$(command pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then command pnpm "$@"
  else npx -y "pnpm@$PNPM_VERSION" "$@"; fi
}

# Debian's Chromium for Playwright (its own browser downloads fail here).
ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's 'chromium' package (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
    return 1
  fi
}
