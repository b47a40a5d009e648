# Sourced by run.sh: the interface on such databases (tmux, tests/ui/lib.sh):
# a refusal at open shows its one message and exits 1 without leaving the
# screen in curses mode; damage found while working shows on the status
# line and q still quits cleanly; a restore is seen by an open session;
# restore asks for confirmation on a terminal.
if ! command -v tmux >/dev/null 2>&1; then
    skipped "interface faults" "tmux is not installed"
else
. "$HERE/../ui/lib.sh"
# lib.sh sets its own exit trap; keep ours (mounts, processes, files) too.
trap 'ui_cleanup; cleanup' EXIT
trap 'exit 1' INT TERM
XF_UI_BIN=$XF
# ui_refused NAME TEXT ARGS...: the interface refuses at once with TEXT.
ui_refused() {
    what=$1; text=$2; shift 2
    ui_start 100 30 "$@"
    ui_exited 5
    expect_eq "ui $what: exit status 1" "${UI_RC:-none}" "1"
    check "ui $what: shows the message" wait_for "$text" 2
    check "ui $what: no curses screen left" sh -c "! tmux -L '$XF_SOCK' capture-pane -p -t xf | grep -qE 'Overview|Posts '"
}
check() {
    name=$1; shift
    if "$@"; then ok "$name"; else bad "$name" "$(ui_screen 2>/dev/null | grep -v '^$' | head -8)"; fi
}
ui_refused "not a database" "not a xianfeng database" --db "$T/random.db"
ui_refused "newer version" "written by a newer xianfeng" --db "$T/newer.db"
if [ -n "$NOBODY" ]; then
    printf '#!/bin/sh\nexec %s %s "$@"\n' "$NOBODY" "$XFN" >"$T/xf-nobody"
    chmod 755 "$T/xf-nobody"
    chmod 555 "$P/nd"
    XF="$T/xf-nobody"
    ui_refused "directory without write" "cannot create files in $P/nd" --db "$P/nd/n.db"
    XF=$XF_UI_BIN
    chmod 755 "$P/nd"
else
    skipped "ui directory without write" "needs root and setpriv"
fi

# Damage found after opening: the status line says so, q quits cleanly.
# The pages of the overview tally are damaged: the Overview reads them at
# start-up.
CU="$T/damaged-ui.db"
"$XF_UI_BIN" --db "$CU" demo >/dev/null 2>&1
head -c 4096 /dev/urandom >"$T/garbage-ui"
for page in $(sql "$CU" "SELECT pageno FROM dbstat WHERE name='overview_tally'"); do
    dd if="$T/garbage-ui" of="$CU" bs=4096 seek=$((page - 1)) count=1 conv=notrunc 2>/dev/null
done
ui_start 100 30 --db "$CU"
check "ui damaged: says restore from a backup" wait_for "The database file is damaged" 5
ui_quit
expect_eq "ui damaged: quits with status 0" "${UI_RC:-none}" "0"
check "ui damaged: terminal restored" sh -c "! tmux -L '$XF_SOCK' capture-pane -p -t xf | grep -qE 'Overview'"

# An open session sees a restore made from the command line.
U="$T/ui-live.db"
"$XF" --db "$U" init >/dev/null 2>&1
"$XF" --db "$U" demo >/dev/null 2>&1
"$XF" --db "$U" backup "$T/ui-bk.db" >/dev/null 2>&1
ui_start 120 30 --db "$U"
check "ui restore: the interface is open" wait_for "Overview" 5
"$XF" --db "$U" restore "$T/ui-bk.db" --yes >"$T/out" 2>"$T/err"
check "ui restore: the open session is told of the restore" wait_for "restore" 5
ui_quit
expect_eq "ui restore: quits with status 0" "${UI_RC:-none}" "0"

# restore on a terminal asks; a wrong answer restores nothing.
ui_start 120 30 --db "$U" restore "$T/ui-bk.db"
check "restore on a terminal: asks for the file name or yes" wait_for "Type the database file name" 5
ui_text "no"; ui_keys Enter
ui_exited 5
expect_eq "restore on a terminal: a wrong answer exits 1" "${UI_RC:-none}" "1"
check "restore on a terminal: says nothing was restored" wait_for "nothing was restored" 2
n_before=$(ls "$U".before-restore-* | wc -l)
ui_start 120 30 --db "$U" restore "$T/ui-bk.db"
check "restore on a terminal: asks again" wait_for "Type the database file name" 5
sleep 1 # a new second, so the kept copy gets a new name
ui_text "ui-live.db"; ui_keys Enter
ui_exited 10
expect_eq "restore on a terminal: the file name confirms it" "${UI_RC:-none}" "0"
expect_eq "restore on a terminal: another copy kept" "$(ls "$U".before-restore-* | wc -l)" "$((n_before + 1))"
tmx kill-server >/dev/null 2>&1
fi
