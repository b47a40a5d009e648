#!/bin/sh
# Many users on one database (SPEC §5): busy handling, then 16 processes
# writing at once through the domain API.
# Usage: tests/stress/run.sh BUILD/tests   (holds stress_busy, stress_writers)
# Last line: "stress: N passed, N failed"; with XF_RESULTS set, "N N" is
# appended to it like the other groups.
BIN=${1:-build/tests}
PROCS=${XF_STRESS_PROCS:-16}
T=$(mktemp -d /tmp/xf-stress-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0

# cmocka binary: counts its [ PASSED ] / [ FAILED ] tests.
out=$("$BIN/stress_busy" 2>&1); rc=$?
p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
[ $rc -ne 0 ] && [ -z "$f" ] && f=1
[ $rc -ne 0 ] && printf '%s\n' "$out"
pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
printf '%-28s %s passed, %s failed\n' stress_busy "${p:-0}" "${f:-0}"

# The writers print "ok"/"FAIL" per check and a timing line.
out=$("$BIN/stress_writers" "$T" "$PROCS" 2>&1); rc=$?
p=$(printf '%s\n' "$out" | grep -c '^ok ')
f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
[ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
if [ $rc -ne 0 ]; then printf '%s\n' "$out"; else printf '%s\n' "$out" | grep '^stress:'; fi
pass=$((pass + p)); fail=$((fail + f))
printf '%-28s %s passed, %s failed\n' stress_writers "$p" "$f"

echo "stress: $pass passed, $fail failed"
[ -n "${XF_RESULTS:-}" ] && echo "$pass $fail" >>"$XF_RESULTS"
[ "$fail" -eq 0 ]
