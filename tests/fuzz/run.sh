#!/bin/sh
# Runs every libFuzzer target built in BUILD/fuzzers for SECONDS each, one
# after another, and prints what each did. New corpus entries go to
# BUILD/corpus/<target> (tests/fuzz/corpus/<target> holds the seeds and is
# only read); crashes, leaks and time-outs go to tests/fuzz/crashes/<target>/
# where `make check` (fuzz-regress) replays them from then on.
# Per target, tests/fuzz/<target>.dict is passed as -dict and the flags in
# tests/fuzz/<target>.options are added.
# Usage: run.sh BUILD SECONDS [TARGET...]
set -u
build=$1 secs=$2
shift 2
targets="$*"
[ -n "$targets" ] || targets=$(for f in tests/fuzz/fuzz_*.c; do
    f=${f#tests/fuzz/fuzz_}; echo "${f%.c}"; done)
mkdir -p "$build/logs"
total_runs=0 crashed=""
printf '%-8s %12s %8s %8s %8s  %s\n' target execs exec/s cov ft result
for t in $targets; do
    bin=$build/fuzzers/fuzz_$t log=$build/logs/$t.log
    mkdir -p "$build/corpus/$t" "tests/fuzz/crashes/$t"
    set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="tests/fuzz/crashes/$t/"
    [ -f "tests/fuzz/$t.dict" ] && set -- "$@" -dict="tests/fuzz/$t.dict"
    # tests/fuzz/<target>.options: extra libFuzzer flags, e.g. a -max_len
    # that keeps the 1 MB seeds from slowing every mutation down.
    [ -f "tests/fuzz/$t.options" ] && set -- "$@" $(cat "tests/fuzz/$t.options")
    "$bin" "$@" "$build/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$log" | grep 'cov:' | tail -n 1)
    cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    if [ -z "$runs" ]; then
        runs=$(printf '%s\n' "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
    fi
    result=ok
    if [ $rc -ne 0 ]; then
        result="CRASH (see $log)"
        crashed="$crashed $t"
    fi
    printf '%-8s %12s %8s %8s %8s  %s\n' "$t" "${runs:-?}" "${speed:-?}" "${cov:-?}" \
        "${ft:-?}" "$result"
    total_runs=$((total_runs + ${runs:-0}))
done
echo "fuzz: $total_runs executions in total"
if [ -n "$crashed" ]; then
    echo "fuzz: crashed:$crashed — inputs kept in tests/fuzz/crashes/<target>/"
    exit 1
fi
