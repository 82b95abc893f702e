#!/usr/bin/env bash
# Installs Debian's haproxy package when the `haproxy` command is absent (tests, the cluster
# command and CI call this; it does nothing when HAProxy is already there).
set -euo pipefail
if command -v haproxy >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "haproxy is not installed: run 'sudo apt-get update && sudo apt-get install -y haproxy'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends haproxy >/dev/null
# The package starts a system service with its own config on port 80 etc.; Tack runs its own
# HAProxy processes, so stop the packaged one where a service manager is present.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet haproxy 2>/dev/null; then
  systemctl stop haproxy || true
fi
command -v haproxy >/dev/null
