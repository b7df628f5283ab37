#!/usr/bin/env bash
# Install Debian's Chromium for the end-to-end tests and scripts/screenshots.py.
# Playwright drives it through executable_path; never run `playwright install` (it downloads a browser).
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
    exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
fi

echo "Installing chromium from Debian packages..." >&2
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
