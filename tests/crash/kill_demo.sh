# Sourced by run.sh: SIGKILL during `xianfeng demo`, which writes the whole
# demo in one transaction. After each kill the file is sound and holds
# either no demo at all (no units: the schema alone, or not even that when
# the kill came while the file was being created) or the whole demo, every
# table's row count equal to a completed run's. A file left without the
# demo gets the demo again, as it is: that must work.
rand_open 2
N_DEMO=0
DDB="$T/demo-kill.db"
demo_run() { "$XF" --db "$DDB" --today $TODAY demo; }
demo_rm() { rm -f "$DDB" "$DDB-wal" "$DDB-shm" "$DDB-journal"; }

# Every table's row count, one "table count" a line, from a query built on
# the reference database's schema.
"$XF" --db "$T/demo-empty.db" init >/dev/null 2>&1
COUNT_SQL=$(sql "$T/demo-empty.db" "SELECT group_concat('SELECT ''' || name || ''', count(*) FROM \"'
    || name || '\"', ' UNION ALL ') FROM sqlite_schema
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
counts() { sql -separator ' ' "$1" "$COUNT_SQL"; }
EMPTY=$(counts "$T/demo-empty.db")

demo_rm
t0=$(now_ms)
demo_run >/dev/null 2>"$T/$PH.err"
rc=$?
DUR=$(($(now_ms) - t0))
FULL=$(counts "$DDB")
expect "demo: a whole run works (${DUR} ms, $(echo "$FULL" | awk '$1 == "unit" { print $2 }') units)" \
    eval '[ $rc -eq 0 ] && [ "$FULL" != "$EMPTY" ]'
EST=$(awk -v d=$DUR 'BEGIN { printf "%.3f", d / 1000 }')

# none / absent / present / a description of what is wrong
demo_state() {
    [ -e "$DDB" ] || { echo none; return; }
    problems=$(sound "$DDB")
    [ -n "$problems" ] && { echo "$problems"; return; }
    if [ "$(sql "$DDB" "SELECT count(*) FROM sqlite_schema")" = 0 ]; then
        echo none
        return
    fi
    now=$(counts "$DDB")
    if [ "$now" = "$EMPTY" ]; then echo absent
    elif [ "$now" = "$FULL" ]; then echo present
    else
        echo "neither empty nor the whole demo; the tables with rows (table rows empty whole):"
        printf '%s\n' "$now" | while read -r t n; do
            e=$(printf '%s\n' "$EMPTY" | awk -v t="$t" '$1 == t { print $2 }')
            f=$(printf '%s\n' "$FULL" | awk -v t="$t" '$1 == t { print $2 }')
            [ "$n" != "$e" ] && echo "$t $n $e $f"
        done
    fi
}

demo_rm
none=0; absent=0; present=0; wrong=0; late=0; reruns=0; was_killed=0; i=0
deadline=$(($(now_ms) + 60000))
while [ $N_DEMO -lt $K_DEMO ] && [ "$(now_ms)" -lt $deadline ]; do
    i=$((i + 1))
    # Every third fresh start is on an initialised file, the others
    # create it (the kill may then come before the schema is in).
    if [ ! -e "$DDB" ] && [ $((i % 3)) -eq 0 ]; then
        "$XF" --db "$DDB" init >/dev/null 2>&1
    fi
    d=$(delay_for "$EST" $i)
    run_killed "$d" "$XF" --db "$DDB" --today $TODAY demo
    EST=$(adapt "$EST" "$d")
    [ $KILLED -eq 1 ] && N_DEMO=$((N_DEMO + 1))
    if [ $KILLED -eq 0 ] && [ $RC -ne 0 ]; then
        wrong=$((wrong + 1))
        bad "demo: run $i (not killed) failed with status $RC" "$(head -c 400 "$T/$PH.err")"
        demo_rm
        continue
    fi
    state=$(demo_state)
    case $state in
    none|absent)
        [ "$state" = none ] && none=$((none + 1)) || absent=$((absent + 1))
        was_killed=$KILLED ;;
    present)
        present=$((present + 1))
        [ $KILLED -eq 1 ] && late=$((late + 1))   # after the commit, before the exit
        [ $KILLED -eq 0 ] && [ $was_killed -eq 1 ] && reruns=$((reruns + 1))
        was_killed=0
        demo_rm ;;
    *)
        wrong=$((wrong + 1))
        bad "demo: after a kill at ${d}s the demo is partly there" "$state"
        demo_rm ;;
    esac
done
if [ $was_killed -eq 1 ]; then
    demo_run >/dev/null 2>&1 && [ "$(demo_state)" = present ] && reruns=$((reruns + 1))
fi
echo "     demo: $N_DEMO kills; afterwards no schema $none, no demo $absent, whole demo $present" \
    "($late of them killed after the commit), partial $wrong"
expect "demo: $N_DEMO kills, each leaves no demo or the whole demo" [ $wrong -eq 0 ]
expect "demo: some kills left no demo, other runs the whole demo" \
    eval '[ $((none + absent)) -gt 0 ] && [ $present -gt 0 ]'
expect "demo: demo again on a file a kill left without it works ($reruns times)" [ $reruns -gt 0 ]
demo_rm
rm -f "$T/demo-empty.db"*
exec 5<&-
