#!/bin/sh
# Installs a built Tiantai tree for production: an unpacked release archive (npm run release), or a clone
# after `npm run build`. Runtime packages only (npm ci --omit=dev); better-sqlite3 is compiled from source
# (python3, make and g++ needed; nothing is downloaded but the npm packages). CI runs this script outside a
# container, and deploy/Dockerfile runs it inside one, so both install the same way.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f server/dist/main.js ] || [ ! -f web/dist/index.html ]; then
  echo "install: no build here (server/dist, web/dist): unpack a release archive or run npm run build first" >&2
  exit 1
fi
if [ -n "${TIANTAI_ADDON_PREBUILDS:-}" ]; then
  # Many machines, one Node: the better-sqlite3 addon compiled once (a tarball named as prebuild-install names
  # it, e.g. better-sqlite3-v12.11.1-node-v115-linux-x64.tar.gz) is taken from this folder. The download host
  # points nowhere, so a missing tarball means a compile, never a download.
  npm_config_build_from_source=false \
    npm_config_better_sqlite3_local_prebuilds="$TIANTAI_ADDON_PREBUILDS" \
    npm_config_better_sqlite3_binary_host=http://127.0.0.1:9 \
    npm ci --omit=dev --no-audit --no-fund
else
  npm_config_build_from_source=true npm ci --omit=dev --no-audit --no-fund
fi
# The native SQLite module loads on this Node, or the install fails here rather than at first start.
node -e "import('better-sqlite3').then((m) => new m.default(':memory:').close())"
echo "install: done. Start with: node server/dist/main.js (settings in the environment; see docs/operations.md)"
