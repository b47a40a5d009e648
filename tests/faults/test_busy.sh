# Sourced by run.sh: another process holds the write lock. A write waits
# for the busy timeout (5 s), then fails with one message and changes
# nothing; once the lock goes away the same command works. A lock that
# goes away during the wait is simply waited for.
B="$T/busy.db"
"$XF" --db "$B" init >/dev/null 2>&1
units_csv "$T/busy-units.csv" K 5
"$XF" --db "$B" import units "$T/busy-units.csv" >/dev/null 2>&1
units_csv "$T/busy-more.csv" L 4
# hold_lock SECONDS: an sqlite3 process keeps BEGIN IMMEDIATE that long.
hold_lock() {
    rm -f "$T/locked"
    { printf 'BEGIN IMMEDIATE;\n.shell touch %s/locked\n' "$T"; sleep "$1"; printf 'ROLLBACK;\n'; } |
        sqlite3 -batch "$B" >/dev/null 2>&1 &
    HOLDER=$!
    PIDS="$PIDS $HOLDER"
    n=0
    while [ ! -e "$T/locked" ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
}
before=$(fingerprint "$B")
hold_lock 6
t0=$(date +%s)
expect_rc "busy: an import under another's lock fails with exit 1" 1 \
    "$XF" --db "$B" import units "$T/busy-more.csv"
waited=$(( $(date +%s) - t0 ))
expect_in "busy: says another user is writing" "$T/err" \
    "the database is busy: another user is writing; try again"
one_message "busy: one message"
[ "$waited" -ge 4 ] && [ "$waited" -le 7 ] && ok "busy: waited the busy timeout (${waited}s)" ||
    bad "busy: waited the busy timeout" "waited ${waited}s"
expect_rc "busy: reading still works meanwhile" 0 "$XF" --db "$B" export units
expect_eq "busy: nothing half-done" "$(fingerprint "$B")" "$before"
wait "$HOLDER"
expect_rc "busy: the same import works once the lock is gone" 0 \
    "$XF" --db "$B" import units "$T/busy-more.csv"
expect_eq "busy: all rows arrived" "$(sql "$B" "SELECT count(*) FROM unit")" "9"
# check under another's lock: the part that writes is not checked, and
# that is no damage (a cron line mailed "check failed" for an import).
hold_lock 7
expect_rc "busy: check under another's lock still exits 0" 0 "$XF" --db "$B" check
expect_in "busy: ... saying the search index was not checked and why" "$T/out" \
    "search index: not checked (another user was writing; run check again later)"
expect_in "busy: ... and the integrity is ok" "$T/out" "integrity: ok"
wait "$HOLDER"
# A lock released within the timeout: the write waits and succeeds.
units_csv "$T/busy-late.csv" M 2
hold_lock 2
expect_rc "busy: a short lock is waited for" 0 "$XF" --db "$B" import units "$T/busy-late.csv"
wait "$HOLDER"
expect_eq "busy: integrity afterwards" "$(integrity "$B")" "ok"
