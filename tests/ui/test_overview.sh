# Sourced by run.sh with lib.sh loaded: the framework and the Overview pane
# on a small database built through the command line (never by SQL: the
# triggers need the program's own functions).
DATA=$UI_DIR/data
DB="$UI_TMP/ui.db"
export XIANFENG_CONFIG="$UI_TMP/none.cfg"   # single-user mode: the caller is admin
printf 'database = { path = "%s"; rehearsal = true; };\n' "$DB" >"$XIANFENG_CONFIG"
ME=$(id -un)
TODAY=2026-05-01

"$XF" --db "$DB" init >/dev/null &&
    "$XF" --db "$DB" import units "$DATA/units.csv" >/dev/null &&
    "$XF" --db "$DB" import members "$DATA/members.csv" >/dev/null &&
    "$XF" --db "$DB" import posts "$DATA/posts.csv" >/dev/null &&
    "$XF" --db "$DB" import pledges "$DATA/pledges.csv" >/dev/null
check "fixture database built through the CLI" [ $? -eq 0 ]

# line_has TEXT...: one screen line holds every TEXT.
line_has() {
    ui_screen | awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i]; ARGC = 1 }
        { hit = 1; for (i = 1; i <= n; i++) if (index($0, want[i]) == 0) hit = 0; if (hit) f = 1 }
        END { exit !f }' "$@"
}
last_line_has() { ui_screen | tail -1 | grep -qF -- "$1"; }
on_line() { [ "$(ui_line_of "$1")" = "$2" ]; }
not_on_screen() { ! ui_screen | grep -qF -- "$1"; }
not_asked() { ! quit_asked; }
exited_with() { ui_exited 5 && [ "$UI_RC" = "$1" ]; }

# ---- 80x24 ------------------------------------------------------------------
ui_start 80 24 --db "$DB" --today $TODAY
check "80x24: tab bar shows the Overview tab" wait_for "1 Overview"
check "80x24: tab bar on the first line" on_line "1 Overview" 1
check "80x24: status line names the user" last_line_has "$ME"
check "80x24: status line names the role" last_line_has "admin"
check "80x24: status line names the database file" last_line_has "ui.db"
check "80x24: status line counts overdue pledges" last_line_has "Overdue pledges 1"
check "80x24: title carries today" wait_for "figures as of $TODAY"
check "80x24: posts by status" line_has "Posts" "proposed 1" "published 1" "named 1" "revoked 0"
check "80x24: pledges made, kept, overdue" line_has "Pledges" "made 3" "kept 2" "overdue 1"
# A bar with no figure ("–": no complaints yet) is as long as one with a
# percentage: every bar's last cell is in the same column.
bars_end_together() {
    ui_screen | python3 -c '
import sys
ends = {max(l.rfind("\u2591"), l.rfind("\u2588")) for l in sys.stdin
        if "\u2591" in l or "\u2588" in l}
sys.exit(0 if len(ends) == 1 else 1)'
}
check "80x24: empty bars end where the others do" bars_end_together
check "80x24: pledge progress bar, named as a rate" line_has "kept rate" "66.7%"
check "80x24: complaints figures" line_has "Complaints" "received 0" "dispatched 0"
check "80x24: inspections figures" wait_for "rectifications open 0"
# No evaluation yet: the quarter open for evaluation on May 1st, 2026Q1
# (2026Q2 opens on June 1st), as the Evaluations pane offers.
check "80x24: the open quarter's evaluations" line_has "Evaluations" "2026Q1" "evaluated 0"
check "80x24: improvements" line_has "Improvements" "methods 0"
# No time cut recorded: no average of nothing ("0.0 days, 0.0% below").
check "80x24: no average time cut without time cuts" absent "average time cut"
# The tab bar may shorten titles; the figures below it never are.
check "80x24: every figure fits without truncation" sh -c "! tmux -L '$XF_SOCK' capture-pane -p -t xf | tail -n +2 | grep -qF '…'"

ui_keys '?'
check "? opens the help" wait_for "Help: keys"
check "help lists keys from the bindings" line_has "PgDn, Ctrl-F" "next page"
check "help lists vi keys" line_has "Down, j" "next row"
check "help pages to the last actions" help_page_with "pane 7 (History, for administrators)"
ui_keys q
check "q closes the help" wait_gone "Help: keys"
check "the Overview is back after the help" wait_for "Pledges"

ui_keys 4
check "a digit switches to that pane" wait_for "Complaints — "
ui_keys 1
check "digit 1 comes back to the Overview" wait_for "Pledges"

# Another session commits: the pane refreshes by itself (data_version).
"$XF" --db "$DB" import pledges "$DATA/pledges-more.csv" >/dev/null
check "another session's commit shows within a second or two" wait_for "made 4" 3
check "the status line says who changed what" wait_for "$ME: import pledges" 3

check "q quits with status 0" quit_with 0
check "the terminal is restored (no interface left)" not_on_screen "Overdue pledges"
check "the shell output continues after the program" wait_for "XF-EXITED"

# ---- 200x50 -----------------------------------------------------------------
ui_start 200 50 --db "$DB" --today $TODAY
check "200x50: tab bar" wait_for "1 Overview"
check "200x50: status line on line 50" on_line "Overdue pledges" 50
check "200x50: status line names user and role" line_has "$ME" "admin" "Overdue complaints"
check "200x50: Overview and Posts side by side" line_has "Overview —" "│ Posts"
check "200x50: figures" line_has "made 4" "kept 2"
ui_keys '?'
check "200x50: help" wait_for "Help: keys"
ui_keys Escape
check "200x50: Esc closes the help" wait_gone "Help: keys"
ui_keys Escape
check "200x50: Esc at the top does not end the session" wait_for "q quits"
ui_keys '?'
wait_for "Help: keys"
ui_keys q q
check "200x50: q closing the help, then q again, asks before quitting" wait_cond quit_asked
ui_keys n
check "200x50: n keeps the session" wait_cond not_asked
check "... on the screen it was on" line_has "made 4" "kept 2"
check "... and the program running" [ ! -s "$UI_TMP/rc" ]
ui_keys q
wait_cond quit_asked
ui_keys Escape
check "200x50: Esc answers no too" wait_cond not_asked
check "200x50: q, then y, quits" quit_with 0

# interface.confirm_quit = false: q quits at once, as in tig or htop.
printf 'database = { path = "%s"; rehearsal = true; };\ninterface = { confirm_quit = false; };\n' "$DB" \
    >"$UI_TMP/noconfirm.cfg"
ui_start 80 24 --config "$UI_TMP/noconfirm.cfg" --today $TODAY
wait_for "1 Overview"
UI_RC=
ui_keys q
check "confirm_quit = false: q quits without asking" ui_exited 5
check "... with status 0" [ "$UI_RC" = 0 ]

# ---- resize -------------------------------------------------------------------
ui_start 80 24 --db "$DB" --today $TODAY
check "resize: starts at 80x24" wait_for "Overdue pledges"
ui_resize 200 50
i=0; while [ "$(ui_line_of 'Overdue pledges')" != 50 ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
check "resize: status line follows to line 50" on_line "Overdue pledges" 50
check "resize: re-laid out with panes side by side" line_has "Overview —" "│ Posts"
ui_resize 100 30
i=0; while [ "$(ui_line_of 'Overdue pledges')" != 30 ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
check "resize: shrinks to 100x30" on_line "Overdue pledges" 30
ui_resize 20 4
check "resize: a tiny terminal says so" wait_for "too small"
check "... and that q quits" wait_for "q quits"
ui_keys Escape
sleep 0.5 # (Esc must do nothing: nothing to wait for)
check "... Esc does not end the session there (it quit at once)" [ ! -s "$UI_TMP/rc" ]
ui_resize 80 24
check "resize: back to 80x24" wait_for "Overdue pledges"
ui_keys C-l
check "Ctrl-L redraws" wait_for "1 Overview"

# ---- signals --------------------------------------------------------------------
kill -TERM "$(xf_pid)" 2>/dev/null
check "SIGTERM leaves cleanly with status 143 (128 + 15)" exited_with 143
check "SIGTERM restores the terminal" not_on_screen "Overdue pledges"

# ---- monochrome, ASCII, errors --------------------------------------------------------
UI_TERM=vt100 UI_ENV="NO_COLOR=1" ui_start 80 24 --db "$DB" --today $TODAY
check "vt100 + NO_COLOR: the interface runs" wait_for "1 Overview"
check "vt100: bars fall back to ASCII" line_has "kept rate" "###" "50.0%"
check "vt100: q quits" quit_with 0

ui_start 80 24 --db "$UI_TMP/missing.db"
check "a missing database: the program stops with status 1" exited_with 1
# (one line of the screen joined to the next: at 80 columns the message
# wraps where the path's length puts it)
screen_joined_has() { ui_screen | tr -d '\n' | grep -qF -- "$1"; }
check "a missing database: says how to create one" screen_joined_has "create one with 'xianfeng init'"
check "a missing database: names --db, where the path came from" wait_for "xianfeng: --db: no database at"

"$XF" --db "$DB" </dev/null >"$UI_TMP/out" 2>&1
check "without a terminal: exit 2" [ $? -eq 2 ]
check "without a terminal: says so" grep -q "needs a terminal" "$UI_TMP/out"
check "... and that ssh -t gives one" grep -q "ssh -t" "$UI_TMP/out"

# ---- a scope that names no unit -------------------------------------------------------
# A typo in the configuration shows the user an empty system: said at once.
printf 'database = { path = "%s"; rehearsal = true; };\naccess = { service_account = "%s"; };\nusers = ( { login = "typo"; name = "错码"; role = "viewer"; scopes = [ "D0O1" ]; } );\n' \
    "$DB" "$ME" >"$UI_TMP/typo.cfg"
ui_start 100 30 --config "$UI_TMP/typo.cfg" --login typo --today $TODAY
check "an unknown scope code: said at the start" wait_for "D0O1, which is no unit's code"
# ... and the figures say whose they are: untitled, they read as the city's.
check "an unknown scope code: the Overview names it" wait_for "Overview of D0O1"
ui_keys q
check "an unknown scope code: q quits" quit_with 0

# ---- a scoped user is told what the figures cover -------------------------------------
D1=$(sqlite3 "$DB" "SELECT name FROM unit WHERE code = 'U1'")
printf 'database = { path = "%s"; rehearsal = true; };\naccess = { service_account = "%s"; };\nusers = ( { login = "sc"; name = "范围"; role = "viewer"; scopes = [ "U1" ]; } );\n' \
    "$DB" "$ME" >"$UI_TMP/scoped.cfg"
ui_start 100 30 --config "$UI_TMP/scoped.cfg" --login sc --today $TODAY
check "scoped: the Overview names the units its figures are of" wait_for "Overview of $D1 —"
check "scoped: the status line names them with the role" wait_for "viewer of $D1"
check "scoped: q quits" quit_with 0

# ---- time cuts: the share below the national limit is over those that name one --------
printf 'unit_code,kind,title,on_date,days_before,days_after,national_limit_days\nU1,time_cut,不动产登记压缩时限,2026-04-20,20,5,30\nU1,time_cut,公积金提取压缩时限,2026-04-21,10,3,\n' \
    >"$UI_TMP/cuts.csv"
"$XF" --db "$DB" --today $TODAY import improvements "$UI_TMP/cuts.csv" >/dev/null
check "time cuts: two imported, one naming a national limit" [ $? -eq 0 ]
ui_start 100 30 --today $TODAY
check "time cuts: both counted" wait_for "time cuts 2"
check "time cuts: ... and how many name a national limit, which the share is of" \
    wait_for "with a national limit 1"
check "time cuts: the share below the limit" wait_for "(83.3% below the national limit)"
check "time cuts: q quits" quit_with 0

# ---- the status line keeps who and the figures apart ----------------------------------
# With a named user at 80 columns the two halves ran together
# ("组织员 (root) · admin Overdue complaints 0").
GDB="$UI_TMP/gap.db"
"$XF" --db "$GDB" init >/dev/null
printf 'database = { path = "%s"; };\nusers = ( { login = "%s"; name = "组织员"; role = "admin"; } );\n' \
    "$GDB" "$ME" >"$UI_TMP/gap.cfg"
ui_start 80 24 --config "$UI_TMP/gap.cfg"
wait_for "1 Overview"
gap_ok() { ui_screen | tail -1 | grep -qE '[^ ]   +Overdue complaints 0'; }
check "gap: at least three spaces between who and the figures" wait_cond gap_ok
check "gap: q quits" quit_with 0

# ---- a year without its public holidays is said at the start ---------------------------
# In late December the next year's deadlines are near: without its
# holidays listed they count 元旦 as a working day (only `check` said so).
printf 'database = { path = "%s"; rehearsal = true; };\n' "$GDB" >"$UI_TMP/cal.cfg"
ui_start 100 30 --config "$UI_TMP/cal.cfg" --today 2026-12-20
check "calendar: the next year's missing holidays are said at the start" \
    wait_for "No public holidays listed for 2027"
check "calendar: q quits" quit_with 0
ui_start 100 30 --config "$UI_TMP/cal.cfg" --today 2026-11-20
wait_for "1 Overview"
check "calendar: ... not while the year is far" absent "No public holidays listed"
check "calendar: q quits again" quit_with 0
# Only the administrator, who keeps the configuration, is told: a handler
# could do nothing about it.
printf 'database = { path = "%s"; rehearsal = true; };\nusers = ( { login = "%s"; role = "handler"; } );\n' \
    "$GDB" "$(id -un)" >"$UI_TMP/cal-handler.cfg"
ui_start 100 30 --config "$UI_TMP/cal-handler.cfg" --today 2026-12-20
wait_for "handler"
check "calendar: a handler is not told" absent "No public holidays listed"
check "calendar: q quits as the handler" quit_with 0
