# Sourced by run.sh: signals to the interface.
#   SIGHUP sent while the new spot check is half done, and a real hang-up
#   (the terminal closed under it, as when the SSH link drops) while the
#   complaint dispatch form is filled: the program ends, nothing is written
#   and no lock is left (an import on the same file succeeds at once).
#   SIGTERM, SIGINT: the program leaves and the terminal is as it was.
#   SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT and SIGQUIT sent with kill:
#   the terminal is restored before the program dies, and it dies by that
#   signal (the shell sees 128 + N). Ctrl-\ typed is not a crash: in a
#   form it reads as Esc, at the panes it quits (tests/ui/test_dialogs.sh).
SDB="$T/signals.db"
cp "$DEMO" "$SDB"
cat >"$T/sig.cfg" <<EOF
access = { service_account = "$(id -un)"; };
users = ( { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; } );
EOF
set -- $(sql -separator ' ' "$SDB" "SELECT code, title FROM post
    WHERE status IN ('published', 'named') ORDER BY code LIMIT 1")
PCODE=$1; PTITLE=$2
# five K: five pledges to import, ids 9000K1-9000K5: the "another
# process can write" probe.
"$XF" --db "$DEMO" export pledges "$T/sig-pledges.csv" >/dev/null 2>&1
five() {
    head -6 "$T/sig-pledges.csv" |
        awk -F, -v k="$1" 'NR == 1 { print; next } { sub(/^[0-9]+/, 900000 + 10 * k + NR - 1); print }' \
        >"$T/five.csv"
}
IMPORTS=0

# What a half-done write could have touched; unchanged: the same as
# $before, which must be the numbers (not an error message).
snapshot() {
    sql "$SDB" "SELECT (SELECT count(*) FROM history), (SELECT count(*) FROM inspection),
        (SELECT count(*) FROM inspection_item), (SELECT count(*) FROM rectification),
        (SELECT count(*) FROM complaint_event), (SELECT count(*) FROM complaint_cohandler),
        (SELECT sum(version) FROM complaint)" 2>&1
}
unchanged() {
    case $before in *[!0-9\|]* | "") echo "     | $before"; return 1 ;; esac
    [ "$(snapshot)" = "$before" ]
}
# import_at_once: another xianfeng writes to the file within a second.
import_at_once() {
    IMPORTS=$((IMPORTS + 1))
    five $IMPORTS
    t0=$(now_ms)
    "$XF" --db "$SDB" import pledges "$T/five.csv" >"$T/sig.out" 2>&1 || { cat "$T/sig.out"; return 1; }
    ms=$(($(now_ms) - t0))
    [ $ms -lt 1000 ] || { echo "     | the import took $ms ms"; return 1; }
}
gone() { # PID [SECS]: the process has ended (a zombie counts as ended)
    n=$(( ${2:-5} * 50 ))
    while [ $n -gt 0 ]; do
        s=$(ps -o stat= -p "$1" 2>/dev/null)
        case $s in ""|Z*) return 0 ;; esac
        sleep 0.02
        n=$((n - 1))
    done
    return 1
}
# The pane after the program: main screen, cursor shown, no mouse or
# keypad mode, and the tty cooked with echo.
term_restored() {
    flags=$(tui_flag 'alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag} keypad=#{keypad_flag}')
    tty=$(tr ' ;' '\n\n' <"$T/stty" | grep -xE -- '-?(icanon|echo|icrnl|isig)' | tr '\n' ' ')
    if [ "$flags" = "alt=0 cursor=1 mouse=000 keypad=0" ] && [ "$tty" = "icrnl isig icanon echo " ]; then
        return 0
    fi
    echo "     | pane: $flags; tty: $tty"
    return 1
}
# to_spot_check: the interface as li.na with a spot check half done (the
# post picked, the first item failed, the rest not ticked).
to_spot_check() {
    tui_start 80 24 --config "$T/sig.cfg" --login li.na --db "$SDB" --today $TODAY &&
        tui_wait "李娜" && tui_keys 5 && tui_wait "n new inspection" &&
        tui_keys n && tui_wait "New inspection" && tui_text "$PCODE" &&
        tui_wait "$PCODE $PTITLE " && tui_keys Enter Tab Enter Enter &&
        tui_wait "items to tick" && tui_keys f && tui_wait "FAIL whatever the rest"
}

# ---- SIGHUP with the spot check half done ------------------------------------------
to_spot_check
expect "SIGHUP: the spot check is half done" [ $? -eq 0 ]
before=$(snapshot)
kill -HUP "$XPID"
expect "SIGHUP: the program ends" tui_ended 5
expect "SIGHUP: nothing of the spot check is written" unchanged
expect "SIGHUP: no lock left: an import on the same file succeeds within a second" import_at_once
expect "SIGHUP: the terminal is restored" term_restored

# ---- a real hang-up with the dispatch form filled -----------------------------------
# The admin (no users in the config) classifies a received complaint, so
# that it may be dispatched, then opens the dispatch form (its lead unit
# filled in by default), writes a note, and the terminal goes away.
CODE=$(sql "$SDB" "SELECT code FROM complaint WHERE state = 'received' ORDER BY code LIMIT 1")
tui_start 80 24 --db "$SDB" --today $TODAY && tui_wait "4 Complaints" && tui_keys 4 &&
    tui_wait "$CODE"
line=$(tui_screen | grep -nF -- "$CODE" | head -1 | cut -d: -f1)
j=4; while [ "$j" -lt "${line:-4}" ]; do tui_keys j; j=$((j + 1)); done
tui_keys a && tui_wait "1  classify" && tui_keys 1 && tui_wait "Classify — $CODE" &&
    tui_keys Right Tab && tui_text "情况属实" && tui_keys C-s && tui_wait "$CODE classified" &&
    tui_keys a && tui_wait "2  dispatch to a unit" && tui_keys 2 &&
    tui_wait "Dispatch to a unit — $CODE" && tui_keys Tab Tab Tab && tui_text "请尽快办理" &&
    tui_wait "请尽快办理"
expect "hang-up: the dispatch form is filled in" [ $? -eq 0 ]
before=$(snapshot)
tmx kill-server >/dev/null 2>&1   # closes the terminal: the kernel sends SIGHUP
expect "hang-up: the program ends" gone "$XPID" 5
expect "hang-up: nothing is dispatched" \
    eval 'unchanged && [ "$(sql "$SDB" "SELECT state FROM complaint WHERE code = '"'$CODE'"'")" = classified ]'
expect "hang-up: no lock left: an import on the same file succeeds within a second" import_at_once

# ---- SIGTERM and SIGINT: a clean exit -----------------------------------------------
tui_start 80 24 --config "$T/sig.cfg" --login li.na --db "$SDB" --today $TODAY && tui_wait "李娜"
kill -TERM "$XPID"
expect "SIGTERM: the program leaves with status 143 (128 + SIGTERM)" \
    eval 'tui_ended 5 && [ "$XRC" = 143 ]'
expect "SIGTERM: the terminal is restored" term_restored
to_spot_check
before=$(snapshot)
kill -INT "$XPID"
# kill -INT from outside stops it (typed Ctrl-C in a form is Esc)
expect "SIGINT (a form open): the program leaves with status 130 (128 + SIGINT)" \
    eval 'tui_ended 5 && [ "$XRC" = 130 ]'
expect "SIGINT: the terminal is restored" term_restored
expect "SIGINT: nothing of the spot check is written" unchanged

# ---- crashes: the terminal restored, then death by the signal -----------------------
for s in SEGV:11 BUS:7 FPE:8 ILL:4 ABRT:6 QUIT:3; do   # Linux numbers
    sig=${s%:*}
    to_spot_check
    # (Ctrl-\ typed is a quit key, as Ctrl-C is: tests/ui/test_dialogs.sh)
    kill -$sig "$XPID"
    what="SIG$sig"
    want=$((128 + ${s#*:}))
    expect "$what: the program dies by the signal (status $want)" \
        eval 'tui_ended 5 && [ "$XRC" = $want ]'
    expect "$what: the terminal is restored first" term_restored
done
tmx kill-server >/dev/null 2>&1
expect "signals: the file is sound, with every import and nothing else" \
    eval '[ -z "$(sound "$SDB")" ] && [ "$(sql "$SDB" "SELECT count(*) FROM pledge WHERE id > 900000")" = $((IMPORTS * 5)) ]'
rm -f "$SDB" "$SDB-wal" "$SDB-shm"
