#!/usr/bin/env bash
# Install Debian's nginx for the deployment tests (tests/e2e/test_topology.py, deploy/topology.py).
set -euo pipefail

if ! command -v nginx >/dev/null 2>&1 && [[ ! -x /usr/sbin/nginx ]]; then
    bash "$(dirname "$0")/apt_install.sh" nginx
fi
