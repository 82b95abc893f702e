#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it on a fresh machine: start what is missing
# (PostgreSQL, Redis, Chromium, HAProxy), check lint and types, build the web client, then run
# every test file once with Node's test runner against real services.
set -euo pipefail
cd "$(dirname "$0")/.."
# Server processes the tests start freeze the board objects reads share, so a route that changed
# one in place fails here instead of corrupting other readers' boards (board-objects-cache.ts).
export TACK_CHECK_SHARED_OBJECTS=1

for need in scripts/ensure-*.sh; do bash "$need"; done

echo "== lint and types"
npm run --silent lint
npm run --silent typecheck

if [ -f packages/web/package.json ] && grep -q '"build"' packages/web/package.json; then
  echo "== build the web client"
  npm run --silent build
fi

echo "== tests"
shopt -s globstar nullglob
files=(packages/shared/src/**/*.test.ts packages/server/test/**/*.test.ts packages/web/src/**/*.test.ts e2e/**/*.test.ts)
exec node --test --test-concurrency=1 --test-timeout=300000 "${files[@]}"
