# Sourced by run.sh with lib.sh loaded: words a Chinese organiser met on a
# working day that said something else. In Posts from 100 columns the N key
# read "N 姓名" (a person's name) for naming a post, which the card calls
# "N 命名"; a quarter's evaluations headed the weighted score "结果" where
# Posts and the card say "得分".
ME=$(id -un)
TODAY=2026-11-26
DB="$UI_TMP/zw.db"
CFG="$UI_TMP/zw.cfg"
cat >"$CFG" <<EOF2
access = { service_account = "$ME"; };
users = ( { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; } );
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
