# Sourced by run.sh with lib.sh loaded: an inspection's result and its
# follow-ups as the inspector trial read them, in English and in Chinese:
# a pass with failed items or samples says so in the list ("合格·1未过";
# "合格(1×)" was cryptic) and the detail; the rectification forms name the
# failed items; an n.a. that turns the check to a fail says so; the
# checklist's keys stand in the footer; `c` on a pass with failed items
# says what to do; the colleague who inspected the post today is named
# with their login.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/fu.cfg"
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; },
    { login = "zhao.min"; name = "赵敏"; role = "inspector"; scopes = []; },
    { login = "wang.fang"; name = "王芳"; role = "handler"; scopes = []; },
    { login = "gao.li"; name = "高丽"; role = "admin"; scopes = []; }
);
EOF
CFGZH="$UI_TMP/fu-zh.cfg"
{ cat "$CFG"; echo 'interface = { language = "zh_CN"; };'; } >"$CFGZH"
DB="$UI_TMP/fu.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "fu: demo database built" [ $? -eq 0 ]

# Two posts never inspected: one for the imported checks, one for the
# new check in each language.
POST=$(dbq "SELECT code FROM post WHERE status IN ('published','named')
            AND id NOT IN (SELECT post_id FROM inspection WHERE post_id IS NOT NULL)
            ORDER BY code LIMIT 1")
POST2=$(dbq "SELECT code FROM post WHERE status IN ('published','named')
             AND id NOT IN (SELECT post_id FROM inspection WHERE post_id IS NOT NULL)
             ORDER BY code LIMIT 1 OFFSET 1")
POST3=$(dbq "SELECT code FROM post WHERE status IN ('published','named')
             AND id NOT IN (SELECT post_id FROM inspection WHERE post_id IS NOT NULL)
             ORDER BY code LIMIT 1 OFFSET 2")
# 1 item of 5 failed (20%, not above): a pass; 1 sample of 40 (2.5%, not
# above 5%): a pass; li.na's check of POST2 and POST3 today.
printf 'code,kind,template,post_code,inspector,on_date,samples_checked,samples_failed,findings,items,rect_due_on\nXJ-FU-1,unannounced,unannounced,%s,li.na,2026-11-25,0,0,承诺未按时兑现,pass;pass;fail;pass;pass,\nXJ-FU-2,sample,sample,%s,li.na,2026-11-25,40,1,一批次标签不全,pass;pass;pass,\nXJ-FU-3,unannounced,unannounced,%s,li.na,%s,0,0,,pass;pass;pass;pass;pass,\nXJ-FU-4,unannounced,unannounced,%s,li.na,%s,0,0,,pass;pass;pass;pass;pass,\n' \
    "$POST" "$POST" "$POST2" "$TODAY" "$POST3" "$TODAY" >"$UI_TMP/fu.csv"
"$XF" import inspections "$UI_TMP/fu.csv" --db "$DB" --config "$CFG" --login gao.li \
    --today $TODAY >/dev/null
check "db: the two passes with failures imported as passes" \
    [ "$(dbq "SELECT group_concat(code || ':' || result, ' ') FROM
              (SELECT code, result FROM inspection WHERE code IN ('XJ-FU-1','XJ-FU-2') ORDER BY code)")" \
      = "XJ-FU-1:pass XJ-FU-2:pass" ]
ITEM3=$(dbq "SELECT it.label FROM inspection_item it JOIN inspection i ON i.id = it.inspection_id
             WHERE i.code = 'XJ-FU-1' AND it.outcome = 'fail'")
check "db: XJ-FU-1 failed item 3 ($ITEM3)" \
    [ -n "$ITEM3" ] && [ "$(dbq "SELECT it.item_no FROM inspection_item it JOIN inspection i
                                  ON i.id = it.inspection_id WHERE i.code = 'XJ-FU-1'
                                  AND it.outcome = 'fail'")" = 3 ]
ID1=$(dbq "SELECT id FROM inspection WHERE code = 'XJ-FU-1'")

soon_line_has() { wait_cond line_has "$@"; }

search() {
    ui_keys /
    wait_for "$1" 2 >/dev/null
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -q "Search\|搜索"' sh "$XF_SOCK"
    ui_keys C-u
    ui_text "$2"
    ui_keys Enter
}

# ---- 1 and 5: the list says a pass had failures, at 80 columns -----------------
ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
search "Search" "XJ-FU-1"
check "list: a pass with a failed item says how many (Bad/all)" soon_line_has "2026-11-25" "pass " " 1/"
check "list: ... not the cryptic form" absent "(1×)"
search "Search" "XJ-FU-2"
check "list: a sample check passed with a failed sample says so" \
    soon_line_has "2026-11-25" "pass " "1/40"
ui_keys Enter
check "detail: the result says the sample failed" wait_for "Result: PASS (1 sample failed)"
ui_keys q
wait_gone "Result: PASS"
check "list en: q quits" quit_with 0

ui_start 80 24 --config "$CFGZH" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "检查 · 最新在前"
search "搜索" "XJ-FU-1"
check "列表: 合格但有不合格项，说明几项" soon_line_has "2026-11-25" "合格 " " 1/"
check "列表: ... 不再是 (1×)" absent "(1×)"
search "搜索" "XJ-FU-2"
check "列表: 抽检合格但有样品不合格" soon_line_has "2026-11-25" "合格 " "1/40"
ui_keys Enter
check "详情: 结果说明样品不合格" wait_for "合格（1个样品不合格）"
ui_keys q
check "list zh: q quits" quit_with 0

# ---- 6 and 2: c on a pass with a failed item; r names the failed item --------
ui_start 100 30 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
search "Search" "XJ-FU-1"
soon_line_has "2026-11-25" "pass " " 1/" && ui_keys Enter
wait_for "Result: PASS (1 item failed)"
ui_keys c
check "c: a pass with failed items says what follows them up" \
    wait_for "Passed, so no complaint: r orders the failed items put right."
check "db: no complaint raised" [ "$(dbq "SELECT count(*) FROM inspection_complaint WHERE inspection_id = $ID1")" = 0 ]
ui_keys r
check "r: the order form" wait_for "Rectify the failed items of XJ-FU-1 (it passed)"
check "r: ... names the failed item" soon_line_has "Failed items" "3. $ITEM3"
check "r: ... and the findings" line_has "Findings" "承诺未按时兑现"
ui_keys F2
check "r: ordered" wait_for "Rectification of XJ-FU-1 ordered."
check "db: the rectification is open" \
    wait_cond sh -c '[ "$(sqlite3 "$1" "SELECT status FROM rectification WHERE inspection_id = $2")" = open ]' \
    sh "$DB" "$ID1"
ui_keys c
check "c: once ordered, it says the rectification has them" \
    wait_for "Passed, so no complaint: the failed items are in its rectification (r)."
check "db: still no complaint" [ "$(dbq "SELECT count(*) FROM inspection_complaint WHERE inspection_id = $ID1")" = 0 ]
ui_keys q
check "c en: q quits" quit_with 0

# The handler reporting it done reads which item in Chinese.
ui_start 100 30 --config "$CFGZH" --login wang.fang --db "$DB" --today $TODAY
wait_for "王芳" && ui_keys 5
wait_for "检查 · 最新在前"
search "搜索" "XJ-FU-1"
soon_line_has "2026-11-25" "合格 " " 1/" && ui_keys r
check "整改完成表: 列出不合格项" soon_line_has "不合格项" "3. $ITEM3"
ui_text "已按承诺时限办结"
ui_keys Enter
check "db: reported done" \
    wait_cond sh -c '[ "$(sqlite3 "$1" "SELECT status FROM rectification WHERE inspection_id = $2")" = done ]' \
    sh "$DB" "$ID1"
check "handler zh: q quits" quit_with 0

# Chinese c on the other pass (its rectification not ordered).
ui_start 100 30 --config "$CFGZH" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "检查 · 最新在前"
search "搜索" "XJ-FU-2"
soon_line_has "2026-11-25" "合格 " "1/40" && ui_keys Enter
wait_for "合格（1个样品不合格）" && ui_keys c
check "c 中文: 说明如何处理" wait_for "合格，不能据此投诉：按 r 下达不合格项的整改。"
ui_keys q
wait_gone "合格（1个样品不合格）"
check "c zh: q quits" quit_with 0

# ---- 7, 4 and 3: a colleague's check today; the checklist; an n.a. -------------
# zhao.min checks POST2, which li.na checked today; ticks p p n f p: 1 of
# 4 applicable failed, 25% (1 of 5 would be 20%, a pass).
new_check() { # config, post, wanted question text, ...
    ui_keys n
    wait_for "$3"
    ui_text "$2"
    wait_cond line_has "$2"
    ui_keys Enter F2
}
ui_start 80 24 --config "$CFG" --login zhao.min --db "$DB" --today $TODAY
wait_for "赵敏" && ui_keys 5
wait_for "Inspections · newest first"
new_check "$CFG" "$POST2" "New inspection"
check "same day: the colleague named with their login" \
    wait_for "by 李娜 (li.na)"
ui_keys y
check "checklist: the footer names the checklist's keys" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | tail -2 | head -1 | grep -q "p pass  f fail  n n.a."' sh "$XF_SOCK"
check "checklist: ... not the list's" absent "n new inspection"
ui_keys p p n f
check "n.a.: the outlook says the n.a. made it a fail" \
    wait_for "Marked n.a.: 1 of 4 items failed, over 20.0%: FAIL whatever the rest"
ui_keys p
check "n.a.: the result says so" \
    wait_for "Marked n.a.: 1 of 4 items failed, over 20.0%: now FAIL · Enter goes on"
ui_keys Enter
wait_for "FAIL — unannounced inspection"
ui_text "办理时限超期"
ui_keys C-s
check "n.a.: logged" wait_for "logged."
check "db: the check failed, item 3 n.a., item 4 failed" \
    wait_cond sh -c '[ "$(sqlite3 "$1" "SELECT i.result || group_concat(it.outcome, \",\") FROM inspection i
        JOIN post p ON p.id = i.post_id JOIN inspection_item it ON it.inspection_id = i.id
        WHERE p.code = '"'$POST2'"' AND i.inspector = '"'zhao.min'"' ORDER BY it.item_no")" = "failpass,pass,na,fail,pass" ]' sh "$DB"
check "colleague en: q quits" quit_with 0

ui_start 80 24 --config "$CFGZH" --login zhao.min --db "$DB" --today $TODAY
wait_for "赵敏" && ui_keys 5
wait_for "检查 · 最新在前"
new_check "$CFGZH" "$POST3" "新建检查"
check "同日: 检查人带登录名" wait_for "检查人 李娜 (li.na)（合格）"
ui_keys y
check "检查表: 底部提示检查表的按键" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | tail -2 | head -1 | grep -q "p 合格  f 不合格  n 不适用"' sh "$XF_SOCK"
check "检查表: ... 不是列表的按键" absent "n 新建检查"
ui_keys p p n f
check "不适用: 预计结果说明" wait_for "标为不适用后：1/4 项不合格，超过 20.0%，其余全合格也不合格"
ui_keys p
check "不适用: 结果说明" wait_for "标为不适用后：1/4 项不合格，超过 20.0%，结果变为不合格"
ui_keys Escape
wait_for "新建检查：地点和内容" && ui_keys Escape
wait_for "放弃所做的修改？" && ui_keys y
check "db: nothing logged of POST3 by zhao.min" \
    [ "$(dbq "SELECT count(*) FROM inspection i JOIN post p ON p.id = i.post_id
              WHERE p.code = '$POST3' AND i.inspector = 'zhao.min'")" = 0 ]
wait_gone "新建检查：地点和内容"
check "colleague zh: q quits" quit_with 0

# ---- the post card's short form of a pass with failures ---------------------
# "pass·1bad" read as a typo: "pass·1 bad", the word of the list's Bad/all
# column; 合格·1未过 in Chinese, as before.
card_of() { # $1: the config, $2: the Posts pane's title, $3: the card's title word
    ui_start 120 40 --config "$1" --login li.na --db "$DB" --today $TODAY
    wait_for "李娜" && ui_keys 2
    wait_for "$2" && ui_keys /
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -q "Search\|搜索"' sh "$XF_SOCK"
    ui_text "$POST" && ui_keys Enter
    wait_for "/ $POST" && ui_keys Enter
    wait_for "$3 $POST"
}
card_of "$CFG" "Posts · sort: code" "Post"
check "card: a pass with a failed item says how many" soon_line_has "2026-11-25" "pass·1 bad"
check "card: ... not the typo-like pass·1bad" absent "pass·1bad"
check "card en: q quits" quit_with 0
card_of "$CFGZH" "先锋岗 · 排序" "先锋岗"
check "卡片: 合格但有不合格项，说明几项" soon_line_has "2026-11-25" "合格·1未过"
check "card zh: q quits" quit_with 0
