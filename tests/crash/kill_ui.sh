# Sourced by run.sh: SIGKILL the interface while an inspector logs spot
# checks through it as fast as the keys go (tmux send-keys), half of them
# failed (their rectification is opened in the same transaction). After
# each kill the file is sound, every inspection has its five items, its
# rectification when it failed, and their history rows; every check the
# screen said was logged is there, and at most the one being saved when
# the kill came is there besides. The next start opens what the kill left.
rand_open 4
N_UI=0
UDB="$T/ui.db"
cp "$DEMO" "$UDB"
cat >"$T/ui.cfg" <<EOF
access = { service_account = "$(id -un)"; };
users = ( { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; } );
EOF
IBASE=$(sql "$UDB" "SELECT coalesce(max(id), 0) FROM inspection")
HBASE=$(sql "$UDB" "SELECT coalesce(max(id), 0) FROM history")
set -- $(sql -separator ' ' "$UDB" "SELECT code, title FROM post
    WHERE status IN ('published', 'named') ORDER BY code LIMIT 1")
PCODE=$1; PTITLE=$2

# One spot check of the post, failed or passed; true when the screen says
# it was logged.
spot_check() {
    tui_keys n
    tui_wait "New inspection" || return 1
    tui_text "$PCODE"
    tui_wait "$PCODE $PTITLE " || return 1   # the picker lists it
    tui_keys Enter Tab Enter Enter
    tui_wait "items to tick" || return 1
    if [ "$1" = fail ]; then
        tui_keys f
        tui_wait "FAIL whatever the rest" || return 1
        tui_keys a
        tui_wait "Enter goes on" || return 1
        tui_keys Enter
        tui_wait "Rectify by" || return 1
        tui_text "公示牌缺失"
        tui_keys Tab Enter # findings take several lines: Tab leaves them
    else
        tui_keys a
        tui_wait "Enter goes on" || return 1
        tui_keys Enter
        tui_wait "PASS —" || return 1
        tui_keys Enter
    fi
    tui_wait "logged."
}

wrong=0; lost=0; extra=0; confirmed=0; notkilled=0; i=0
ins0=$(sql "$UDB" "SELECT count(*) FROM inspection")
deadline=$(($(now_ms) + 60000))
while [ $N_UI -lt $K_UI ] && [ "$(now_ms)" -lt $deadline ]; do
    i=$((i + 1))
    d=$(rand_between 0.05 1.2)
    tui_start 80 24 --config "$T/ui.cfg" --login li.na --db "$UDB" --today $TODAY ||
        { bad "interface: run $i did not start"; break; }
    (sleep "$d"; kill -KILL "$XPID" 2>/dev/null) &
    BG=$!
    logged=0
    if tui_wait "李娜"; then
        tui_keys 5
        if tui_wait "n new inspection"; then
            while [ ! -s "$T/rc" ]; do
                if [ $((logged % 2)) -eq 0 ]; then r=fail; else r=pass; fi
                spot_check $r || break
                logged=$((logged + 1))
            done
        fi
    fi
    tui_ended 10
    wait "$BG" 2>/dev/null
    BG=""
    if [ "$XRC" = 137 ]; then N_UI=$((N_UI + 1)); else
        notkilled=$((notkilled + 1))
        bad "interface: run $i ended with status ${XRC:-none} before the kill" "$(tui_screen)"
    fi
    out=$(writes_sound "$UDB" "$IBASE" li.na "$HBASE")
    problems=$(printf '%s\n' "$out" | grep -v '^= ')
    if [ -n "$problems" ]; then
        wrong=$((wrong + 1))
        bad "interface: after kill $N_UI a spot check is partly there" \
            "$(printf '%s\n' "$problems" | head -20)"
        break
    fi
    set -- $(printf '%s\n' "$out" | grep '^= ')
    di=$(($2 - ins0)); ins0=$2
    confirmed=$((confirmed + logged))
    if [ $di -lt $logged ]; then
        lost=$((lost + 1))
        bad "interface: $logged spot checks said logged, $di in the file"
    elif [ $di -gt $((logged + 1)) ]; then
        extra=$((extra + 1))
        bad "interface: $di spot checks in the file, $logged said logged"
    fi
done
tmx kill-server >/dev/null 2>&1
echo "     interface: $N_UI kills; $confirmed spot checks logged on screen before them," \
    "$(sql "$UDB" "SELECT count(*) FROM inspection WHERE id > $IBASE") in the file"
expect "interface: $N_UI kills, every spot check whole with its history" [ $wrong -eq 0 ]
expect "interface: every spot check the screen said was logged is there" [ $lost -eq 0 ]
expect "interface: no spot check there but the one being saved" [ $extra -eq 0 ]
expect "interface: spot checks were logged between the kills" [ $confirmed -gt 0 ]
rm -f "$UDB" "$UDB-wal" "$UDB-shm"
exec 5<&-
