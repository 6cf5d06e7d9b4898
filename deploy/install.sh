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
npm_config_build_from_source=true npm ci --omit=dev --no-audit --no-fund
# The native SQLite module loads on this Node, or the install fails here rather than at first start.
node -e "import('better-sqlite3').then((m) => new m.default(':memory:').close())"
echo "install: done. Start with: node server/dist/main.js (settings in the environment; see docs/operations.md)"
