# Sourced by run.sh with lib.sh loaded: what a fresh user of the
# Complaints pane found. At 80 columns a row names the unit that has the
# complaint now (its lead unit), not the one it concerns; a handler's
# queue puts what they must do first, a supervised complaint already
# answered below; the messages after signing for and returning read as
# sentences, and a return says that a supervisor rules on it next.
DATA=$UI_DIR/data
DB="$UI_TMP/cq.db"
CFG="$UI_TMP/cq.cfg"
TODAY=2026-06-10
ui_config "$CFG" zhang.wei li.na
CFGZ="$UI_TMP/cqz.cfg"
{ cat "$CFG"; echo 'interface = { language = "zh_CN"; };'; } >"$CFGZ"
ui_zh_catalog

# li.na handles for U1 (U2 below it). 000001 is supervised and replied:
# nothing left for her. 000002 is to be signed for tomorrow, 000003
# answered by Friday; 000004 and 000005 to sign for or return next week.
# 000006 concerns U2 but went to U4 (re-dispatched). 000007, supervised,
# is led by U4 and co-handled by U2: its lead unit signs for it, not she.
# 000008 she signs for or returns next week.
{
    head -1 "$DATA/complaints.csv"
    echo 'TS2026-000001,2026-06-01 09:00:00,hotline,complaint,,U2,attitude,窗口态度生硬,张三,13800000001,replied,U2,,2026-06-01 10:00:00,2026-06-03,2026-06-02 09:00:00,2026-06-09,2026-06-08 09:00:00,已当面致歉,,,0,,,,,1'
    echo 'TS2026-000002,2026-06-08 09:00:00,hotline,complaint,,U2,attitude,排队无人引导,李四,13800000002,dispatched,U2,,2026-06-08 10:00:00,2026-06-11,,,,,,,0,,,,,0'
    echo 'TS2026-000003,2026-06-04 09:00:00,hotline,complaint,,U2,attitude,材料一次告知不全,王五,13800000003,signed,U2,,2026-06-04 10:00:00,2026-06-05,2026-06-05 09:00:00,2026-06-12,,,,,0,,,,,0'
    echo 'TS2026-000004,2026-06-09 09:00:00,hotline,complaint,,U2,attitude,电话无人接听,赵六,13800000004,dispatched,U2,,2026-06-09 10:00:00,2026-06-15,,,,,,,0,,,,,0'
    echo 'TS2026-000005,2026-06-09 09:30:00,hotline,complaint,,U2,attitude,公交站台破损,孙七,13800000005,dispatched,U2,,2026-06-09 10:00:00,2026-06-16,,,,,,,0,,,,,0'
    echo 'TS2026-000006,2026-06-05 09:00:00,hotline,complaint,,U2,attitude,出租车绕路,周八,13800000006,dispatched,U4,,2026-06-09 11:00:00,2026-06-12,,,,,,,0,,,,,0'
    echo 'TS2026-000007,2026-06-09 08:00:00,hotline,complaint,,U4,attitude,换乘指引不清,吴九,13800000007,dispatched,U4,U2,2026-06-09 09:00:00,2026-06-10,,,,,,,0,,,,,1'
    echo 'TS2026-000008,2026-06-09 11:00:00,hotline,complaint,,U2,attitude,自助机故障,郑十,13800000008,dispatched,U2,,2026-06-09 12:00:00,2026-06-17,,,,,,,0,,,,,0'
} >"$UI_TMP/queue.csv"
ui_fixture_complaints "$UI_TMP/queue.csv"
check "fixture: units and complaints imported through the CLI" [ $? -eq 0 ]

sql() { sqlite3 "$DB" "$1"; }
as() { # as LOGIN W H [CFG]: the interface as LOGIN, on the Complaints pane
    ui_start "$2" "$3" --config "${4:-$CFG}" --login "$1" --db "$DB" --today $TODAY
    wait_for "4 " && ui_keys 4 && wait_cond shown "Complaints — |投诉 — "
}
act() { ui_keys a; wait_for "Esc" && ui_keys "$1"; }
# above A B: the row of A is above the row of B.
above() {
    a=$(ui_line_of "$1")
    b=$(ui_line_of "$2")
    [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}
wait_above() {
    tries=50
    while [ $tries -gt 0 ]; do
        above "$1" "$2" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}
# search CODE: the list narrowed to one complaint, selected.
shown() { ui_screen | grep -qE "$1"; }
search() {
    ui_keys /
    wait_cond shown "Search complaints|搜索投诉" && ui_text "$1" && ui_keys Enter &&
        wait_line "$1"
}

# ---- 1. who has it now, at 80 columns ----
as zhang.wei 80 24
check "80x24 supervisor: the unit column says it names the lead unit" \
    wait_line "Code" "Lead/concerns"
check "80x24: a re-dispatched complaint names the unit that has it now" \
    wait_line TS2026-000006 "客运管理窗口"
check "80x24: ... not the unit it concerns" sh -c '! tmux -L "$1" capture-pane -p -t xf |
    grep TS2026-000006 | grep -q 不动产登记窗口' sh "$XF_SOCK"
ui_resize 130 30
check "130x30: both columns, the unit concerned and the lead unit" \
    wait_line "Code" "Unit / post" "Lead unit"
check "130x30: ... the re-dispatched row names both" \
    wait_line TS2026-000006 "不动产登记窗口" "客运管理窗口"
check "130x30: ... and no third column" absent "Lead/concerns"
quit

# ---- 2. a handler's queue: what she must do first ----
as li.na 80 24
check "handler: the queue is in the order of what to do" wait_for "by what to do first"
check "handler: to sign for tomorrow above the supervised one already replied" \
    wait_above TS2026-000002 TS2026-000001
check "handler: to sign for above to answer" wait_above TS2026-000005 TS2026-000003
check "handler: to answer above the replied one" wait_above TS2026-000003 TS2026-000001
check "handler: within signing for, by deadline" wait_above TS2026-000002 TS2026-000004
check "handler: one her unit only co-handles is not hers to sign for, supervised or not" \
    wait_above TS2026-000003 TS2026-000007
check "handler: ... it goes with the supervised rest, by receipt" \
    wait_above TS2026-000001 TS2026-000007
check "handler: ... below her own unsupervised one to sign for" \
    wait_above TS2026-000008 TS2026-000007
# `s` round to the same order: what it says is what the order is.
ui_keys s
wait_for "Order: by code (supervised first)."
ui_keys s s s
check "s: the handler's order says supervised first among what is hers to do" \
    wait_for "Order: by what to do first (supervised first among what is yours to do)."
check "s: ... not supervised first over all" absent "by what to do first (supervised first)."

# ---- 3. signing for: a plain sentence ----
search TS2026-000004
act 3
wait_for "Sign for — TS2026-000004"
ui_keys C-s
check "sign: the message reads as a sentence" wait_for "TS2026-000004 is signed for."
check "sign: ... not \"is now\"" absent "is now signed for"
check "db: signed" [ "$(sql "SELECT state FROM complaint WHERE code='TS2026-000004'")" = signed ]
quit

# ---- 3, 4. in Chinese: signing for, then a return says what comes next ----
as li.na 80 24 "$CFGZ"
search TS2026-000002
act 3
wait_for "TS2026-000002"
ui_keys C-s
check "zh sign: TS… 已签收。" wait_for "TS2026-000002 已签收。"
check "zh sign: ... not 现为" absent "现为"
search TS2026-000005
act 4
wait_for "TS2026-000005"
ui_keys Right Tab
ui_text "属交通局职责"
ui_keys C-s
check "zh return: the message says a supervisor rules on it next" \
    wait_for "TS2026-000005 已退单，下一步由督查人员审定。"
check "db: returned" [ "$(sql "SELECT state FROM complaint WHERE code='TS2026-000005'")" = returned ]
ui_keys Enter
check "zh detail: the return's reason, then who rules on it next" \
    wait_line "退单原因" "属交通局职责" "下一步由督查人员审定"
ui_keys q
quit

# English, the same return's detail and message wording.
as li.na 100 30
search TS2026-000005
ui_keys Enter
check "detail: a supervisor rules on the return next" \
    wait_line "Returned because" "a supervisor rules on it next"
ui_keys q
quit

# Narrow, in English: the return's sentence fits the status line (at 66
# cells it was a long message below 67 columns), and so does the order.
status_has() { ui_screen | tail -1 | grep -qF -- "$1"; }
as li.na 60 24
ui_keys s
wait_for "Order: by code"
ui_keys s s s
check "60x24: the order's name on the status line where its note does not fit" \
    wait_cond status_has "Order: by what to do first."
search TS2026-000008
act 4
wait_for "TS2026-000008"
ui_keys Right Tab
ui_text "属交通局职责"
ui_keys C-s
check "60x24 return: the whole sentence on the status line" \
    wait_cond status_has "TS2026-000008 is returned for a supervisor to rule on."
check "db: 000008 returned" \
    [ "$(sql "SELECT state FROM complaint WHERE code='TS2026-000008'")" = returned ]
quit
