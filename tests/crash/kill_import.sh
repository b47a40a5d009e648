# Sourced by run.sh: SIGKILL during `xianfeng import pledges` of 20,000
# rows made from the demo's own export (new ids, so they add to it). After
# each kill the file is sound and the import is wholly there (every row,
# each with its history row) or wholly absent. A database left by a kill
# is imported into again as it is, so recovery is what the program sees.
rand_open 1
N_IMPORT=0
ROWS=20000
IMP="$T/import.db"
CSV="$T/pledges-20000.csv"
"$XF" --db "$DEMO" export pledges "$T/pledges.csv" >/dev/null 2>&1
awk -F, -v rows=$ROWS 'NR == 1 { print; next } { r[++n] = $0 }
    END { for (i = 1; i <= rows; i++) { s = r[(i - 1) % n + 1]; sub(/^[0-9]+/, 100000 + i, s); print s } }' \
    "$T/pledges.csv" >"$CSV"
BASE=$(sql "$DEMO" "SELECT count(*) FROM pledge")
HBASE=$(sql "$DEMO" "SELECT count(*) FROM history")
expect "import: $ROWS pledges exported from a demo database" [ "$(wc -l <"$CSV")" -eq $((ROWS + 1)) ]

fresh_import_db() { rm -f "$IMP" "$IMP-wal" "$IMP-shm"; cp "$DEMO" "$IMP"; }

# absent / present / a description of what is wrong
import_state() {
    problems=$(sound "$IMP")
    [ -n "$problems" ] && { echo "$problems"; return; }
    set -- $(sql -separator ' ' "$IMP" "SELECT
        (SELECT count(*) FROM pledge),
        (SELECT count(*) FROM history),
        (SELECT count(*) FROM history WHERE action = 'import.pledges'),
        (SELECT count(*) FROM pledge p WHERE p.id > 100000 AND NOT EXISTS (SELECT 1 FROM history h
            WHERE h.entity = 'pledge' AND h.entity_id = p.id AND h.action = 'import.pledges'))")
    if [ "$1" = "$BASE" ] && [ "$2" = "$HBASE" ] && [ "$3" = 0 ]; then
        echo absent
    elif [ "$1" = $((BASE + ROWS)) ] && [ "$2" = $((HBASE + ROWS)) ] && [ "$3" = $ROWS ] &&
        [ "$4" = 0 ]; then
        echo present
    else
        echo "pledges $1 (before $BASE), history $2 (before $HBASE), import history rows $3," \
            "imported pledges without history $4"
    fi
}

# How long a whole import takes here (delay_for spreads the kills over it).
fresh_import_db
t0=$(now_ms)
"$XF" --db "$IMP" import pledges "$CSV" >/dev/null 2>"$T/$PH.err"
rc=$?
DUR=$(($(now_ms) - t0))
expect "import: a whole import of $ROWS pledges works (${DUR} ms)" \
    eval '[ $rc -eq 0 ] && [ "$(import_state)" = present ]'
EST=$(awk -v d=$DUR 'BEGIN { printf "%.3f", d / 1000 }')

fresh_import_db
absent=0; present=0; wrong=0; late=0; reruns=0; was_killed=0; i=0
deadline=$(($(now_ms) + 120000))
while [ $N_IMPORT -lt $K_IMPORT ] && [ "$(now_ms)" -lt $deadline ]; do
    i=$((i + 1))
    d=$(delay_for "$EST" $i)
    run_killed "$d" "$XF" --db "$IMP" import pledges "$CSV"
    EST=$(adapt "$EST" "$d")
    [ $KILLED -eq 1 ] && N_IMPORT=$((N_IMPORT + 1))
    if [ $KILLED -eq 0 ] && [ $RC -ne 0 ]; then
        wrong=$((wrong + 1))
        bad "import: run $i (not killed) failed with status $RC" "$(head -c 400 "$T/$PH.err")"
        fresh_import_db
        continue
    fi
    state=$(import_state)
    case $state in
    absent)
        absent=$((absent + 1))
        was_killed=$KILLED ;;
    present)
        present=$((present + 1))
        [ $KILLED -eq 1 ] && late=$((late + 1))   # after the commit, before the exit
        # A whole import over what an earlier kill left: recovery works.
        [ $KILLED -eq 0 ] && [ $was_killed -eq 1 ] && reruns=$((reruns + 1))
        was_killed=0
        fresh_import_db ;;
    *)
        wrong=$((wrong + 1))
        bad "import: after a kill at ${d}s the import is partly there" "$state"
        fresh_import_db ;;
    esac
done
if [ $was_killed -eq 1 ]; then
    "$XF" --db "$IMP" import pledges "$CSV" >/dev/null 2>"$T/$PH.err" && [ "$(import_state)" = present ] &&
        reruns=$((reruns + 1))
fi
echo "     import: $N_IMPORT kills; afterwards absent $absent, present $present" \
    "($late of them killed after the commit), partial $wrong"
expect "import: $N_IMPORT kills, each import wholly there or wholly absent" [ $wrong -eq 0 ]
expect "import: some kills left no import, other runs the whole import" \
    eval '[ $absent -gt 0 ] && [ $present -gt 0 ]'
expect "import: importing again over a killed import works ($reruns times)" [ $reruns -gt 0 ]
rm -f "$IMP" "$IMP-wal" "$IMP-shm"
exec 5<&-
