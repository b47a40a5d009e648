# Sourced by run.sh with lib.sh loaded: the form and menu traps a
# supervisor's trial fell into. A step keeps its key in the complaint's
# menu whatever the state (1 was classify, dispatch or merge as the state
# went). A step chosen from a menu opened before a colleague rejected the
# complaint is refused at once, not at the form's F2. The reason typed
# under "Reject …? This is final." stays in view under the question. A
# form reloaded after a colleague's change shows the deadline as it is
# now. A date typed into a pre-filled field replaces it (it read
# 2026-12-102026-12-05); ↑ on the first field stays there, and a failed
# save names the field the cursor went to.
DATA=$UI_DIR/data
DB="$UI_TMP/ft.db"
CFG="$UI_TMP/ft.cfg"
TODAY=2026-05-01
ui_config "$CFG" zhang.wei sun.li

{
    cat "$DATA/complaints.csv"
    echo 'TS2026-000007,2026-04-29 09:00:00,hotline,complaint,,U2,,路灯夜间不亮无人维修,钱七,13900007777,received,,,,,,,,,,,0,,,,,0'
    echo 'TS2026-000008,2026-04-29 10:00:00,hotline,complaint,,U4,,楼下商户噪音扰民,吴八,13900008888,received,,,,,,,,,,,0,,,,,0'
    echo 'TS2026-000009,2026-04-27 09:00:00,hotline,complaint,,U4,attitude,公交车辆车厢脏乱,赵九,13900009999,signed,U4,,2026-04-27 10:00:00,2026-04-29,2026-04-28 09:00:00,2026-05-12,,,,,0,,,,,0'
} >"$UI_TMP/complaints.csv"
ui_fixture_complaints "$UI_TMP/complaints.csv"
check "fixture: units and complaints imported through the CLI" [ $? -eq 0 ]

sql() { sqlite3 "$DB" "$1"; }
state_of() { sql "SELECT state FROM complaint WHERE code = '$1'"; }
# find WORDS: the Complaints list searched down to the complaint whose
# text holds WORDS (its one row selected).
find() {
    ui_keys Escape
    wait_for "4 " && ui_keys 4 && wait_for "Complaints"
    ui_keys /
    wait_for "Search complaints" && ui_text "$1" && ui_keys Enter
    wait_for "$1"
}

# ---- 1. each step keeps its key --------------------------------------------------
# TS2026-000007 is received: classify is 1; classified, dispatch is 2 (it
# was 1) and changing the category c; dispatched, merge is m (it was 1).
ui_start 80 24 $(ui_args zhang.wei)
wait_for "4 Complaints" && ui_keys 4
find 路灯夜间
ui_keys a
check "menu, received: classify is 1" wait_line "1  classify"
check "menu, received: reject is r" line_has "r  reject"
check "menu, received: merge is m" line_has "m  merge"
check "menu, received: a note is n" line_has "n  add a note"
ui_keys 1
check "classify: the form opens from 1" wait_for "Classify — TS2026-000007"
ui_keys Right C-s
check "db: classified" db_wait "SELECT state FROM complaint WHERE code = 'TS2026-000007'" classified
ui_keys a
check "menu, classified: dispatch is 2" wait_line "2  dispatch to a unit"
check "menu, classified: changing the category is c" line_has "c  change the category"
check "menu, classified: nothing on 1" absent "1  "
ui_keys 2
check "dispatch: the form opens from 2" wait_for "Dispatch to a unit — TS2026-000007"
ui_keys C-s
check "db: dispatched" db_wait "SELECT state FROM complaint WHERE code = 'TS2026-000007'" dispatched
ui_keys a
check "menu, dispatched: merge is still m" wait_line "m  merge"
check "menu, dispatched: re-dispatch is d" line_has "d  re-dispatch"
check "menu, dispatched: the answer deadline is t" line_has "t  set the reply deadline"
check "menu, dispatched: nothing on 1" absent "1  "
# A step's key not offered now says so (8 did nothing, the menu looked
# broken); the menu stays.
ui_keys 8
check "menu, dispatched: 8 says why it is not offered" wait_for "8 close: not while it is dispatched"
check "... the menu stays" line_has "m  merge"
ui_keys 3
check "menu, dispatched: 3 says whose step it is" wait_for "3 sign for: for the lead unit's handlers"
ui_keys x
check "menu: a key that is no step is not one of these" wait_for "x is not one of these"
ui_keys Escape
wait_gone "m  merge"

# ---- 2. a step chosen after a colleague's change; 3. the question over a form ----
# zhang.wei opens TS2026-000008's menu (classify offered); sun.li, in
# another session, rejects it meanwhile, her reason and F2 arriving
# together.
find 噪音扰民
ui_keys a
wait_line "1  classify"
ui_open b $(ui_args sun.li)
UI_T=b
wait_for "4 Complaints" && ui_keys 4
find 噪音扰民
ui_keys a
wait_line "r  reject" && ui_keys r
wait_for "Reject (not a complaint) — TS2026-000008"
ui_keys "不属投诉范围" F2
check "b: the question is asked" wait_for "This is final."
check "b: ... the reason typed stays in view under it" wait_for "不属投诉范围"
ui_keys y
check "db: rejected by sun.li" db_wait "SELECT state FROM complaint WHERE code = 'TS2026-000008'" rejected
UI_T=xf
# The open menu follows the change (1 pressed in the instant before it
# does gets "classify no longer applies" instead: timing cannot pin that).
check "xf: the open menu is offered anew, saying so" wait_for "the menu is updated"
check "xf: ... saying who changed what" wait_for "孙丽 (sun.li)"
check "xf: ... the complaint is rejected now, said so" wait_for "received → rejected"
check "xf: ... classify no longer offered" absent "1  classify"
ui_keys 1
check "xf: ... and 1 chooses nothing, saying why" wait_for "1 classify: not while it is rejected"
check "xf: ... no form opened" absent "Classify — TS2026-000008"
ui_keys Escape
wait_gone "the menu is updated"
check "db: still rejected, no classify recorded" \
    [ "$(state_of TS2026-000008),$(sql "SELECT count(*) FROM complaint_event e JOIN complaint c
        ON c.id = e.complaint_id WHERE c.code = 'TS2026-000008' AND e.action = 'classify'")" = \
      "rejected,0" ]

# ---- 4. a form reloaded shows the deadline as it is now -----------------------------
# TS2026-000009 is signed, to be replied to by 2026-05-12. zhang.wei opens
# the answer deadline form; sun.li sets the answer date to 2026-05-08
# meanwhile, which moves the reply deadline.
dismiss
find 车厢脏乱
ui_keys a
wait_line "t  set the reply deadline" && ui_keys t
wait_for "Set the reply deadline — TS2026-000009"
check "xf: the reply deadline as read" wait_line "Current reply deadline" "2026-05-12"
UI_T=b
find 车厢脏乱
ui_keys a
wait_line "t  set the reply deadline" && ui_keys t
wait_for "Set the reply deadline — TS2026-000009"
ui_text "2026-05-08"
ui_keys Tab
ui_text "市民要求"
ui_keys C-s
check "b: saved" wait_for "TS2026-000009 is to be answered by 2026-05-08"
NOW=$(sql "SELECT reply_due FROM complaint WHERE code = 'TS2026-000009'")
check "db: the reply deadline moved" [ -n "$NOW" -a "$NOW" != 2026-05-12 ]
UI_T=xf
ui_text "2026-05-11"
ui_keys Tab
ui_text "市民改期"
ui_keys C-s
check "xf: refused, reloaded" wait_for "reloaded"
check "xf: the form's reply deadline is the one now" wait_line "Current reply deadline" "$NOW"
not_line() { ! line_has "$@"; }
check "xf: ... not the one read" not_line "Current reply deadline" "2026-05-12"
ui_keys C-s
check "db: xf's date saved over the reloaded record" \
    db_wait "SELECT answer_due FROM complaint WHERE code = 'TS2026-000009'" 2026-05-11
UI_T=b
quit
UI_T=xf
quit

# ---- 5. a pre-filled date typed over; ↑ stays; a failed save named (zh_CN) -------
ui_zh_catalog
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 $(ui_args zhang.wei)
wait_for "4 投诉" && ui_keys 4
ui_keys /
wait_for "搜索投诉" && ui_text 车厢脏乱 && ui_keys Enter
wait_for 车厢脏乱
ui_keys a
wait_line "t  设定答复期限" && ui_keys t
check "zh: the form holds the answer date" wait_line "新答复期限" "2026-05-11"
# shown selected (reverse video), as what typing replaces
selected_value() { tmx capture-pane -p -e -t "${UI_T:-xf}" | grep -F "新答复期限" | grep -qE "\[([0-9]+;)*7(;[0-9]+)*m"; }
check "zh: ... shown selected" wait_cond selected_value
ui_text "2026-05-13"
check "zh: the date typed replaces the one filled in" wait_line "新答复期限" "2026-05-13"
check "zh: ... not added to it" absent "2026-05-112026-05-13"
# ↑ from the first field stays there: the date typed again lands in it,
# not in the reason at the bottom.
ui_keys Up BSpace
ui_text "4"
check "zh: ↑ on the first field stays; Backspace edits in place" \
    wait_line "新答复期限" "2026-05-14"
ui_keys Tab
ui_text "市民再次改期"
ui_keys Down
ui_text "。"
check "zh: ↓ on the last field stays: what is typed goes on there" wait_for "市民再次改期。"
# A date that is not one: F2 takes the cursor to it, marked, and says so.
ui_keys BTab C-u
ui_text "2026-02-30"
ui_keys Tab C-s
check "zh: a failed save says which field" wait_for "未保存：新答复期限"
check "zh: ... the cursor's field marked" wait_line "›新答复期限"
check "db: nothing written" \
    db_wait "SELECT answer_due FROM complaint WHERE code = 'TS2026-000009'" 2026-05-11
# The refused date is replaced by the one typed next (it read
# 2026-02-302026-05-14 after a refused save).
ui_text "2026-05-14"
check "zh: the date typed after a refused save replaces it" wait_line "新答复期限" "2026-05-14"
check "zh: ... not added to it" absent "2026-02-302026-05-14"
ui_keys C-s
check "db: the date typed over the filled one is saved" \
    db_wait "SELECT answer_due FROM complaint WHERE code = 'TS2026-000009'" 2026-05-14
# The last search is replaced by what is typed, as in any search box ...
ui_keys /
wait_for "搜索投诉" && ui_text 态度生硬 && ui_keys Enter
check "zh: a search typed over the last one replaces it" wait_for "/态度生硬 (1)"
# ... but a record's text is corrected, not retyped: the first key typed
# into the complainant's name is added to it (it wiped the name).
ui_keys e
check "zh: the intake form opens" wait_for "更正 TS2026-000001 的受理信息"
ui_keys Tab Tab Tab Tab Tab
ui_text "先生"
check "zh: text typed into a filled name is added to it" wait_line "投诉人" "张三丰先生"
ui_keys Escape
wait_for "放弃所做的修改" && ui_keys y
check "db: the name as it was" \
    db_wait "SELECT complainant_name FROM complaint WHERE code = 'TS2026-000001'" 张三丰
quit
UI_ENV=
