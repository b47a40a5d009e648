# Sourced by run.sh with lib.sh loaded: what forms show of themselves.
# Multi-line fields say when lines lie above or below their four (and a
# form opened on a filled one shows its first line).
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/forms.cfg"
cat >"$CFG" <<EOC
access = { service_account = "$ME"; };
users = (
    { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; },
    { login = "zhou.jian"; name = "周健"; role = "supervisor"; scopes = []; },
    { login = "wang.fang"; name = "王芳"; role = "handler"; scopes = []; },
    { login = "gao.li"; name = "高丽"; role = "admin"; scopes = []; },
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; }
);
EOC
DB="$UI_TMP/forms.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "forms: demo database built through the CLI" [ $? -eq 0 ]

# An inspection failed with seven lines of findings.
POST=$(dbq "SELECT code FROM post WHERE status IN ('published','named') ORDER BY code LIMIT 1")
printf 'code,kind,template,post_code,inspector,on_date,samples_checked,samples_failed,findings,items,rect_due_on\nXJ-LONG-1,unannounced,unannounced,%s,li.na,2026-11-25,0,0,"第一处：公示牌缺失\n第二处：投诉电话未公开\n第三处：承诺未兑现\n第四处：超时办理\n第五处：态度生硬\n第六处：台账不全\n第七处：末行在此",fail;pass;pass;pass;pass,2026-12-10\n' \
    "$POST" >"$UI_TMP/long.csv"
"$XF" import inspections "$UI_TMP/long.csv" --db "$DB" --config "$CFG" --login gao.li \
    --today $TODAY >/dev/null
check "forms: an inspection with seven lines of findings" \
    db_wait "SELECT count(*) FROM inspection WHERE code='XJ-LONG-1' AND findings LIKE '%末行在此'" 1

# ---- 1. a complaint raised from it opens at the text's first line ----------------
# (from the inspection's detail, which leaves nothing of the list beside it)
ui_start 80 24 --config "$CFG" --login zhou.jian --db "$DB" --today $TODAY
wait_for "周健" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search" && ui_text "XJ-LONG-1" && ui_keys Enter
wait_for "XJ-LONG-1" && ui_keys Enter
wait_for "c raise a complaint"
# The detail's box: nothing of the list beside it, left or right.
box_clear() { ! ui_screen | grep "[│┌└]" | grep -qv '^ *[│┌└].*[│┐┘] *$'; }
check "detail: the rows it covers hold nothing of the list beside it" box_clear
ui_keys c
check "raise: the receive form opens" wait_for "inspection finding"
check "raise: ... at the text's first line" wait_for "Inspection XJ-LONG-1 on 2026-11-25"
check "raise: ... what lies below is counted" line_has "↓ 4 more" "第三处"
check "raise: ... nothing above" absent "↑"
# Down to the last line: the box scrolls, and counts what is above.
ui_keys Down Down Down Down Down Down Down
check "raise: Down scrolls to the last line" wait_for "第七处：末行在此"
check "raise: ... and counts the lines above" line_has "↑ 4 more"
check "raise: ... none below" absent "↓"
# Up by one line moves the cursor, not the box.
ui_keys Up
check "raise: Up within the box keeps it still" wait_for "第七处：末行在此"
# ---- 7. Enter saves on the last field, and the hint says so there -----------------
check "enter: in the text, the hint names F2 to save, not Enter" \
    line_has "Tab next field · F2 or Ctrl-S save · Esc cancel"
ui_keys Tab Tab Tab
check "enter: on the last field (the day received), the hint says Enter saves" \
    wait_for "Tab next field · Enter, F2 or Ctrl-S save · Esc cancel"
ui_keys BTab
check "enter: ... and not on the one before" \
    wait_for "Tab next field · F2 or Ctrl-S save · Esc cancel"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_gone "inspection finding"
wait_for "c raise a complaint" && ui_keys q
wait_gone "c raise a complaint"
check "raise: q quits" quit_with 0

# ---- 3. what was typed into a form a colleague's change refused ------------------
# wang.fang (handler) writes a long report of XJ-LONG-1's rectification;
# meanwhile it is reported done elsewhere (as another session's save
# would leave it). Her save is refused and the form can no longer save:
# Esc closes it, and what she typed is shown whole, to copy: taller than
# the screen, it scrolls.
NOTE=""
for n in $(seq 1 60); do
    NOTE="${NOTE}第${n}项已整改到位并拍照存档；"
done
NOTE="${NOTE}最后一句在此"
ui_start 80 24 --config "$CFG" --login wang.fang --db "$DB" --today $TODAY
wait_for "王芳" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search" && ui_text "XJ-LONG-1" && ui_keys Enter
wait_for "2026-12-10" && ui_keys r
check "left: the report form opens" wait_for "Rectification of XJ-LONG-1 done"
ui_text "$NOTE"
db_raw "$DB" "UPDATE rectification SET status='done', done_on='$TODAY', done_note='另一人已报', version=version+1
              WHERE inspection_id=(SELECT id FROM inspection WHERE code='XJ-LONG-1');"
check "left: reported done elsewhere" \
    db_wait "SELECT r.status FROM rectification r JOIN inspection i ON i.id=r.inspection_id
             WHERE i.code='XJ-LONG-1'" done
ui_keys F2
check "left: the save is refused, the form can no longer save" wait_for "Esc closes the form"
ui_keys Escape
check "left: what was typed is shown to copy" wait_for "to copy:"
check "left: ... from its start" wait_for "第1项已整改到位"
check "left: ... the window says it scrolls" wait_for "↑ ↓ scroll"
ui_keys PageDown PageDown PageDown
check "left: ... down to its end" wait_for "最后一句在此"
check "left: ... the window is still open" wait_for "↑ ↓ scroll"
ui_keys x
check "left: another key closes it" wait_gone "to copy:"
check "left: ... and does nothing else" absent "x does nothing here"
check "db: nothing of hers saved" \
    db_wait "SELECT r.done_note FROM rectification r JOIN inspection i ON i.id=r.inspection_id
             WHERE i.code='XJ-LONG-1'" 另一人已报
check "left: q quits" quit_with 0

# ---- 2. the findings above a rectification's report: line by line ------------------
# XJ-LONG-1's rectification, sent back (as the inspector's step leaves it):
# the handler's report form shows the seven findings one per line, and why
# it came back, read-only; what is typed goes into the report.
db_raw "$DB" "UPDATE rectification SET status='open', returned_note='照片不清楚', version=version+1
              WHERE inspection_id=(SELECT id FROM inspection WHERE code='XJ-LONG-1');"
ui_start 80 24 --config "$CFG" --login wang.fang --db "$DB" --today $TODAY
wait_for "王芳" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search" && ui_text "XJ-LONG-1" && ui_keys Enter
wait_for "2026-12-10" && ui_keys r
check "report: the form opens" wait_for "Rectification of XJ-LONG-1 done"
check "report: the findings, beside their label" line_has "Findings" "第一处：公示牌缺失"
check "report: ... one per line" line_has "第二处：投诉电话未公开"
apart() { ! line_has "$1" "$2"; }
check "report: ... not run together" apart "第一处" "第二处"
check "report: ... to the last" line_has "第七处：末行在此"
check "report: why it was sent back" line_has "Sent back" "照片不清楚"
ui_text "已全部整改"
check "report: typing goes into the report" line_has "What was put right" "已全部整改"
check "report: its one field is the last: Enter saves, the hint says" \
    line_has "Enter, F2 or Ctrl-S save · Esc cancel"
ui_keys Enter
check "report: saved" wait_for "Rectification of XJ-LONG-1 reported done."
check "db: the report, and nothing else" \
    db_wait "SELECT r.status||'|'||r.done_note FROM rectification r
             JOIN inspection i ON i.id=r.inspection_id WHERE i.code='XJ-LONG-1'" "done|已全部整改"
check "report: q quits" quit_with 0

# ... and findings longer than the form shows say how many lines it leaves out.
POST2=$(dbq "SELECT code FROM post WHERE status IN ('published','named') ORDER BY code LIMIT 1 OFFSET 1")
{
    printf 'code,kind,template,post_code,inspector,on_date,samples_checked,samples_failed,findings,items,rect_due_on\n'
    printf 'XJ-LONG-2,unannounced,unannounced,%s,li.na,2026-11-25,0,0,"' "$POST2"
    i=1
    while [ $i -le 13 ]; do printf '第%s条：台账缺页\n' $i; i=$((i + 1)); done
    printf '第14条：末行在此",fail;pass;pass;pass;pass,2026-12-10\n'
} >"$UI_TMP/long2.csv"
"$XF" import inspections "$UI_TMP/long2.csv" --db "$DB" --config "$CFG" --login gao.li \
    --today $TODAY >/dev/null
check "report: an inspection with fourteen lines of findings" \
    db_wait "SELECT count(*) FROM inspection WHERE code='XJ-LONG-2'" 1
ui_start 80 24 --config "$CFG" --login wang.fang --db "$DB" --today $TODAY
wait_for "王芳" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search" && ui_text "XJ-LONG-2" && ui_keys Enter
wait_for "2026-12-10" && ui_keys r
check "report: the long findings' form opens" wait_for "Rectification of XJ-LONG-2 done"
check "report: ... the first ten lines" line_has "第10条：台账缺页"
check "report: ... and how many more, beside the last" line_has "↓ 4 more" "第10条"
check "report: ... not the eleventh" absent "第11条"
ui_keys Escape
wait_gone "Rectification of XJ-LONG-2" || { wait_for "Discard" && ui_keys y; }
check "report: q quits" quit_with 0

# ---- 4. the cursor while a save waits for another user's ----------------------------
# Another connection holds the write lock for three seconds; while the
# status line says the save waits, the cursor is not left on it.
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
wait_for "XFG-00001" && ui_keys e
check "wait: the notice's form" wait_for "Edit the notice of post XFG-00001"
ui_text "乙"
( (echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;") | sqlite3 "$DB" ) &
HOLD=$!
locked() { ! sqlite3 "$DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; }
check "fixture: another connection holds the write lock" wait_cond locked
ui_keys C-s
check "wait: the status line says the save waits" wait_for "Waiting for another user's save…" 2
# tmux: whether the cursor shows, and its line (0-based; the status line is 29).
cursor_off_status() {
    set -- $(tmx display-message -p -t xf '#{cursor_flag} #{cursor_y}')
    [ "$1" = 0 ] || [ "$2" != 29 ]
}
check "wait: ... the cursor is not on the status line" cursor_off_status
check "wait: saved once the other write is done" wait_for "Post XFG-00001 saved." 8
wait $HOLD
check "wait: q quits" quit_with 0

# ---- 5. a question about a row of a full-screen list leaves the row in view ----------
# Confirming the seventh award candidate: the question opened centred, over
# the very row it asked about.
SEVENTH=$(dbq "SELECT p.code FROM award a JOIN post p ON p.id = a.post_id
               WHERE a.year = 2026 AND a.kind = 'satisfaction_window' AND a.rank = 7")
ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "6 Evaluations" && ui_keys 6
wait_for "A annual awards" && ui_keys A
wait_for "Annual awards 2026" && ui_keys j j j j j j
wait_cond selected_has "$SEVENTH"
ui_keys c
check "award: asks to confirm the seventh" wait_for "(rank 7) as an award winner?"
check "award: ... its row still in view" line_has "$SEVENTH" "candidate"
# below the row: the question's first line is the row's next but one
q_below() {
    r=$(ui_screen | grep -nF -- "$SEVENTH" | grep -F candidate | cut -d: -f1)
    b=$(ui_line_of "as an award winner?")
    [ -n "$r" ] && [ -n "$b" ] && [ "$b" -gt "$r" ]
}
check "award: ... the question just below it" q_below
ui_keys n
check "award: n: nothing confirmed" wait_gone "as an award winner?"
check "db: still a candidate" \
    db_wait "SELECT a.status FROM award a JOIN post p ON p.id = a.post_id
             WHERE p.code = '$SEVENTH' AND a.year = 2026
             AND a.kind = 'satisfaction_window'" candidate
ui_keys q
wait_gone "Annual awards 2026"
check "award: q quits" quit_with 0

# ---- 8. a post chosen with Tab: on to the complaint's text ---------------------------
# The unit is the post's: the cursor went to "Unit (without a post)", where
# the text typed opened a unit search that matched nothing, and Tab there
# dropped it without a word and stayed.
ui_start 80 24 --config "$CFG" --login zhou.jian --db "$DB" --today $TODAY
wait_for "周健" && ui_keys 4
wait_for "Complaints" && ui_keys n
check "receive: the form opens" wait_for "Complaint text"
ui_keys Tab Tab
ui_text "$POST"
check "receive: the post search finds it" wait_cond line_has "$POST" "窗口"
ui_keys Tab
check "receive: the post chosen" wait_cond line_has "Post" "$POST"
ui_text "窗口人员态度冷淡"
ui_keys Tab
check "receive: what is typed next is the complaint's text" \
    wait_cond line_has "Complaint text" "窗口人员态度冷淡"
check "receive: ... no unit search opened on it" absent "No match"
# Tab on a search that matches nothing says so beside the field, and goes on.
ui_keys BTab BTab
ui_text "无此单位zz"
check "receive: a unit search that matches nothing" wait_for "No match"
ui_keys Tab
check "receive: Tab on it says nothing was chosen, naming what was typed" \
    wait_for "Nothing matches “无此单位zz”: nothing was"
ui_text "。"
check "receive: ... and goes on to the next field (the text)" \
    wait_cond line_has "Complaint text" "窗口人员态度冷淡。"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_gone "Complaint text"
check "receive: q quits" quit_with 0
