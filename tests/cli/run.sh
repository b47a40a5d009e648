#!/bin/sh
# End-to-end tests of the command line on temporary databases.
# Usage: tests/cli/run.sh path/to/xianfeng
# Each check prints ok/FAIL; the last line is "cli: N passed, N failed".
XF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d /tmp/xf-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
export XIANFENG_CONFIG="$T/none.cfg"   # set per test; never the system file
unset XIANFENG_TODAY LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '     %s\n' "$2"; }

# expect_rc NAME RC CMD...: runs CMD, checks its exit status.
expect_rc() {
    name=$1; want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; got=$?
    if [ "$got" -eq "$want" ]; then ok "$name"; else
        bad "$name" "exit $got, wanted $want: $(head -c 400 "$T/err")"; fi
}
# expect_in NAME FILE TEXT: FILE contains TEXT.
expect_in() {
    if grep -qF -- "$3" "$2"; then ok "$1"; else bad "$1" "no '$3' in: $(head -c 400 "$2")"; fi
}
expect_not_in() {
    if grep -qF -- "$3" "$2"; then bad "$1" "'$3' in: $(head -c 400 "$2")"; else ok "$1"; fi
}
expect_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else bad "$1" "got '$2', wanted '$3'"; fi
}
sql() { sqlite3 -batch -noheader "$@"; }

# A config with no users: single-user mode, the caller is admin.
printf 'database = { path = "%s/default.db"; };\n' "$T" >"$T/ok.cfg"
export XIANFENG_CONFIG="$T/ok.cfg"

. "$HERE/basics.sh"
. "$HERE/data.sh"
. "$HERE/imports.sh"
. "$HERE/admin.sh"
. "$HERE/i18n.sh"

echo "cli: $pass passed, $fail failed"
[ -n "${XF_RESULTS:-}" ] && echo "$pass $fail" >>"$XF_RESULTS"
[ "$fail" -eq 0 ]
