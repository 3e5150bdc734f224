#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (never a downloaded build). Installs it when missing.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then exit 0; fi
echo "Chromium is missing at $CHROMIUM: installing Debian's chromium package for the browser tests."
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Install Chromium so that $CHROMIUM exists (Debian/Ubuntu: apt-get install chromium), then run the tests again." >&2
  exit 1
fi
[ -x "$CHROMIUM" ] || { echo "Chromium install did not provide $CHROMIUM" >&2; exit 1; }
