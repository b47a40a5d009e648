# Sourced by run.sh with lib.sh loaded: words Chinese users met on a working
# day that said something else. In Posts from 100 columns the N key read
# "N 姓名" (a person's name) for naming a post, which the card calls
# "N 命名"; a quarter's evaluations headed the weighted score "结果" where
# Posts and the card say "得分". At 80 columns an inspection of a post set
# up at a department itself lost the department ("综合受理先锋岗 …"), which
# tells the posts of one title apart.
TODAY=2026-11-26
DB="$UI_TMP/zw.db"
CFG="$UI_TMP/zw.cfg"
ui_config_users liu.yang \
    '{ login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; }' \
    '{ login = "wang.li"; name = "王丽"; role = "supervisor"; scopes = []; }' \
    '{ login = "ouyang.xiaoming"; name = "欧阳晓明"; role = "organiser"; scopes = []; }' \
    '{ login = "gao.li"; name = "高丽"; role = "admin"; scopes = []; }' >"$CFG"
X init >/dev/null && X demo >/dev/null
check "fixture: the small demo" [ $? -eq 0 ]

# hint_line: the Posts list's last line but the status line (its keys).
hint_line() { ui_screen | grep -F "M " | grep -F "/ " | tail -1; }
hint_has() { hint_line | grep -qF -- "$1"; }
hint_lacks() { ! hint_line | grep -qF -- "$1"; }
header_has() { ui_screen | sed -n 3p | grep -qF -- "$1"; }
header_lacks() { ! ui_screen | sed -n 3p | grep -qF -- "$1"; }

# The catalogue the binary reads, made again when po/zh_CN.po is newer.
ui_zh_catalog

UI_ENV="LANGUAGE=zh_CN"
ui_start 120 40 $(ui_args liu.yang)
# N and R are offered on a published post (not on XFG-00001, named): the
# cursor goes down to the first one
PUB_AT=$(dbq "SELECT count(*) FROM post WHERE code <
    (SELECT min(code) FROM post WHERE status = 'published')")
to_published() { i=0; while [ $i -lt "$PUB_AT" ]; do ui_keys Down; i=$((i + 1)); done; }
wait_for "6 测评" && ui_keys 2
to_published
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

ui_start 120 40 $(ui_args liu.yang)
wait_for "6 Evaluations" && ui_keys 2
to_published
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
ui_start 80 24 $(ui_args li.na)
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

# A trial in Chinese read one thing under two names and states that did
# not read as one family. A code is 代码 in every list and form; the
# searches said 编码.
UI_ENV="LANGUAGE=zh_CN"
ui_start 120 40 $(ui_args liu.yang)
wait_for "6 测评" && ui_keys 2
wait_for "先锋岗" && ui_keys /
check "zh_CN: the Posts search asks for a 代码, as the lists head it" wait_for "代码、名称、持岗人、单位"
check "... not 编码" absent "编码"
ui_keys Escape
wait_gone "代码、名称、持岗人、单位"
ui_keys 3
wait_for "承诺兑现 —" && ui_keys /
check "zh_CN: the Pledges search too: 名称或代码" wait_for "名称或代码"
check "... not 编码" absent "编码"

# A pledge not yet due is in progress (进行中), not 未兑现 ("not kept",
# read as broken); one past its day is overdue (逾期).
PM=$(dbq "SELECT m.code FROM pledge p JOIN member m ON m.id = p.member_id GROUP BY m.id
          HAVING sum(p.status = 'open' AND p.due_on >= '$TODAY') > 0
             AND sum(p.status = 'open' AND p.due_on < '$TODAY') > 0 ORDER BY m.code LIMIT 1")
PLATE=$(dbq "SELECT p.due_on FROM pledge p JOIN member m ON m.id = p.member_id
             WHERE m.code = '$PM' AND p.status = 'open' AND p.due_on < '$TODAY' LIMIT 1")
PNEXT=$(dbq "SELECT p.due_on FROM pledge p JOIN member m ON m.id = p.member_id
             WHERE m.code = '$PM' AND p.status = 'open' AND p.due_on >= '$TODAY' LIMIT 1")
# its row in the member's list (by id)
PRANK=$(dbq "SELECT count(*) FROM pledge p JOIN member m ON m.id = p.member_id
             WHERE m.code = '$PM' AND p.id < (SELECT q.id FROM pledge q WHERE q.member_id = m.id
               AND q.status = 'open' AND q.due_on = '$PNEXT' LIMIT 1)")
check "fixture: a member with an open pledge due and one overdue" [ -n "$PNEXT" ] && [ -n "$PLATE" ]
ui_text "$PM" && ui_keys Enter
wait_for "$PM" && ui_keys Enter
check "zh_CN: the pledge not yet due reads 进行中" wait_cond line_has "$PNEXT" "进行中"
check "... the overdue one 逾期" wait_cond line_has "$PLATE" "逾期"
check "... and none 未兑现" absent "未兑现"
# the detail of the one not yet due, then the keep form of it
k=0
while [ $k -lt "$PRANK" ]; do ui_keys j; k=$((k + 1)); done
wait_cond selected_has "$PNEXT" && ui_keys Enter
check "zh_CN: its detail's status 进行中" wait_cond line_has "状态" "进行中"
ui_keys Escape
wait_gone "按任意键关闭" && ui_keys K
# People are named one way: the name, the login in brackets (the form
# said "liu.yang (刘洋)", the status line "刘洋 (liu.yang)").
check "zh_CN: the keep form names the verifier 刘洋 (liu.yang)" wait_cond line_has "验证人" "刘洋 (liu.yang)"
check "... not the login first" absent "liu.yang (刘洋)"
ui_keys Escape
ui_quit

# The status line keeps the login beside a message too (it said
# "欧阳晓明 · 组织部门" while a message was shown, and
# "欧阳晓明 (ouyang.xiaoming)" otherwise).
status_line() { ui_screen | tail -1; }
status_has() { status_line | grep -qF -- "$1"; }
ui_start 80 24 $(ui_args ouyang.xiaoming)
wait_for "6 测评" && ui_keys 3
check "80 columns: the status line names 欧阳晓明 (ouyang.xiaoming)" \
    wait_cond status_has "欧阳晓明 (ouyang.xiaoming)"
ui_keys K
check "... a message shown beside it" wait_cond status_has "请先选择一条承诺"
check "... still 欧阳晓明 (ouyang.xiaoming)" status_has "欧阳晓明 (ouyang.xiaoming)"
ui_quit

# A complaint just received is 已受理 beside 已分类 and 已派单 (the bare
# verb 受理 read as an action), in the list and the detail; its timeline
# names the demo's supervisor as people know her, not by her login.
CREC=$(dbq "SELECT c.code FROM complaint c JOIN complaint_event e ON e.complaint_id = c.id
            WHERE c.state = 'received' AND e.actor = 'dc_chenjing' ORDER BY c.code LIMIT 1")
check "fixture: a complaint received by dc_chenjing" [ -n "$CREC" ]
ui_start 120 40 $(ui_args wang.li)
wait_for "6 测评" && ui_keys 4
wait_for "投诉 —" && ui_keys /
wait_for "搜索" && ui_text "$CREC" && ui_keys Enter
check "zh_CN: the complaint list says 已受理" wait_cond line_has "$CREC" "已受理"
ui_keys Enter
check "zh_CN: the detail's title says 已受理" wait_cond line_has "$CREC  已受理"
check "zh_CN: its timeline names 陈静 (dc_chenjing)" wait_cond line_has "陈静 (dc_chenjing)" "已受理"
check "... never the login alone" eval '! ui_screen | grep -q "  dc_chenjing "'
ui_keys q
ui_quit
# The History list names her 陈静 too: the filter finds her by that name.
ui_start 120 40 $(ui_args gao.li)
wait_for "7 历史" && ui_keys 7
wait_for "最新在前" && ui_keys f
wait_for "用户" && ui_text "陈静" && ui_keys C-s
check "zh_CN: History filtered by the name 陈静 finds dc_chenjing" wait_for "用户 陈静 (dc_chenjing)"
check "... her steps, by name" wait_cond line_has "陈静" "$CREC"
ui_quit
UI_ENV=""

# In English the same: "open" until the day, the person by name first.
ui_start 120 40 $(ui_args liu.yang)
wait_for "6 Evaluations" && ui_keys 3
wait_for "Pledge progress" && ui_keys /
wait_for "Name or code" && ui_text "$PM" && ui_keys Enter
wait_for "$PM" && ui_keys Enter
check "en: the pledge not yet due reads open" wait_cond line_has "$PNEXT" "open"
check "... the overdue one overdue" wait_cond line_has "$PLATE" "overdue"
ui_quit
