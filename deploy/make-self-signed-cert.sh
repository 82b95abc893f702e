#!/usr/bin/env bash
# Makes a self-signed certificate for trying TLS termination in HAProxy on one machine:
# DIR/tack.pem (certificate followed by its key, the form HAProxy's `ssl crt` wants).
# Usage: deploy/make-self-signed-cert.sh [DIR] [HOSTNAME]   (defaults: data/tls, localhost)
# For a real deployment use a certificate from your CA or ACME client instead.
set -euo pipefail
dir=${1:-data/tls}
host=${2:-localhost}
mkdir -p "$dir"
openssl req -x509 -newkey rsa:2048 -sha256 -nodes -days 365 \
  -subj "/CN=$host" \
  -addext "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/tack.key" -out "$dir/tack.crt" 2>/dev/null
cat "$dir/tack.crt" "$dir/tack.key" > "$dir/tack.pem"
chmod 600 "$dir/tack.key" "$dir/tack.pem"
echo "$dir/tack.pem"
