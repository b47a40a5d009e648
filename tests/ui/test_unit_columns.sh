# Sourced by run.sh with lib.sh loaded: list columns naming a unit (or a
# post and its unit) at 80 columns. They kept the unit's own name alone
# ("第1号窗口", which every department has) or joined a post's title to
# it ("治安许可…审批处"): each now keeps the department too. A column's
# rows write "›" alike (spaced on one row, bare on the next, they did not
# line up); the complaint text gets the category's cells at 80 columns;
# and a complaint list linked to a post keeps the post's code and the key
# that clears the link in its title.
ME=$(id -un)
TODAY=2026-11-26
DB="$UI_TMP/uc.db"
CFG="$UI_TMP/uc.cfg"
CELLS="$UI_DIR/column_cells.py"
cat >"$CFG" <<EOF2
access = { service_account = "$ME"; };
EOF2
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "unit columns: demo database built through the CLI" [ $? -eq 0 ]
# "^市文" for 市文旅局: a cell starts with a department's name (its start)
dbq "SELECT '^' || substr(name, 1, 2) FROM unit WHERE parent_id IS NULL" >"$UI_TMP/depts"
# ... or is the whole name of a unit no other unit shares (江北工程指挥部):
# "第1号窗口" and "服务大厅" are in every department
dbq "SELECT '^' || name || '$' FROM unit GROUP BY name HAVING count(*) = 1" >>"$UI_TMP/depts"
shot() { ui_screen >"$UI_TMP/screen"; }
# cells ROW_RE HEADER NEXT [FIRST_COL]: "row<TAB>cell" of the list's
# column, on the rows whose start matches ROW_RE (not the keys' line)
cells() {
    re=$1; shift
    python3 "$CELLS" "$UI_TMP/screen" "$@" | grep -E "^$re"
}
# every cell names its department, and there are some
all_departments() {
    cut -f2 "$UI_TMP/cells" >"$UI_TMP/only"
    [ -s "$UI_TMP/only" ] && ! grep -v -f "$UI_TMP/depts" "$UI_TMP/only" >"$UI_TMP/bad" || {
        sed 's/^/     | no department: /' "$UI_TMP/bad"
        return 1
    }
}
# a unit below its department ends the cell: its own name, whole
own_names() {
    [ -s "$UI_TMP/cells" ] || return 1
    bad=0
    while IFS="$(printf '\t')" read -r row cell; do
        code=$(echo "$row" | grep -o 'TS[0-9]*-[0-9]*')
        own=$(dbq "SELECT u.name FROM complaint c
                   JOIN unit u ON u.id = coalesce(c.lead_unit_id, c.unit_id)
                   WHERE c.code = '$code' AND u.parent_id IS NOT NULL")
        # whole, or its start where it is too long ("花园街道…")
        start=$(dbq "SELECT substr('$own', 1, 2)")
        case $cell in
        *"$own" | *"$start"*…) ;;
        *) echo "     | $code: $cell, not ending in $own"; bad=1 ;;
        esac
    done <"$UI_TMP/cells"
    [ $bad -eq 0 ]
}
# each row shows the first seven characters of its complaint's text
texts_shown() {
    [ -s "$UI_TMP/cells" ] || return 1
    bad=0
    while IFS="$(printf '\t')" read -r row cell; do
        code=$(echo "$row" | grep -o 'TS[0-9]*-[0-9]*')
        start=$(dbq "SELECT substr(text, 1, 7) FROM complaint WHERE code = '$code'")
        grep -F "$code" "$UI_TMP/screen" | grep -qF -- "$start" ||
            { echo "     | $code: no $start"; bad=1; }
    done <"$UI_TMP/cells"
    [ $bad -eq 0 ]
}
# one form of "›" down the column: none spaced where any is bare
one_form() {
    cut -f2 "$UI_TMP/cells" >"$UI_TMP/only"
    ! { grep -q ' › ' "$UI_TMP/only" && grep -q '[^ ]›[^ ]' "$UI_TMP/only"; } || {
        grep '›' "$UI_TMP/only" | sed 's/^/     | /'
        return 1
    }
}

# -- Complaints, every state, 80x24 in English --
ui_start 80 24 --config "$CFG" --db "$DB" --today $TODAY
wait_for "1 Overview" && ui_keys 4
wait_for "Lead/concerns" && ui_keys f
wait_for "Open only" && ui_keys Space C-s
check "complaints, all states: listed" wait_for "Due/closed"
shot && cells '!? *TS' "Lead/conc" "Text" >"$UI_TMP/cells"
check "... every unit named with its department (not 第1号窗口 alone)" all_departments
check "... and with its own name" own_names
check "... the text's first seven characters on each row" texts_shown
check "... the category's cells given to the text and the unit" absent "Category"
check "... one form of › down the column" one_form

ui_quit

# -- linked to a post, with a search: the post's code and the L key kept --
CODE=$(dbq "SELECT code FROM post ORDER BY code LIMIT 1")
ui_start 80 24 --config "$CFG" --db "$DB" --today $TODAY
wait_for "1 Overview" && ui_keys 2
wait_for "Posts · sort: code" && wait_line "$CODE" && ui_keys Enter
ui_keys 4
wait_for "linked to" && ui_keys /
wait_for "Search" && ui_text "窗口" && ui_keys Enter
title() { ui_screen | sed -n 2p; }
title_has() { title | grep -qF -- "$1"; }
check "linked, with a search: the post's code whole in the title" wait_cond title_has "($CODE)"
check "... with the key that clears it" title_has "(L clears)"
check "... the search kept" title_has "/窗口"
ui_quit

# -- Posts, 80x24 in English: the Unit column's › alike --
ui_start 80 24 --config "$CFG" --db "$DB" --today $TODAY
wait_for "1 Overview" && ui_keys 2
wait_for "Posts · sort: code" && wait_line "$CODE"
shot && cells XFG- "Unit" "Holder" >"$UI_TMP/cells"
check "posts: one form of › down the Unit column" one_form
check "... every unit named with its department" all_departments
ui_quit

# -- Inspections, 200x50 in English (the right-hand pane): › alike --
ui_start 200 50 --config "$CFG" --db "$DB" --today $TODAY
wait_for "Inspections · newest first"
shot && cells 20 "Post / unit" "Inspector" 100 >"$UI_TMP/cells"
check "inspections at 200 columns: one form of ›" one_form
ui_quit

# -- Chinese, 80x24: inspections, the complaint link, members below a unit --
ui_zh_catalog
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --db "$DB" --today $TODAY
wait_for "1 概览" && ui_keys 5
check "检查: listed" wait_for "先锋岗/单位"
shot && cells 20 "先锋岗/单位" "检查员" >"$UI_TMP/cells"
check "... each post or unit with its department (not 治安许可…审批处)" all_departments
check "... one form of ›" one_form
ui_keys 2
wait_for "先锋岗 · 排序" && wait_line "$CODE" && ui_keys Enter
ui_keys 4
# the open ones, overdue, supervised: the title's words take more room
wait_for "已关联" && ui_keys f
wait_for "F2" && ui_keys Tab Tab Right Tab Space C-s
wait_gone "F2" && ui_keys /
wait_for "搜索" && ui_text "窗口" && ui_keys Enter
check "投诉, linked with a search: the post's code whole" wait_cond title_has "($CODE)"
check "... with the key that clears it" title_has "（L 取消）"
ui_keys 3
wait_for "已关联" && ui_keys L  # the post's unit no more
wait_for "承诺兑现 —" && ui_keys m
check "members below a unit: listed" wait_for "及下级单位的党员"
shot && cells '.*M[0-9]' "单位" "承诺" >"$UI_TMP/cells"
check "... each member's unit with its department (not …大厅 › 第1号窗口)" all_departments
check "... one form of ›" one_form
ui_quit
UI_ENV=""
