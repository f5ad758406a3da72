# Shared by scripts/demo, scripts/test and .ci/run: find or install what a fresh machine lacks.
# shellcheck shell=bash
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
