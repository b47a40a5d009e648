# Sourced by run.sh: SIGKILL during a stream of domain writes
# (crash_writer: inspections, failed ones with their rectification, and
# pledges marked kept), hundreds a second, so most kills land inside or
# between transactions. After each kill the file is sound, every write is
# whole with its history rows, every write the writer confirmed before the
# kill is there, and at most the one in flight is there unconfirmed.
rand_open 3
N_WRITER=0
WDB="$T/writer.db"
"$WRITER" setup "$WDB" 10000 >/dev/null 2>"$T/$PH.err"
expect "writes: a post and 10000 open pledges set up" [ $? -eq 0 ]

wrong=0; lost=0; extra=0; confirmed=0; ins0=0; kept0=0
deadline=$(($(now_ms) + 45000))
while [ $N_WRITER -lt $K_WRITER ] && [ "$(now_ms)" -lt $deadline ]; do
    # The first moments are the opening of the file: kills there too.
    run_killed "$(rand_between 0.01 0.25)" "$WRITER" run "$WDB" 5
    [ $KILLED -eq 1 ] && N_WRITER=$((N_WRITER + 1))
    if [ $KILLED -eq 0 ]; then
        wrong=$((wrong + 1))
        bad "writes: the writer stopped by itself (status $RC)" "$(head -c 400 "$T/$PH.err")"
        break
    fi
    out=$(writes_sound "$WDB" 0 crash 0)
    problems=$(printf '%s\n' "$out" | grep -v '^= ')
    if [ -n "$problems" ]; then
        wrong=$((wrong + 1))
        bad "writes: after kill $N_WRITER a write is partly there" "$(printf '%s\n' "$problems" | head -20)"
        break
    fi
    # Confirmed writes: all there; unconfirmed: at most the one in flight.
    ci=$(grep -c '^I ' "$T/$PH.out"); ck=$(grep -c '^K ' "$T/$PH.out")
    confirmed=$((confirmed + ci + ck))
    set -- $(printf '%s\n' "$out" | grep '^= ')
    di=$(($2 - ins0)); dk=$(($3 - kept0))
    ins0=$2; kept0=$3
    if [ $di -lt $ci ] || [ $dk -lt $ck ]; then
        lost=$((lost + 1))
        bad "writes: confirmed writes lost: $ci inspections and $ck keeps confirmed, $di and $dk there"
    elif [ $((di + dk - ci - ck)) -gt 1 ]; then
        extra=$((extra + 1))
        bad "writes: $((di + dk - ci - ck)) writes there but never confirmed"
    fi
done
echo "     writes: $N_WRITER kills; $confirmed writes confirmed before them," \
    "$(sql "$WDB" "SELECT count(*) FROM inspection") inspections and" \
    "$(sql "$WDB" "SELECT count(*) FROM pledge WHERE status = 'kept'") keeps in the file"
expect "writes: $N_WRITER kills, every inspection and keep whole with its history" [ $wrong -eq 0 ]
expect "writes: no confirmed write lost" [ $lost -eq 0 ]
expect "writes: nothing there that was not confirmed but the write in flight" [ $extra -eq 0 ]
rm -f "$WDB" "$WDB-wal" "$WDB-shm"
exec 5<&-
