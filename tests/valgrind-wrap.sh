#!/bin/sh
# Runs build/xianfeng (or $XF_REAL) under valgrind, for `make valgrind`:
# the CLI and interface suites take this script as their binary. A leak
# of our own or an invalid access makes the run exit 99 and the test that
# ran it fail; the full report goes to $XF_VG_LOG (one file per process).
HERE=$(cd "$(dirname "$0")" && pwd)
REAL=${XF_REAL:-$HERE/../build/xianfeng}
LOG=${XF_VG_LOG:-/tmp/xf-valgrind}
mkdir -p "$LOG"
exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect --error-exitcode=99 \
    --suppressions="$HERE/valgrind.supp" --log-file="$LOG/vg.%p.log" "$REAL" "$@"
