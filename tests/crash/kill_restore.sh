# Sourced by run.sh: SIGKILL during `xianfeng restore`. After each kill
# the file is sound and holds the data it had (no restore recorded) or
# the backup's with the restore's history row and every version lifted
# above the old ones: never the backup's data without them (a restore cut
# after its pages and before its own row went unrecorded, and a form
# opened before it could then save over the restored rows unwarned).
rand_open 5
N_RESTORE=0
RLIVE="$T/restore-live.db"
RBK="$T/restore-backup.db"
RDB="$T/restore.db"
printf 'code,parent_code,name,kind\nBKUP1,,备份里的单位,department\n' >"$T/restore-bk.csv"
printf 'code,parent_code,name,kind\nLIVE1,,现用库的单位,department\n' >"$T/restore-live.csv"
cp "$DEMO" "$T/restore-bk-src.db"
"$XF" --db "$T/restore-bk-src.db" import units "$T/restore-bk.csv" >/dev/null 2>&1
"$XF" --db "$T/restore-bk-src.db" backup "$RBK" >/dev/null 2>&1
cp "$DEMO" "$RLIVE"
"$XF" --db "$RLIVE" import units "$T/restore-live.csv" >/dev/null 2>&1
LIVE_TOP=$(sql "$RLIVE" "SELECT max(version) FROM unit")
expect "restore: a backup and a live database that differ" \
    eval '[ -s "$RBK" ] && [ "$(sql "$RBK" "SELECT count(*) FROM unit WHERE code = '"'BKUP1'"'")" = 1 ] &&
          [ "$(sql "$RLIVE" "SELECT count(*) FROM unit WHERE code = '"'LIVE1'"'")" = 1 ]'

fresh_restore_db() { rm -f "$RDB" "$RDB"-* "$RDB".*; cp "$RLIVE" "$RDB"; }

# old / restored / a description of what is wrong
restore_state() {
    problems=$(sound "$RDB")
    [ -n "$problems" ] && { echo "$problems"; return; }
    set -- $(sql -separator ' ' "$RDB" "SELECT
        (SELECT count(*) FROM unit WHERE code = 'LIVE1'),
        (SELECT count(*) FROM unit WHERE code = 'BKUP1'),
        (SELECT count(*) FROM history WHERE action = 'database.restore'),
        (SELECT min(version) > $LIVE_TOP FROM unit)")
    if [ "$1 $2 $3" = "1 0 0" ]; then
        echo old
    elif [ "$1 $2 $3 $4" = "0 1 1 1" ]; then
        echo restored
    else
        echo "live unit $1, backup unit $2, restore history rows $3, versions lifted $4"
    fi
}

fresh_restore_db
t0=$(now_ms)
"$XF" --db "$RDB" restore "$RBK" --yes >/dev/null 2>"$T/$PH.err"
rc=$?
DUR=$(($(now_ms) - t0))
expect "restore: a whole run works (${DUR} ms) and leaves the backup's data, recorded" \
    eval '[ $rc -eq 0 ] && [ "$(restore_state)" = restored ]'
EST=$(awk -v d=$DUR 'BEGIN { printf "%.3f", d / 1000 }')

old=0; restored=0; wrong=0; i=0
deadline=$(($(now_ms) + 40000))
while [ $N_RESTORE -lt $K_RESTORE ] && [ "$(now_ms)" -lt $deadline ]; do
    i=$((i + 1))
    fresh_restore_db
    d=$(delay_for "$EST" $i)
    run_killed "$d" "$XF" --db "$RDB" restore "$RBK" --yes
    EST=$(adapt "$EST" "$d")
    [ $KILLED -eq 1 ] && N_RESTORE=$((N_RESTORE + 1))
    state=$(restore_state)
    case $state in
    old) old=$((old + 1)) ;;
    restored) restored=$((restored + 1)) ;;
    *)
        wrong=$((wrong + 1))
        bad "restore: after a kill at ${d}s the database is neither the old one nor the restored one" \
            "$state" ;;
    esac
done
echo "     restore: $N_RESTORE kills; afterwards old $old, restored $restored, neither $wrong"
expect "restore: $N_RESTORE kills, each leaving the old data or the restored data with its record" \
    [ $wrong -eq 0 ]
expect "restore: some kills came before the restore was done, some after" \
    eval '[ $old -gt 0 ] && [ $restored -gt 0 ]'
fresh_restore_db
rm -f "$RDB" "$RDB"-* "$RDB".*
exec 5<&-
