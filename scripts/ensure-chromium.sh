#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests. It installs the
# distribution package with apt-get (never a browser download from elsewhere).
set -euo pipefail
# The colour emoji font draws comment reactions (user content) in tests and screenshots.
if [ -x /usr/bin/chromium ] && [ -d /usr/share/fonts/truetype/noto ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-noto-color-emoji >/dev/null
/usr/bin/chromium --version
