# Sourced by run.sh with lib.sh loaded: the post pickers at 80x24 with a
# unit line too long for their line. The evaluation's picker kept both
# ends of it (the department and the window); those choosing the post to
# inspect and the post a complaint is about cut its end, and the windows
# of two departments read alike ("… › 综合受理服务大厅第…"). (The
# evaluation's is tested in test_evals_trial.sh.)
TODAY=2026-11-26
DB="$UI_TMP/pp.db"
CFG="$UI_TMP/pp.cfg"
ui_config "$CFG" zhang.wei \
    '{ login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; }'
X init >/dev/null && X demo >/dev/null
check "post pickers: demo database built through the CLI" [ $? -eq 0 ]

# A published or named post three units down, its units renamed long.
CODE=$(dbq "SELECT min(p.code) FROM post p JOIN unit u ON u.id = p.unit_id
    WHERE u.depth = 2 AND p.status IN ('published', 'named')")
UNIT=$(dbq "SELECT u.id FROM post p JOIN unit u ON u.id = p.unit_id WHERE p.code = '$CODE'")
MID=$(dbq "SELECT parent_id FROM unit WHERE id = $UNIT")
DEPT=$(dbq "SELECT parent_id FROM unit WHERE id = $MID")
db_raw "$DB" "UPDATE unit SET name = '市政务服务管理局' WHERE id = $DEPT;
    UPDATE unit SET name = '综合受理服务大厅第一分厅窗口区' WHERE id = $MID;
    UPDATE unit SET name = '不动产登记专窗甲' WHERE id = $UNIT;"
check "fixture: $CODE's department, hall and window renamed long" \
    [ "$(dbq "SELECT name FROM unit WHERE id = $UNIT")" = 不动产登记专窗甲 ]

# both_ends: the picker's line of the post holds its code, its department
# and its window (the middle elided).
both_ends() { line_has "$CODE " "市政务服务管理局" "不动产登记专窗甲"; }
# close TITLE: Esc (the search's text, the search, the form; a discard
# asked is answered y) until the search and the form titled TITLE are gone.
closed() { absent "Find: " && absent "$1"; }
close() {
    for _i in 1 2 3 4 5; do
        wait_cond closed "$1" && return 0
        if ui_screen | grep -qE "Discard|y/N"; then ui_keys y; else ui_keys Escape; fi
    done
    wait_cond closed "$1"
}

# The inspector's new inspection: the post to inspect.
ui_start 80 24 $(ui_args li.na)
wait_for "5 Inspections" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys n
wait_for "New inspection" && ui_text "$CODE"
check "inspection picker: the post found" wait_for "Find: Post or unit"
check "80x24 inspection picker: a long unit line keeps its department and its window" \
    wait_cond both_ends
check "... its middle elided" wait_line "$CODE " "市政务服务管理局…不动产登记专窗甲"
close "New inspection"
quit

# The supervisor's new complaint: the post it is about.
ui_start 80 24 $(ui_args zhang.wei)
wait_for "4 Complaints" && ui_keys 4
wait_for "Complaints" && ui_keys n
wait_for "Receive a complaint" && ui_keys Tab Tab && ui_text "$CODE"
check "complaint picker: the post found" wait_for "Find: Post"
check "80x24 complaint picker: a long unit line keeps its department and its window" \
    wait_cond both_ends
check "... its middle elided" wait_line "$CODE " "市政务服务管理局…不动产登记专窗甲"
close "Receive a complaint"
quit
