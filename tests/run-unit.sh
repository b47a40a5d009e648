#!/bin/sh
# Runs each cmocka test binary given, prints its output on failure, and a
# summary line "N passed, N failed" counting individual tests.
pass=0; fail=0; bad=""
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
    if [ $rc -ne 0 ]; then
        [ -z "$f" ] && fail=$((fail + 1))
        bad="$bad $(basename "$t")"
        printf '%s\n' "$out"
    fi
    printf '%-28s %s passed, %s failed\n' "$(basename "$t")" "${p:-0}" "${f:-0}"
done
echo "unit: $pass passed, $fail failed"
[ -n "${XF_RESULTS:-}" ] && echo "$pass $fail" >>"$XF_RESULTS"
[ -z "$bad" ] || { echo "failing:$bad"; exit 1; }
