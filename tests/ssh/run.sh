#!/bin/sh
# SSH tests: a real OpenSSH server on 127.0.0.1 and real Unix accounts
# driving the real binary, each login in its own tmux session. They create
# and delete accounts, so they need root (CI runs as root); without root,
# sshd or useradd they are skipped, never counted as passed.
# Usage: tests/ssh/run.sh path/to/xianfeng
# The last line is "ssh: N passed, N failed"; exit status 1 when any failed.
XF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
export XF

skip() {
    echo "ssh: skipped: $1"
    echo "ssh: 0 passed, 0 failed (skipped)"
    [ -n "${XF_RESULTS:-}" ] && echo "0 0" >>"$XF_RESULTS"
    exit 0
}
[ "$(id -u)" -eq 0 ] || skip "not root (they create Unix accounts)"
[ -x /usr/sbin/sshd ] || skip "no /usr/sbin/sshd (sh scripts/deps.sh installs openssh-server)"
for c in useradd usermod userdel groupadd groupdel ssh ssh-keygen; do
    command -v "$c" >/dev/null 2>&1 || skip "no $c"
done
if ! command -v tmux >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
    echo "ssh: tmux or sqlite3 is missing (sh scripts/deps.sh installs them)"
    echo "ssh: 0 passed, 1 failed"
    [ -n "${XF_RESULTS:-}" ] && echo "0 1" >>"$XF_RESULTS"
    exit 1
fi

total_pass=0
total_fail=0
for t in "$HERE"/test_*.sh; do
    echo "== $(basename "$t")"
    # Each test runs in its own shell, whose exit removes what it made; it
    # prints its counts last as "counts P F".
    out=$(sh -c '. "$1"/lib.sh; pass=0; fail=0; . "$2"; echo "counts $pass $fail"' \
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
echo "ssh: $total_pass passed, $total_fail failed"
[ -n "${XF_RESULTS:-}" ] && echo "$total_pass $total_fail" >>"$XF_RESULTS"
[ "$total_fail" -eq 0 ]
