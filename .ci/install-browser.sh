#!/usr/bin/env bash
# Installs Debian's chromium for test/report.browser.test.ts (playwright-core drives /usr/bin/chromium;
# no browser download from a CDN). Exits 0 when it is already there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "chromium already installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: $CHROMIUM is missing and apt-get is not available; install Chromium by hand (the browser test is skipped without it)." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "error: installing chromium needs root (run: sudo apt-get install chromium); the browser test is skipped without it." >&2
    exit 1
  fi
fi

echo "installing chromium with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
# The package lists on the machine usually suffice; refresh them only when the install fails.
install() { $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
if ! install && ! { $SUDO apt-get update -qq && install; }; then
  echo "error: apt-get could not install chromium (no network or no such package on this distribution?)." >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "error: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
