# Sourced by run.sh with lib.sh loaded: what the lists show after a
# filter, a search and a resize. A closed list filtered "overdue" said
# "No records" while its rows said "late"; the Due column showed "2025"
# for a deadline of another year; a new filter or search opened the list
# part-way down (the cursor's record on its old line, the first matches
# hidden above it); the History pane said "↑ more" at its newest entry.
DATA=$UI_DIR/data
DB="$UI_TMP/lists.db"
CFG="$UI_TMP/lists.cfg"
CFGZ="$UI_TMP/listsz.cfg"
ME=$(id -un)
TODAY=2026-01-10
ui_config "$CFG" zhang.wei
{ cat "$CFG"; echo 'interface = { language = "zh_CN"; };'; } >"$CFGZ"
ui_zh_catalog

# 40 complaints closed in December 2025 (TS2025-000001..40), every fifth
# late; three signed for (TS2025-000041..43), their reply deadlines past:
# two of them in 2025; 20 received in January (TS2026-000001..20); one
# dispatched (TS2026-000021).
{
    head -1 "$DATA/complaints.csv"
    i=1
    while [ $i -le 40 ]; do
        d=$(( (i - 1) % 20 + 1 ))
        rec=$(printf '2025-11-%02d 09:%02d:00' "$d" "$i")
        shut=$(printf '2025-12-%02d 16:00:00' "$d")
        # signed for on the day, or (late) three days after its deadline
        late=1 signed=$rec
        [ $((i % 5)) -eq 0 ] && late=0 signed=$(printf '2025-11-%02d 09:00:00' $((d + 3)))
        printf 'TS2025-%06d,%s,hotline,complaint,,U2,attitude,已办结投诉%d,张三,13800000001,closed,U2,,%s,2025-11-%02d,%s,2025-11-%02d,%s,已处理,,satisfied,0,%s,%d,,,0\n' \
            "$i" "$rec" "$i" "$rec" "$d" "$signed" $((d + 5)) "$signed" "$shut" "$late"
        i=$((i + 1))
    done
    i=41
    for due in 2025-12-28 2025-12-20 2026-01-04; do
        printf 'TS2025-%06d,2025-12-01 10:00:00,hotline,complaint,,U2,attitude,逾期投诉%d,王五,13800000003,signed,U2,,2025-12-01 11:00:00,2025-12-03,2025-12-02 09:00:00,%s,,,,,0,,,,,0\n' \
            "$i" "$i" "$due"
        i=$((i + 1))
    done
    i=41
    while [ $i -le 60 ]; do # TS2026-000001..20
        printf 'TS2026-%06d,2026-01-%02d 10:00:00,hotline,complaint,,U2,attitude,待办投诉%d,李四,13800000002,received,,,,,,,,,,,0,,,,,0\n' \
            $((i - 40)) $(( (i - 41) % 9 + 1 )) "$i"
        i=$((i + 1))
    done
    # one dispatched, for a reply deadline set in the detail
    echo 'TS2026-000021,2026-01-08 10:00:00,hotline,complaint,,U2,attitude,待签收投诉21,赵六,13800000004,dispatched,U2,,2026-01-08 11:00:00,2026-01-13,,,,,,,0,,,,,0'
} >"$UI_TMP/lists.csv"
ui_fixture_complaints "$UI_TMP/lists.csv"
check "fixture: 40 closed (8 late), 20 received, 3 signed, 1 dispatched" \
    [ "$(dbq "SELECT count(*) FROM complaint WHERE state = 'closed' AND closed_on_time = 0")" = 8 ]

as() { # as CFG W H: the interface as zhang.wei, on the Complaints pane
    ui_start "$2" "$3" --config "$1" --login zhang.wei --db "$DB" --today $TODAY
    wait_cond shown "4 (Complaints|投诉)" && ui_keys 4 && wait_cond shown "Complaints — |投诉 — "
}
shown() { ui_screen | grep -qE -- "$1"; }
header_line() { ui_screen | grep -E "Code +State|代码 +状态|Time +User|时间 +用户" | head -1; }
mark_shown() { header_line | grep -q "↑"; }
no_mark() { [ -n "$(header_line)" ] && ! header_line | grep -q "↑"; }
# The code on the first row under the header.
first_row_is() {
    n=$(ui_screen | grep -nE "Code +State|代码 +状态" | head -1 | cut -d: -f1)
    [ -n "$n" ] && ui_screen | sed -n "$((n + 1))p" | grep -qF -- "$1"
}
late_rows() { [ "$(ui_screen | grep -c "TS2025-0000[0-4][05] ")" = "$1" ]; }

# ---- 1. closed + overdue: the complaints closed late ----------------------------
for lang in en zh; do
    if [ $lang = en ]; then as "$CFG" 80 24; else as "$CFGZ" 80 24; fi
    ui_keys f
    wait_cond shown "Open only|仅未办结"
    # (seventh after "any": "called back, to close" is not offered)
    ui_keys Space Tab Right Right Right Right Right Right Right Tab Right
    if [ $lang = en ]; then
        check "$lang filter: the clock choice names the late closures" \
            wait_line "Clock" "overdue or closed late"
    else
        check "$lang filter: the clock choice names the late closures" \
            wait_line "逾期或逾期办结"
    fi
    ui_keys F2
    if [ $lang = en ]; then
        check "$lang closed + overdue: the title says late" wait_for "closed · late"
    else
        check "$lang closed + overdue: the title says late" wait_for "已办结 · 逾期办结"
    fi
    check "$lang closed + overdue: the complaints closed late listed (not No records)" \
        wait_line "TS2025-000040" "25-12-20"
    check "$lang ... all eight of them" wait_cond late_rows 8
    check "$lang ... none closed on time" absent "TS2025-000039 "
    ui_quit
done

# ---- 2. the Due column: a deadline of another year keeps its day ----------------
as "$CFG" 80 24
ui_keys s
wait_for "by time received"
ui_keys s
check "by deadline" wait_for "by deadline"
ui_keys f
wait_for "Open only"
ui_keys Tab Tab Right F2
check "overdue: the three signed for" wait_line "TS2025-000043" "overdue"
check "80x24 Due: a deadline of 2025 as yy-mm-dd, not the year alone" \
    wait_line "TS2025-000042" "25-12-20"
check "... the next one" line_has "TS2025-000041" "25-12-28"
check "... this year's as mm-dd" line_has "TS2025-000043" "01-04"
check "... no row with the year alone" absent " 2025 "
# every state: the column's header is 10 cells wide, the date whole
ui_keys f
wait_for "Open only"
ui_keys n F2
check "every state: the Due/closed column" wait_for "Due/closed"
check "... shows the whole date" wait_line "TS2025-000042" "2025-12-20"
ui_quit

# ---- 3. a new filter or search shows its first result at the top ----------------
as "$CFG" 80 24
check "open queue: TS2025-000041 first" wait_cond first_row_is TS2025-000041
ui_keys j j j j j
check "cursor five rows down" wait_cond selected_has TS2026-000003
ui_keys f
wait_for "Open only"
ui_keys Space F2
check "every state: the first complaint on the first row" wait_cond first_row_is TS2025-000001
check "... no '↑ more': nothing hidden above" wait_cond no_mark
check "... the cursor on the first row" wait_cond selected_has TS2025-000001
ui_keys End
check "End: the last complaint" wait_cond selected_has TS2026-000021
check "... '↑ more' in the header" wait_cond mark_shown
ui_keys /
wait_for "Search complaints"
ui_text "投诉"
ui_keys Enter
check "search: its count in the title" wait_for "(64)"
check "search: the first match on the first row" wait_cond first_row_is TS2025-000001
check "... no '↑ more'" wait_cond no_mark
# Esc clears the search back: the cursor's complaint kept in view
ui_keys End
wait_cond selected_has TS2026-000021
ui_keys Escape
check "Esc: the search cleared" wait_for "Search cleared"
check "... the cursor still on its complaint" wait_cond selected_has TS2026-000021
ui_quit

# ---- 3b. the History pane: no '↑ more' at the newest entry ----------------------
ui_start 80 24 --config "$CFG" --login "$ME" --db "$DB" --today $TODAY
wait_for "7 History"
ui_keys 7
check "history: its header" wait_cond shown "Time +User"
check "history: no '↑ more' at the newest entry" wait_cond no_mark
ui_keys NPage NPage
check "history: a page down says '↑ more'" wait_cond mark_shown
ui_keys Home
check "history: Home: no '↑ more' again" wait_cond no_mark
ui_quit

# ---- 4. the detail's label column as wide as its widest label -------------------
# The value column of a detail line: the display cells before the value
# (a CJK character two), the box's border included.
value_col() {
    ui_screen | grep -F -- "$1" | head -1 | python3 -c '
import sys, unicodedata
line, label = sys.stdin.read().rstrip("\n"), sys.argv[1]
i = line.index(label) + len(label)
while i < len(line) and line[i] == " ":
    i += 1
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i]))' "$1"
}
aligned() { [ -n "$(value_col "$1")" ] && [ "$(value_col "$1")" = "$(value_col "$2")" ]; }
as "$CFG" 80 24
ui_keys End
wait_cond selected_has TS2026-000021
ui_keys a
wait_for "Complaint TS2026-000021"
ui_keys t
wait_for "Set the answer deadline"
ui_text "2026-01-20"
ui_keys Tab
ui_text "市民要求尽快答复"
ui_keys C-s
check "answer deadline set" wait_for "TS2026-000021 is to be answered by 2026-01-20"
ui_keys Enter
check "en detail: the reply deadline set" wait_for "Reply deadline set  "
check "en detail: ... two spaces at least before its value" wait_line "Reply deadline set  2026-01-20"
check "en detail: ... its value in the column of the others" \
    aligned "Reply deadline set" "Source"
ui_quit
as "$CFGZ" 80 24
ui_keys End
wait_cond selected_has TS2026-000021
ui_keys Enter
check "zh detail: 设定的答复期限 apart from its value" wait_line "设定的答复期限  2026-01-20"
check "zh detail: ... its value in the column of the others" aligned "设定的答复期限" "来源"
ui_quit
