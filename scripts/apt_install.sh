#!/usr/bin/env bash
# Install Debian packages as a fresh machine needs them: the package lists first, then the packages without their
# recommendations, as root or through sudo. Everything it prints goes to stderr, so a caller's stdout stays its own.
#   scripts/apt_install.sh PACKAGE...
set -euo pipefail

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
fi

echo "Installing $* from Debian packages..." >&2
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
