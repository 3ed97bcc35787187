#!/usr/bin/env bash
# carecourse developer tasks. Usage:
#   ./dev.sh build   build the course from scenarios/ into site/
#   ./dev.sh test    run every test (unit, golden, plugin, real-browser, accessibility)
#   ./dev.sh serve   live preview at http://127.0.0.1:8000/
# It sets up what it needs on the way: a virtualenv in .venv, and for tests
# axe-core from npm and a Chromium (Debian's /usr/bin/chromium when it can).
set -euo pipefail
cd "$(dirname "$0")"
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

apt_install() {
  if command -v apt-get >/dev/null; then
    echo "dev.sh: installing $* with apt-get" >&2
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
  else
    echo "dev.sh: please install: $*" >&2
    return 1
  fi
}

# What the build needs from the system: pango for WeasyPrint's PDFs, and fonts
# covering Latin, Cyrillic and Turkish (the PDFs embed them; the site uses the
# reader's own fonts). The tests also need poppler-utils to read the PDFs back.
BUILD_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core)
TEST_PACKAGES=(poppler-utils)

system_packages() {
  local missing=()
  command -v dpkg >/dev/null || return 0   # not Debian/Ubuntu: see README
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

python_env() {
  local extras="$1"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv 2>/dev/null || {
      rm -rf .venv
      apt_install python3-venv && python3 -m venv .venv
    }
  fi
  local stamp=".venv/.installed-$extras"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".[$extras]"
    touch "$stamp"
  fi
}

browser_env() {
  command -v npm >/dev/null || apt_install nodejs npm
  # npm writes node_modules/.package-lock.json: reinstall when package-lock.json is newer
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --silent
  fi
  if [ -z "${CHROMIUM:-}" ]; then
    for c in /usr/bin/chromium /usr/bin/chromium-browser; do
      [ -x "$c" ] && export CHROMIUM="$c" && break
    done
  fi
  if [ -z "${CHROMIUM:-}" ]; then
    apt_install chromium || .venv/bin/playwright install chromium
    [ -x /usr/bin/chromium ] && export CHROMIUM=/usr/bin/chromium
  fi
  return 0
}

case "${1:-}" in
  build)
    system_packages "${BUILD_PACKAGES[@]}"
    python_env test
    .venv/bin/carecourse build "${@:2}"
    ;;
  serve)
    system_packages "${BUILD_PACKAGES[@]}"
    python_env test
    .venv/bin/carecourse serve "${@:2}"
    ;;
  test)
    system_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    python_env test
    browser_env
    .venv/bin/ruff check builder tests bench
    .venv/bin/mypy    # the type checker, on builder/ (settings in pyproject.toml)
    .venv/bin/python -m pytest "${@:2}"
    ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
