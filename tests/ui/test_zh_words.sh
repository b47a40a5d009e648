# Sourced by run.sh with lib.sh loaded: words Chinese users met on a working
# day that said something else. In Posts from 100 columns the N key read
# "N 姓名" (a person's name) for naming a post, which the card calls
# "N 命名"; a quarter's evaluations headed the weighted score "结果" where
# Posts and the card say "得分". At 80 columns an inspection of a post set
# up at a department itself lost the department ("综合受理先锋岗 …"), which
# tells the posts of one title apart.
ME=$(id -un)
TODAY=2026-11-26
DB="$UI_TMP/zw.db"
CFG="$UI_TMP/zw.cfg"
cat >"$CFG" <<EOF2
access = { service_account = "$ME"; };
users = (
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; },
    { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; }
);
EOF2
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "fixture: the small demo" [ $? -eq 0 ]

# hint_line: the Posts list's last line but the status line (its keys).
hint_line() { ui_screen | grep -F "M " | grep -F "/ " | tail -1; }
hint_has() { hint_line | grep -qF -- "$1"; }
hint_lacks() { ! hint_line | grep -qF -- "$1"; }
header_has() { ui_screen | sed -n 3p | grep -qF -- "$1"; }
header_lacks() { ! ui_screen | sed -n 3p | grep -qF -- "$1"; }

# The catalogue the binary reads, made again when po/zh_CN.po is newer.
MO="$(dirname "$XF")/locale/zh_CN/LC_MESSAGES/xianfeng.mo"
PO="$UI_DIR/../../po/zh_CN.po"
if [ ! -s "$MO" ] || [ "$PO" -nt "$MO" ]; then
    mkdir -p "$(dirname "$MO")" && msgfmt -o "$MO" "$PO"
fi

UI_ENV="LANGUAGE=zh_CN"
ui_start 120 40 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "6 测评" && ui_keys 2
check "120 columns, zh_CN: Posts' keys name a post with N 命名" wait_cond hint_has "N 命名"
check "... not N 姓名 (a person's name)" hint_lacks "N 姓名"
check "... beside R 撤销" hint_has "R 撤销"
ui_keys 6
wait_for "测评按季度统计" && ui_keys Home Enter
check "zh_CN: a quarter's evaluations head the weighted score 得分, as Posts does" \
    wait_cond header_has "群众   得分 结论"
check "... and not 结果" header_lacks "结果"
ui_quit
UI_ENV=""

ui_start 120 40 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "6 Evaluations" && ui_keys 2
check "120 columns, en: Posts' keys still say N name" wait_cond hint_has "N name"
ui_keys 6
wait_for "Evaluations by quarter" && ui_keys Home Enter
check "en: a quarter's evaluations head the score Score" wait_cond header_has "Public  Score Pass"
ui_quit

# Inspections of posts whose unit is a department (one name), with more
# text than the 80-column Post / unit column holds (16 cells in Chinese):
# one whose department fits beside a cut title, and one whose does not.
insp_at_dept() {
    dbq "SELECT i.code || ' ' || u.name || ' ' || substr(p.title, 1, 2) FROM inspection i
         JOIN post p ON p.id = i.post_id JOIN unit u ON u.id = p.unit_id
         WHERE u.parent_id IS NULL AND length(p.title) >= 7 AND $1 ORDER BY i.code LIMIT 1"
}
set -- $(insp_at_dept "length(u.name) BETWEEN 3 AND 4")
SCODE=$1 SUNIT=$2
set -- $(insp_at_dept "length(u.name) >= 6")
LCODE=$1 LUNIT=$2 LHEAD=$3
check "fixture: inspections of posts set up at a department" [ -n "$SUNIT" ] && [ -n "$LHEAD" ]
row() { ui_screen | sed -n 4p; }
row_keeps_unit() { row | grep -F "…$SUNIT" | grep -qvF " …"; }
row_keeps_title() { row | grep -qF "$LHEAD"; }
find_code() {
    ui_keys /
    wait_for "搜索检查" && ui_keys C-u && ui_text "$1" && ui_keys Enter
    wait_for "/$1 (1)"
}
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "5 检查" && ui_keys 5
wait_for "先锋岗/单位" && find_code "$SCODE"
check "80 columns, zh_CN: the post's row keeps its department ($SUNIT), the title cut" \
    wait_cond row_keeps_unit
ui_keys Escape
wait_gone "/$SCODE" && find_code "$LCODE"
check "... and where both do not fit, the post's title ($LHEAD…), not $LUNIT alone" \
    wait_cond row_keeps_title
ui_quit
UI_ENV=""
