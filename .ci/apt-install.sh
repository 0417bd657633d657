#!/usr/bin/env bash
# Installs one Debian package without its recommends: apt-install.sh PACKAGE WHY. Needs root or
# passwordless sudo; refreshes the package lists only when the first try fails.
set -euo pipefail
PACKAGE=$1
WHY=$2

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get is not available; install $PACKAGE by hand ($WHY)." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "error: installing $PACKAGE needs root (run: sudo apt-get install --no-install-recommends $PACKAGE; $WHY)." >&2
    exit 1
  fi
fi

echo "installing $PACKAGE with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
install() { $SUDO apt-get install -y -qq --no-install-recommends "$PACKAGE" >/dev/null; }
if ! install && ! { $SUDO apt-get update -qq && install; }; then
  echo "error: apt-get could not install $PACKAGE (no network or no such package on this distribution?)." >&2
  exit 1
fi
