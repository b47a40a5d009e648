#!/bin/sh
# Crash tests: nothing is lost when the program dies.
#
#   1. SIGKILL at random moments during `xianfeng import` of 20,000
#      pledges, during `xianfeng demo`, during `xianfeng restore` (the old
#      data, or the backup's with its record), during a stream of domain writes
#      (crash_writer) and during inspections logged through the interface
#      in tmux. After every kill the file passes PRAGMA integrity_check and
#      each transaction is wholly there or wholly absent, with its history
#      rows; every write confirmed before the kill is there.
#   2. Signals to the interface: SIGHUP (kill, and a real hang-up of the
#      terminal) with a form half filled writes nothing and leaves no lock;
#      SIGTERM and SIGINT, and the crashes (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
#      SIGABRT, SIGQUIT) leave the terminal usable: main screen, cursor
#      shown, no mouse or keypad mode, the tty cooked again.
#
# Usage: tests/crash/run.sh path/to/xianfeng path/to/crash_writer
# Environment: XF_CRASH_SEED (random delays; printed, so a failure can be
# replayed), XF_CRASH_KILLS (total kills, default 300), XF_RESULTS.
# The last line is "crash: N passed, N failed".
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d /tmp/xf-crash-XXXXXX)
# Copies: the tree may be rebuilt while this runs.
cp "$1" "$T/xianfeng" && cp "$2" "$T/crash_writer" || { rm -rf "$T"; exit 1; }
XF=$T/xianfeng
WRITER=$T/crash_writer
SEED=${XF_CRASH_SEED:-$(date +%s)}
KILLS=${XF_CRASH_KILLS:-300}
TODAY=2026-11-26
export LANG=C.UTF-8
unset XIANFENG_TODAY LANGUAGE LC_ALL LC_MESSAGES
printf 'database = { path = "%s/default.db"; };\n' "$T" >"$T/admin.cfg"
export XIANFENG_CONFIG="$T/admin.cfg"
pass=0
fail=0
BG=""   # background process ids still to reap

cleanup() {
    for p in $BG; do kill -KILL "$p" 2>/dev/null; done
    [ -n "${IMPORT_PID:-}" ] && kill -TERM "$IMPORT_PID" 2>/dev/null
    tmux -L "$SOCK" kill-server >/dev/null 2>&1
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! command -v tmux >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
    echo "crash: needs tmux and sqlite3 (sh scripts/deps.sh installs them)"
    echo "crash: 0 passed, 1 failed"
    [ -n "${XF_RESULTS:-}" ] && echo "0 1" >>"$XF_RESULTS"
    exit 1
fi

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/     | /'; }
# expect NAME CMD...: CMD must succeed.
expect() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
sql() { sqlite3 -batch -noheader "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Random delays come from one awk stream per phase, seeded from SEED.
rand_open() {
    awk -v s="$SEED" -v k="$1" 'BEGIN { srand(s * 31 + k); for (i = 0; i < 5000; i++) print rand() }' \
        >"$T/rand.$1"
    exec 5<"$T/rand.$1"
}
# rand_between LO HI: a number of seconds, three decimals.
rand_between() {
    read -r r <&5
    awk -v r="$r" -v lo="$1" -v hi="$2" 'BEGIN { printf "%.3f", lo + r * (hi - lo) }'
}

# delay_for EST I: when to kill run I of a command that takes about EST
# seconds: two runs in five anywhere in it, three around its end, where
# the commit is.
delay_for() {
    if [ $(($2 % 5)) -lt 2 ]; then rand_between 0.01 "$1"; else
        rand_between "$(awk -v e="$1" 'BEGIN { print e * 0.85 }')" \
            "$(awk -v e="$1" 'BEGIN { print e * 1.1 }')"
    fi
}
# adapt EST D: the estimate after a run killed at D seconds (KILLED set by
# run_killed): one that finished was shorter than D, a killed one longer.
# The machine's load changes as the tests run; the estimate follows it.
adapt() {
    awk -v e="$1" -v d="$2" -v k="$KILLED" 'BEGIN {
        if (k) { if (d * 1.03 > e) e = d * 1.03 } else { if (d < e) e = d; e *= 0.97 }
        printf "%.3f", e }'
}

# run_killed DELAY CMD...: runs CMD in the background, SIGKILLs it after
# DELAY seconds, and sets KILLED=1 when the kill is what ended it (RC is
# its exit status either way).
# Output goes to $T/$PH.out and $T/$PH.err (PH: the phase's name).
run_killed() {
    d=$1; shift
    "$@" >"$T/$PH.out" 2>"$T/$PH.err" &
    p=$!
    BG="$p"
    sleep "$d"
    kill -KILL "$p" 2>/dev/null
    { wait "$p"; } 2>/dev/null   # no "Killed" from the shell
    RC=$?
    BG=""
    KILLED=0
    [ "$RC" -eq 137 ] && KILLED=1
}

# The fixed part of every check of a killed database: a problem per line.
SOUND_SQL="SELECT 'integrity: ' || integrity_check FROM pragma_integrity_check
               WHERE integrity_check <> 'ok';
           SELECT 'foreign key: ' || \"table\" || ' row ' || rowid FROM pragma_foreign_key_check;"
sound() { sql "$1" "$SOUND_SQL" 2>&1; }

# Inspections with id > $2 and pledge keeps by $3 (history ids > $4) in
# database $1, each written in one transaction: all their rows and their
# history rows are there. Prints a problem per line (an SQL error is one),
# and "= N K": the inspections and kept pledges in the file. One sqlite3
# run: they are slow to start on a loaded machine.
writes_sound() {
    sql "$1" "$SOUND_SQL
    SELECT '= ' || (SELECT count(*) FROM inspection) || ' '
        || (SELECT count(*) FROM pledge WHERE status = 'kept');
    SELECT 'inspection ' || i.id || ' (' || i.result || ') has ' || count(it.id) || ' items'
        FROM inspection i LEFT JOIN inspection_item it ON it.inspection_id = i.id
        WHERE i.id > $2 GROUP BY i.id HAVING count(it.id) <> 5;
    SELECT 'inspection ' || i.id || ' (' || i.result || ') has ' || count(r.id) || ' rectifications'
        FROM inspection i LEFT JOIN rectification r ON r.inspection_id = i.id
        WHERE i.id > $2 GROUP BY i.id HAVING count(r.id) <> (i.result = 'fail');
    SELECT 'inspection ' || i.id || ' has ' || count(h.id) || ' history rows'
        FROM inspection i LEFT JOIN history h ON h.entity = 'inspection' AND h.entity_id = i.id
        WHERE i.id > $2 GROUP BY i.id HAVING count(h.id) <> 1;
    SELECT 'inspection item ' || it.id || ' has no history row' FROM inspection_item it
        WHERE it.inspection_id > $2 AND NOT EXISTS (SELECT 1 FROM history h
            WHERE h.entity = 'inspection_item' AND h.entity_id = it.id AND h.action = 'inspection.log');
    SELECT 'rectification ' || r.id || ' has no history row' FROM rectification r
        WHERE r.inspection_id > $2 AND NOT EXISTS (SELECT 1 FROM history h
            WHERE h.entity = 'rectification' AND h.entity_id = r.id AND h.action = 'inspection.log');
    SELECT 'history row ' || h.id || ' is about ' || h.entity || ' ' || h.entity_id || ', which is not there'
        FROM history h WHERE h.id > $4 AND h.action = 'inspection.log' AND NOT EXISTS (
            SELECT 1 FROM inspection WHERE h.entity = 'inspection' AND id = h.entity_id
            UNION ALL SELECT 1 FROM inspection_item WHERE h.entity = 'inspection_item' AND id = h.entity_id
            UNION ALL SELECT 1 FROM rectification WHERE h.entity = 'rectification' AND id = h.entity_id);
    SELECT 'kept pledge ' || p.id || ' has ' || count(h.id) || ' keep history rows'
        FROM pledge p LEFT JOIN history h ON h.entity = 'pledge' AND h.entity_id = p.id
            AND h.action = 'pledge.keep'
        WHERE p.status = 'kept' AND p.verified_by = '$3' GROUP BY p.id HAVING count(h.id) <> 1;
    SELECT 'keep history row ' || h.id || ' but pledge ' || h.entity_id || ' is '
            || coalesce(p.status || ' version ' || p.version, 'missing')
        FROM history h LEFT JOIN pledge p ON p.id = h.entity_id
        WHERE h.id > $4 AND h.entity = 'pledge' AND h.action = 'pledge.keep'
            AND (p.status IS NOT 'kept' OR json_extract(h.after, '\$.version') IS NOT p.version);" 2>&1
}

. "$HERE/tmux.sh"

echo "crash: seed $SEED (XF_CRASH_SEED=$SEED replays these delays), $KILLS kills"
START=$(now_ms)
# The kills shared out: import 15%, demo 25%, restore 5%, domain writes
# 30%, interface 25%.
K_IMPORT=$((KILLS * 15 / 100))
K_DEMO=$((KILLS * 25 / 100))
K_RESTORE=$((KILLS * 5 / 100))
K_WRITER=$((KILLS * 30 / 100))
K_UI=$((KILLS - K_IMPORT - K_DEMO - K_RESTORE - K_WRITER))

# A small demo database, the starting point of the import and interface
# phases.
DEMO="$T/demo.db"
"$XF" --db "$DEMO" --today $TODAY demo >/dev/null 2>"$T/err"
expect "setup: demo database" eval '[ -s "$DEMO" ] && [ ! -s "$T/err" ]'

# phase NAME: whether to run it (XF_CRASH_ONLY="demo ui" runs only those).
phase() {
    PH=$1
    [ -z "${XF_CRASH_ONLY:-}" ] && return 0
    case " $XF_CRASH_ONLY " in *" $1 "*) return 0 ;; esac
    return 1
}
N_IMPORT=0; N_DEMO=0; N_RESTORE=0; N_WRITER=0; N_UI=0; RAN=""

# The import phase is the slowest (each import takes a second or two): it
# runs beside the others, in a subshell that prints its counts last.
if phase import; then
    (
        trap 'kill -KILL $BG 2>/dev/null; exit 1' TERM
        pass=0; fail=0
        . "$HERE/kill_import.sh"
        echo "counts $pass $fail $N_IMPORT"
    ) >"$T/import.log" 2>&1 &
    IMPORT_PID=$!
fi
phase demo && . "$HERE/kill_demo.sh" && RAN="$RAN $N_DEMO"
phase restore && . "$HERE/kill_restore.sh" && RAN="$RAN $N_RESTORE"
phase writer && . "$HERE/kill_writer.sh" && RAN="$RAN $N_WRITER"
phase ui && . "$HERE/kill_ui.sh" && RAN="$RAN $N_UI"
phase signals && . "$HERE/signals.sh"

if [ -n "${IMPORT_PID:-}" ]; then
    wait "$IMPORT_PID"
    IMPORT_PID=""
    grep -v '^counts ' "$T/import.log"
    set -- $(grep '^counts ' "$T/import.log")
    if [ "${1:-}" = counts ]; then
        pass=$((pass + $2)); fail=$((fail + $3)); N_IMPORT=$4
    else
        bad "import: the phase did not finish"
    fi
    RAN="$RAN $N_IMPORT"
fi

TOTAL=$((N_IMPORT + N_DEMO + N_RESTORE + N_WRITER + N_UI))
echo "crash: $TOTAL kills (import $N_IMPORT, demo $N_DEMO, restore $N_RESTORE," \
    "domain writes $N_WRITER, interface $N_UI) in $(( ($(now_ms) - START) / 1000 )) s"
# Each phase stops at its kill count or its time limit, whichever comes
# first: a loaded machine makes fewer kills, but never none.
for n in $RAN; do
    [ "$n" -ge 5 ] || { bad "a phase made only $n kills"; break; }
done
echo "crash: $pass passed, $fail failed"
[ -n "${XF_RESULTS:-}" ] && echo "$pass $fail" >>"$XF_RESULTS"
[ "$fail" -eq 0 ]
