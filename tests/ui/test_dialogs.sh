# Sourced by run.sh with lib.sh loaded: the questions and keys that act
# over an open form. A yes/no question leaves the form beneath it in view
# (it covered a short form whole, but for its bottom border); Ctrl-\ in a
# form asks before throwing away what was typed, as Esc and Ctrl-C do.
TODAY=2026-11-26
CFG="$UI_TMP/dialogs.cfg"
ui_config_users liu.yang zhang.wei zhou.ban >"$CFG"
DB="$UI_TMP/dialogs.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "fixture: demo database" [ $? -eq 0 ]
CODE=$(dbq "SELECT code FROM complaint WHERE state = 'received' ORDER BY code LIMIT 1")
check "fixture: a received complaint" [ -n "$CODE" ]

# The menu's own number of a step.
step_no() { ui_screen | grep -oE "│ [0-9a-z]  $1" | cut -c5; }

# ---- 1. "reject … ?" over the reject form, at two sizes ----------------------------
for size in "80 24" "100 30"; do
    set -- $size
    ui_start "$1" "$2" $(ui_args zhang.wei)
    wait_for "4 Complaints" && ui_keys 4
    wait_for "Complaints — " && ui_keys /
    wait_for "Search complaints" && ui_text "$CODE" && ui_keys Enter
    wait_for "/$CODE (1)" && ui_keys Home a
    wait_for "reject (not a complaint)" && ui_keys "$(step_no "reject")"
    check "${1}x$2: the reject form" wait_for "Reject (not a complaint) — $CODE"
    ui_text "重复来电"
    ui_keys F2
    check "${1}x$2: the question" wait_for "as not a complaint? This is final."
    check "${1}x$2: ... the form's title still shown beneath it" \
        line_has "Reject (not a complaint) — $CODE"
    check "${1}x$2: ... and its field with what was typed" line_has "Reason*" "重复来电"
    ui_keys n
    check "${1}x$2: n: the question goes" wait_gone "This is final."
    check "${1}x$2: ... the form whole again, its footer back" wait_for "F2 or Ctrl-S save"
    check "${1}x$2: ... what was typed kept" line_has "Reason*" "重复来电"
    check "${1}x$2: ... not rejected" wait_for "Not rejected."
    check "db: still received" [ "$(dbq "SELECT state FROM complaint WHERE code = '$CODE'")" = received ]
    ui_keys Escape
    wait_for "Discard your changes?" && ui_keys y
    wait_gone "Reject (not a complaint)"
    ui_quit
done

# ---- 2. a handler's sign-for, re-dispatched away meanwhile -------------------------
# The refusal names who changed the complaint, when and by which step
# (the handler may no longer read its history, and was told only that
# "someone else" had); the note typed is shown back to be copied, as no
# step on the complaint is theirs now.
DB="$UI_TMP/handler.db"
TODAY=2026-05-01
ui_fixture_complaints
check "fixture: units and complaints imported" [ $? -eq 0 ]
ui_start 100 30 $(ui_args zhou.ban)
ui_open b $(ui_args zhang.wei)
UI_T=xf
wait_for "4 Complaints" && ui_keys 4
wait_for "TS2026-000002" && ui_keys a
wait_for "Esc closes" && ui_keys "$(step_no "sign for")"
check "handler: the sign-for form" wait_for "Sign for — TS2026-000002"
ui_text "已收到，安排专人处理"
UI_T=b
wait_for "4 Complaints" && ui_keys 4 /
wait_for "Search complaints" && ui_text "TS2026-000002" && ui_keys Enter
wait_for "(1)" && ui_keys a
wait_for "re-dispatch to another unit" && ui_keys "$(step_no "re-dispatch")"
wait_for "Re-dispatch to another unit — TS2026-000002" && ui_keys Enter
ui_text "不动产"
wait_for "U2  " && ui_keys Enter
ui_keys Tab Tab Tab Tab
ui_text "属不动产登记职责"
ui_keys C-s
check "b: re-dispatched to U2" \
    db_wait "SELECT u.code FROM complaint c JOIN unit u ON u.id = c.lead_unit_id
             WHERE c.code = 'TS2026-000002'" U2
UI_T=xf
ui_keys C-s
check "handler: told it went to another unit" \
    wait_cond said "it has gone to a unit outside yours meanwhile"
check "handler: ... naming who did it" said "was changed by someone else: 张伟 (zhang.wei) at 2026-"
check "handler: ... and by which step" said "(re-dispatch)"
ui_keys Escape
check "handler: Esc closes the form" wait_gone "Sign for — TS2026-000002"
check "handler: ... and shows the note typed, to copy" wait_cond said "What you typed, to copy: 已收到，安排专人处理"
check "db: not signed" [ "$(dbq "SELECT state FROM complaint WHERE code = 'TS2026-000002'")" = dispatched ]
dismiss
UI_T=b
ui_keys q
wait_for "Quit xianfeng?" && ui_keys y
UI_T=xf
ui_quit

# ---- 3. Ctrl-\ (SIGQUIT from the terminal) is a quit key, as Ctrl-C is ------------
# It ended the program at once (a core dump), what a form held lost. In a
# form it is Esc: it asks before throwing away what was typed; at the
# panes it asks what q asks (a slip beside Enter must not end the
# session), and y ends it, status 0, the terminal whole.
DB="$UI_TMP/dialogs.db"
TODAY=2026-11-26
ui_start 80 24 $(ui_args liu.yang)
wait_for "2 Posts" && ui_keys 2
wait_for "XFG-00001" && ui_keys e
check "Ctrl-\\: the notice's form" wait_for "Edit the notice of post XFG-00001"
ui_keys End
ui_text "甲"
ui_keys 'C-\'
check "Ctrl-\\ in a form asks before discarding it" wait_for "Discard your changes?"
check "... the program still running" [ ! -s "$UI_TMP/rc" ]
ui_keys n
check "n: the form stays, what was typed kept" wait_gone "Discard your changes?"
check "... the title as typed" line_has "Title*" "先锋岗甲"
ui_keys 'C-\'
wait_for "Discard your changes?" && ui_keys y
check "Ctrl-\\, y: the form closes" wait_gone "Edit the notice of post XFG-00001"
check "... the program still running" [ ! -s "$UI_TMP/rc" ]
check "db: nothing saved" [ "$(dbq "SELECT count(*) FROM post WHERE title LIKE '%甲%'")" = 0 ]
ui_keys 'C-\'
check "Ctrl-\\ at the panes asks, as q does" wait_for "Quit xianfeng?"
check "... the program still running" [ ! -s "$UI_TMP/rc" ]
ui_keys n
check "n: the panes stay" wait_gone "Quit xianfeng?"
check "... still running" [ ! -s "$UI_TMP/rc" ]
ui_keys 'C-\'
wait_for "Quit xianfeng?" && ui_keys 'C-\'
check "Ctrl-\\ on the question is no" wait_gone "Quit xianfeng?"
check "... still running" [ ! -s "$UI_TMP/rc" ]
ui_keys 'C-\'
wait_for "Quit xianfeng?" && ui_keys y
ui_exited 5
check "Ctrl-\\, y at the panes ends the program, status 0" [ "${UI_RC:-x}" = 0 ]
check "... the terminal back on its main screen" wait_for "XF-EXITED"
check "... the interface gone from it" absent "1 Overview"

# ---- 4. a save that waits for another user's write says so ------------------------
# Another connection holds the write lock for three seconds (as a long
# import would); the save waits for it (busy timeout: 5 s) and, after a
# moment, the status line says why nothing happens yet.
ui_start 100 30 $(ui_args liu.yang)
wait_for "2 Posts" && ui_keys 2
wait_for "XFG-00001" && ui_keys e
check "wait: the notice's form" wait_for "Edit the notice of post XFG-00001"
ui_keys End
ui_text "乙"
( (echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;") | sqlite3 "$DB" ) &
HOLD=$!
locked() { ! sqlite3 "$DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; }
check "fixture: another connection holds the write lock" wait_cond locked
ui_keys C-s
check "wait: the status line says the save waits for another user's" \
    wait_for "Waiting for another user's save…" 2
check "... the form still open, what was typed kept" line_has "Title*" "先锋岗乙"
check "wait: saved once the other write is done" wait_for "Post XFG-00001 saved." 8
check "... the waiting message gone" absent "Waiting for another user's save"
wait $HOLD
check "db: the title saved" \
    [ "$(dbq "SELECT count(*) FROM post WHERE code = 'XFG-00001' AND title LIKE '%乙'")" = 1 ]
ui_quit
