# Sourced by run.sh with lib.sh loaded: the Complaints pane. A supervisor
# and a handler take a complaint through classify, dispatch, sign, reply,
# an unsatisfied callback (redo), sign, reply, a satisfied callback and
# close; hostile text stays harmless text; a viewer sees masked personal
# data and no actions; a handler sees only what was dispatched to its units.
DATA=$UI_DIR/data
DB="$UI_TMP/cp.db"
CFG="$UI_TMP/cp.cfg"
TODAY=2026-05-01
ui_config "$CFG" zhang.wei li.na zhao.kan

# The hostile complaint: a screen clear, OSC 52 (clipboard) and OSC 8
# (hyperlink) sequences, a right-to-left override and a C1 CSI.
HOSTILE=$(printf '可见一\033[2J可见二\033]52;c;SGVsbG8=\007可见三\033]8;;http://evil.example/\033\\链接\033]8;;\033\\ 反转\342\200\256ABC结束\302\23331m尾巴')
{
    head -1 "$DATA/complaints.csv"
    printf 'TS2026-000004,2026-04-29 09:00:00,media,complaint,,U2,,"%s",赵六,13600003333,received,,,,,,,,,,,0,,,,,0\n' "$HOSTILE"
} >"$UI_TMP/hostile.csv"

ui_fixture_complaints
check "fixture: units and complaints imported through the CLI" [ $? -eq 0 ]
X import complaints "$UI_TMP/hostile.csv" >/dev/null 2>"$UI_TMP/hostile.err"
check "fixture: the hostile complaint's import is refused" [ $? -ne 0 ]
check "fixture: ... naming the line and the field" grep -qF "line 2: text:" "$UI_TMP/hostile.err"
# ... so it is put there as old data would be, for the screens to sanitise.
sed -i 's/,"[^"]*",赵六,/,"占位",赵六,/' "$UI_TMP/hostile.csv"
X import complaints "$UI_TMP/hostile.csv" >/dev/null
printf '%s' "$HOSTILE" >"$UI_TMP/hostile.txt"
db_raw "$DB" "UPDATE complaint SET text = CAST(readfile('$UI_TMP/hostile.txt') AS TEXT)
              WHERE code = 'TS2026-000004';"
check "fixture: the hostile complaint written in SQL" [ $? -eq 0 ]
X export complaints >"$UI_TMP/export.csv"
check "fixture: export has the columns the import used (and answer_due, missed_due after them)" \
    [ "$(head -1 "$UI_TMP/export.csv" | tr -d '\r')" = "$(head -1 "$DATA/complaints.csv"),answer_due,missed_due" ]

sql() { sqlite3 "$DB" "$1"; }
as() { # as LOGIN W H: the interface as LOGIN, on the Complaints pane
    ui_start "$2" "$3" --config "$CFG" --login "$1" --db "$DB" --today $TODAY
    wait_for "4 Complaints" && ui_keys 4 && wait_for "Complaints — "
}
# act KEY: the actions menu, then the action chosen by its menu key.
act() { ui_keys a; wait_for "Esc closes" && ui_keys "$1"; }

# ---- 1. the journey --------------------------------------------------------------
as zhang.wei 80 24
check "80x24 supervisor: the Complaints pane opens" [ $? -eq 0 ]
check "80x24: the list header" wait_line "Code" "State" "Clock" "Text"
# the category gives its cells to the text and the unit below 90 columns
check "80x24: ... no Category column (the detail has it)" absent "Category"
check "80x24: the supervised complaint comes first" [ "$(ui_line_of TS2026-000003)" = 4 ]
check "80x24: ... marked ! and overdue" wait_line "! TS2026-000003" "dispatched" "overdue"
check "80x24: then the queue order" [ "$(ui_line_of TS2026-000001)" = 5 ]
check "80x24: the queue's keys on its last line, as the other lists have them" \
    [ "$(ui_line_of "n receive  Enter detail  a steps  / search  f filter  s sort")" = 23 ]
ui_keys e
check "80x24 e: a dispatched complaint changes only through its steps" \
    wait_for "only through its steps (a lists them)"
# Intake put right before dispatch: a mistyped phone.
ui_keys j e
check "80x24 e: a received complaint's intake opens for correction" \
    wait_for "Correct the intake of TS2026-000001"
check "80x24 e: ... filled in with what was taken down" wait_line "Phone" "13812345678"
check "80x24 e: ... its unit too, as the unit finder lists it" wait_for "U2  市政务服务中心 › 不动产登记窗口"
check "80x24 e: ... and its time of receipt, to the minute, to put right" \
    wait_line "Received at" "2026-04-28 09:00"
ui_keys Tab Tab Tab Tab Tab Tab C-u
ui_text "13812345670"
ui_keys Tab C-u
ui_text "2026-04-29" # mistyped: the letter came a day later
ui_keys C-s
check "80x24 e: saved, and said so" wait_for "Intake of TS2026-000001 corrected."
check "db: the day of receipt put right, a date alone (no made-up 00:00:00), as an import stores it" \
    [ "$(sql "SELECT received_at FROM complaint WHERE code = 'TS2026-000001'")" = '2026-04-29' ]
check "db: the phone corrected, the code and state kept" \
    [ "$(sql "SELECT code||','||state||','||complainant_phone FROM complaint WHERE complainant_phone LIKE '1381234567%'")" = "TS2026-000001,received,13812345670" ]
# Not yet dispatched, it has no progress: the heading alone read as a
# part of the detail that failed to show.
ui_keys Enter
check "80x24 detail: a received complaint says it has no progress yet" \
    wait_for "Nothing yet: it has not been dispatched."
ui_keys q
wait_gone "Nothing yet"
act 1
check "classify: no category is chosen for the user" wait_for "(choose with ←→)"
check "classify: the form shows what the complaint says" \
    wait_line "Complaint" "不动产登记窗口工作人员"
ui_keys C-s
check "classify: saving without one asks for it" wait_for "choose one (←→)"
ui_keys Right
check "classify: the form offers the categories from the config, in English" wait_for "Attitude"
ui_keys Tab
ui_text "情况属实"
ui_keys C-s
check "classify: saved, the row says classified" wait_line TS2026-000001 classified
check "classify: ... filed under the category chosen" \
    [ "$(sql "SELECT category FROM complaint WHERE code = 'TS2026-000001'")" = attitude ]
act 2
check "dispatch: the form asks for the lead unit" wait_for "Lead unit"
ui_keys Enter
ui_text "不动产"
check "dispatch: the picker finds the unit by name" wait_line "U2  " "市政务服务中心 › 不动产登记窗口"
ui_keys Enter
check "dispatch: the chosen unit is in the form" wait_line "U2  " "市政务服务中心 › 不动产登记窗口"
check "dispatch: the hint says Backspace clears it" wait_for "Backspace clear"
ui_keys BSpace
check "dispatch: Backspace takes the unit back" wait_gone "市政务服务中心 › 不动产登记窗口"
ui_keys Enter
ui_text "不动产"
check "dispatch: the picker opens again" wait_line "U2  " "市政务服务中心 › 不动产登记窗口"
ui_keys Enter
check "dispatch: chosen again" wait_line "U2  " "市政务服务中心 › 不动产登记窗口"
# The lead unit again as the second co-handling unit: the error stands
# beside that field, not beside the first (empty) one.
ui_keys Tab Tab Enter
ui_text "不动产"
wait_line "U2  " "市政务服务中心 › 不动产登记窗口"
ui_keys Enter C-s
check "dispatch: the lead unit as co-handler is refused" wait_for "cannot also be a co-handling"
error_under_second() {
    second=$(ui_line_of "Co-handling unit 2")
    err=$(ui_line_of "cannot also be a co-handling")
    [ -n "$second" ] && [ "$err" = $((second + 1)) ]
}
check "dispatch: ... the error beside the second co-handling field" wait_cond error_under_second
check "dispatch: the co-handling fields are numbered" \
    sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -q "Co-handling unit 3"' sh "$XF_SOCK"
ui_keys BSpace C-s
check "dispatch: the row shows the lead unit" wait_line TS2026-000001 dispatched "不动产"
# A wrong category is put right after dispatch: it sets the time limits.
SIGN_DUE=$(sql "SELECT sign_due FROM complaint WHERE code = 'TS2026-000001'")
ui_keys a
check "category: the menu offers to change it" wait_for "c  change the category"
ui_keys c
check "category: the form opens" wait_for "Change the category — TS2026-000001"
check "category: ... on the category it has, marked" wait_cond line_has "Category" "Attitude (now)"
ui_keys C-s
check "category: a reason is asked for" wait_for "required"
ui_text "收费问题，不是态度" # the error took the cursor to the reason
ui_keys C-s
check "category: keeping it is refused, saying so" wait_for "is filed under Attitude already"
ui_keys Right Right # the error took the cursor to the category
check "category: Fees chosen" wait_cond line_has "Category" "Fees"
ui_keys C-s
check "category: saved" wait_line TS2026-000001 dispatched
check "category: ... filed under Fees" \
    [ "$(sql "SELECT category FROM complaint WHERE code = 'TS2026-000001'")" = fees ]
check "category: the status line gives the deadline" \
    wait_for "TS2026-000001 is filed under Fees now; its deadline is $SIGN_DUE."
check "db: the category and an event with the reason" \
    [ "$(sql "SELECT c.category || '|' || e.note FROM complaint c JOIN complaint_event e
              ON e.complaint_id = c.id AND e.action = 'reclassify'
              WHERE c.code = 'TS2026-000001'")" = "fees|category=fees,was=attitude: 收费问题，不是态度" ]
quit

# At 60 columns the reason return is not offered is read whole: in the
# menu, not on the status line beside it (it was cut off there).
ui_start 60 20 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "1 Overview" && ui_keys 4
wait_line TS2026-000003 overdue && ui_keys a
check "60x20 handler, late dispatch: the menu says why, to its end" wait_for "returned."
ui_keys Escape
wait_gone "returned."
quit

as li.na 200 50
check "200x50 handler: the pane opens" [ $? -eq 0 ]
check "200x50 handler: the dispatched complaint is listed" wait_line TS2026-000001 dispatched
check "200x50 handler: a row shows its running deadline" wait_line TS2026-000003 overdue 2026-04-29
# A handler's queue is what to do first, by deadline: the overdue one to
# sign for above the one due soon (in queue order it came second).
check "200x50 handler: by deadline, the overdue complaint first" \
    sh -c '[ "$(tmux -L "$1" capture-pane -p -t xf | grep -n "TS2026-00000[13]" | head -1 |
               grep -o "TS2026-00000[13]")" = TS2026-000003 ]' sh "$XF_SOCK"
# TS2026-000003 (first: supervised) is past its sign-for deadline: it may
# only be signed for, so returning it is not offered.
ui_keys a
check "200x50 handler, late dispatch: signing for it is offered" wait_for "sign for"
check "200x50 handler, late dispatch: ... returning it is not" absent "return the dispatch"
check "200x50 handler, late dispatch: ... and the menu says why" \
    wait_for "Past its sign-for deadline (2026-04-29): it can be signed for, not"
ui_keys Escape
wait_gone "sign for"
ui_keys j
act 3
check "sign: the form opens" wait_for "Sign for — TS2026-000001"
check "sign: ... naming the unit the complaint concerns" \
    wait_line "Unit concerned" "不动产登记窗口 (U2)"
ui_keys C-s
check "sign: the row says signed for" wait_line TS2026-000001 "signed for"
act 6
check "reply: the form opens" wait_for "Reply — TS2026-000001"
check "reply: ... with what the complaint says above it" wait_line "Complaint" "不动产登记窗口工作人员"
check "reply: one field, so the hint offers no Tab" wait_for "F2 or Ctrl-S save · Esc cancel"
check "reply: ... not 'Tab next field'" absent "Tab next field"
ui_text "已约谈窗口人员，"
ui_keys Enter
ui_text "并当面致歉。"
ui_keys C-s
check "reply: the row says replied" wait_line TS2026-000001 replied
quit

as zhang.wei 200 50
ui_keys j
act 7
check "callback: no outcome is chosen for the user" wait_for "(choose with ←→)"
ui_keys C-s
check "callback: saving without one asks for it" wait_for "choose one (←→)"
ui_keys Right Right
check "callback: unsatisfied chosen" wait_for "unsatisfied (back to the unit)"
ui_keys C-s
check "unsatisfied callback: what the citizen is not satisfied with is asked for" \
    wait_for "say what the citizen is not satisfied with"
ui_text "群众仍不满意" # the form went to the field it asks for
ui_keys C-s
check "unsatisfied callback: back to the unit (dispatched)" \
    wait_line TS2026-000001 dispatched "不动产"
# In words: "is now dispatched (record the callback done)" read oddly.
check "unsatisfied callback: the message says where it went, and why" \
    wait_line "TS2026-000001 is back with" "to be done again"
quit

as li.na 80 24
# who_part: the status line's left, up to the gap before the figures or
# a message.
who_part() { ui_screen | tail -1 | sed 's/   .*//'; }
status_line_has() { ui_screen | tail -1 | grep -qF -- "$1"; }
wait_cond status_line_has "Overdue"
WHO_BEFORE=$(who_part)
ui_keys j
act 3
ui_keys C-s
check "80x24 redo: signed for again" wait_line TS2026-000001 "signed for"
# After a step its message stands where the figures were: who is at
# work keeps its shape (it grew into the units and the file).
check "80x24 handler: the message is on the status line" status_line_has "is signed for."
check "80x24 handler: ... beside who, as it was beside the figures" \
    [ "$(who_part)" = "$WHO_BEFORE" ]
act 6
ui_text "重新办理，已办结。"
ui_keys C-s
check "80x24 redo: replied again" wait_line TS2026-000001 replied
quit

as zhang.wei 80 24
ui_keys j
act 7
check "satisfied callback: the form" wait_for "Outcome"
check "callback form: the unit's reply is in it" wait_line "Reply" "重新办理，已办结。"
check "callback form: ... and whom to call" wait_line "Complainant" "张三丰" "1381234567"
ui_keys Right
check "satisfied callback: satisfied chosen" wait_for "‹ satisfied ›"
ui_keys C-s
# A satisfied callback closes the complaint (SPEC §2.5), so it asks first.
# (Narrower than the form it is asked over, the question wraps before
# the complaint's code.)
check "satisfied callback: asks to confirm the close" \
    wait_for "Record the callback (satisfied) and close complaint"
check "satisfied callback: ... naming the complaint" wait_for "TS2026-000001? It cannot"
# At 80 columns the question wraps: its warning is not cut off.
check "satisfied callback: ... saying it cannot be undone, whole" wait_for "cannot be reopened."
ui_keys n
check "satisfied callback: n says what now" \
    wait_for "Not recorded. F2 asks again; Esc leaves it as it is."
check "satisfied callback: ... and nothing is saved" \
    [ "$(sql "SELECT state FROM complaint WHERE code='TS2026-000001'")" = replied ]
ui_keys C-s
check "satisfied callback: F2 asks again" wait_for "cannot be reopened"
ui_keys y
check "satisfied callback: the message says it is closed, and why" \
    wait_for "TS2026-000001 is closed: the citizen is satisfied."
in_list() { ui_screen | sed '$d' | grep -qF -- "$1"; }
wait_not_in_list() { n=50; while in_list "$1" && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done; ! in_list "$1"; }
check "close: a closed complaint leaves the open queue" wait_not_in_list TS2026-000001
ui_keys f
check "filter: the form offers open only" wait_for "Open only"
check "filter: F2 applies it (the hint said save)" wait_for "F2 or Ctrl-S apply"
ui_keys n C-s
check "filter off: the closed complaint is listed again" wait_line TS2026-000001 closed
# Signed three days after its deadline (as old data may hold it): the
# detail says it was late beside the day.
check "db: the deadline moved before the signature" \
    db_raw "$DB" "UPDATE complaint SET sign_due = date(substr(signed_at, 1, 10), '-3 days')
                  WHERE code = 'TS2026-000001';"
LATE_DUE=$(sql "SELECT sign_due FROM complaint WHERE code = 'TS2026-000001'")
# The filter kept the cursor on the complaint it was on (the row after the
# closed one; "j" from the first row found TS2026-000001 when a filter
# always went to the top): go to it by its code.
ui_keys Home
k=0; while ! selected_has TS2026-000001 && [ $k -lt 10 ]; do ui_keys j; sleep 0.2; k=$((k + 1)); done
ui_keys Enter
check "detail: the handler's reply is shown" wait_for "重新办理，已办结。"
check "detail: a late signature says so, with its deadline" wait_line "Signed" "late: due $LATE_DUE"
ui_keys G
check "detail: End scrolls to the timeline's unsatisfied callback" \
    wait_line "zhang.wei" "callback: unsatisfied, redo"
check "detail: ... from replied back to dispatched" wait_line "replied → dispatched" "(U2)"
check "detail: the last event is the satisfied callback" wait_line "zhang.wei" "callback: satisfied"
check "detail: ... from replied to closed" wait_line "replied → closed"
check "detail: the title offers the history" wait_for "H history"
ui_keys H
check "detail H: the complaint's history opens over it" wait_for "History of complaint TS2026-000001"
one_box_top() { [ "$(ui_screen | head -4 | grep -c '┌')" = 1 ]; }
check "detail H: ... exactly, one box top on the screen, not the detail's above it" \
    wait_cond one_box_top
ui_keys Escape
check "detail H: Esc returns to the detail" wait_line "replied → closed"
ui_keys q
quit

check "db: state closed, satisfied, redone once" \
    [ "$(sql "SELECT state||','||callback_outcome||','||redo_count FROM complaint WHERE code='TS2026-000001'")" = "closed,satisfied,1" ]
EVENTS=$(sql "SELECT group_concat(action||':'||actor, ' ') FROM (SELECT e.action, e.actor FROM complaint_event e JOIN complaint c ON c.id=e.complaint_id WHERE c.code='TS2026-000001' AND e.action<>'import' ORDER BY e.id)")
check "db: one event per step with the right actors" [ "$EVENTS" = \
    "correct:zhang.wei classify:zhang.wei dispatch:zhang.wei reclassify:zhang.wei sign:li.na reply:li.na callback_unsatisfied:zhang.wei sign:li.na reply:li.na callback_satisfied:zhang.wei" ]
check "db: the events record from and to states" \
    [ "$(sql "SELECT from_state||'>'||to_state FROM complaint_event WHERE action='callback_unsatisfied'")" = "replied>dispatched" ]
check "db: history rows for the handler's writes" \
    [ "$(sql "SELECT count(*) FROM history WHERE entity='complaint' AND actor='li.na'")" -ge 4 ]
check "db: history rows for the supervisor's writes" \
    [ "$(sql "SELECT count(*) FROM history WHERE entity='complaint' AND actor='zhang.wei'")" -ge 5 ]
check "db: the lead unit is U2" \
    [ "$(sql "SELECT u.code FROM complaint c JOIN unit u ON u.id=c.lead_unit_id WHERE c.code='TS2026-000001'")" = U2 ]

# ---- 2. hostile text ---------------------------------------------------------------
for size in "80 24" "200 50"; do
    set -- $size
    as zhang.wei "$1" "$2"
    rm -f "$UI_TMP/raw"
    tmx pipe-pane -t xf -o "cat >>'$UI_TMP/raw'"
    ui_keys G
    check "$1x$2 hostile: the row shows visible text" wait_line TS2026-000004 "received" "可见一"
    check "$1x$2 hostile: the screen was not cleared (tab bar, header)" \
        wait_line "4 Complaints"
    check "$1x$2 hostile: the list header is still there" wait_line Code State Clock
    ui_keys Enter
    check "$1x$2 hostile: the detail shows the visible characters in order" \
        wait_for "可见一可见二可见三链接 反转ABC结束尾巴"
    check "$1x$2 hostile: no escape remnants on screen" absent "52;c;"
    check "$1x$2 hostile: no link target on screen" absent "evil.example"
    ui_keys q
    sleep 0.3
    quit
    raw_has() { LC_ALL=C grep -qF "$(printf "$1")" "$UI_TMP/raw"; }
    check "$1x$2 raw output captured" [ -s "$UI_TMP/raw" ]
    check "$1x$2 raw: no OSC 52 reached the terminal" sh -c "! LC_ALL=C grep -qF \"\$(printf '\\033]52')\" '$UI_TMP/raw'"
    check "$1x$2 raw: no OSC 8 reached the terminal" sh -c "! LC_ALL=C grep -qF \"\$(printf '\\033]8')\" '$UI_TMP/raw'"
    check "$1x$2 raw: no U+202E reached the terminal" sh -c "! LC_ALL=C grep -qF \"\$(printf '\\342\\200\\256')\" '$UI_TMP/raw'"
    check "$1x$2 raw: no C1 CSI reached the terminal" sh -c "! LC_ALL=C grep -qF \"\$(printf '\\302\\233')\" '$UI_TMP/raw'"
done

# ---- 3. roles and scope ----------------------------------------------------------------
for size in "80 24" "200 50"; do
    set -- $size
    as zhao.kan "$1" "$2"
    ui_keys f
    wait_for "Open only" && ui_keys n C-s   # the closed complaint is the one
    wait_line TS2026-000001 closed
    ui_keys j
    ui_keys Enter
    check "$1x$2 viewer: the complainant is masked" wait_for "张**"
    check "$1x$2 viewer: the phone is masked" wait_for "138****5670"
    check "$1x$2 viewer: the name is not shown" absent "张三丰"
    check "$1x$2 viewer: the detail offers no actions" absent "a actions"
    ui_keys a
    check "$1x$2 viewer: a in the detail says the role does not act on complaints" \
        wait_for "does not act on complaints: supervisors and handlers do."
    ui_keys q
    ui_keys a
    check "$1x$2 viewer: no action is offered, for the role" \
        wait_for "does not act on complaints: supervisors and handlers do."
    quit
    if [ "$1" = 80 ]; then
        # A refusal for the role is an error, as in every other pane: too
        # long for 60 columns, its box waits for a key (it was a note that
        # went with the next key, while Pledge progress's K waited).
        ui_start 60 20 --config "$CFG" --login zhao.kan --db "$DB" --today $TODAY
        wait_for "4 Compla" && ui_keys 4 && wait_for "Complaints"
        ui_keys a
        check "60x20 viewer: a's refusal is shown whole" wait_for "and handlers do."
        check "60x20 viewer: ... as an error, waiting for a key" \
            wait_for "any key closes this message"
        ui_keys x
        check "60x20 viewer: ... which closes it" wait_gone "any key closes this message"
        quit
    fi

    as li.na "$1" "$2"
    check "$1x$2 handler: sees what was dispatched to U1's units" wait_for TS2026-000003
    check "$1x$2 handler: not another department's complaint" absent TS2026-000002
    check "$1x$2 handler: not complaints not yet dispatched" absent TS2026-000004
    # as lead: a unit that only co-handles neither signs nor replies
    awaiting() { sql "SELECT count(*) FROM complaint c WHERE c.state = '$1' AND c.lead_unit_id
        IN (SELECT id FROM unit WHERE path LIKE (SELECT path FROM unit WHERE code = 'U1') || '%')"; }
    # (in fewer words where the line is short)
    handler_line() { ui_screen | tail -1 |
        grep -qE "(To sign|Sign) for $(awaiting dispatched) · (To reply|Reply) $(awaiting signed)"; }
    check "$1x$2 handler: the status line shows what awaits their unit" wait_cond handler_line
    quit
done

# ---- 4. search, filter, sort ---------------------------------------------------------------
for size in "80 24" "200 50"; do
    set -- $size
    as zhang.wei "$1" "$2"
    ui_keys /
    check "$1x$2 /: the search form" wait_for "Search complaints"
    ui_text "出租车"
    ui_keys Enter
    check "$1x$2 /: the match is listed" wait_line TS2026-000002 dispatched
    check "$1x$2 /: the title says what is searched" wait_for "/出租车 (1)"
    check "$1x$2 /: others are hidden" absent TS2026-000003
    # Digits before other words are no phone number: "1号窗口" names no
    # unit and no text, though every phone begins with a 1 (it listed
    # them all, searched as the phone digits "1").
    if [ "$1" = 80 ]; then
        ui_keys /
        wait_for "Search complaints" && ui_text "1号窗口" && ui_keys Enter
        check "$1x$2 /: 1号窗口 is no phone search: nothing found" wait_for "/1号窗口 (0)"
        ui_keys /
        wait_for "Search complaints" && ui_keys C-u && ui_text "出租车" && ui_keys Enter
        wait_for "/出租车 (1)"
    fi
    # A unit's name finds the complaints about it or led by it, and those
    # of the units below: 市交通运输局 is U4's department.
    # The last search is offered, selected: typing starts a new one (it
    # was appended to, "出租车交通运输", and found nothing).
    ui_keys /
    check "$1x$2 /: the last search is offered" wait_cond line_has "Search" "出租车"
    ui_text "交通运输"
    check "$1x$2 /: ... and typing replaces it" wait_cond line_has "Search" "交通运输"
    check "$1x$2 /: ... not appended to" absent "出租车交通运输"
    ui_keys Enter
    check "$1x$2 /: a department's name finds its window's complaint" wait_line TS2026-000002
    check "$1x$2 /: ... and only that one" absent TS2026-000003
    # 张三丰's complaint was closed in the journey above: the open queue
    # has none of his, and says where to look.
    ui_keys /
    wait_for "Search complaints"
    ui_keys C-u
    ui_text "张三丰"
    ui_keys Enter
    check "$1x$2 /: no open match says closed ones are filtered out" \
        wait_for "No open complaint matches; closed ones are filtered out (f, Open only: no)."
    check "$1x$2 /: ... in the list, where it stays (not a passing message)" \
        sh -c '! tmux -L "$1" capture-pane -p -t xf | tail -1 | grep -qF "No open complaint"' \
        sh "$XF_SOCK"
    ui_keys /
    wait_for "Search complaints"
    ui_keys C-u BSpace BSpace BSpace Enter
    check "$1x$2 /: an empty search shows all again" wait_for TS2026-000003
    ui_keys f
    check "$1x$2 f: the filter form" wait_for "Filter complaints"
    ui_keys Tab Tab Right F2
    check "$1x$2 f: overdue only" wait_line "! TS2026-000003" overdue
    check "$1x$2 f: the title names the filter" wait_for "by code · open only · overdue"
    check "$1x$2 f: the others are hidden" absent TS2026-000001
    ui_keys f
    wait_for "Filter complaints"
    ui_keys n Tab Tab Left F2
    check "$1x$2 f: back to all, closed ones too" wait_for TS2026-000001
    # A filter applied keeps the cursor on its complaint while the filter
    # lists it (it went to the first row, the supervised TS2026-000003).
    if [ "$1" = 80 ]; then # the pane alone on the screen: its highlight is the cursor
        k=0
        while ! selected_has TS2026-000002 && [ $k -lt 6 ]; do
            ui_keys j; sleep 0.2; k=$((k + 1))
        done
        ui_keys f
        wait_for "Filter complaints" && ui_keys y F2
        wait_for "by code · open only"
        check "$1x$2 f: the cursor stays on the complaint the filter still lists" \
            wait_cond selected_has TS2026-000002
        check "$1x$2 f: ... below the first row" [ "$(ui_line_of TS2026-000003)" = 4 ]
        ui_keys f
        wait_for "Filter complaints" && ui_keys n F2
        check "$1x$2 f: all again, the cursor still on it" wait_for TS2026-000001
        check "$1x$2 f: ... still on it" wait_cond selected_has TS2026-000002
        # Filtered out: the first row.
        ui_keys f
        wait_for "Filter complaints" && ui_keys Tab Tab Tab y F2
        wait_for "by code · supervised"
        check "$1x$2 f: a complaint the filter hides: the first row" \
            wait_cond selected_has TS2026-000003
        ui_keys f
        wait_for "Filter complaints" && ui_keys Tab Tab Tab n F2
        wait_gone "by code · supervised"
    fi
    ui_keys s
    check "$1x$2 s: sorted by received" wait_for "Complaints — by time received"
    check "$1x$2 s: supervised still first" [ "$(ui_line_of TS2026-000003)" = 4 ]
    check "$1x$2 s: then the earliest received" [ "$(ui_line_of TS2026-000002)" = 5 ]
    ui_keys s
    check "$1x$2 s: sorted by deadline" wait_for "Complaints — by deadline"
    # Esc takes the search away, then the filter; the order stays.
    ui_keys /
    wait_for "Search complaints" && ui_keys C-u && ui_text "出租车" && ui_keys Enter
    wait_for "/出租车 (1)"
    check "$1x$2 Esc: the hints offer it while narrowed" wait_line "s sort" "Esc clear"
    ui_keys Escape
    check "$1x$2 Esc: the search is cleared" wait_gone "/出租车"
    check "$1x$2 Esc: ... and says so" wait_for "Search cleared."
    check "$1x$2 Esc: ... the filter stays: closed ones still listed" wait_for TS2026-000001
    check "$1x$2 Esc: ... the order stays" wait_for "Complaints — by deadline"
    ui_keys Enter
    check "$1x$2 Esc: the cursor stayed on the complaint found: its detail opens" \
        wait_for "Complaint — a actions"
    check "$1x$2 Esc: ... TS2026-000002's" wait_line "│ TS2026-000002" "dispatched"
    ui_keys q && wait_gone "Complaint — a actions"
    ui_keys Escape
    check "$1x$2 Esc again: the filter is cleared: the open queue" \
        wait_for "Complaints — by deadline · open only"
    check "$1x$2 Esc again: ... closed ones gone" wait_gone TS2026-000001
    check "$1x$2 Esc again: ... and says so" wait_for "Filter cleared: the open queue again."
    check "$1x$2 Esc again: ... no hint left" wait_gone "Esc clear"
    ui_keys Escape
    check "$1x$2 Esc with nothing narrowed: nothing to close" \
        wait_for "Nothing to close here; q quits."
    # A view opened takes the list's message away (it stayed under the
    # detail); there a key that does nothing says so, and a move is quiet.
    ui_keys Enter
    wait_for "Complaint — a actions"
    check "$1x$2 Enter: the list's message is gone with the view it opened" \
        wait_gone "Nothing to close here"
    ui_keys z
    check "$1x$2 detail: z does nothing here, and says so" \
        wait_for "z does nothing here; ? lists the keys."
    ui_keys j
    check "$1x$2 detail: a move takes the message away, saying nothing" \
        wait_gone "does nothing here"
    ui_keys q && wait_gone "Complaint — a actions"
    # A unit in the filter: its complaints and those of the units below it.
    ui_keys f
    wait_for "Filter complaints" && ui_keys Tab Tab Tab Tab
    ui_text "U3"
    wait_cond line_has "U3 " "市交通运输局" && ui_keys Enter
    ui_keys F2
    check "$1x$2 f unit: the title names the unit" wait_for "open only · U3 市交通运输局"
    check "$1x$2 f unit: a complaint about a window below it is listed" wait_line TS2026-000002
    check "$1x$2 f unit: ... another unit's is not" wait_gone TS2026-000003
    ui_keys Escape
    check "$1x$2 f unit: Esc lifts it" wait_line TS2026-000003
    ui_keys '?'
    wait_for "Help: keys"
    ui_keys End # the pane's own keys come last, before the form's
    wait_for "In a form:"
    # a page up or two, as the labels above wrap at this width
    pages=0
    while [ $pages -lt 3 ] && ! line_has "Complaints: actions on the selected complaint"; do
        before=$(ui_screen)
        ui_keys PPage
        pages=$((pages + 1))
        wait_cond eval '[ "$(ui_screen)" != "$before" ]'
    done
    check "$1x$2 ?: the help lists the actions key" wait_line "a"  "Complaints: actions on the selected complaint"
    ui_keys q
    quit
done

# ---- 4b. a search longer than the screen ------------------------------------------------
# The list shows a screenful of matches at once; their total, which takes
# a walk over all the complaints, comes when the user pauses.
MANY="$UI_TMP/many.db"
{
    head -1 "$DATA/complaints.csv"
    i=10
    while [ $i -lt 50 ]; do
        printf 'TS2026-0001%s,2026-04-2%s 09:00:00,hotline,complaint,,U2,,楼下商铺噪音扰民第%s次,赵六,13600003333,received,,,,,,,,,,,0,,,,,0\n' \
            $i $((i % 9)) $i
        i=$((i + 1))
    done
} >"$UI_TMP/many.csv"
M() { "$XF" --config "$CFG" --db "$MANY" --today $TODAY "$@"; }
M init >/dev/null && M import units "$DATA/complaints-units.csv" >/dev/null &&
    M import complaints "$DATA/complaints.csv" >/dev/null &&
    M import complaints "$UI_TMP/many.csv" >/dev/null
check "fixture: forty more complaints" [ $? -eq 0 ]
ui_start 80 24 --config "$CFG" --login zhang.wei --db "$MANY" --today $TODAY
wait_for "4 Complaints" && ui_keys 4 && wait_for "Complaints — by code"
ui_keys /
wait_for "Search complaints"
ui_text "扰民"
ui_keys Enter
check "80x24 /: a screenful of matches" wait_cond eval "[ \"\$(ui_screen | grep -c 'TS2026-0001[1-4][0-9]')\" -ge 19 ]"
check "80x24 /: the total, once counted" wait_for "/扰民 (40)"
check "80x24 /: no other complaint" absent "出租车"
quit

# ---- 5. receiving, labels, dispatch prefill, the ruling ----------------------------------
# A post to complain about, two more complaints (one to return, one already
# returned after an unsatisfied callback), and the Chinese interface.
cat >"$UI_TMP/posts.csv" <<'CSVEOF'
code,unit_code,title,holder_member_code,holder_name,position,scope,hotline,commit_standard,commit_time_limit,commit_quality,commit_attitude,status,published_on,named_on,named_level
G9,U2,抵押登记先锋岗,,李明,科长,抵押登记,0451-1234567,一次告知,五个工作日,满意率95%,热情,published,2026-01-05,,
CSVEOF
{
    head -1 "$DATA/complaints.csv"
    echo 'TS2026-000005,2026-04-30 09:00:00,appraisal,complaint,,U2,attitude,窗口人员推诿扯皮,孙八,13600004444,dispatched,U2,,2026-04-30 10:00:00,2026-05-08,,,,,,,0,,,,,0'
    echo 'TS2026-000006,2026-04-30 09:30:00,walk_in,complaint,,U2,attitude,排队时间过长,周九,13600005555,returned,U2,U3,2026-04-30 10:00:00,2026-05-08,,,,,overlapping_duties: 与交通局职责交叉,unsatisfied,1,,,,,0'
} >"$UI_TMP/more.csv"
X import posts "$UI_TMP/posts.csv" >/dev/null && X import complaints "$UI_TMP/more.csv" >/dev/null
check "fixture 5: a post and two more complaints imported" [ $? -eq 0 ]
CFGZ="$UI_TMP/cpz.cfg"
{ cat "$CFG"; echo 'interface = { language = "zh_CN"; };'; } >"$CFGZ"
ui_zh_catalog
actz() { ui_keys a; wait_for "Esc 关闭" && ui_keys "$1"; }
asz() { # asz LOGIN W H: the Chinese interface as LOGIN, on the Complaints pane
    ui_start "$2" "$3" --config "$CFGZ" --login "$1" --db "$DB" --today $TODAY
    wait_for "4 投诉" && ui_keys 4 && wait_for "投诉 — 按代码"
}

# 5a. 80x24, English: a walk-in suggestion about a post, the phone checked
# beside its field, the new complaint selected.
as zhang.wei 80 24
ui_keys n
check "80x24 n: the receive form opens" wait_for "Receive a complaint"
check "80x24 n: the source is a translated choice" wait_for "12345 hotline"
ui_keys Right Right Right Right Right
check "80x24 n: ... walk-in" wait_for "walk-in"
ui_keys Tab Right
check "80x24 n: kind suggestion" wait_for "suggestion"
ui_keys Tab Tab Tab
check "80x24 n: passing post and unit empty is pointed out" wait_for "choose the post the complaint"
ui_keys BTab BTab
ui_text "抵押"
check "80x24 n: the post picker finds the post by title, its holder named" wait_for "G9 抵押登记先锋岗 李明"
ui_keys Enter
# Shown from its start while the field has the focus: code and title first.
check "80x24 n: the post is chosen, from its code, its unit named with the department" \
    wait_for "G9 抵押登记先锋岗 李明 · 市政务服务中心 ›"
check "80x24 n: ... and the message about it is gone" wait_gone "choose the post the complaint"
# Back on the field later, it still reads from its start.
ui_keys Tab BTab
check "80x24 n: back on the field, the post still reads from its code" \
    wait_for "G9 抵押登记先锋岗 李明 · 市政务服务中心 ›"
ui_keys Tab Tab
# A closing mark (，) that would start the box's second line takes the
# character before it along, as printed Chinese does: 24 characters fill
# the 49-cell line at 80 columns, so 卯 goes down with the comma.
ui_text "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯，好"
check "80x24 n: the text's first line ends before the character the comma follows" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -q "Complaint text\*.*子丑寅 *│"' sh "$XF_SOCK"
check "80x24 n: ... no line starts with the comma" wait_cond line_has "│" "卯，好"
# Up in a text of several lines moves a line up within it (it left the
# field, and what was typed next went into the field above).
ui_keys Up
ui_text "Ｘ"
check "80x24 n: Up moves within the text: typed on its first line" \
    wait_cond line_has "Complaint text*" "Ｘ"
check "80x24 n: ... not in the field above" absent "Find: "
ui_keys End C-u
wait_gone "卯，好"
# A number that would be cut at the line's end starts the next one whole
# (it read "压缩1" | "5个工作日").
ui_text "一二三四五六七八九十一二三四五六七八九十一二压缩15个工作日"
check "80x24 n: the number is not cut: its line ends before it" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -q "Complaint text\*.*二压缩 *│"' sh "$XF_SOCK"
check "80x24 n: ... and the next starts with it whole" wait_cond line_has "│" "15个工作日"
ui_keys C-u
wait_gone "卯，好"
ui_text "建议周末开放抵押登记窗口"
# Longer than the four lines of its box: the box follows the cursor.
ui_text "$(printf '周末%.0s' $(seq 1 70))末尾ZZZ"
check "80x24 n: a text longer than its box shows where it is typed" wait_for "末尾ZZZ"
# Ctrl-C in a form is Esc: it asks before the typed complaint is lost
# (it used to end the program at once).
ui_keys C-c
check "80x24 n: Ctrl-C asks before discarding the form" wait_for "Discard your changes?"
ui_keys n
check "80x24 n: n: the form and its text stay" wait_gone "Discard your changes?"
check "80x24 n: ... the program still running" [ ! -s "$UI_TMP/rc" ]
check "80x24 n: ... the text still there" wait_for "末尾ZZZ"
ui_keys Tab
ui_text "钱七"
ui_keys Tab
ui_text "139abc"
ui_keys Tab
check "80x24 n: a bad phone is refused beside its field" wait_for "may hold only digits"
ui_keys BTab BSpace BSpace BSpace
ui_text "００００９９９９" # full-width, as a Chinese input method types them
check "80x24 n: full-width digits in the phone become ASCII" line_has "Phone" "13900009999"
# A letter that came the day before is dated that day.
ui_keys Tab
check "80x24 n: received now unless said otherwise" wait_cond line_has "Received at" "$TODAY "
ui_keys C-u
ui_text "2026-04-29"
ui_keys C-s
check "80x24 n: saved, the message names the new complaint" wait_for "Complaint TS2026-000007 received."
check "db: received on the day given, a date alone" \
    [ "$(sql "SELECT received_at FROM complaint WHERE code = 'TS2026-000007'")" = '2026-04-29' ]
check "80x24 n: the new complaint is in the list" wait_line TS2026-000007 received
ui_keys Enter
check "80x24 n: Enter opens the new (selected) complaint" wait_line "TS2026-000007" "received"
check "80x24 n: the detail says walk-in" wait_line "Source" "walk-in"
check "80x24 n: ... received on the day given, with no made-up time" wait_line "Received" "2026-04-29"
check "... not 00:00:00" absent "2026-04-29 00:00:00"
check "80x24 n: ... and suggestion" wait_line "Kind" "suggestion"
ui_keys G
check "80x24 n: the timeline's receipt" wait_for "receive"
check "... shows its state alone (it read \" → received\", from nothing)" absent "→ received"
check "... once: the step, then its unit (it read \"received\", then \"received · unit\")" \
    absent "received · "
ui_keys g
ui_keys '?'
check "80x24 detail: ? shows the help over it" wait_for "Help: keys"
ui_keys q
check "80x24 detail: ... and q returns to the detail" wait_line "Kind" "suggestion"
# Classify from the detail: what the step did shows under it, on the
# status line, while the detail stays open.
ui_keys a
wait_for "Esc closes" && ui_keys 1
wait_for "(choose with ←→)" && ui_keys Right C-s
check "80x24 detail: a step from the detail says what it did, under it" \
    wait_for "TS2026-000007 is classified."
check "80x24 detail: ... not the step again in brackets" absent "(classify done)"
check "80x24 detail: ... the detail still open" wait_line "Kind" "suggestion"
ui_keys q
# Then dispatch: the lead unit is the complaint's own unit.
check "80x24 dispatch: classified first" wait_line TS2026-000007 classified
act 2
check "80x24 dispatch: the lead unit is pre-filled with the unit concerned" \
    wait_line "Lead unit" "U2  市政务服务中心 › 不动产登记窗口"
# A line-editing key out of habit does not open the unit finder: the save
# right after it goes through.
ui_keys C-a Left C-s
check "80x24 dispatch: Ctrl-A or an arrow on a unit opens no finder" \
    wait_line TS2026-000007 dispatched
check "80x24 dispatch: dispatched to it" wait_line TS2026-000007 dispatched
ui_keys '?'
wait_for "Help: keys"
# A label longer than the line goes on below itself, to its end (it was
# cut: "… then its filt…", and "(not for your ro…").
check "80x24 ?: a long label wraps below itself" \
    wait_line "Esc, q" "back; Esc first clears a list's search, then its"
check "80x24 ?: ... to its end" wait_for "filter; q quits from the top level"
ui_keys NPage
check "80x24 ?: the help lists n as new record" wait_line "n" "new record"
ui_keys q
# Over a menu or a detail Ctrl-C closes it, as Esc does; at the panes,
# where nothing typed is at stake, it still ends the program.
ui_keys a
wait_for "Esc closes"
ui_keys C-c
check "80x24: Ctrl-C closes the actions menu" wait_gone "Esc closes"
ui_keys Enter
wait_for "Complaint — "
ui_keys C-c
check "80x24: Ctrl-C closes the detail" wait_gone "Complaint — "
check "80x24: ... the program still running" [ ! -s "$UI_TMP/rc" ]
UI_QUITS=$((UI_QUITS + 1)) # the next "session N" check counts this one
ui_keys C-c
ui_exited 5
check "80x24: Ctrl-C in the list quits, status 0" [ "${UI_RC:-x}" = 0 ]
check "db: the received complaint as entered" [ "$(sql "SELECT c.source||','||c.kind||','||p.code||','||u.code||','||c.complainant_phone||','||c.state||','||l.code FROM complaint c JOIN post p ON p.id=c.post_id JOIN unit u ON u.id=c.unit_id JOIN unit l ON l.id=c.lead_unit_id WHERE c.code='TS2026-000007'")" = "walk_in,suggestion,G9,U2,13900009999,dispatched,U2" ]
check "db: its events receive, classify, dispatch by the supervisor" [ "$(sql "SELECT group_concat(e.action||':'||e.actor, ' ') FROM complaint_event e JOIN complaint c ON c.id=e.complaint_id WHERE c.code='TS2026-000007'")" = "receive:zhang.wei classify:zhang.wei dispatch:zhang.wei" ]

# What the Unit / post column shows can be searched: the post's title.
as zhang.wei 80 24
ui_keys /
wait_for "Search complaints" && ui_text "登记先锋" && ui_keys Enter
check "80x24 /: a search by the title of the post finds its complaint" wait_line TS2026-000007
quit
# A unit weighing a return sees the post it concerns, not the unit alone
# (a unit's remit says little about whether one of its desks is the one).
as li.na 80 24
ui_keys /
wait_for "Search complaints" && ui_text "登记先锋" && ui_keys Enter
wait_line TS2026-000007 dispatched
act 4
check "return 80x24: the form" wait_for "Return the dispatch — TS2026-000007"
check "return 80x24: the unit concerned" wait_line "Unit concerned" "不动产登记窗口"
check "return 80x24: ... and the post concerned" wait_line "Post concerned" "抵押登记先锋岗 (G9)"
ui_keys Escape
check "return 80x24: closed unsaved" wait_gone "Return the dispatch"
check "db: still dispatched" [ "$(sql "SELECT state FROM complaint WHERE code = 'TS2026-000007'")" = dispatched ]
quit

# 5b. Others may not register complaints.
for who in li.na zhao.kan; do
    as $who 80 24
    ui_keys n
    check "80x24 $who: n is refused with a message" wait_for "Only supervisors and administrators"
    check "80x24 $who: no form opened" absent "Receive a complaint"
    quit
done

# 5c. 200x50, Chinese: a complaint about a unit (no post); labels, not identifiers.
asz zhang.wei 200 50
check "200x50 zh: the pane opens in Chinese" [ $? -eq 0 ]
ui_keys n
check "200x50 zh n: the form in Chinese" wait_for "受理投诉"
check "200x50 zh n: source 12345热线" wait_for "12345热线"
ui_keys Right
check "200x50 zh n: ... 万人评政风" wait_for "万人评政风"
check "200x50 zh n: kind 投诉" wait_line "投诉" "‹ 投诉 ›"
ui_keys Tab Tab Tab Tab
ui_text "出租车不打表"
ui_keys C-s
check "200x50 zh n: no post and no unit: said beside the unit" wait_for "没有岗位时选择单位"
ui_text "客运"
check "200x50 zh n: the unit picker finds it by name" wait_line "U4  " "市交通运输局 › 客运管理窗口"
ui_keys Enter C-s
check "200x50 zh n: saved" wait_for "投诉 TS2026-000008 已受理。"
ui_keys Enter
check "200x50 zh detail: source label" wait_line "来源" "万人评政风"
check "200x50 zh detail: kind label" wait_line "类型" "投诉"
check "200x50 zh detail: no identifier" absent "appraisal"
ui_keys q
# The returned complaint: its reason and callback in words.
ui_keys /
wait_for "搜索投诉" && ui_text "排队时间" && ui_keys Enter
check "200x50 zh: the returned complaint found" wait_line TS2026-000006
ui_keys Enter
check "200x50 zh detail: source 现场" wait_line "来源" "现场"
check "200x50 zh detail: the return reason translated" wait_for "职责交叉：与交通局职责交叉"
check "200x50 zh detail: the callback translated" wait_for "不满意（重办）"
check "200x50 zh detail: no raw reason code" absent "overlapping_duties"
check "200x50 zh detail: no raw outcome" absent "unsatisfied"
check "200x50 zh detail: no raw source" absent "walk_in"
ui_keys q
quit

# 5d. A handler returns a dispatch; the supervisor rejects the return: only
# a note is asked, no unit fields.
as li.na 200 50
ui_keys /
wait_for "Search complaints" && ui_text "推诿" && ui_keys Enter
wait_line TS2026-000005 dispatched
# A unit by its line from the department: "不动产登记窗口" alone could be
# any department's.
check "200x50: a unit's complaint names the unit with its department" \
    wait_line TS2026-000005 "市政务服务中心" "不动产登记窗口"
act 4
check "return: the form" wait_for "Return the dispatch — TS2026-000005"
# "Not our jurisdiction" is decided on the unit it concerns: shown.
check "return: the unit the complaint concerns is shown" \
    wait_line "Unit concerned" "市政务服务中心 › 不动产登记窗口 (U2)"
ui_text "属"
check "return: text typed on the reason says how a reason is chosen" \
    wait_for "choose with ← → here; Tab goes to the next field"
check "return: no reason is chosen for the unit" wait_for "(choose with ←→)"
ui_keys C-s
check "return: saving without one asks for it" wait_for "choose one (←→)"
ui_keys Right
check "return: ... and the note goes once a reason is chosen" wait_gone "choose with ← → here"
ui_keys Tab
# Long, as reasons are: the ruling shows it whole all the same.
ui_text "属交通局职责，$(printf '该投诉涉及公交线路调整与站点设置，应由市交通运输局受理，%.0s' 1 2 3 4 5)本单位无此项职能，请改派"
ui_keys C-s
check "return: the row says returned" wait_line TS2026-000005 returned
quit
asz zhang.wei 80 24
# The state and clock columns are as wide as their Chinese words (the
# English ones left 内容 a few characters at 80 columns); the clock's
# widest is a received complaint's wait, 等99天.
check "zh 80x24: the state column fits 不予受理, no wider" wait_line "代码" "状态     时效   期限  主办/所涉"
ui_keys /
wait_for "搜索投诉" && ui_text "推诿" && ui_keys Enter
wait_line TS2026-000005
ui_keys Enter
wait_for "TS2026-000005" && ui_keys G
check "80x24 zh timeline: the return's reason in words" wait_for "不属于本单位职责：属交通局职责"
check "80x24 zh timeline: no reason code" absent "not_jurisdiction"
ui_keys q
actz 5
check "80x24 zh rule: the ruling is asked first" wait_for "退单不成立：退回原单位"
check "80x24 zh rule: ... with the unit's reason" wait_for "不属于本单位职责"
check "80x24 zh rule: ... whole, to its last words" wait_for "请改派"
ui_keys 2
check "80x24 zh rule reject: the form" wait_for "退单不成立：退回原单位 — TS2026-000005"
check "80x24 zh rule reject: no new lead unit field" absent "新主办单位"
check "80x24 zh rule reject: no co-handling field" absent "协办单位"
ui_keys C-s
check "80x24 zh rule reject: the unit is told why: the note is required" wait_for "必填"
ui_text "属本单位职责"
ui_keys C-s
check "80x24 zh rule reject: back to the same unit" wait_line TS2026-000005 "已派单" "不动产"
check "80x24 zh rule reject: ... and the status line says so" wait_for "TS2026-000005 已退回"
ui_keys Enter
wait_for "退单原因"
ui_keys NPage # the long reason runs below the first screen
check "80x24 zh detail: the return's reason is marked as ruled unfounded" \
    wait_for "已裁定不成立"
ui_keys q
quit
check "db: the rejected return went back to U2" [ "$(sql "SELECT c.state||','||l.code FROM complaint c JOIN unit l ON l.id=c.lead_unit_id WHERE c.code='TS2026-000005'")" = "dispatched,U2" ]
check "db: the events of the return and the ruling" [ "$(sql "SELECT group_concat(e.action, ' ') FROM complaint_event e JOIN complaint c ON c.id=e.complaint_id WHERE c.code='TS2026-000005' AND e.action<>'import'")" = "return rule_reject" ]

# 5e. 200x50: accepting a return asks for the new lead unit. The handler
# has the complaint open meanwhile: it goes to U4, outside her units, and
# her view stays, saying so (it closed by itself, and her next q quit).
as zhang.wei 200 50
ui_open hand --config "$CFG" --login li.na --db "$DB" --today $TODAY
UI_T=hand
wait_for "4 Complaints" && ui_keys 4 && wait_for "Complaints — by code"
ui_keys /
wait_for "Search complaints" && ui_text "排队时间" && ui_keys Enter
wait_line TS2026-000006 returned && ui_keys Enter
check "handler: the returned complaint's detail" wait_for "排队时间过长"
UI_T=
ui_keys /
wait_for "Search complaints" && ui_text "排队时间" && ui_keys Enter
wait_line TS2026-000006 returned
act 5
check "200x50 rule: the ruling is asked first" wait_for "accept the return: dispatch to another unit"
ui_keys 1
check "200x50 rule accept: the new lead unit is asked" wait_for "New lead unit"
check "200x50 rule accept: the unit that co-handles it stays in the form" \
    wait_cond line_has "Co-handling unit" "U3  市交通运输局"
ui_keys C-s
check "200x50 rule accept: the new lead unit is required" wait_for "required"
ui_keys Enter
ui_text "客运"
wait_line "U4  " "市交通运输局 › 客运管理窗口" && ui_keys Enter
ui_keys C-s
check "200x50 rule accept: dispatched" wait_line TS2026-000006 dispatched
UI_T=hand
check "handler's open detail: says the complaint has gone to another unit" \
    wait_for "This complaint has gone to a unit outside yours"
check "handler's open detail: ... and stays open" wait_for "排队时间过长"
ui_keys q
check "handler: q closes the view, not the program" wait_for "Complaints — by what to do first"
ui_quit
check "handler's session ends with status 0" [ "${UI_RC:-x}" = 0 ]
UI_T=
quit
check "db: the accepted return went to U4" [ "$(sql "SELECT c.state||','||l.code FROM complaint c JOIN unit l ON l.id=c.lead_unit_id WHERE c.code='TS2026-000006'")" = "dispatched,U4" ]
check "db: ... still with U3 co-handling" [ "$(sql "SELECT group_concat(u.code) FROM complaint_cohandler h JOIN unit u ON u.id = h.unit_id JOIN complaint c ON c.id = h.complaint_id WHERE c.code = 'TS2026-000006' AND h.active = 1")" = "U3" ]

# 5e2. A unit that does not sign for it loses it: the supervisor gives it
# to another, saying why (after the ruling above, the dispatch is U4's).
as zhang.wei 200 50
ui_keys /
wait_for "Search complaints" && ui_text "TS2026-000006" && ui_keys Enter
wait_line TS2026-000006 dispatched
ui_keys a
check "re-dispatch: offered for a dispatched complaint" wait_for "re-dispatch to another unit"
RKEY=$(ui_screen | grep -F "re-dispatch to another unit" | grep -oE "[0-9a-z]+  re-dispatch" | cut -d' ' -f1)
ui_keys "$RKEY"
check "re-dispatch: the form asks for the new lead unit" \
    wait_for "Re-dispatch to another unit — TS2026-000006"
ui_keys Enter
ui_text "客运"
wait_line "U4  " "市交通运输局 › 客运管理窗口" && ui_keys Enter
ui_keys Tab Tab Tab Tab
ui_text "拖着不签收"
ui_keys C-s
check "re-dispatch: the unit that has it is refused, saying what to do instead" \
    wait_for "complaint TS2026-000006 is with this unit"
ui_keys BSpace Enter # the error took the cursor to the unit
ui_text "不动产"
wait_line "U2  " "市政务服务中心 › 不动产登记窗口" && ui_keys Enter
ui_keys Tab Enter # the old unit helps, and both departments
ui_text "客运"
wait_line "U4  " "市交通运输局 › 客运管理窗口" && ui_keys Enter
ui_keys Tab Enter
ui_text "U1"
wait_line "U1  " "市政务服务中心" && ui_keys Enter
ui_keys Tab Enter
ui_text "U3"
wait_line "U3  " "市交通运输局" && ui_keys Enter
ui_keys C-s
check "re-dispatch: saved, and said so, naming the unit" \
    wait_for "TS2026-000006 is dispatched to 市政务服务中心 › 不动产登记窗口 (U2)."
# A second re-dispatch starts from the co-handlers it has: the form would
# otherwise drop them unseen.
ui_keys a
wait_for "re-dispatch to another unit"
ui_keys "$RKEY"
wait_for "Re-dispatch to another unit — TS2026-000006"
check "re-dispatch again: the co-handling unit is in the form" \
    wait_cond line_has "Co-handling unit" "市交通运输局 › 客运管理窗口"
check "re-dispatch again: ... and the third of three" \
    wait_cond line_has "Co-handling unit" "U3  市交通运输局"
ui_keys Escape
wait_gone "Re-dispatch to another unit — TS2026-000006"
# Its history: a co-handling unit's row says what it is (its fields
# alone, "unit: U4 ...", read as a change of the unit itself).
ui_keys H
wait_for "History of complaint TS2026-000006"
check "re-dispatch H: a co-handling unit's row is named as one" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -A1 "co-handling unit" | grep -q "unit=U[1-4]"' sh "$XF_SOCK"
ui_keys Escape
wait_gone "History of complaint TS2026-000006"
quit
check "db: now U2's, the reason in the timeline" \
    [ "$(sql "SELECT l.code || '|' || e.note FROM complaint c JOIN unit l ON l.id = c.lead_unit_id
              JOIN complaint_event e ON e.complaint_id = c.id AND e.action = 'redispatch'
              WHERE c.code = 'TS2026-000006'")" = "U2|with=U4;U1;U3: 拖着不签收" ]
check "db: ... with U4 co-handling" \
    [ "$(sql "SELECT group_concat(u.code) FROM complaint_cohandler h JOIN unit u ON u.id = h.unit_id
              JOIN complaint c ON c.id = h.complaint_id
              WHERE c.code = 'TS2026-000006' AND h.active = 1
              ORDER BY u.code")" = "U1,U3,U4" ]

# 5f. Merging: the target is found by what it says, and the question names it.
as zhang.wei 200 50
ui_keys /
wait_for "Search complaints" && ui_text "拒载" && ui_keys Enter
wait_line TS2026-000002 dispatched
ui_keys a
check "merge: offered for an open complaint" wait_for "merge into another complaint"
MKEY=$(ui_screen | grep -F "merge into another complaint" | grep -oE "[0-9a-z]+  merge" | cut -d' ' -f1)
ui_keys "$MKEY"
check "merge: the form" wait_for "Merge into"
ui_keys Enter
ui_text "承诺时限"
check "merge: the finder finds the target by its text" wait_line "TS2026-000003" "抵押登记"
check "merge: ... naming the unit it concerns" \
    wait_line "TS2026-000003" "市政务服务中心 › 不动产登记窗口 · 抵押登记"
ui_keys Enter C-s
check "merge: the question names the target" wait_for "into TS2026-000003"
# The duplicate concerns U4, the target U2: a merge sends its complainant
# to another unit's answer, so the question says the units differ, naming
# both (the question wraps in its box: a line at a time).
check "merge: ... the duplicate's unit" wait_for "(about 市交通运输局 › 客运管理窗口)"
check "... and that the target is about another unit" \
    wait_for "which is about another unit (市政务服务中心 ›"
ui_keys y
check "merge: merged, it leaves the open queue" wait_for "/拒载 (0)"
# The survivor names the duplicate's complainant: the answer is owed to them too.
ui_keys /
wait_for "Search complaints" && ui_keys C-u && ui_text "承诺时限" && ui_keys Enter
wait_line TS2026-000003 && ui_keys Enter
check "merge: the survivor's detail names the merged complaint and its complainant" \
    wait_line "Merged here" "TS2026-000002" "李四" "13900001111"
check "merge: ... and what the duplicate said" wait_for "出租车司机拒载无人处理"
ui_keys q
quit
check "db: merged into TS2026-000003" [ "$(sql "SELECT c.state||','||m.code FROM complaint c JOIN complaint m ON m.id=c.merged_into WHERE c.code='TS2026-000002'")" = "merged,TS2026-000003" ]

# 5g. 50x14: the receive form is taller than the screen. It scrolls to
# the field in focus, and its border says more lies below or above.
ui_start 50 14 --config "$CFG" --login zhang.wei --db "$DB" --today $TODAY
wait_for "4 Comp" && ui_keys 4 && wait_for "Complaints —"
ui_keys n
check "50x14 n: the form opens" wait_for "Receive a complaint"
check "50x14 n: the border says more lies below" wait_for "↓ more"
check "50x14 n: the phone is not on screen yet" absent "Phone"
ui_keys Tab Tab Tab Tab Tab Tab
check "50x14 n: Tab to the phone scrolls it into view" wait_for "Phone"
check "50x14 n: ... and the border says more lies above" wait_for "↑ more"
ui_keys Escape
quit

# 5h. Text pasted into the terminal (bracketed paste) is text: its tab
# does not jump to the next field nor its line break save the form, and
# pasted into a list it runs no commands (a pasted q used to quit).
as zhang.wei 100 30
tmx set-buffer -- "qqq"
tmx paste-buffer -p -t xf
ui_keys n # read after the paste: it opens the form only if q did not quit
check "paste: pasted into the list, q does not quit" wait_for "Receive a complaint"
tmx set-buffer -- "$(printf 'a b\tc d')"
tmx paste-buffer -p -t xf # onto the source, a choice: its spaces must not step it
ui_keys Tab BTab # read after the paste
check "paste: a paste does not step a choice" wait_line "Source" "12345 hotline"
ui_keys Tab Tab Tab Tab
tmx set-buffer -- "$(printf '粘贴一\t粘贴二\n粘贴三')"
tmx paste-buffer -p -t xf
check "paste: the tab stays in the text as a space" wait_line "Complaint text" "粘贴一 粘贴二"
check "paste: the line break is a new line of the text" wait_for "粘贴三"
# CR LF, as text copied on Windows ends its lines: one break each, not two.
tmx set-buffer -- "$(printf '\r\n行甲\r\n行乙')"
tmx paste-buffer -r -p -t xf # -r: as it is (tmux makes LF a CR otherwise)
wait_for "行乙"
check "paste: CR LF is one line break (no blank line between)" \
    [ "$(( $(ui_line_of "行乙") - $(ui_line_of "行甲") ))" = 1 ]
check "paste: ... nor before" [ "$(( $(ui_line_of "行甲") - $(ui_line_of "粘贴三") ))" = 1 ]
no_line() { ! line_has "$@"; }
check "paste: the complainant field is untouched" no_line "Complainant" "粘贴"
# Colours and a window title copied from a terminal: dropped whole.
ui_keys Tab
tmx set-buffer -- "$(printf '当日\033[31m红字\033]0;pwned\007完毕')"
tmx paste-buffer -p -t xf
check "paste: escape sequences are dropped whole, not left as text" wait_line "Complainant" "当日红字完毕"
check "paste: ... nothing of them left" no_line "Complainant" "pwned"
# A long letter pasted whole is drawn once it is in, not after each of its
# characters (20,000 of them took ten seconds over SSH): a few writes to
# the terminal, not one per character.
ui_keys BTab End
tmx set-buffer -- "$(printf '来信反映窗口推诿%.0s' $(seq 625))尾声END"
W0=$(xf_writes)
tmx paste-buffer -p -t xf
check "paste: a 5,000-character letter arrives whole" wait_for "尾声END"
W1=$(xf_writes)
check "paste: ... drawn a few times, not per character ($((W1 - W0)) writes)" \
    [ $((W1 - W0)) -lt 500 ]
# Bytes that are not UTF-8 (text copied from a GBK file) are not taken,
# the field says why, and what follows them stays: everything after was
# lost once, and then they were saved as "�".
ui_keys Tab C-u
printf 'AB\377CD 旅游\304\343投诉' >"$UI_TMP/bad-utf8.txt"
tmx load-buffer "$UI_TMP/bad-utf8.txt"
tmx paste-buffer -p -t xf
check "paste: bad bytes are left out, the text after them kept" \
    wait_line "Complainant" "ABCD 旅游投诉"
check "... the field says the terminal sent no UTF-8" wait_for "the terminal sent characters that are not"
# The 8-bit CSI (U+009B) not followed by a sequence is dropped alone: the
# character after it stays (结 was lost with it), and so after a lone ESC.
ui_keys C-u
printf '倒序\302\233结束\033甲乙' >"$UI_TMP/c1.txt"
tmx load-buffer "$UI_TMP/c1.txt"
tmx paste-buffer -p -t xf
check "paste: a lone C1 CSI or ESC is dropped, the text after it kept" \
    wait_line "Complainant" "倒序结束甲乙"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
quit

# 5i. Ctrl-Z and fg from a shell with job control: the shell gets its
# terminal back without bracketed paste, and after fg a paste is still text.
tmx kill-server >/dev/null 2>&1
UI_N=$((UI_N + 1))
XF_SOCK="xf-test-$$-$UI_N"
tmx -f /dev/null new-session -d -x 100 -y 30 -s xf "env PS1='SHELL> ' bash --norc --noprofile -i"
tmx set-option -t xf status off >/dev/null 2>&1
wait_for "SHELL>"
ui_text "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color '$XF' --config '$CFG' --login zhang.wei --db '$DB' --today $TODAY"
ui_keys Enter
wait_for "4 Complaints" && ui_keys 4 && wait_for "Complaints — by code"
ui_keys C-z
check "suspend: Ctrl-Z gives the shell back" wait_for "Stopped"
ui_text "fg"
ui_keys Enter
check "suspend: fg brings the interface back" wait_for "Complaints — by code"
tmx set-buffer -- "qqq"
tmx paste-buffer -p -t xf
ui_keys n # read after the paste: it opens the form only if q did not quit
check "suspend: after fg a pasted q still does not quit" wait_for "Receive a complaint"
ui_keys Escape
check "suspend: q quits to the shell" ui_quit
tmx kill-server >/dev/null 2>&1

# 5j. A long search at 80 columns is shortened so that its count stays in
# the title (the count was cut off with the end of the query).
LONG="窗口人员互相推诿让我去找其他科室办理再找别的窗口"
ui_start 80 24 --config "$CFG" --login zhang.wei --db "$DB" --today $TODAY
wait_for "4 Complaints" && ui_keys 4 && wait_for "Complaints — by code"
ui_keys /
wait_for "Search complaints"
ui_text "$LONG"
ui_keys Enter
check "80 columns: a long search keeps its count in the title" wait_for "… (0)"
check "... the query shown shortened" wait_for "/窗口人员"
ui_quit

# 5k. 80x24, English: a step whose name is long says the new state whole
# (the end of "… (accept the return: dispatch to another unit done)." was
# cut at 80 columns, taking the full stop with it).
{
    head -1 "$DATA/complaints.csv"
    echo 'TS2026-000009,2026-04-30 09:40:00,walk_in,complaint,,U2,attitude,叫号系统经常跳号,吴十,13600006666,returned,U2,,2026-04-30 10:00:00,2026-05-08,,,,,overlapping_duties: 与交通局职责交叉,,0,,,,,0'
} >"$UI_TMP/ret.csv"
X import complaints "$UI_TMP/ret.csv" >/dev/null
check "fixture 5k: a returned complaint imported" [ $? -eq 0 ]
as zhang.wei 80 24
ui_keys /
wait_for "Search complaints" && ui_text "跳号" && ui_keys Enter
wait_line TS2026-000009 returned
act 5
wait_for "accept the return: dispatch to another unit" && ui_keys 1
wait_for "New lead unit" && ui_keys Enter
ui_text "客运"
wait_line "U4  " "市交通运输局 › 客运管理窗口" && ui_keys Enter
ui_keys C-s
check "80x24 long step: the status line says where it went, to its full stop" \
    wait_for "TS2026-000009 is dispatched to 市交通运输局 › 客运管理窗口 (U4)."
check "80x24 long step: ... and nothing cut" absent "dispatch to another unit done"
quit

# 5l. Supervision changes no state: the status line says the step done
# (it said "is now dispatched (mark supervised (督办) done)"), and the
# history tells starting and stopping it apart.
as zhang.wei 100 30
ui_keys /
wait_for "Search complaints" && ui_text "跳号" && ui_keys Enter
wait_line TS2026-000009 dispatched
step_no() { ui_screen | grep -oE "│ [0-9a-z]  $1" | head -1 | cut -c5; }
ui_keys a
wait_for "mark supervised" && ui_keys "$(step_no "mark supervised")"
wait_for "Note" && ui_text "群众反映强烈，列入督办" && ui_keys C-s
check "supervise: the status line says what the step made of it, not a form filled in" \
    wait_for "TS2026-000009 is now supervised."
ui_keys a
wait_for "stop supervising" && ui_keys "$(step_no "stop supervising")"
wait_for "Note" && ui_text "已整改到位" && ui_keys C-s
check "stop supervising: ... likewise" wait_for "TS2026-000009 is no longer supervised."
quit
SUP_ID=$(sql "SELECT id FROM complaint WHERE code = 'TS2026-000009'")
X history --entity complaint --id "$SUP_ID" >"$UI_TMP/sup-hist.txt" 2>&1
check "history: stopping supervision is named so" grep -q "stop supervising" "$UI_TMP/sup-hist.txt"
check "history: ... and starting it" grep -q "zhang.wei.*supervise" "$UI_TMP/sup-hist.txt"

# 5m. The actions menu follows a resize (it stayed as drawn for the old
# size: its border ran to the edge, its lower half blank).
as zhang.wei 100 30
ui_keys a
wait_for "Esc closes"
menu_whole() { ui_screen | grep -F "Enter or its key chooses" | grep -q "│.*│"; }
ui_resize 40 12
sleep 0.3 # (the small size drawn before the next: no condition to wait on)
ui_resize 100 30
check "resize small and back: the actions menu is drawn again, whole" wait_cond menu_whole
ui_keys Escape
check "resize: Esc closes the menu" wait_gone "Enter or its key chooses"
quit

# 5n. The callback form shows the reply whole, over lines, for the call
# (it was cut at one line: "经核查，窗口工作人员…").
LONGREPLY="经核查情况属实，已对相关窗口工作人员进行批评教育，调整了叫号规则，并于次日为群众办结业务，结尾在此"
{
    head -1 "$DATA/complaints.csv"
    echo "TS2026-000011,2026-04-27 09:40:00,walk_in,complaint,,U2,attitude,叫号系统又跳号,吴十一,13600007777,replied,U2,,2026-04-27 10:00:00,2026-04-28,2026-04-27 11:00:00,2026-05-06,2026-04-29 09:00:00,$LONGREPLY,,,0,,,,,0"
} >"$UI_TMP/replied.csv"
X import complaints "$UI_TMP/replied.csv" >/dev/null
check "fixture 5n: a replied complaint with a long reply imported" [ $? -eq 0 ]
as zhang.wei 80 24
ui_keys /
wait_for "Search complaints" && ui_text "又跳号" && ui_keys Enter
wait_line TS2026-000011 replied
act 7 # record the callback
check "callback: the form opens" wait_for "Record the callback"
check "callback: the long reply is shown to its end" wait_for "结尾在此"
ui_keys Escape
quit
# 5c'. Receiving while the list is filtered to closed complaints goes back
# to the open queue: it went to every complaint ever received.
as zhang.wei 100 30
ui_keys f
# (seventh after "any": "called back, to close" is not offered)
wait_for "Open only" && ui_keys n Tab Right Right Right Right Right Right Right
check "filter: closed chosen" wait_line "State" "closed"
ui_keys C-s
check "filter: only closed complaints listed" wait_line TS2026-000001 closed
ui_keys n
wait_for "Receive a complaint" && ui_keys Tab Tab Tab Tab
ui_text "出租车拒载"
ui_keys C-s
wait_for "choose the post the complaint" && ui_text "客运"
wait_line "U4  " "客运管理窗口" && ui_keys Enter C-s
check "n over a state filter: saved, the filter said to be cleared" \
    wait_for "received; the filter was cleared to show it."
check "... back to the open queue" wait_for "open only"
check "... the closed complaint no longer listed" wait_not_in_list TS2026-000001
quit


# A field that is full says so as the text comes, not at F2 after a
# paste of thousands of characters that all went in.
as zhang.wei 100 30
# A supervisor's status line: their own work (returns to rule on, replies
# to call back), not the organisers' overdue pledges.
RETURNED=$(sql "SELECT count(*) FROM complaint WHERE state='returned'")
REPLIED=$(sql "SELECT count(*) FROM complaint WHERE state='replied'")
check "supervisor's status line: returns to rule on and callbacks due" \
    wait_line "To rule on $RETURNED · To call back $REPLIED"
check "... not overdue pledges" absent "Overdue pledges"
ui_keys n
wait_for "Receive a complaint" && ui_keys Tab Tab Tab Tab Tab
ui_text "$(printf 'a%.0s' $(seq 1 105))"
check "full field: said at once, beside it" wait_line "↑ at most 100 characters: what came after"
ui_keys BSpace
check "... a character taken away clears the message" wait_gone "at most 100 characters"
# F1 in a form is the help (? is text there), with the form's own keys.
ui_keys F1
check "F1 in a form: the help" wait_for "Help: keys"
check "... lists the form's keys, on its first page" wait_line "Ctrl-U / Ctrl-K" "delete what is before / after the cursor"
ui_keys q
check "... and q goes back to the form" wait_gone "Help: keys"
check "... still there" wait_for "Receive a complaint"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
quit

# Esc asks only when something would be lost: a choice turned and turned
# back, a word typed and deleted, leave the form as it opened.
as zhang.wei 80 24
ui_keys n
wait_for "Receive a complaint"
ui_keys Right
wait_for "‹ public appraisal" && ui_keys Left
wait_for "‹ 12345 hotline" && ui_keys Escape
check "Esc: a choice turned back: the form closes without asking" wait_gone "Receive a complaint"
check "... nothing asked" absent "Discard your changes?"
ui_keys n
wait_for "Receive a complaint" && ui_keys Tab Tab Tab Tab
ui_text "甲乙"
wait_for "甲乙" && ui_keys BSpace BSpace
wait_gone "甲乙" && ui_keys Escape
check "Esc: a word typed and deleted: the form closes without asking" wait_gone "Receive a complaint"
ui_keys n
wait_for "Receive a complaint" && ui_keys Tab Tab Tab Tab
ui_text "甲乙"
wait_for "甲乙" && ui_keys Escape
check "Esc: a word typed and kept: the form asks" wait_for "Discard your changes?"
ui_keys y
check "... y discards" wait_gone "Receive a complaint"
quit
