#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 and lets user `postgres` in without a password
# (trust on loopback and the local socket), as the tests and a development scale-out setup expect.
# Installs the Debian package and starts a cluster when needed. Idempotent; silent when all is well.
# Trust auth is for a development or CI machine only: never run this on a server others can reach.
# TACK_PG_PORT and TACK_PG_CLUSTER exist so this script can be tested without touching a running cluster.
set -euo pipefail

HOST=127.0.0.1
PORT=${TACK_PG_PORT:-5432}
CLUSTER=${TACK_PG_CLUSTER:-main}
MARKER="# tack: trust loopback and local-socket connections (development and tests)"

say() { echo "ensure-postgres: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
answers() { command -v pg_isready >/dev/null && pg_isready -q -h "$HOST" -p "$PORT"; }
trusted() { psql -h "$HOST" -p "$PORT" -U postgres -d postgres -w -Atqc 'SELECT 1' >/dev/null 2>&1; }

if answers && trusted; then exit 0; fi

if ! answers; then
  if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    say "installing PostgreSQL (apt-get)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  VERSION=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)
  if [ ! -d "/etc/postgresql/$VERSION/$CLUSTER" ]; then
    say "creating cluster $VERSION/$CLUSTER on port $PORT"
    as_root pg_createcluster --port "$PORT" "$VERSION" "$CLUSTER" >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c && $4 == "online" { found = 1 } END { exit !found }'; then
    say "starting cluster $VERSION/$CLUSTER"
    as_root pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" start
  fi
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { say "PostgreSQL does not answer on $HOST:$PORT; see /var/log/postgresql/"; exit 1; }
fi

if ! trusted; then
  # Which cluster listens here, and where its pg_hba.conf is (the first matching line wins).
  read -r VERSION CLUSTER < <(pg_lsclusters -h | awk -v p="$PORT" '$3 == p { print $1, $2; exit }')
  HBA=/etc/postgresql/$VERSION/$CLUSTER/pg_hba.conf
  if ! grep -qxF "$MARKER" "$HBA"; then
    say "allowing trust auth for local connections in $HBA"
    as_root sed -i "1i $MARKER\nlocal all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust" "$HBA"
  fi
  as_root pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" reload
  for _ in $(seq 1 20); do trusted && break; sleep 0.25; done
  trusted || { say "user postgres still cannot connect to $HOST:$PORT without a password; check $HBA"; exit 1; }
fi
