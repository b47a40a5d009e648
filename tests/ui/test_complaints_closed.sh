# Sourced by run.sh with lib.sh loaded: browsing closed complaints, and a
# list made shorter by a resize. A supervisor's closed list opened at the
# oldest (TS2026-000001) in every order, with empty Clock and Due columns;
# after 200x50 -> 80x24 the list showed rows from the middle with nothing
# saying that rows were hidden above.
DATA=$UI_DIR/data
DB="$UI_TMP/cc.db"
CFG="$UI_TMP/cc.cfg"
TODAY=2026-06-30
ui_config "$CFG" zhang.wei

# 40 closed complaints, received a day apart in June, each closed two days
# later; every fifth closed late. Then 20 open ones.
{
    head -1 "$DATA/complaints.csv"
    i=1
    while [ $i -le 40 ]; do
        d=$(( (i - 1) % 20 + 1 ))
        rec=$(printf '2026-05-%02d 09:%02d:00' "$d" "$i")
        shut=$(printf '2026-06-%02d 16:00:00' "$d")
        # signed for on the day, or (late) three days after its deadline
        late=1 signed=$rec
        [ $((i % 5)) -eq 0 ] && late=0 signed=$(printf '2026-05-%02d 09:00:00' $((d + 3)))
        printf 'TS2026-%06d,%s,hotline,complaint,,U2,attitude,已办结投诉%d,张三,13800000001,closed,U2,,%s,2026-05-%02d,%s,2026-05-%02d,%s,已处理,,satisfied,0,%s,%d,,,0\n' \
            "$i" "$rec" "$i" "$rec" "$d" "$signed" $((d + 5)) "$signed" "$shut" "$late"
        i=$((i + 1))
    done
    while [ $i -le 60 ]; do
        printf 'TS2026-%06d,2026-06-%02d 10:00:00,hotline,complaint,,U2,attitude,待办投诉%d,李四,13800000002,received,,,,,,,,,,,0,,,,,0\n' \
            "$i" $((i - 40)) "$i"
        i=$((i + 1))
    done
} >"$UI_TMP/closed.csv"
ui_fixture_complaints "$UI_TMP/closed.csv"
check "fixture: 40 closed and 20 received complaints imported" \
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM complaint WHERE state = 'closed'")" = 40 ]

as() { # as LOGIN W H: the interface as LOGIN, on the Complaints pane
    ui_start "$2" "$3" --config "$CFG" --login "$1" --db "$DB" --today $TODAY
    wait_for "4 " && ui_keys 4 && wait_cond shown "Complaints — |投诉 — "
}
shown() { ui_screen | grep -qE -- "$1"; }
# The line number of TEXT on screen (0: not there).
line_of() { n=$(ui_line_of "$1"); echo "${n:-0}"; }
header_line() { ui_screen | grep -E "Code +State" | head -1; }
mark_shown() { header_line | grep -q "↑ more"; }
no_mark() { header_line | grep -q "Code" && ! header_line | grep -q "↑"; }
not_late() { ! ui_screen | grep "$1" | grep -q " late "; }

# ---- closed complaints: newest first, with the closed date and a late mark
as zhang.wei 200 30
ui_keys f
# (seventh after "any": "called back, to close" is not offered)
wait_for "Open only" && ui_keys n Tab Right Right Right Right Right Right Right
check "filter: closed chosen" wait_line "State" "closed"
ui_keys C-s
check "closed list: the title says newest first, by time closed" \
    wait_for "by time closed, newest first"
check "... the newest (TS2026-000040) on the first row, not the oldest" \
    selected_has TS2026-000040
# TS2026-000020 closed in the same hour (06-20 16:00): the later code first
check "... TS2026-000020, closed with it, below it" \
    [ "$(line_of TS2026-000020)" -eq $(($(line_of TS2026-000040) + 1)) ]
check "... then TS2026-000039, closed the day before" \
    [ "$(line_of TS2026-000039)" -eq $(($(line_of TS2026-000020) + 1)) ]
check "... the oldest not on the first screen" absent "TS2026-000001 "
check "closed list: a closed row shows the day it closed" \
    line_has TS2026-000039 "2026-06-19"
check "... and one closed late says so in the Clock column" \
    line_has TS2026-000040 "late" "2026-06-20"
check "... one closed on time does not" not_late TS2026-000039
# every order newest first: by code and by time received too
ui_keys s
check "by code: still newest first" wait_for "by code, newest first"
check "... TS2026-000040 first" selected_has TS2026-000040
ui_keys s
check "by time received: still newest first" wait_for "by time received, newest first"
check "... TS2026-000040 first" selected_has TS2026-000040
# paging down reaches the oldest, at the end
ui_keys End
check "End: the oldest is last" wait_cond selected_has TS2026-000001
ui_keys Home
check "Home: back to the newest" wait_cond selected_has TS2026-000040
ui_quit

# ---- a list made shorter: rows hidden above are marked
as zhang.wei 200 50
check "all complaints: the list starts at the top, no mark" wait_cond no_mark
ui_keys f
wait_for "Open only" && ui_keys n C-s
check "... all 60 listed" wait_for "TS2026-000040"
ui_keys Home
check "... from the first" wait_cond selected_has TS2026-000001
i=0
while [ $i -lt 35 ]; do ui_keys Down; i=$((i + 1)); done
check "cursor 35 rows down" wait_cond selected_has TS2026-000036
ui_resize 80 24
check "80x24: the cursor still in sight" wait_cond selected_has TS2026-000036
check "... the first rows hidden" absent "TS2026-000001 "
check "... and the header says rows are above" wait_cond mark_shown
ui_keys Home
check "Home: at the top the mark goes" wait_cond no_mark
ui_quit
