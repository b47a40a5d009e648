#!/bin/sh
# Interface tests: every tests/ui/test_*.sh, each against the real binary in
# its own tmux server. Usage: tests/ui/run.sh path/to/xianfeng
# The last line is "ui: N passed, N failed"; exit status 1 when any failed.
XF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
UI_DIR=$HERE
export XF UI_DIR
if ! command -v tmux >/dev/null 2>&1; then
    echo "ui: tmux is missing (sh scripts/deps.sh installs it)"
    echo "ui: 0 passed, 1 failed"
    exit 1
fi
total_pass=0
total_fail=0
for t in "$HERE"/test_*.sh; do
    echo "== $(basename "$t")"
    # Each test runs in a subshell with its own counters and tmux server;
    # it prints its counts last as "counts P F".
    out=$(sh -c '. "$1"/lib.sh; pass=0; fail=0; . "$2"; ui_reap; echo "counts $pass $fail"' \
        sh "$HERE" "$t" 2>&1)
    echo "$out" | grep -v '^counts '
    set -- $(echo "$out" | grep '^counts ' | tail -1)
    if [ "$1" = counts ]; then
        total_pass=$((total_pass + $2))
        total_fail=$((total_fail + $3))
    else
        echo "FAIL $(basename "$t") did not finish"
        total_fail=$((total_fail + 1))
    fi
done
echo "ui: $total_pass passed, $total_fail failed"
[ -n "${XF_RESULTS:-}" ] && echo "$total_pass $total_fail" >>"$XF_RESULTS"
[ "$total_fail" -eq 0 ]
