# Sourced by run.sh with lib.sh loaded: one language per screen. An
# administrator's trial in English met complaint categories in Chinese
# (the config had one label each: now label_en gives the English one), and
# at 80 columns a deadline of another year shown as MM-DD read as this
# year's. An English label longer than 8 cells ("Administrative
# procedure") was cut to "Administ" in the list: whole at 200 columns,
# cut with an ellipsis to 12 cells at 80.
TODAY=2026-11-26
DB="$UI_TMP/ol.db"
CFG="$UI_TMP/ol.cfg"
{ ui_config_users '{ login = "wang.li"; name = "王丽"; role = "supervisor"; }'
  cat <<EOF2
complaints = {
    categories = (
        { name = "attitude";   label = "服务态度"; label_en = "Manner"; sign_days = 1; reply_days = 5; },
        { name = "time_limit"; label = "办理时限"; label_en = "Slow handling"; sign_days = 1; reply_days = 5; },
        { name = "fees";       label = "收费问题"; label_en = "Fee issue"; sign_days = 1; reply_days = 10; },
        { name = "procedure";  label = "办事程序"; label_en = "Administrative procedure"; sign_days = 1; reply_days = 5; },
        { name = "quality";    label = "服务质量"; label_en = "Quality"; sign_days = 1; reply_days = 10; },
        { name = "other";      label = "其他";     sign_days = 1; reply_days = 10; }
    );
};
EOF2
} >"$CFG"
X init >/dev/null && X demo >/dev/null
check "fixture: the small demo" [ $? -eq 0 ]

ui_zh_catalog

# A running complaint of the category "attitude" (the fallback to the one
# label of a category with no label_en is in tests/unit/test_config.c).
ATT=$(dbq "SELECT code FROM complaint WHERE category = 'attitude' AND state IN
           ('dispatched', 'signed') ORDER BY code LIMIT 1")
check "fixture: a running complaint about attitude" [ -n "$ATT" ]
PROC=$(dbq "SELECT code FROM complaint WHERE category = 'procedure' AND state IN
           ('dispatched', 'signed') ORDER BY code LIMIT 1")
check "fixture: a running complaint about procedure" [ -n "$PROC" ]

find_complaint() { # CODE: the list searched down to it
    ui_keys /
    wait_for "Search complaints" && ui_text "$1" && ui_keys Enter
    wait_line "$1"
}

ui_start 200 50 $(ui_args wang.li)
wait_for "4 Complaints" && ui_keys 4
find_complaint "$ATT"
check "en 200x50: the list shows the category's English label" wait_line "$ATT" "Manner "
check "... not its Chinese one" sh -c '! printf "%s" "$1" | grep -F "$2" | grep -qF 服务态度' \
    sh "$(ui_screen)" "$ATT"
ui_keys Enter
check "en 200x50: so does the detail" wait_line "Category" "Manner"
ui_keys q
wait_gone "Category:"
find_complaint "$PROC"
check "en 200x50: a long English label is whole in the list" \
    wait_line "$PROC" "Administrative procedure "
ui_quit

UI_ENV="LANGUAGE=zh_CN"
ui_start 200 50 $(ui_args wang.li)
wait_for "4 投诉" && ui_keys 4
check "zh 200x50: the list shows the Chinese label" wait_line "$ATT" "服务态度"
ui_quit
UI_ENV=""

# 80 columns: the Due column has five cells. A deadline in this year is
# MM-DD; one in any other year is YY-MM-DD, the column widened to eight
# while one is on screen (on 2025-12-29 the demo's deadlines of 2026 are
# next year's, not this December's or earlier).
DUE=$(dbq "SELECT CASE state WHEN 'dispatched' THEN sign_due ELSE reply_due END FROM complaint
           WHERE code = '$ATT'")
ui_start 80 24 $(ui_args wang.li)
wait_for "4 Complaints" && ui_keys 4
find_complaint "$ATT"
due_cell() { ui_screen | grep -F "$ATT" | grep -qE " $1 "; }
if [ -n "$DUE" ]; then
    check "80x24: this year's deadline is MM-DD" wait_cond due_cell "$(echo "$DUE" | cut -c6-10)"
fi
ui_quit
# Below 90 columns the category gives its cells to the text; from 90 a
# long English label keeps 12 cells, cut with an ellipsis.
ui_start 90 24 $(ui_args wang.li)
wait_for "4 Complaints" && ui_keys 4
find_complaint "$PROC"
check "90x24: a long English label keeps 12 cells, cut with an ellipsis" \
    wait_line "$PROC" "Administrat… "
ui_quit
if [ -n "$DUE" ]; then
    ui_start 80 24 --config "$CFG" --login wang.li --db "$DB" --today 2025-12-29
    wait_for "4 Complaints" && ui_keys 4
    find_complaint "$ATT"
    check "80x24: a deadline in another year shows the year, as YY-MM-DD" \
        wait_cond due_cell "$(echo "$DUE" | cut -c3-10)"
    check "... not MM-DD, read as this year's" sh -c '! printf "%s" "$1" | grep -F "$2" | grep -qF " $3 "' \
        sh "$(ui_screen)" "$ATT" "$(echo "$DUE" | cut -c6-10)"
    ui_quit
else
    check "fixture: the complaint has a deadline" false
fi
