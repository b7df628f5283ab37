#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests and benchmarks: installs Debian's postgresql when it is
# missing, makes a cluster in $DASBOR_PG_DIR (trust authentication, loopback only), starts it on $DASBOR_PG_PORT and
# prints its administrator URL, which the tests take from DASBOR_TEST_POSTGRES_URL. Starting it again reuses it.
#   scripts/postgres.sh         start (or reuse) and print the URL
#   scripts/postgres.sh stop    stop it
set -euo pipefail

PORT=${DASBOR_PG_PORT:-55432}
DIR=${DASBOR_PG_DIR:-/tmp/dasbor-postgres-$PORT}
URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [[ -z $(bin_dir) ]]; then
    # Debian's package starts its own cluster where it can; ours runs apart from it, on its own port and folder.
    bash "$(dirname "$0")/apt_install.sh" postgresql
fi
BIN=$(bin_dir)

# PostgreSQL refuses to run as root: as root, run its programs as the postgres user the package created.
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
    as_owner=(runuser -u postgres --)
fi

if [[ ${1:-start} == stop ]]; then
    [[ -f $DIR/postmaster.pid ]] && "${as_owner[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast stop >&2
    exit 0
fi

if [[ ! -f $DIR/PG_VERSION ]]; then
    mkdir -p "$DIR"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$DIR"
    "${as_owner[@]}" "$BIN/initdb" -D "$DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >&2
fi
if ! "${as_owner[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    # fsync off: a test server that is thrown away need not survive a power cut, and tests make many databases.
    "${as_owner[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >&2
fi
echo "$URL"
