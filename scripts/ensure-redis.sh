#!/usr/bin/env bash
# Makes sure Redis answers on 127.0.0.1:6379, as the tests and a development scale-out setup expect.
# Installs the Debian package and starts a server when needed. Idempotent; silent when all is well.
# Redis here holds only data Tack can rebuild, so persistence is off (no RDB snapshots, no AOF).
# TACK_REDIS_PORT exists so this script can be tested without touching a running server.
set -euo pipefail

HOST=127.0.0.1
PORT=${TACK_REDIS_PORT:-6379}

say() { echo "ensure-redis: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
answers() { command -v redis-cli >/dev/null && [ "$(redis-cli -h "$HOST" -p "$PORT" ping 2>/dev/null)" = "PONG" ]; }

if answers; then exit 0; fi

if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  say "installing Redis (apt-get)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  # The package may start its own service on 6379 with its own settings: fine if it answers.
  if answers; then exit 0; fi
fi

say "starting redis-server on $HOST:$PORT"
redis-server --daemonize yes --bind "$HOST" --port "$PORT" --save "" --appendonly no >/dev/null
for _ in $(seq 1 40); do answers && exit 0; sleep 0.25; done
say "Redis does not answer on $HOST:$PORT (is the port taken by something else?)"
exit 1
