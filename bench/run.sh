#!/bin/sh
# The benchmark suite (bench/README.md). Usage: bench/run.sh BUILD_DIR [WAL_MINUTES]
# Builds the city and small demo databases once into bench/cache/, measures,
# prints one table and writes bench/results.csv. Needs BUILD_DIR/xianfeng and
# BUILD_DIR/bench/{xfbench,writers}, and the sqlite3 shell.
set -u
B=$1
WAL_MIN=${2:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
C=$HERE/cache
mkdir -p "$C"
REPS=${BENCH_REPS:-20}
# A copy of the binary: others rebuilding the tree must not swap it mid-run.
XF=$C/xianfeng-under-test
cp "$B/xianfeng" "$XF"
XB=$B/bench/xfbench
WR=$B/bench/writers
# No users in the config: single-user mode, the caller is admin.
printf 'database = { path = "%s/none.db"; };\n' "$C" >"$C/bench.cfg"
export XIANFENG_CONFIG="$C/bench.cfg"
unset XIANFENG_TODAY
OUT=$C/rows.csv
: >"$OUT"

# row GROUP FIGURE VALUE UNIT OP TARGET: OP is le or ge.
row() {
    res=$(awk -v v="$3" -v t="$6" -v op="$5" 'BEGIN {
        if (v == "" || v == "n/a") { print "FAIL"; exit }
        ok = op == "le" ? v + 0 <= t + 0 : v + 0 >= t + 0; print ok ? "PASS" : "FAIL" }')
    sym=$([ "$5" = le ] && echo "<=" || echo ">=")
    echo "$1,$2,$3,$4,$sym $6,$res" >>"$OUT"
}
# val FILE NAME: the value of a "name value" line.
val() { awk -v n="$2" '$1 == n { print $2 }' "$1"; }
ms_of() { awk -v a="$1" 'BEGIN { printf "%.0f", a }'; }

# ---- 1. generation (timed once, on a fresh file; the result is the cache) --
if [ ! -s "$C/city.db" ] || [ ! -s "$C/gen.txt" ]; then
    echo "bench: generating the city (once; cached in bench/cache/)" >&2
    rm -f "$C"/city.db*
    "$XF" init --db "$C/city.db" >/dev/null
    "$XB" time 1 "$XF" demo --scale city --db "$C/city.db" >"$C/gen.txt" || exit 1
fi
if [ ! -s "$C/small.db" ]; then
    rm -f "$C"/small.db*
    "$XF" init --db "$C/small.db" >/dev/null && "$XF" demo --db "$C/small.db" >/dev/null || exit 1
fi
gen=$(awk '{ printf "%.1f", $1 / 1000 }' "$C/gen.txt")
row generation "demo --scale city" "$gen" s le 10
# Measurements run on a scratch copy, so the cache stays pristine.
W=$C/work.db
fresh() { rm -f "$W" "$W-wal" "$W-shm"; cp "$C/city.db" "$W"; }
fresh

# ---- 2. start-up ---------------------------------------------------------------
echo "bench: start-up" >&2
for size in "80 24" "200 50"; do
    set -- $size
    "$XB" startup "$XF" "$W" "$1" "$2" 9 >"$C/startup.txt"
    row startup "exec to first screen ${1}x${2} (median of 9)" \
        "$(val "$C/startup.txt" "startup_${1}x${2}_median_ms")" ms le 30
done

# ---- 3/4. keys --------------------------------------------------------------------
echo "bench: keys" >&2
for size in "80 24" "200 50"; do
    set -- $size
    "$XB" keys "$XF" "$W" "$1" "$2" "$REPS" >"$C/keys_$1.txt"
    awk '$1 ~ /_median_ms$/ { n = $1; sub(/^key_/, "", n); sub(/_median_ms$/, "", n); print n }' \
        "$C/keys_$1.txt" | while read -r k; do
        row keys "$k median" "$(val "$C/keys_$1.txt" "key_${k}_median_ms")" ms le 3
        row keys "$k max" "$(val "$C/keys_$1.txt" "key_${k}_max_ms")" ms le 20
    done
done
# Bytes of a key that got no answer (recorded as 5000 ms) are n/a: FAIL.
bytes() {
    case $(val "$C/keys_80.txt" "key_${1}_80x24_max_ms") in
    5000.00) echo n/a ;;
    *) val "$C/keys_80.txt" "key_${1}_80x24_median_bytes" ;;
    esac
}
for k in complaints_down pledge_tree_down pledge_members_down posts_down; do
    row bytes "$k 80x24 (median)" "$(bytes "$k")" B le 300
done
for k in complaints_pgdn pledge_tree_pgdn pledge_members_pgdn posts_pgdn; do
    row bytes "$k 80x24 (median)" "$(bytes "$k")" B le 2560
done

# ---- 5. memory ----------------------------------------------------------------------
echo "bench: memory" >&2
"$XB" mem "$XF" "$W" >"$C/mem_city.txt"
"$XB" mem "$XF" "$C/small.db" >"$C/mem_small.txt"
mc=$(val "$C/mem_city.txt" mem_peak_kb)
ms=$(val "$C/mem_small.txt" mem_peak_kb)
row memory "peak RSS: city with every pane paged" "$(awk -v k="$mc" 'BEGIN { printf "%.1f", k / 1024 }')" MB le 16
row memory "peak RSS: small demo (reference)" "$(awk -v k="$ms" 'BEGIN { printf "%.1f", k / 1024 }')" MB le 16
row memory "city / small peak RSS" "$(awk -v a="$mc" -v b="$ms" 'BEGIN { printf "%.2f", a / b }')" x le 1.3

# ---- 6. queries ---------------------------------------------------------------------
echo "bench: queries" >&2
for r in pledges complaints units inspections evaluations posts; do
    xf=$("$XB" time 5 "$XF" report "$r" --db "$W" | awk '{ print $1 }')
    sq=$("$XB" time 5 sqlite3 "$W" ".read $HERE/sql/$r.sql" | awk '{ print $1 }')
    row queries "report $r: xianfeng" "$(ms_of "$xf")" ms le 50
    row queries "report $r: xianfeng / plain sqlite3 ($(ms_of "$sq") ms)" \
        "$(awk -v a="$xf" -v b="$sq" 'BEGIN { printf "%.2f", a / b }')" x le 1.5
done

# ---- 7. concurrency -----------------------------------------------------------------
echo "bench: writers" >&2
fresh
"$WR" "$W" 16 20 >"$C/w16.txt" 2>"$C/w16.err"
row concurrency "16 writers for 20 s: writes/s" "$(val "$C/w16.txt" writes_per_s)" /s ge 5000
row concurrency "16 writers: p99 wait" "$(val "$C/w16.txt" wait_p99_ms)" ms le 100
row concurrency "16 writers: failed writes" "$(val "$C/w16.txt" failures)" "" le 0
fresh
"$WR" "$W" 64 10 >"$C/w64.txt" 2>"$C/w64.err"
row concurrency "64 writers for 10 s: failed writes" "$(val "$C/w64.txt" failures)" "" le 0
row concurrency "64 writers: worst wait" "$(val "$C/w64.txt" wait_max_ms)" ms le 1000
fresh
"$XB" live "$XF" "$W" 10 >"$C/live.txt"
row concurrency "commit to the Overview pane of another session (max of 10)" "$(val "$C/live.txt" live_max_ms)" ms le 1000

# ---- 8. WAL under load ------------------------------------------------------------------
echo "bench: WAL, $WAL_MIN min of 16 writers with 6 idle interfaces" >&2
fresh
secs=$((WAL_MIN * 60))
"$XB" idle "$XF" "$W" $((secs + 5)) &
idle=$!
sleep 3
"$WR" "$W" 16 "$secs" >"$C/wal.txt" 2>"$C/wal.err"
wait "$idle"
row wal "largest -wal after $WAL_MIN min of 16 writers" "$(val "$C/wal.txt" wal_max_mb)" MB le 64
rm -f "$W" "$W-wal" "$W-shm"

# ---- 9. history ---------------------------------------------------------------------------
# The city with 300,000 history rows grown (bench/grow_history.sh), cached
# beside it; the migration on open brings a cached copy up to date.
echo "bench: history pages on a grown history" >&2
if [ ! -s "$C/history.db" ]; then
    rm -f "$C"/history.db*
    cp "$C/city.db" "$C/history.db" && sh "$HERE/grow_history.sh" "$C/history.db" 300000 || exit 1
fi
rm -f "$W" "$W-wal" "$W-shm"
cp "$C/history.db" "$W"
"$XB" history "$W" 9 >"$C/history.txt"
for q in pane cli user day record scoped; do
    for p in first next; do
        row history "page $q $p (median of 9)" "$(val "$C/history.txt" "history_${q}_${p}_median_ms")" ms le 50
    done
done
XFBENCH_LISTS=history "$XB" keys "$XF" "$W" 80 24 "$REPS" >"$C/keys_history.txt"
for k in open pgdn end home; do
    row history "pane key $k 80x24 median" "$(val "$C/keys_history.txt" "key_history_${k}_80x24_median_ms")" ms le 50
done
rm -f "$W" "$W-wal" "$W-shm"

# ---- the table ---------------------------------------------------------------------------
{
    echo "group,figure,value,unit,target,result"
    cat "$OUT"
} >"$HERE/results.csv"
awk -F, 'NR == 1 { printf "%-12s %-58s %10s %-3s %-8s %s\n", "group", "figure", "value", "", "target", "result"; next }
         { printf "%-12s %-58s %10s %-3s %-8s %s\n", $1, $2, $3, $4, $5, $6 }' "$HERE/results.csv"
awk -F, 'NR > 1 { n++; f += $6 == "FAIL" } END { printf "bench: %d figures, %d FAIL (bench/results.csv)\n", n, f }' \
    "$HERE/results.csv"
