# Sourced by run.sh with lib.sh loaded: the complaint clocks a supervisor
# reads (a user trial). A deadline extended after it had passed stays
# visible (the row, the detail, the database). A complaint waiting on a
# supervisor shows how long, in working days: received on a Friday it has
# waited one day on Monday, not three; a returned one since its return. A
# new dispatch is not due soon at once (sign-for is one working day); one
# dispatched the working day before is, on its last day. A returned
# complaint is not offered an answer date. The Overview says how long the
# oldest not yet dispatched has waited.
DATA=$UI_DIR/data
DB="$UI_TMP/clk.db"
CFG="$UI_TMP/clk.cfg"
TODAY=2026-06-08 # a Monday
ui_config "$CFG" zhang.wei
# 000001 received on Friday 06-05. 000002 signed for on 05-25, to be
# answered by 06-01: a week overdue. 000003 returned (its return event
# below, on Thursday 06-04). 000004 dispatched today, to be signed for
# tomorrow; 000005 dispatched on Friday, to be signed for today.
{
    head -1 "$DATA/complaints.csv"
    echo 'TS2026-000001,2026-06-05 09:00:00,hotline,complaint,,U2,attitude,窗口工作人员态度生硬,张三,13812345678,received,,,,,,,,,,,0,,,,,0'
    echo 'TS2026-000002,2026-05-25 09:00:00,hotline,complaint,,U4,attitude,出租车拒载无人处理,李四,13900001111,signed,U4,,2026-05-25 10:00:00,2026-05-26,2026-05-25 15:00:00,2026-06-01,,,,,0,,,,,0'
    echo 'TS2026-000003,2026-06-03 09:00:00,hotline,complaint,,U2,attitude,公交站牌信息错误,王五,13700002222,returned,U2,,2026-06-03 10:00:00,2026-06-04,,,,,not_jurisdiction: 非本单位职责,,0,,,,,0'
    echo 'TS2026-000004,2026-06-08 08:00:00,hotline,complaint,,U4,attitude,候车亭损坏,赵六,13600003333,dispatched,U4,,2026-06-08 09:00:00,2026-06-09,,,,,,,0,,,,,0'
    echo 'TS2026-000005,2026-06-05 08:00:00,hotline,complaint,,U4,attitude,线路调整未公示,孙七,13500004444,dispatched,U4,,2026-06-05 09:00:00,2026-06-08,,,,,,,0,,,,,0'
} >"$UI_TMP/complaints.csv"
ui_fixture_complaints "$UI_TMP/complaints.csv"
check "fixture: units and complaints imported through the CLI" [ $? -eq 0 ]
sql() { sqlite3 "$DB" "$1"; }
TRIG=$(sql "SELECT sql FROM sqlite_master WHERE name = 'h_complaint_event_ins'")
sql "BEGIN; DROP TRIGGER h_complaint_event_ins;
     INSERT INTO complaint_event (complaint_id, at, actor, action, from_state, to_state, unit_id,
                                  note, updated_at)
     SELECT id, '2026-06-04 09:00:00', 'li.na', 'return', 'dispatched', 'returned', lead_unit_id,
            return_reason, '2026-06-04 09:00:00'
     FROM complaint WHERE code = 'TS2026-000003';
     $TRIG; COMMIT;"
check "fixture: the return's event" \
    [ "$(sql "SELECT count(*) FROM complaint_event WHERE action = 'return'")" = 1 ]

shown() { ui_screen | grep -qE "$1"; }
search() {
    ui_keys /
    wait_cond shown "Search complaints|搜索投诉" && ui_keys C-u && ui_text "$1" && ui_keys Enter &&
        wait_line "$1"
}
# The list, without the status line (which counts what is due soon).
row_of() { ui_screen | sed '$d' | grep -F -- "$1"; }
row_lacks() { ! row_of "$1" | grep -qF -- "$2"; }

# ---- the Overview and the list's clocks ----
ui_start 100 30 --config "$CFG" --login zhang.wei --db "$DB" --today $TODAY
check "overview: the longest wait to dispatch, in working days" \
    wait_line "longest wait to dispatch 1 working day"
ui_keys 4
wait_for "Complaints — "
check "list: received on Friday, one working day waited on Monday (not 3)" \
    wait_line TS2026-000001 "1d wait"
check "list: ... not counted in calendar days" row_lacks TS2026-000001 "3d wait"
check "list: returned on Thursday, waiting two working days for the ruling" \
    wait_line TS2026-000003 "2d wait"
listed_without() { wait_line "$1" && row_lacks "$1" "$2"; }
check "list: dispatched today, to be signed for tomorrow: not due soon yet" \
    listed_without TS2026-000004 "due soon"
check "list: dispatched on Friday, to be signed for today: due soon" \
    line_has TS2026-000005 "due soon"
check "list: the reply a week late is overdue" line_has TS2026-000002 "overdue"

# ---- an answer date set after the deadline passed ----
search TS2026-000002
ui_keys a
check "menu: the answer date is offered on the overdue one" wait_for "set the reply deadline"
n=$(ui_screen | grep -o '[0-9a-z]  set the reply deadline' | cut -c1)
ui_keys "$n"
wait_for "Set the reply deadline — TS2026-000002"
ui_text "2026-06-12"
ui_keys Tab
ui_text "市民同意延后答复"
ui_keys C-s
check "deadline form: saved" wait_for "TS2026-000002 is to be answered by 2026-06-12"
check "db: the deadline it missed is kept" \
    [ "$(sql "SELECT reply_due || ',' || coalesce(missed_due, '-') FROM complaint
              WHERE code = 'TS2026-000002'")" = "2026-06-12,2026-06-01" ]
check "db: ... and in its history" \
    [ "$(sql "SELECT coalesce(json_extract(before, '$.missed_due'), '-') || '>' ||
                     json_extract(after, '$.missed_due') FROM history
              WHERE entity = 'complaint' AND action = 'complaint.answer_due'")" = "->2026-06-01" ]
check "list: the row says it was extended, not just on time" wait_line TS2026-000002 "extended"
ui_keys Enter
check "detail: the original deadline, passed before the extension" \
    wait_line "Original deadline" "2026-06-01 passed, then the deadline was extended"
check "detail: the running deadline is the new one" wait_line "Running deadline" "2026-06-12"
ui_keys q
wait_for "Complaints — "

# ---- a returned complaint: how long, and no answer date ----
search TS2026-000003
ui_keys Enter
check "detail (returned): how long it has waited for the ruling" \
    wait_line "Waiting" "2 working days since returned (2026-06-04)"
ui_keys q
wait_for "Complaints — "
ui_keys a
check "menu (returned): the ruling is offered" wait_for "rule on the return"
check "menu (returned): no answer date, no deadline runs" absent "set the reply deadline"
ui_keys Escape
search TS2026-000001
ui_keys Enter
check "detail (received): how long it has waited" \
    wait_line "Waiting" "1 working day since received (2026-06-05)"
ui_keys q
quit

# ---- the extended one due soon again: the row says so ----
# On the day before its new deadline the 临期 filter and count find it;
# the row said "extended", hiding why.
ui_start 100 30 --config "$CFG" --login zhang.wei --db "$DB" --today 2026-06-11
wait_for "Overview"
ui_keys 4
wait_for "Complaints — "
check "list: extended, then due soon: the row says due soon" wait_line TS2026-000002 "due soon"
quit
