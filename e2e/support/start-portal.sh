#!/usr/bin/env bash
# Starts the portal for Playwright the way production runs it: fresh database, migrations
# applied, `next build`, then the server `npm run serve` starts (scripts/serve.mjs). Set E2E_SKIP_BUILD=1 to reuse an existing build.
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
# As `npm run serve` starts it, after the migrations above: the ingest thread on the port,
# Next.js behind it, keep-alive 65 s.
exec node scripts/serve.mjs --hostname 127.0.0.1 --port "$PORT"
