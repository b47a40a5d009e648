# Sourced by run.sh with lib.sh loaded: the third inspector trial. A
# rectification sent back with a tightened deadline keeps it when a
# concurrent correction cancels it and the next reopens it, and the
# conflict names the deadline; its history says "sent back" as the list
# does; the Bad/all column counts a checklist check's items (2/5); the
# same inspector logging a post twice a day is asked; r on an empty list
# says why; c on the list says what the detail says for a pass with
# failed items.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/t3.cfg"
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; },
    { login = "gao.li"; name = "高丽"; role = "admin"; scopes = []; }
);
EOF
CFGZH="$UI_TMP/t3-zh.cfg"
{ cat "$CFG"; echo 'interface = { language = "zh_CN"; };'; } >"$CFGZH"
DB="$UI_TMP/t3.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "t3: demo database built" [ $? -eq 0 ]

uninspected() {
    dbq "SELECT code FROM post WHERE status IN ('published','named')
         AND id NOT IN (SELECT post_id FROM inspection WHERE post_id IS NOT NULL)
         ORDER BY code LIMIT 1 OFFSET $1"
}
POST=$(uninspected 0)
POST2=$(uninspected 1)
# XJ-T3-1: 2 of 5 items failed, its rectification reported done;
# XJ-T3-2: 1 of 5 failed, a pass.
printf 'code,kind,template,post_code,inspector,on_date,samples_checked,samples_failed,findings,items,rect_due_on,rect_status,rect_done_on,rect_done_note\nXJ-T3-1,unannounced,unannounced,%s,li.na,2026-11-25,0,0,公示牌缺失,fail;fail;pass;pass;pass,2026-12-09,done,2026-11-26,已整改\nXJ-T3-2,unannounced,unannounced,%s,li.na,2026-11-24,0,0,承诺未按时兑现,pass;pass;fail;pass;pass,,,,\n' \
    "$POST" "$POST" >"$UI_TMP/t3.csv"
"$XF" import inspections "$UI_TMP/t3.csv" --db "$DB" --config "$CFG" --login gao.li \
    --today $TODAY >/dev/null
check "db: XJ-T3-1 failed, its rectification done; XJ-T3-2 passed" \
    [ "$(dbq "SELECT group_concat(i.code || ':' || i.result || ':' || coalesce(r.status, '-'), ' ')
              FROM (SELECT * FROM inspection WHERE code LIKE 'XJ-T3-%' ORDER BY code) i
              LEFT JOIN rectification r ON r.inspection_id = i.id")" \
      = "XJ-T3-1:fail:done XJ-T3-2:pass:-" ]
ID1=$(dbq "SELECT id FROM inspection WHERE code = 'XJ-T3-1'")

db_is() { [ "$(dbq "$1")" = "$2" ]; }
soon_db() { wait_cond db_is "$@"; }
soon_line_has() { wait_cond line_has "$@"; }
search() {
    ui_keys /
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t "$2" | grep -q "Search findings\|搜索"' \
        sh "$XF_SOCK" "${UI_T:-xf}"
    ui_keys C-u
    ui_text "$1"
    ui_keys Enter
}

# ---- 3 and 2: 2/5 in the list; sent back with a tightened deadline ----------
ui_start 80 50 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
search "XJ-T3-1"
check "list 80: a checklist check's failed items of all (2/5)" \
    soon_line_has "2026-11-25" "fail" "2/5"
check "list 80: ... under the Bad/all header" line_has "Date" "Bad/all"
ui_keys r
wait_for "Send back: not put right" && ui_keys 2
wait_for "What is still wrong"
ui_text "公示牌仍未悬挂"
ui_keys Tab C-u
ui_text "2026-12-07"
ui_keys F2
check "send back: saved" wait_for "sent back: open again"
check "db: open again, due the tightened 2026-12-07" \
    soon_db "SELECT status || '|' || due_on FROM rectification WHERE inspection_id = $ID1" \
    "open|2026-12-07"
check "list: the row says sent back" soon_line_has "2026-11-25" "sent back" "2026-12-07"
ui_keys Enter
check "detail: the state says sent back, as the list" wait_for "sent back, due 2026-12-07"
check "history: the send-back step says sent back, as the list" \
    soon_line_has "send rectification back" "→ sent back"
check "history: ... not open" absent "send rectification back → open"
ui_keys q
wait_gone "History of the rectification"
check "list en: q quits" quit_with 0

ui_start 200 50 --config "$CFGZH" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "检查 · 最新在前"
search "XJ-T3-1"
check "列表 200: 清单检查的不合格项/总数 (2/5)" soon_line_has "2026-11-25" "2/5"
check "列表 200: ... 表头不再是 抽检" line_has "日期" "不合格/总数"
ui_keys Enter
check "历史: 退回的一步说 已退回，与列表一致" soon_line_has "→ 已退回" "2026-12-07"
ui_keys q
wait_gone "整改历史"
check "list zh: q quits" quit_with 0

# ---- 1: a correction racing one that cancels the rectification -------------
ui_start 150 40 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
search "XJ-T3-1"
soon_line_has "2026-11-25" "sent back" && ui_keys e
check "B: the correction form shows the tightened deadline" \
    soon_line_has "Rectify by" "2026-12-07"
# B finds items 3 and 4 failed too.
ui_keys Down Down Right Down Right
check "B: items 3 and 4 FAIL" soon_line_has "4." "FAIL"
ui_open a --config "$CFG" --login li.na --db "$DB" --today $TODAY
UI_T=a
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
search "XJ-T3-1"
soon_line_has "2026-11-25" "sent back" && ui_keys e
wait_for "Correct XJ-T3-1"
# A passes items 1 and 2: nothing failed, a pass; the rectification
# cancelled.
ui_keys Left Down Left
wait_for "result PASS (recorded fail)"
ui_keys Tab Tab Tab Tab Tab
ui_text "误判：第1、2项合格"
ui_keys F2
check "A: corrected to a pass" wait_for "it passes now"
check "db: A's correction cancelled the rectification, deadline as it was" \
    soon_db "SELECT i.result || '|' || r.status || '|' || r.due_on FROM inspection i
             JOIN rectification r ON r.inspection_id = i.id WHERE i.id = $ID1" \
    "pass|cancelled|2026-12-07"
check "A: q quits" quit_with 0
UI_T=xf
ui_keys Tab Tab Tab
ui_text "复核：第3、4项不合格"
ui_keys F2
check "B: the conflict is said" wait_for "changed by someone else"
# The message wraps in the form: read as one text.
flat_has() {
    ui_screen | sed 's/^ *│ *//; s/ *│ *$//' | tr '\n' ' ' | tr -s ' ' | grep -qF -- "$1"
}
check "B: ... naming the deadline the reopened rectification gets" \
    wait_cond flat_has "reopens its rectification, due 2026-12-07 as before"
check "B: the form keeps the tightened deadline" soon_line_has "Rectify by" "2026-12-07"
ui_keys F2
check "B: saved" wait_for "it fails now; its rectification is open, due 2026-12-07"
check "db: failed again, the rectification reopened due 2026-12-07 (not the default)" \
    soon_db "SELECT i.result || '|' || r.status || '|' || r.due_on FROM inspection i
             JOIN rectification r ON r.inspection_id = i.id WHERE i.id = $ID1" \
    "fail|open|2026-12-07"
# Reopened as it was before A's correction: sent back, with the reason
# (it read as a new open one).
check "list: the reopened rectification still says sent back" \
    soon_line_has "2026-11-25" "sent back" "2026-12-07"
ui_keys Enter
check "detail: ... sent back, as the list" wait_for "sent back, due 2026-12-07"
check "detail: ... and why" wait_for "Sent back: 公示牌仍未悬挂"
ui_keys q
wait_gone "History of the rectification"
check "B: q quits" quit_with 0

# ---- follow-up: the done form's failed items follow its reload -------------
# gao.li opens the report on XJ-T3-1 (items 3 and 4 failed); li.na
# corrects item 1 to a fail, item 4 to a pass and the deadline meanwhile; gao.li's save is refused and
# the form reloaded: its Failed items are those failing now.
ui_start 100 40 --config "$CFG" --login gao.li --db "$DB" --today $TODAY
wait_for "高丽" && ui_keys 5
wait_for "Inspections · newest first"
search "XJ-T3-1"
soon_line_has "2026-11-25" "sent back" && ui_keys r
check "report: the form" wait_for "What was put right"
check "report: item 4 among the failed items" soon_line_has "4. 办理时限符合承诺"
check "report: ... with item 3" line_has "3. 承诺事项兑现"
check "report: ... not item 1" absent "1. 公示牌悬挂到位"
ui_text "已悬挂公示牌"
ui_open a --config "$CFG" --login li.na --db "$DB" --today $TODAY
UI_T=a
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
search "XJ-T3-1"
soon_line_has "2026-11-25" "sent back" && ui_keys e
wait_for "Correct XJ-T3-1"
ui_keys Right Down Down Down Left
wait_cond line_has "4." "PASS"
ui_keys Tab Tab Tab
ui_text "第4项复核合格"
ui_keys Tab C-u
ui_text "2026-12-08"
ui_keys F2
check "db: li.na's correction passed item 4 and moved the deadline" \
    soon_db "SELECT group_concat(it.outcome, ';') || '|' || r.due_on FROM
             (SELECT * FROM inspection_item WHERE inspection_id = $ID1 ORDER BY item_no) it
             JOIN rectification r ON r.inspection_id = $ID1" "fail;pass;fail;pass;pass|2026-12-08"
check "A: q quits" quit_with 0
UI_T=xf
ui_keys F2
check "report: refused for li.na's correction, reloaded" wait_for "reloaded"
check "report: item 4 is no longer among the failed items" \
    wait_cond absent "4. 办理时限符合承诺"
check "report: ... item 3 still is" line_has "3. 承诺事项兑现"
check "report: ... and item 1 now is" line_has "1. 公示牌悬挂到位"
ui_keys F2
check "report: the second save goes through" wait_for "reported done"
check "db: reported done" soon_db "SELECT status FROM rectification WHERE inspection_id = $ID1" done
check "report: q quits" quit_with 0

# ---- 5 and 6: r on an empty list; c on the list on a pass with failures ----
ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
search "XJ-NO-SUCH"
wait_for "/XJ-NO-SUCH"
ui_keys r
check "r on an empty list: says why" \
    wait_for "Nothing to rectify: the list is empty under the filter or search"
search "XJ-T3-2"
soon_line_has "2026-11-24" "pass " " 1/" && ui_keys c
check "c on the list: a pass with a failed item, as the detail says" \
    wait_for "Passed, so no complaint: r orders the failed items put right."
check "c on the list: ... not the old message" absent "raises a complaint in a failed check"
check "list en 2: q quits" quit_with 0

ui_start 80 24 --config "$CFGZH" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "检查 · 最新在前"
search "XJ-T3-2"
soon_line_has "2026-11-24" "合格 " " 1/" && ui_keys c
check "列表上按 c: 与详情一致" wait_for "合格，不能据此投诉：按 r 下达不合格项的整改。"
check "list zh 2: q quits" quit_with 0

# ---- 4: the same inspector logging the same post twice today ---------------
new_check() {
    ui_keys n
    wait_for "New inspection"
    ui_text "$1"
    wait_cond line_has "$1"
    ui_keys Enter F2
}
ui_start 100 30 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
new_check "$POST2"
wait_for "p pass  f fail  n n.a."
ui_keys p p p p p
wait_for "Enter goes on" && ui_keys Enter
wait_for "PASS — unannounced inspection" && ui_keys C-s
check "first log of the day" wait_for "logged."
AT=$(dbq "SELECT substr(h.at, 12, 5) FROM history h JOIN inspection i ON i.id = h.entity_id
          JOIN post p ON p.id = i.post_id WHERE h.entity = 'inspection'
          AND h.action = 'inspection.log' AND p.code = '$POST2'")
new_check "$POST2"
check "same inspector, same post, same day: asked, with the time logged" \
    wait_for "You already inspected $POST2 today at $AT"
check "... and the result" wait_for "(pass). Log another"
ui_keys n
wait_gone "Log another"
ui_keys Escape
wait_for "Discard your changes?" 2 && ui_keys y
wait_gone "New inspection"
check "db: one inspection of it" \
    db_is "SELECT count(*) FROM inspection i JOIN post p ON p.id = i.post_id
           WHERE p.code = '$POST2'" 1
check "log twice: q quits" quit_with 0
