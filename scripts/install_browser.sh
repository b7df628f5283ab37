#!/usr/bin/env bash
# Install Debian's Chromium for the end-to-end tests and scripts/screenshots.py.
# Playwright drives it through executable_path; never run `playwright install` (it downloads a browser).
set -euo pipefail

if [[ ! -x /usr/bin/chromium ]]; then
    bash "$(dirname "$0")/apt_install.sh" chromium fonts-dejavu-core
fi
