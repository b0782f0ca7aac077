#!/usr/bin/env bash
# Starts the portal for Playwright the way production runs it: fresh database, migrations
# applied, `next build`, then `next start`. Set E2E_SKIP_BUILD=1 to reuse an existing build.
# A SQLite DATABASE_URL's file is deleted first; a PostgreSQL database comes fresh from
# e2e/support/start-postgres-portal.mjs, which runs this script on it.
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${DATABASE_URL:-}" in
  file:*)
    file="${DATABASE_URL#file:}"
    rm -f "$file" "$file-journal" "$file-wal" "$file-shm"
    ;;
esac
node scripts/migrate.mjs
if [ "${E2E_SKIP_BUILD:-}" != "1" ] || [ ! -f .next/BUILD_ID ]; then
  npm run build
fi
# Keep-alive as `npm run serve` sets it: longer than a load balancer's (or Playwright's
# request context's) idle reuse, so a reused connection is never closed under a request.
exec npx next start --hostname 127.0.0.1 --port "$PORT" --keepAliveTimeout 65000
