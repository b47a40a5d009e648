# Sourced by run.sh with lib.sh loaded: two users at once on one record
# (SPEC §5). Both open the same form; the second to save is told who
# changed what, the form takes the record as it is now — the other's
# change in the fields they left alone, their own entries kept — and the
# next save goes through without losing either change.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/conflicts.cfg"
ui_config_users liu.yang chen.jing zhang.wei sun.li zhou.ban >"$CFG"

# ---- 1. the notice of a post, edited by two organisers --------------------------
DB="$UI_TMP/posts.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "fixture: demo database" [ $? -eq 0 ]
TITLE=$(dbq "SELECT title FROM post WHERE code='XFG-00001'")
HOTLINE=$(dbq "SELECT hotline FROM post WHERE code='XFG-00001'")

ui_start 100 30 $(ui_args liu.yang)
ui_open b $(ui_args chen.jing)
for s in xf b; do
    UI_T=$s
    wait_for "2 Posts" && ui_keys 2
    check "$s: Posts list with XFG-00001 first" wait_for "XFG-00001"
    ui_keys e
    check "$s: the edit form is open" wait_for "Edit the notice of post XFG-00001"
done

# A adds to the title; B, meanwhile, changes the title too and the
# hotline, and saves first. (End first: a character typed on the title as
# filled in would replace it.)
UI_T=xf
ui_keys End
ui_text "甲"
UI_T=b
ui_keys End
ui_text "乙"
ui_keys Tab Tab Tab Tab Tab End
ui_text "转8"
ui_keys C-s
check "b: saved first" wait_for "Post XFG-00001 saved."
check "db: b's hotline is in" db_wait "SELECT hotline FROM post WHERE code='XFG-00001'" "${HOTLINE}转8"

UI_T=xf
ui_keys C-s
check "a: the save is refused and the form reloaded" wait_for "reloaded:"
check "a: ... naming who changed the post" wait_for "chen.jing"
check "a: ... and how, in words" wait_for "(edit post)"
check "a: ... no column name for the version" absent "version:"
check "a: the hotline a left alone now shows b's value" line_has "Complaint hotline" "${HOTLINE}转8"
check "a: a's own title is kept" line_has "Title" "${TITLE}甲"
check "a: ... and says what b made of it" wait_said "changed by someone else too, to: ${TITLE}乙 — F2 keeps yours"
check "db: nothing of a's was written" \
    db_wait "SELECT title FROM post WHERE code='XFG-00001'" "${TITLE}乙"
ui_keys C-s
check "a: the second save goes through" wait_for "Post XFG-00001 saved."
check "db: both changes are in the post" \
    db_wait "SELECT title || '|' || hotline FROM post WHERE code='XFG-00001'" \
    "${TITLE}甲|${HOTLINE}转8"
check "db: two post.edit history rows, one by each" \
    db_wait "SELECT group_concat(actor, ',') FROM (SELECT actor FROM history
              WHERE entity='post' AND action='post.edit' ORDER BY id)" "chen.jing,liu.yang"
# A one-line form (the day a post is published) refused the same way
# names the key its footer names: Enter, not F2.
PROP=$(dbq "SELECT code FROM post WHERE status = 'proposed' ORDER BY code LIMIT 1")
for s in xf b; do
    UI_T=$s
    ui_keys /
    wait_for "Search posts" && ui_text "$PROP" && ui_keys Enter
    wait_for "/ $PROP (1)"
done
UI_T=xf
ui_keys P
check "a: the publish prompt" wait_for "Publish the notice"
UI_T=b
ui_keys e
wait_for "Edit the notice of post $PROP" && ui_keys End && ui_text "乙" && ui_keys C-s
check "b: saved the notice first" wait_for "Post $PROP saved."
UI_T=xf
ui_keys Enter
check "a: publishing refused: Enter, as in the footer, applies the entry" \
    wait_for "Enter applies your entry"
check "... not F2" absent "F2 applies"
ui_keys Escape
for s in xf b; do # Esc takes the search away (q quits, a search on or not)
    UI_T=$s
    wait_for "/ $PROP (1)" && ui_keys Escape
    wait_gone "/ $PROP (1)"
done
leave b
leave xf

# complaints_db PATH: DB is PATH, a new database of the complaints
# fixture (units U1-U4, as of 2026-05-01), and TODAY its day.
complaints_db() {
    DB=$1
    TODAY=2026-05-01
    ui_fixture_complaints
    check "fixture: units and complaints imported" [ $? -eq 0 ]
}

# ---- 2. a complaint: a note beside a supervision ------------------------------
complaints_db "$UI_TMP/complaints.db"
ui_start 100 30 $(ui_args zhang.wei)
ui_open b $(ui_args sun.li)
for s in xf b; do
    UI_T=$s
    wait_for "4 Complaints" && ui_keys 4
    check "$s: the queue shows TS2026-000001" wait_for "TS2026-000001"
    ui_keys j a
    check "$s: the actions menu" wait_for "Esc closes"
done
UI_T=xf
ui_keys n
check "a: the note form" wait_for "Add a note — TS2026-000001"
ui_text "已电话联系投诉人"
UI_T=b
ui_keys s
check "b: the supervision form" wait_for "TS2026-000001"
ui_text "逾期未处理，督办"
ui_keys C-s
check "db: b's supervision is in" db_wait "SELECT supervised FROM complaint WHERE code='TS2026-000001'" 1

UI_T=xf
ui_keys C-s
# A note contradicts nothing: it goes in after b's step, at once (a
# second F2 was asked for, after a screen of what b had changed).
check "a: the note goes through at once" wait_for "A note is added to TS2026-000001."
check "a: ... no reload asked for" absent "reloaded:"
check "db: a's note is on the complaint, b's supervision kept" \
    db_wait "SELECT c.supervised || '|' || e.actor || '|' || e.note FROM complaint_event e
              JOIN complaint c ON c.id = e.complaint_id
              WHERE e.action='note' AND c.code='TS2026-000001'" "1|zhang.wei|已电话联系投诉人"

# ---- 3. an action the other user's step has made impossible -------------------
# TS2026-000001 is received and now supervised: first in the queue.
for s in xf b; do
    UI_T=$s
    wait_for "A note is added to TS2026-000001." 1 || true
    ui_keys a
    check "$s: the actions menu again" wait_for "Esc closes"
    ui_keys 1
    check "$s: the classify form" wait_for "Classify — TS2026-000001"
done
UI_T=b
ui_keys Right C-s
check "db: b classified it" db_wait "SELECT state FROM complaint WHERE code='TS2026-000001'" classified
UI_T=xf
ui_keys Right Right Tab
ui_text "费用问题另行核实"
ui_keys C-s
check "db: ... as the first category, attitude" \
    [ "$(dbq "SELECT category FROM complaint WHERE code='TS2026-000001'")" = attitude ]
# Not a dead end: the step that does what the form was for is named.
check "a: told it is classified already, as what" wait_said "it is already classified as Attitude;"
check "a: ... and which step changes the category" \
    wait_said "to change that, press Esc and choose “c change the category” among the steps."
ui_keys Escape
# The form can no longer save anything: Esc closes it, as it says, without
# asking whether to drop what cannot be saved.
check "a: Esc closes the form at once" wait_gone "Classify — TS2026-000001"
check "a: ... without asking" absent "Discard your changes?"
check "a: ... saying what was typed is kept for the next step" \
    wait_for "what you typed is kept: the next step you open on TS2026-000001 starts from it"

# menu_key LABEL: the key the open actions menu gives LABEL.
menu_key() { ui_screen | grep -oE "│ [0-9a-z]  $1" | head -1 | cut -c5; }

# What a typed there is not lost: the step that applies now (a change of
# category) opens with it, and says so.
ui_keys a
wait_for "Esc closes"
ui_keys "$(menu_key "change the category")"
check "a: the change of category form" wait_for "Change the category — TS2026-000001"
check "a: ... with the note typed in the classify form" wait_for "费用问题另行核实"
check "a: ... and says where it came from" wait_said "Filled in from the form that no longer applied"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "a: Esc, y: the form closes" wait_gone "Change the category — TS2026-000001"
ui_keys a
wait_for "Esc closes"
ui_keys "$(menu_key "change the category")"
check "a: opened again: offered once, not for good" wait_for "Change the category — TS2026-000001"
check "a: ... the note no longer there" absent "费用问题另行核实"
ui_keys Escape
wait_gone "Change the category — TS2026-000001"

# ---- 4. no "are you sure?" for a step that would be refused ---------------------
# (a note leaves the complaint's version alone; a change of category does
# not, and matters to a rejection; stopping supervision would not matter)
UI_T=xf
ui_keys a
wait_for "Esc closes" && ui_keys r
check "a: the reject form" wait_for "Reject (not a complaint) — TS2026-000001"
ui_text "重复投诉"
UI_T=b
ui_keys a
wait_for "Esc closes" && ui_keys "$(menu_key "change the category")"
check "b: the change of category form" wait_for "Change the category — TS2026-000001"
ui_keys Right Tab && ui_text "其实是办理时限"
ui_keys C-s
check "db: b changed its category" \
    db_wait "SELECT category FROM complaint WHERE code='TS2026-000001'" time_limit
UI_T=xf
ui_keys C-s
check "a: the stale reject is refused before any confirmation" wait_for "reloaded:"
check "a: ... with no \"this is final\" question" absent "This is final"
ui_keys C-s
check "a: the retry asks to confirm" wait_for "This is final"
ui_keys y
check "a: rejected" wait_for "TS2026-000001 is rejected."
check "db: rejected, b's step kept" \
    db_wait "SELECT state || '|' || category FROM complaint WHERE code='TS2026-000001'" \
    "rejected|time_limit"

# ---- 5. an open detail follows another user's step ------------------------------
# TS2026-000001 has left the open queue: TS2026-000003 (supervised) is first.
# (The status line below the list may still name it.)
listed() { ui_screen | sed '$d' | grep -qF -- "$1"; }
unlisted() { ! listed "$1"; }
for s in xf b; do
    UI_T=$s
    check "$s: the rejected complaint has left the open queue" wait_cond unlisted "TS2026-000001 "
    ui_keys Home
done
UI_T=xf
ui_keys Enter
check "a: the detail of TS2026-000003" wait_for "Timeline"
# A short screen, read to its end: what b adds comes in sight there.
ui_resize 100 16
wait_cond sh -c '[ "$(tmux -L "$1" display -p -t xf "#{window_height}")" = 16 ]' sh "$XF_SOCK"
wait_for "Timeline"
ui_keys End
UI_T=b
ui_keys a
wait_for "Esc closes" && ui_keys "$(menu_key "add a note")"
check "b: the note form on TS2026-000003" wait_for "Add a note — TS2026-000003"
ui_text "已督促承办单位加快办理"
ui_keys C-s
check "db: b's note is in" \
    db_wait "SELECT count(*) FROM complaint_event WHERE note='已督促承办单位加快办理'" 1
UI_T=xf
check "a: the open detail shows b's note without a key" wait_for "已督促承办单位加快办理"
check "a: a step that kept the state shows it once" absent "dispatched → dispatched"
ui_keys q
ui_resize 100 30
wait_cond sh -c '[ "$(tmux -L "$1" display -p -t xf "#{window_height}")" = 30 ]' sh "$XF_SOCK"
# Both stop supervising TS2026-000003; the second is told the other did it
# (its state did not change: "it is now dispatched" would be no reason).
for s in xf b; do
    UI_T=$s
    wait_for "TS2026-000003"
    ui_keys Home a
    wait_for "Esc closes" && ui_keys s
    check "$s: the stop-supervising form on TS2026-000003" \
        wait_for "Stop supervising — TS2026-000003"
done
UI_T=b
ui_keys C-s
check "db: b stopped supervising TS2026-000003" \
    db_wait "SELECT supervised FROM complaint WHERE code='TS2026-000003'" 0
UI_T=xf
ui_keys C-s
check "a: told someone else did it meanwhile" \
    wait_said "someone else did it meanwhile: “stop supervising” no longer applies"
ui_keys Escape
check "a: Esc closes the dead form" wait_gone "Stop supervising — TS2026-000003"
leave b
leave xf

# ---- 6. an improvement turned into a time cut while another corrects it --------
# The reloaded form takes the other's kind, and with it the day fields:
# the second save goes through (it was refused, the days hidden and empty).
DB="$UI_TMP/posts.db"
TODAY=2026-11-26
IM=$(dbq "SELECT id FROM improvement WHERE kind = 'method' ORDER BY on_date DESC, id DESC LIMIT 1")
IMT=$(dbq "SELECT title FROM improvement WHERE id = $IM")
ui_start 100 30 $(ui_args liu.yang)
ui_open b $(ui_args chen.jing)
for s in xf b; do
    UI_T=$s
    wait_for "I lists the improvements"
    ui_keys I
    wait_for "Service improvements"
    ui_keys /
    ui_text "$IMT"
    ui_keys Enter e
    check "$s: the correction form of #$IM" wait_for "Correct improvement #$IM"
done
UI_T=b
ui_keys Tab Right Right Right
check "b: time cut chosen, its day fields shown" wait_for "Days before the cut"
ui_keys Tab Tab Tab
ui_text "20"
ui_keys Tab
ui_text "8"
ui_keys C-s
check "b: saved first" wait_for "Improvement corrected."
UI_T=xf
ui_keys Tab Tab End
ui_text "甲"
ui_keys C-s
check "a: refused and reloaded" wait_for "reloaded:"
check "a: the reloaded form shows the day fields of b's time cut" wait_for "Days before the cut"
ui_keys C-s
check "a: the second save goes through" wait_for "Improvement corrected."
check "db: b's time cut and a's title, both kept" \
    db_wait "SELECT kind || '|' || days_before || '|' || days_after || '|' || title
              FROM improvement WHERE id = $IM" "time_cut|20.0|8.0|${IMT}甲"
for s in b xf; do
    UI_T=$s
    ui_keys q # the view
    wait_for "I lists the improvements"
done
leave b
leave xf

# ---- 7. a complaint's intake corrected by two supervisors at once ---------------
# b adds to the text and saves first; a, who changed the phone, is shown
# b's change, keeps the phone and saves both (it was a dead end: refused
# at every save, with the old text still in the form).
complaints_db "$UI_TMP/intake.db"
ITEXT=$(dbq "SELECT text FROM complaint WHERE code='TS2026-000001'")
ui_start 100 30 $(ui_args zhang.wei)
ui_open b $(ui_args sun.li)
for s in xf b; do
    UI_T=$s
    wait_for "4 Complaints" && ui_keys 4
    wait_for "Complaints — by code"
    ui_keys /
    wait_for "Search complaints" && ui_text "TS2026-000001" && ui_keys Enter
    wait_cond line_has TS2026-000001 received
    ui_keys e
    check "$s: the intake correction form" wait_for "Correct the intake of TS2026-000001"
done
UI_T=b
ui_keys Tab Tab Tab Tab End
ui_text "（补充）"
ui_keys C-s
check "b: saved first" wait_for "Intake of TS2026-000001 corrected."
UI_T=xf
ui_keys Tab Tab Tab Tab Tab Tab C-u
ui_text "13900009999"
ui_keys C-s
check "a: refused and reloaded" wait_for "reloaded:"
check "a: the text a left alone now shows b's addition" wait_said "${ITEXT}（补充）"
ui_keys C-s
check "a: the second save goes through" wait_for "Intake of TS2026-000001 corrected."
check "db: b's text and a's phone, both kept" \
    db_wait "SELECT text || '|' || complainant_phone FROM complaint WHERE code='TS2026-000001'" \
    "${ITEXT}（补充）|13900009999"
leave b
leave xf

# A save while another process holds the write lock says it is saving
# (a still screen looked frozen), then goes through once the lock goes.
ui_start 100 30 $(ui_args zhang.wei)
wait_for "4 Complaints" && ui_keys 4
wait_for "Complaints — by code" && ui_keys /
wait_for "Search complaints" && ui_text "TS2026-000001" && ui_keys Enter
wait_cond line_has TS2026-000001 received && ui_keys e
# (The first e was seen lost here in two runs, and never by hand: sent
# again, the form opens. Noted for a look, not part of what this tests.)
wait_for "Correct the intake of TS2026-000001" 2 || ui_keys e
wait_for "Correct the intake of TS2026-000001" && ui_keys Tab Tab Tab Tab End
ui_text "（再补充）"
rm -f "$UI_TMP/locked"
{ printf 'BEGIN IMMEDIATE;\n.shell touch %s/locked\n' "$UI_TMP"; sleep 3; printf 'ROLLBACK;\n'; } |
    sqlite3 -batch "$DB" >/dev/null 2>&1 &
HOLDER=$!
n=0; while [ ! -e "$UI_TMP/locked" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
ui_keys C-s
check "a save behind another's lock says it is saving" wait_for "Saving…"
wait "$HOLDER"
check "... and goes through once the lock is gone" wait_for "Intake of TS2026-000001 corrected."
check "db: saved" db_wait "SELECT text LIKE '%（再补充）' FROM complaint WHERE code='TS2026-000001'" 1
leave xf

# ---- 3. an award candidate confirmed by one organiser while another declines it --
DB="$UI_TMP/awards.db"
TODAY=2026-11-26
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "fixture: demo database with 2026's awards ranked" [ $? -eq 0 ]
FIRST=$(dbq "SELECT p.code FROM award a JOIN post p ON p.id = a.post_id
           WHERE a.year = 2026 AND a.kind = 'satisfaction_window' AND a.rank = 1")
ui_start 100 30 $(ui_args liu.yang)
ui_open b $(ui_args chen.jing)
for s in xf b; do
    UI_T=$s
    wait_for "6 Evaluations" && ui_keys 6
    wait_for "A annual awards" && ui_keys A
    check "$s: the awards, $FIRST first" wait_for "$FIRST"
done
UI_T=b
ui_keys x
wait_for "Why declined*" && ui_text "当年有未办结的督办投诉"
UI_T=xf
ui_keys c
wait_for "Confirm $FIRST" && ui_keys y
check "a: confirmed first" wait_cond line_has "$FIRST" "confirmed."
UI_T=b
ui_keys Enter
check "b: the decline is refused, naming the change" wait_for "changed by someone else"
check "b: ... and says the candidate is now confirmed, Esc closes" wait_said "is now confirmed; Esc closes the form"
check "b: ... not that Enter would apply it" absent "Enter applies"
ui_keys Escape
check "b: Esc closes the form, nothing asked" wait_gone "Why declined"
check "db: confirmed by a, once" \
    db_wait "SELECT status || '|' || decided_by FROM award WHERE year = 2026
              AND kind = 'satisfaction_window' AND rank = 1" "confirmed|liu.yang"
UI_T=b
ui_keys q
UI_T=xf
ui_keys q
leave b
leave xf

# ---- 4. another user's commit while a form is open (SPEC §3: live) ---------------
# The panes beside and beneath a form and the status line follow at once,
# the pane that opened the form too (a queue, the pledge tree); what was
# typed in the form stays.
DB="$UI_TMP/live.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "fixture: demo database" [ $? -eq 0 ]
UNIT=$(dbq "SELECT code FROM unit WHERE name = '市城建委'")
# made: the 市城建委 row's Made as the tree shows it; sup: the status line's count
made() { ui_screen | sed -n 's/.*▸ 市城建委 *\([0-9]*\) .*/\1/p' | head -1; }
sup() { ui_screen | tail -1 | sed -n 's/.*Supervised \([0-9]*\).*/\1/p'; }
CSVC="code,received_at,source,kind,post_code,unit_code,category,text,complainant_name,complainant_phone,state,lead_unit_code,cohandler_codes,dispatched_at,sign_due,signed_at,reply_due,replied_at,reply_text,return_reason,callback_outcome,redo_count,closed_at,closed_on_time,reject_reason,merged_into_code,supervised"
CSVP="id,kind,member_code,unit_code,text,category,made_on,due_on,status,kept_on,evidence,verified_by"
# other KIND ROW: another user imports one row
other() {
    if [ "$1" = complaints ]; then head=$CSVC; else head=$CSVP; fi
    printf '%s\n%s\n' "$head" "$2" >"$UI_TMP/live.csv"
    "$XF" --config "$CFG" --login "$ME" --db "$DB" --today $TODAY import "$1" "$UI_TMP/live.csv" >/dev/null
}
pledge_row() {
    echo "$(($(dbq 'SELECT max(id) FROM pledge') + 1)),unit_target,,$UNIT,$1,other,2026-11-01,2026-12-30,open,,,"
}
ui_start 200 50 $(ui_args zhang.wei)
wait_for "4 Complaints" && ui_keys 4
wait_for "▸ 市城建委"
M=$(made) SUP=$(sup)
check "the pledge tree beside the complaints" [ -n "$M" ] && [ -n "$SUP" ]
ui_keys n
check "a new complaint's form is open over the queue" wait_for "Receive a complaint"
ui_keys Tab Tab Tab Tab
ui_text "窗口延时服务未兑现"
other pledges "$(pledge_row 年度目标：办结率达到百分之百)"
check "fixture: another user adds a pledge" [ $? -eq 0 ]
check "the pledge tree beside the form follows at once" wait_cond line_has "市城建委" " $((M + 1)) " "│" 3
other complaints "TS2026-090001,2026-11-26 09:00:00,hotline,complaint,,$UNIT,,窗口午休无人值守,王五,13812345679,received,,,,,,,,,,,0,,,,,1"
check "fixture: another user adds a supervised complaint" [ $? -eq 0 ]
check "the queue beneath the form (a list) follows at once" wait_for "窗口午休无人值守" 3
check "the status line says who changed what" wait_for "管理员 ($ME): import complaints" 3
check "... then counts it as supervised, the form still open" wait_for "Supervised $((SUP + 1))" 9
check "the form is still open, what was typed kept" line_has "Complaint text*" "窗口延时服务未兑现"
ui_keys Escape
check "Esc asks before discarding" wait_for "Discard your changes?"
# Under the question too: the panes follow, the form stays beneath it.
other complaints "TS2026-090004,2026-11-26 12:00:00,hotline,complaint,,$UNIT,,大厅空调温度过低,钱九,13812345672,received,,,,,,,,,,,0,,,,,0"
check "fixture: another user adds a complaint" [ $? -eq 0 ]
check "the queue beneath the question follows" wait_for "大厅空调温度过低" 3
check "... the form still drawn beneath the question" line_has "Receive a complaint"
check "... and the question above it" line_has "Discard your changes?"
ui_keys y
check "the form closes" wait_gone "Receive a complaint"
check "db: the form saved nothing" [ "$(dbq "SELECT count(*) FROM complaint WHERE text = '窗口延时服务未兑现'")" = 0 ]
# The same under a menu of steps.
ui_keys a
check "the menu of steps is open" wait_for "Enter or its key chooses"
other complaints "TS2026-090002,2026-11-26 10:00:00,hotline,complaint,,$UNIT,,办证大厅叫号系统故障,赵六,13812345670,received,,,,,,,,,,,0,,,,,0"
check "fixture: another user adds a complaint" [ $? -eq 0 ]
check "the queue beneath the menu follows at once" wait_for "办证大厅叫号系统故障" 3
check "the menu is still open" line_has "Enter or its key chooses"
ui_keys Escape
check "Esc closes the menu" wait_gone "Enter or its key chooses"
# Under a menu opened from a complaint's detail, the detail stays (the
# panes were painted over it).
ui_keys Home Enter
check "the detail of the first complaint" wait_for "Complaint — "
ui_keys a
wait_for "Enter or its key chooses"
other complaints "TS2026-090003,2026-11-26 11:00:00,hotline,complaint,,$UNIT,,窗口工作人员提前下班,孙八,13812345671,received,,,,,,,,,,,0,,,,,0"
check "fixture: another user adds a complaint" [ $? -eq 0 ]
check "... said on the status line" wait_for "管理员 ($ME): import complaints TS2026-090003" 3
check "the detail is still there beneath the menu" line_has "Complaint — "
check "... not the panes" absent "Pledge progress — "
# A step another supervisor takes on this very complaint shows in the
# detail beneath the menu (it kept the state the menu was opened on).
FIRST=$(ui_screen | grep -oE 'TS2026-[0-9]{6}' | head -1)
check "fixture: the detail's complaint is supervised" \
    [ "$(dbq "SELECT supervised FROM complaint WHERE code = '$FIRST'")" = 1 ]
ui_open b $(ui_args sun.li)
UI_T=b
wait_for "4 Complaints" && ui_keys 4
wait_for "Complaints — " && ui_keys /
wait_for "Search complaints" && ui_text "$FIRST" && ui_keys Enter
wait_for "/$FIRST (1)" && ui_keys Home
ui_keys a
# (the menu's own number, not one of the pledge tree's beside it)
step_no() { ui_screen | grep -oE "│ [0-9a-z]  $1" | cut -c5; }
wait_for "stop supervising" && ui_keys "$(step_no "stop supervising")"
wait_for "Note" && ui_text "另一督查员撤销督办" && ui_keys C-s
check "fixture: the other supervisor stops supervising it" \
    db_wait "SELECT supervised FROM complaint WHERE code = '$FIRST'" 0
UI_T=
check "the detail beneath the menu shows the other's step" wait_for "另一督查员撤销督办" 3
# The menu above it is offered again for the complaint as it is now (it
# kept offering "stop supervising", refused only once chosen).
check "... the menu offered again above it, saying why" \
    wait_for "This record was changed by someone else; the menu is updated."
check "... offering to supervise it again, not to stop" wait_cond line_has "s  mark supervised"
# Resized under the menu, the detail is laid out for the new size at once
# (its frame was cut and the screen below it blank until the menu closed).
ui_resize 120 40
check "resized: the detail's frame reaches the new right edge" \
    wait_cond eval 'ui_screen | grep -F "Complaint — " | grep -q "┐$"'
check "... and its bottom edge above the status line" \
    wait_cond eval 'ui_screen | sed -n 39p | grep -q "^└"'
check "... the status line below it" wait_cond eval 'ui_screen | sed -n 40p | grep -q "张伟 (zhang.wei)"'
check "... the menu drawn again over it" line_has "the menu is updated"
ui_keys Escape
wait_gone "the menu is updated" && ui_keys q
leave b
leave xf

ui_start 200 50 $(ui_args liu.yang)
wait_for "3 Pledge" && ui_keys 3
wait_for "│ ▸ 市城建委"
M=$(made)
check "the pledge tree, focused" [ -n "$M" ]
ui_keys n
check "a new pledge's form over the tree" wait_for "New pledge"
other pledges "$(pledge_row 窗口延时服务)"
check "fixture: another user adds a pledge" [ $? -eq 0 ]
check "the status line says who changed what" wait_for "管理员 ($ME): import pledges" 3
check "the tree that opened the form follows at once" \
    wait_cond line_has "│ ▸ 市城建委" " $((M + 1)) "
check "... the form still open above it" line_has "New pledge"
ui_keys Escape
check "the form closes" wait_gone "New pledge"
check "closed, the pledge tree shows it still" line_has "│ ▸ 市城建委" " $((M + 1)) "
# A full-screen view (the improvements) reads what another user added
# while a form opened from it is open, beneath the form.
ui_keys 1 I
wait_for "Service improvements" && ui_keys n
check "the new improvement form over the view" wait_for "New service improvement"
printf 'unit_code,kind,title,on_date\n%s,method,推行延时错时服务,%s\n' "$UNIT" "$TODAY" >"$UI_TMP/live-i.csv"
"$XF" --config "$CFG" --login "$ME" --db "$DB" --today $TODAY import improvements "$UI_TMP/live-i.csv" >/dev/null
check "fixture: another user adds an improvement" [ $? -eq 0 ]
wait_for "管理员 ($ME): import improvements" 3
check "the view beneath the form follows at once" wait_cond line_has "推行延时错时服务" "市城建委"
check "... the form still open above it" line_has "New service improvement"
ui_keys Escape
check "the form closes" wait_gone "New service improvement"
check "the view lists the other user's improvement" wait_cond line_has "推行延时错时服务" "市城建委"
ui_keys q
leave xf

# ---- 5. a handler's form on a complaint re-dispatched away meanwhile ----------------
# Signing for a complaint a supervisor has just given to another unit is
# refused as that: gone elsewhere, not "outside your units" of a complaint
# the handler was looking at a moment ago.
complaints_db "$UI_TMP/redispatch.db"
ui_start 100 30 $(ui_args zhou.ban)
ui_open b $(ui_args zhang.wei)
UI_T=xf
wait_for "4 Complaints" && ui_keys 4
wait_for "TS2026-000002" && ui_keys a
wait_for "Esc closes" && ui_keys "$(ui_screen | grep -oE "│ [0-9a-z]  sign for" | head -1 | cut -c5)"
check "handler: the sign-for form" wait_for "Sign for — TS2026-000002"
UI_T=b
wait_for "4 Complaints" && ui_keys 4 /
wait_for "Search complaints" && ui_text "TS2026-000002" && ui_keys Enter
wait_for "(1)" && ui_keys a
wait_for "re-dispatch to another unit"
ui_keys "$(ui_screen | grep -F "re-dispatch to another unit" | grep -oE "[0-9a-z]+  re-dispatch" | cut -d' ' -f1)"
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
check "handler: told it went to another unit" wait_said "it has gone to a unit outside yours meanwhile"
check "handler: ... not that the complaint is outside their units" absent "is outside your units"
ui_keys Escape
check "handler: Esc closes the form" wait_gone "Sign for — TS2026-000002"
check "db: not signed" [ "$(dbq "SELECT state FROM complaint WHERE code = 'TS2026-000002'")" = dispatched ]
leave b
leave xf

# ---- 8. the pane beneath a form follows another organiser's step ------------------
# SPEC §3: the list a form was opened from shows another user's commit
# within a second, the form staying on top with what was typed and where
# the cursor was; closed, the list shows it still. Posts (a revocation
# made beside an edit of the notice), the evaluation quarters, and the
# awards view under a decline's form.
TODAY=2026-11-26
DB="$UI_TMP/behind.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "fixture: demo database" [ $? -eq 0 ]
ui_start 200 50 $(ui_args liu.yang)
ui_open b $(ui_args chen.jing)
for s in xf b; do
    UI_T=$s
    wait_for "2 Posts" && ui_keys 2
    wait_for "XFG-00001 "
done
UI_T=xf
ui_keys e
check "xf: the notice's form over the Posts list" wait_for "Edit the notice of post XFG-00001"
ui_keys End
ui_text "甲"
# row_has CODE TEXT: the Posts pane's row of CODE (right of the Overview
# beside it, whose counts name the statuses too) holds TEXT.
row_has() { ui_screen | sed -n "s/.*│\($1 .*\)/\1/p" | grep -qF -- "$2"; }
check "xf: the list behind it shows the post named" row_has XFG-00001 " named "
UI_T=b
ui_keys R
wait_for "Revoke post XFG-00001" && ui_text "岗位撤并"
ui_keys F2
wait_for "Revoke post XFG-00001 for good?" && ui_keys y
check "b: revoked" db_wait "SELECT status FROM post WHERE code = 'XFG-00001'" revoked
UI_T=xf
check "xf: the status line says who revoked it" wait_for "陈静 (chen.jing): revoke post XFG-00001" 3
check "xf: the Posts row behind the form says revoked" wait_cond row_has XFG-00001 " revoked "
check "xf: the form is still open, what was typed kept" line_has "Title*" "先锋岗甲"
ui_text "乙"
check "xf: ... the cursor where it was (typing goes on at its end)" \
    wait_cond line_has "Title*" "先锋岗甲乙"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "xf: the form closes" wait_gone "Edit the notice of post XFG-00001"
check "xf: the list still says revoked" row_has XFG-00001 " revoked "
check "db: the edit saved nothing" \
    [ "$(dbq "SELECT count(*) FROM post WHERE title LIKE '%甲%'")" = 0 ]

# The evaluation quarters beneath a new evaluation's form.
Q=2026Q3
EV=$(dbq "SELECT count(*) FROM evaluation WHERE quarter = '$Q'")
NEWPOST=$(dbq "SELECT p.code FROM post p WHERE p.status IN ('published', 'named')
                 AND p.published_on <= '2026-09-30' AND NOT EXISTS (SELECT 1 FROM evaluation e
                 WHERE e.post_id = p.id AND e.quarter = '$Q') ORDER BY p.code LIMIT 1")
check "fixture: a post not yet evaluated for $Q" [ -n "$NEWPOST" ]
ui_keys 6
check "xf: the quarters, $Q with $EV evaluated" wait_cond line_has "$Q" " $EV "
ui_keys n
check "xf: the evaluation form over the quarters" wait_for "Deputies"
ui_keys Tab # from the post to the first score
ui_text "88"
{ echo post_code,quarter,deputies_score,deputies_respondents,recipients_score,recipients_respondents,public_score,public_respondents
  echo "$NEWPOST,$Q,90,10,90,10,90,10"; } >"$UI_TMP/behind-e.csv"
"$XF" --config "$CFG" --login "$ME" --db "$DB" --today $TODAY import evaluations "$UI_TMP/behind-e.csv" >/dev/null
check "fixture: another user imports an evaluation" [ $? -eq 0 ]
check "xf: the quarters behind the form count it" wait_cond line_has "$Q" " $((EV + 1)) "
check "xf: the form is still open, what was typed kept" line_has "Deputies" "88"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "xf: the form closes" wait_gone "Discard your changes?"
check "xf: the quarters still count it" wait_cond line_has "$Q" " $((EV + 1)) "

# The awards beneath the form that declines a candidate: another organiser
# confirms it meanwhile.
FIRST=$(dbq "SELECT p.code FROM award a JOIN post p ON p.id = a.post_id
           WHERE a.year = 2026 AND a.kind = 'satisfaction_window' AND a.rank = 1")
ui_keys A
check "xf: the awards, none confirmed" wait_for " ranked · 0 confirmed"
ui_keys x
check "xf: the decline form over the awards" wait_for "Decline $FIRST"
ui_text "名额调整"
UI_T=b
ui_keys 6
wait_for "A annual awards" && ui_keys A
wait_for " ranked · 0 confirmed" && ui_keys c
wait_for "Confirm $FIRST" && ui_keys y
check "b: confirmed" db_wait "SELECT status FROM award WHERE year = 2026
    AND kind = 'satisfaction_window' AND rank = 1" confirmed
UI_T=xf
check "xf: the awards behind the form count the confirmation" wait_for " ranked · 1 confirmed" 3
check "xf: ... and the row says confirmed" line_has "$FIRST" "confirmed"
check "xf: the form is still open, what was typed kept" line_has "Why declined" "名额调整"
ui_keys F2
check "xf: F2 says it is confirmed now" wait_said "is now confirmed"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "xf: the form closes" wait_gone "Decline $FIRST"
check "xf: the view still counts the confirmation" line_has " ranked · 1 confirmed"
check "db: still confirmed" [ "$(dbq "SELECT status FROM award WHERE year = 2026
    AND kind = 'satisfaction_window' AND rank = 1")" = confirmed ]
# ... and beneath the question that confirms one, declined meanwhile: the
# answer acts on the candidate as it was asked about, and is refused.
SECOND=$(dbq "SELECT p.code FROM award a JOIN post p ON p.id = a.post_id
            WHERE a.year = 2026 AND a.kind = 'satisfaction_window' AND a.rank = 2")
ui_keys Down c
check "xf: the question that confirms the second" wait_for "Confirm $SECOND"
UI_T=b
ui_keys Down x
wait_for "Decline $SECOND" && ui_text "另有安排" && ui_keys F2
check "b: declined" db_wait "SELECT status FROM award WHERE year = 2026
    AND kind = 'satisfaction_window' AND rank = 2" declined
UI_T=xf
check "xf: the awards behind the question count the decline" \
    wait_for " ranked · 1 confirmed · 1 declined" 3
check "xf: ... the question still open" line_has "Confirm $SECOND"
ui_keys y
check "xf: yes is refused, naming the other's decision" wait_said "was changed by someone else"
check "db: the second stays declined" [ "$(dbq "SELECT status FROM award WHERE year = 2026
    AND kind = 'satisfaction_window' AND rank = 2")" = declined ]
UI_T=b
ui_keys q
UI_T=xf
ui_keys q
leave b
leave xf
