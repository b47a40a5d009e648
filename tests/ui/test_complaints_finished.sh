# Sourced by run.sh with lib.sh loaded: what a supervisor reads in the
# finished lists. A closed list headed its closing dates 期限 (Due), cut
# 逾期办结 to 逾期… even at 120 columns, and put "newest first" by code:
# one closed today after months in the queue was pages down. The
# Overview's overdue count dropped a complaint whose deadline was moved
# after it had passed (逾期后延期), and the detail called the answer
# deadline 限期答复 where the form says 答复期限.
DB="$UI_TMP/fin.db"
CFG="$UI_TMP/fin.cfg"
TODAY=2026-06-30
ui_config "$CFG" zhang.wei

# Twelve closed complaints, the later the code the earlier it closed
# (TS2026-000001 on 06-24, TS2026-000012 on 06-13); every third closed
# late. Then one rejected, one overdue now and one whose reply deadline
# was moved after it had passed (06-20 missed, now 07-10).
{
    echo "code,received_at,source,kind,post_code,unit_code,category,text,complainant_name,complainant_phone,state,lead_unit_code,cohandler_codes,dispatched_at,sign_due,signed_at,reply_due,replied_at,reply_text,return_reason,callback_outcome,redo_count,closed_at,closed_on_time,reject_reason,merged_into_code,supervised,answer_due,missed_due"
    i=1
    while [ $i -le 12 ]; do
        rec=$(printf '2026-05-%02d 09:00:00' "$i")
        shut=$(printf '2026-06-%02d 16:00:00' $((25 - i)))
        late=1 signed=$rec
        [ $((i % 3)) -eq 0 ] && late=0 signed=$(printf '2026-05-%02d 09:00:00' $((i + 3)))
        printf 'TS2026-%06d,%s,hotline,complaint,,U2,attitude,已办结投诉%d,张三,13800000001,closed,U2,,%s,2026-05-%02d,%s,2026-05-%02d,%s,已处理,,satisfied,0,%s,%d,,,0,,\n' \
            "$i" "$rec" "$i" "$rec" "$i" "$signed" $((i + 5)) "$signed" "$shut" "$late"
        i=$((i + 1))
    done
    echo "TS2026-000013,2026-06-01 09:00:00,hotline,complaint,,U2,,不属于投诉,王五,13800000003,rejected,,,,,,,,,,,0,,,非投诉事项,,0,,"
    echo "TS2026-000014,2026-06-01 09:00:00,hotline,complaint,,U2,attitude,逾期未答复,赵六,13800000004,signed,U2,,2026-06-01 10:00:00,2026-06-03,2026-06-02 09:00:00,2026-06-20,,,,,0,,,,,0,,"
    echo "TS2026-000015,2026-06-01 09:00:00,hotline,complaint,,U2,attitude,逾期后延期答复,钱七,13800000005,signed,U2,,2026-06-01 10:00:00,2026-06-03,2026-06-02 09:00:00,2026-07-10,,,,,0,,,,,0,2026-07-10,2026-06-20"
} >"$UI_TMP/fin.csv"
ui_fixture_complaints "$UI_TMP/fin.csv"
check "fixture: 12 closed, 1 rejected, 1 overdue, 1 extended after overdue" \
    [ "$(dbq "SELECT count(*) FILTER (WHERE state='closed') || ',' ||
                     count(*) FILTER (WHERE state='rejected') || ',' ||
                     count(*) FILTER (WHERE missed_due IS NOT NULL) FROM complaint")" = "12,1,1" ]

as() { # as W H: the interface as zhang.wei (supervisor), on the Complaints pane
    ui_start "$1" "$2" --config "$CFG" --login zhang.wei --db "$DB" --today $TODAY
    wait_for "4 " && ui_keys 4 && wait_cond shown "Complaints — |投诉 — "
}
shown() { ui_screen | grep -qE -- "$1"; }
# filter_state N: the filter's state N places right of "any" (closed is 7:
# "called back, to close" is not offered), Open only: no
filter_state() {
    ui_keys f
    wait_cond shown "Open only|仅未办结" || return 1
    ui_keys n Tab
    i=0
    while [ $i -lt "$1" ]; do ui_keys Right; i=$((i + 1)); done
    ui_keys C-s
}
header() { ui_screen | grep -E "Code +State|代码 +状态" | head -1; }
header_has() { header | grep -qF -- "$1"; }
header_lacks() { ! header | grep -qF -- "$1"; }
row_of() { ui_screen | grep -F -- "$1" | head -1; }
first_row() { ui_screen | grep -E "TS2026-" | head -1; }

# ---- 120 columns, Chinese: 办结 over the dates, 逾期办结 whole, newest closed first
UI_ENV="LANGUAGE=zh_CN"
as 120 30
filter_state 7
check "zh 120: the closed list is by time closed, newest first" wait_for "按办结时间，最新在前"
check "... its date column headed 办结, not 期限" wait_cond header_has "办结"
check "... no 期限 over the closing dates" header_lacks "期限"
check "... the last closed (TS2026-000001, 06-24) first, not the highest code" \
    wait_cond selected_has TS2026-000001
check "... TS2026-000002 (06-23) next" \
    [ "$(ui_line_of TS2026-000002)" -eq $(($(ui_line_of TS2026-000001) + 1)) ]
check "... a late closure reads 逾期办结 whole" line_has TS2026-000003 "逾期办结" "2026-06-22"
check "... never cut to 逾期…" absent "逾期…"
ui_keys End
check "End: the first closed (TS2026-000012, 06-13) last" wait_cond selected_has TS2026-000012
ui_keys Home
check "Home: back to the last closed" wait_cond selected_has TS2026-000001
# rejected ones have no date of either kind: no column for one (Esc
# first: the filter starts from the state chosen)
ui_keys Escape
wait_for "回到未办结队列"
filter_state 8
check "zh 120: the rejected list" wait_cond selected_has TS2026-000013
check "... headed" header_has "状态"
check "... without 期限 over an empty column" header_lacks "期限"
check "... nor 办结" header_lacks "办结"
# a list of every complaint, open and closed: the column holds both
ui_keys Escape
filter_state 0
check "zh 120: every complaint, the column headed 期限/办结" wait_cond header_has "期限/办结"
# the help explains 逾期办结 and its short form
ui_keys "?"
check "help: the legend explains 逾期办结" help_page_with "逾期办结"
check "... and names its short form 迟结" wait_for "迟结"
ui_keys q
ui_quit

# ---- 80x24, Chinese: the short form, whole
as 80 24
filter_state 7
check "zh 80x24: the closed list headed 办结" wait_cond header_has "办结"
check "... a late closure reads 迟结" wait_cond line_has TS2026-000003 "迟结" "06-22"
check "... not cut to 逾期…" absent "逾期…"
ui_quit

# ---- 200 columns, English: Closed, late
UI_ENV=""
as 200 30
filter_state 7
check "en 200: the closed list by time closed" wait_for "by time closed, newest first"
check "... headed Closed, not Due" wait_cond header_has "Closed"
check "... no Due over the dates" header_lacks "Due"
check "... a late closure reads late" line_has TS2026-000003 "late" "2026-06-22"
# The filter's unit, once chosen, keeps the form's word: apply, not save
ui_keys f
wait_cond shown "Open only"
ui_keys Tab Tab Tab Tab
wait_for "Unit (empty: any)" && ui_keys Enter
wait_for "Enter choose" && ui_keys Enter
check "en filter: a unit chosen, F2 still applies" wait_for "Backspace clear · F2 apply"
check "... not save" absent "F2 save"
ui_keys Escape
wait_for "Discard" 2 && ui_keys y
wait_gone "Open only"
# English has one word for both widths: the legend has no "late where narrow"
ui_keys "?"
check "en help: the legend explains late" help_page_with "closed after its deadline"
check "... without a short form that is the same word" absent "where the screen is narrow"
ui_keys q
ui_quit

# ---- 80x24, English: the Overview does not lose the extended one
ui_start 80 24 --config "$CFG" --login zhang.wei --db "$DB" --today $TODAY
check "en 80x24 Overview: overdue 1, and the one extended after overdue" \
    wait_for "1 (and 1 extended after overdue)"
ui_quit
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --login zhang.wei --db "$DB" --today $TODAY
check "zh 80x24 Overview: 逾期 1（另 1 件逾期后延期）" wait_for "1（另 1 件逾期后延期）"
# the detail names the date set as the form does: 答复期限
ui_keys 4
wait_cond shown "投诉 — " && ui_keys Home
i=0
while ! selected_has TS2026-000015 && [ $i -lt 20 ]; do ui_keys Down; i=$((i + 1)); done
ui_keys Enter
check "zh detail: the date set is 设定的答复期限" wait_line "设定的答复期限" "2026-07-10"
check "... not 限期答复" absent "限期答复"
ui_quit
