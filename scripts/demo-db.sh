#!/bin/sh
# make run's demo database: made once with demo data, and made again when
# this build cannot open the one there (a development build's, say). The
# old file is moved aside, never deleted, and the reason is printed.
# Usage: scripts/demo-db.sh BINARY DB
set -u
bin=$1 db=$2
mkdir -p "$(dirname "$db")"
if [ -e "$db" ]; then
    if why=$("$bin" report posts --db "$db" 2>&1 >/dev/null); then
        exit 0
    fi
    aside="$db.unusable-$(date +%Y%m%d-%H%M%S)"
    echo "run: this build cannot open $db:" >&2
    echo "  $why" >&2
    for f in "$db" "$db-wal" "$db-shm" "$db-lock"; do
        [ -e "$f" ] && mv "$f" "$aside${f#"$db"}"
    done
    echo "run: moved it to $aside; making a new demo database" >&2
fi
"$bin" init --db "$db" || exit 1
"$bin" demo --db "$db" || echo "run: demo data failed; the database stays empty" >&2
