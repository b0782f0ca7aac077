#!/usr/bin/env bash
# Starts the portal for Playwright the way production runs it: fresh database, migrations
# applied, `next build`, then `next start`. Set E2E_SKIP_BUILD=1 to reuse an existing build.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -f data/e2e.db data/e2e.db-journal data/e2e.db-wal data/e2e.db-shm
node scripts/migrate.mjs
if [ "${E2E_SKIP_BUILD:-}" != "1" ] || [ ! -f .next/BUILD_ID ]; then
  npx next build
fi
exec npx next start --hostname 127.0.0.1 --port "$PORT"
