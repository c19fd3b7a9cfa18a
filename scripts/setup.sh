#!/usr/bin/env bash
# Installs what earshot needs on a fresh Debian machine with only Node and apt:
# redis-server (the embedded mode starts and owns one), and with --test also
# Chromium for the browser tests. Then installs the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

want=(redis-server)
if [[ "${1:-}" == "--test" ]]; then want+=(chromium); fi

missing=()
for pkg in "${want[@]}"; do
  case "$pkg" in
    redis-server) command -v redis-server >/dev/null 2>&1 || missing+=("$pkg") ;;
    chromium) command -v chromium >/dev/null 2>&1 || missing+=("$pkg") ;;
  esac
done

if (( ${#missing[@]} )); then
  if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
    echo "setup: installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these system packages, then run this again: ${missing[*]}" >&2
    echo "       (Debian/Ubuntu: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# `npm install`, not `npm ci`: npm 11 writes lock files that record only this
# platform's optional native packages (chdb, msgpackr), and its `npm ci` then
# refuses them as out of sync. `npm install` still installs the locked versions.
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm install --no-audit --no-fund --loglevel=error
fi
