#!/usr/bin/env bash
# Installs Debian's chromium for test/report.browser.test.ts (playwright-core drives /usr/bin/chromium;
# no browser download from a CDN). Exits 0 when it is already there.
set -euo pipefail
CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "chromium already installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" chromium "the browser test is skipped without it"
if [ ! -x "$CHROMIUM" ]; then
  echo "error: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
