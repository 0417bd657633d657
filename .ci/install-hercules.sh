#!/usr/bin/env bash
# Installs Debian's hercules (3.13) for test/tape-hercules.test.ts and test/backup.test.ts: its
# tapemap, hetmap and hetinit read and make the AWSTAPE images of spec/tape.md. Exits 0 when
# they are already there.
set -euo pipefail
TOOLS=(tapemap hetmap hetinit)

missing() {
  local t
  for t in "${TOOLS[@]}"; do command -v "$t" >/dev/null 2>&1 || echo "$t"; done
}

if [ -z "$(missing)" ]; then
  echo "hercules tools already installed: $(command -v "${TOOLS[@]}" | tr '\n' ' ')"
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" hercules "the Hercules tape tests are skipped without it"
if [ -n "$(missing)" ]; then
  echo "error: apt-get finished but $(missing | tr '\n' ' ')is still missing." >&2
  exit 1
fi
echo "hercules installed: $(command -v "${TOOLS[@]}" | tr '\n' ' ')"
