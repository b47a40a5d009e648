# Sourced by run.sh with lib.sh loaded: an inspector following up their
# own checks, and those of a period (the inspector trial's first wish).
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/checks.cfg"
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "jc_wuhao"; name = "吴昊"; role = "inspector"; scopes = []; },
    { login = "zz_lihua"; name = "李华"; role = "organiser"; scopes = []; }
);
EOF
DB="$UI_TMP/checks.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "checks: demo database built" [ $? -eq 0 ]

# The cursor goes to one of jc_wuhao's checks of this month, not the top
# row: the filter must keep it there.
MINE=$(dbq "SELECT code FROM inspection WHERE inspector = 'jc_wuhao' AND on_date >= '2026-11-01'
            ORDER BY on_date, id LIMIT 1")
N_MONTH=$(dbq "SELECT count(*) FROM inspection WHERE inspector = 'jc_wuhao'
               AND on_date BETWEEN '2026-11-01' AND '2026-11-30'")
check "db: jc_wuhao has checks this month ($N_MONTH)" [ -n "$MINE" ] && [ "$N_MONTH" -lt 30 ]

ui_start 120 40 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 5
wait_for "Inspections · newest first"
# A sample check's counts say which is which: failed of checked (the
# column said "Samples" over "3/120", the detail "120 checked, 3 failed").
SAMPLE=$(dbq "SELECT code || '|' || samples_failed || '/' || samples_checked FROM inspection
              WHERE kind = 'sample' ORDER BY on_date DESC, id DESC LIMIT 1")
check "samples: the column says failed / all" line_has "Result" "Bad/all" "Rectif."
check "samples: ... over the newest sample check's counts" \
    line_has "${SAMPLE%%|*}" "${SAMPLE#*|}"
i=0
while ! selected_has "$MINE" && [ $i -lt 60 ]; do ui_keys Down; sleep 0.05; i=$((i + 1)); done
check "checks: the cursor on $MINE" selected_has "$MINE"

ui_keys f
wait_for "Filter inspections"
ui_keys Tab Tab Tab Right
check "checks: this week fills in Monday to Sunday" \
    wait_cond line_has "From date" "2026-11-23"
check "checks: ... to Sunday" line_has "To date" "2026-11-29"
ui_keys Right
check "checks: this month, the 1st to the 30th" wait_cond line_has "From date" "2026-11-01"
check "checks: ... to the 30th" line_has "To date" "2026-11-30"
check "checks: an inspector is offered their own checks" line_has "Checks" "anyone's"
ui_keys Tab Tab Tab Right
wait_cond line_has "Checks" "mine"
ui_keys F2
check "checks: the title says whose and when" \
    wait_for "Inspections · my checks · 2026-11-01 … 2026-11-30 · newest first"
check "checks: the cursor stayed on $MINE" selected_has "$MINE"
# Every row listed is theirs and of the month: as many rows as the
# database has, and no one else's name.
rows_listed() { [ "$(ui_screen | grep -c '^2026-11-')" = "$N_MONTH" ]; }
check "checks: the month's $N_MONTH checks of jc_wuhao, no more" wait_cond rows_listed
check "checks: ... none of another inspector" sh -c '! tmux -L "$1" capture-pane -p -t xf |
    grep -q "jc_linna\|jc_hujun\|jc_xuting\|jc_gaopeng\|jc_zhuwei\|林娜\|胡军\|徐婷\|高鹏\|朱伟"' sh "$XF_SOCK"

# Days typed over the month's: the period says "these days"; days out
# of order are refused beside the field, and the list stays.
ui_keys f
wait_for "Filter inspections"
ui_keys Tab Tab Tab Tab C-u
ui_text "2026-11-30"
check "checks: a day typed makes the period these days" wait_cond line_has "Period" "these days"
ui_keys Tab C-u
ui_text "2026-11-01"
ui_keys F2
check "checks: days out of order refused, naming them" wait_for "before it begins"
ui_keys Escape
wait_for "Discard" 2 && ui_keys y
wait_gone "Filter inspections"
check "checks: ... the filter as it was" wait_for "my checks · 2026-11-01 … 2026-11-30"

# Esc clears it all, and the cursor stays on its check.
ui_keys Escape
check "checks: Esc clears the filter" wait_for "Inspections · newest first"
check "checks: ... the cursor still on $MINE" selected_has "$MINE"
ui_quit

# An organiser has no checks of their own: not offered.
ui_start 80 24 --config "$CFG" --login zz_lihua --db "$DB" --today $TODAY
wait_for "李华"
ui_keys 5
wait_for "Inspections · newest first"
ui_keys f
wait_for "Filter inspections"
check "checks: an organiser gets the period" wait_for "Period"
check "checks: ... not 'my checks'" absent "Checks"
ui_keys Escape
ui_quit

# In Chinese, at 80x24.
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 5
wait_for "检查"
# 总数, not 抽检: the column counts a checklist check's items too
check "zh: the samples column says 不合格/总数" line_has "结果" "不合格/总数"
ui_keys f
wait_for "筛选"
ui_keys Tab Tab Tab Right Right Tab Tab Tab Right F2
check "zh: the title says my checks and the month" wait_for "我的检查 · 2026-11-01 … 2026-11-30"
UI_ENV=""
ui_quit

# ---- the post card: the post's last checks, and where to log one -----------
# The post with the most checks; its newest failed one's rectification
# made open and overdue (as a unit that did nothing would leave it).
PI=$(dbq "SELECT post_id FROM inspection WHERE post_id IS NOT NULL
          GROUP BY post_id ORDER BY count(*) DESC, post_id LIMIT 1")
POSTI=$(dbq "SELECT code FROM post WHERE id = $PI")
FAILED=$(dbq "SELECT id FROM inspection WHERE post_id = $PI AND result = 'fail'
              ORDER BY on_date DESC, id DESC LIMIT 1")
db_raw "$DB" "UPDATE rectification SET status = 'open', done_on = NULL, done_note = NULL,
     verified_by = NULL, verified_on = NULL, due_on = '2026-11-20' WHERE inspection_id = $FAILED;"
F_DATE=$(dbq "SELECT on_date FROM inspection WHERE id = $FAILED")
F_KIND=$(dbq "SELECT CASE kind WHEN 'sample' THEN 'sample' ELSE 'unann.' END
              FROM inspection WHERE id = $FAILED")
PASSED=$(dbq "SELECT on_date || '|' || CASE kind WHEN 'sample' THEN 'sample' ELSE 'unann.' END
              FROM inspection WHERE post_id = $PI AND result = 'pass'
              ORDER BY on_date DESC, id DESC LIMIT 1")
check "db: $POSTI has a failed check ($F_DATE) and a passed one ($PASSED)" \
    [ -n "$F_DATE" ] && [ -n "$PASSED" ]
ui_start 80 24 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 2 /
wait_for "Search"
ui_text "$POSTI"
ui_keys Enter
wait_for "$POSTI"
ui_keys Enter
check "card: opens" wait_for "Post $POSTI"
check "card: an inspector is offered a new check" wait_for "n new check"
ui_keys End
check "card: the checks have their kind, result and rectification" \
    wait_for "Inspections (date, kind, result, rectif.)"
check "card: the failed check, its rectification overdue and since when" \
    line_has "$F_DATE" "$F_KIND" "fail" "overdue 2026-11-20"
check "card: a passed check, no rectification" \
    line_has "${PASSED%%|*}" "${PASSED#*|}" "pass"
check "card: ... and where they are" wait_for "5 opens them in Inspections"
# n: not "may not change posts", but where a check of it is logged.
ui_keys n
check "card: n says where a check of this post is logged" \
    wait_for "A check of $POSTI is logged in Inspections: 5, then n."
ui_keys 5
check "card: 5 lists the post's checks" wait_for "linked to"
ui_keys n
check "card: ... and n there starts from the post" wait_cond line_has "Post or unit" "$POSTI"
ui_keys Escape
wait_gone "Post or unit"
ui_quit

UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 2 /
ui_text "$POSTI"
ui_keys Enter
wait_for "$POSTI"
ui_keys Enter End
check "zh card: the checks' heading in Chinese" wait_for "检查（日期、类型、结果、整改）"
check "zh card: ... the overdue rectification" line_has "$F_DATE" "不合格" "逾期 2026-11-20"
UI_ENV=""
ui_quit

# ---- long findings wrap in the detail (they ran off its right edge) ---------
LONG="1.公示牌未按规定悬挂在窗口醒目位置，群众进门后无法第一时间看到岗位人员姓名、职务和服务范围，且投诉电话一栏被宣传材料遮挡，现场询问两名办事群众均表示不知道可以投诉结尾甲"
LID=$(dbq "SELECT id FROM inspection WHERE post_id = $PI ORDER BY on_date DESC, id DESC LIMIT 1")
db_raw "$DB" "UPDATE inspection SET findings = '$LONG' || char(10) || '2.登记簿https://example.gov.cn/a/very/long/address/without/spaces/going/on/and/on/尾乙' WHERE id = $LID;"
ui_start 80 24 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 2 /
ui_text "$POSTI"
ui_keys Enter
wait_for "$POSTI"
ui_keys 5
wait_for "linked to"
ui_keys Home Enter
wait_for "Findings"
ui_keys End
check "detail: a long finding wraps: its end is in the box" wait_for "投诉结尾甲"
check "detail: ... and an address without spaces too" wait_for "尾乙"
inside() { [ "$(ui_screen | LC_ALL=C.UTF-8 wc -L)" -le 80 ]; } # display cells
check "detail: ... no line past 80 columns" inside
ui_keys q
wait_gone "Findings"
ui_quit

# ---- the running result while items are unticked (zh, 80x24) ----------------
# With inspection_fail_rate 0.2, 1 failed of 4 ticked read 不合格（还有 1
# 项待勾选）, as if the check were over, and the fifth item's pass made it
# 合格: only what is decided is said.
PART=$(dbq "SELECT substr(title, 1, 4) FROM post WHERE status IN ('published','named')
            ORDER BY code LIMIT 1")
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 5
wait_for "检查"
ui_keys n
wait_for "新建检查"
ui_text "$PART"
wait_for "$PART"
ui_keys Enter F2
wait_for "公示牌悬挂到位"
ui_keys p p f p
check "zh running: 1 failed of 4 ticked is not decided" \
    wait_for "待定：还有 1 项待勾选，已有 1 项不合格"
check "zh running: ... not judged a fail" absent "不合格（还有"
# The fourth failed too, the fifth unticked: 2 of 5 is above 20% even if
# the last passes.
ui_keys Up f
check "zh running: 2 failed with 1 left is decided" \
    wait_for "已定不合格：2/5 项不合格，其余都合格也超过 20.0%（还有 1 项待勾选）"
ui_keys Up p
wait_for "待定：还有 1 项待勾选"
ui_keys p
check "zh running: the fifth passes: 合格, saying one item failed within the rate" \
    wait_for "结果：合格，1 项不合格（未超过 20.0%） · 按 Enter 继续"
ui_keys Escape
wait_for "地点和内容" && ui_keys Escape
wait_for "放弃" && ui_keys y
wait_gone "新建检查"
UI_ENV=""
ui_quit

# ---- a passed check with a failed item (zh, 80x24) ------------------------------
# It read as clean: the row said plain 合格 and r said 检查合格：无需整改.
# The row and the detail say it had a failed item, and the inspector can
# still order it put right; reported done by the organiser and verified
# by the inspector, the row shows the day it was verified, not the
# deadline ahead, and the detail says who reported and who verified it.
PCODE=$(dbq "SELECT code FROM inspection WHERE result = 'pass' AND items_failed = 1
             AND post_id IS NOT NULL AND kind = 'unannounced'
             AND id NOT IN (SELECT inspection_id FROM rectification)
             ORDER BY on_date DESC, id DESC LIMIT 1")
PID=$(dbq "SELECT id FROM inspection WHERE code = '$PCODE'")
check "db: a passed check with one failed item ($PCODE)" [ -n "$PCODE" ]
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 5
wait_for "检查"
ui_keys /
wait_for "搜索" && ui_text "$PCODE" && ui_keys Enter
wait_for "/$PCODE"
check "zh pass: the row says one item failed (不合格/总数)" wait_cond line_has "合格 " " 1/"
ui_keys Enter
check "zh pass: the detail says it too" wait_for "结果：合格（1项不合格）"
ui_keys q
wait_gone "结果：合格（1项不合格）"
ui_keys r
check "zh pass: r offers to rectify the failed items" wait_for "整改 $PCODE 的不合格项（检查合格）"
check "zh pass: ... not that none is needed" absent "无需整改"
check "zh pass: ... with a deadline" wait_for "整改期限"
ui_keys F2
check "zh pass: ordered" wait_for "已对 $PCODE 下达整改。"
check "db: an open rectification of the passed check, by jc_wuhao" \
    db_wait "SELECT r.status || '|' || h.actor FROM rectification r JOIN history h
             ON h.entity = 'rectification' AND h.entity_id = r.id
             AND h.action = 'rectification.order' WHERE r.inspection_id = $PID" "open|jc_wuhao"
check "db: ... the check still passed" [ "$(dbq "SELECT result FROM inspection WHERE id = $PID")" = pass ]
DUE_P=$(dbq "SELECT due_on FROM rectification WHERE inspection_id = $PID")
check "zh pass: the row shows it open, due $DUE_P" wait_cond line_has "合格 " " 1/" "未结" "$DUE_P"
UI_ENV=""
ui_quit

UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --login zz_lihua --db "$DB" --today $TODAY
wait_for "李华"
ui_keys 5
wait_for "检查"
ui_keys /
wait_for "搜索" && ui_text "$PCODE" && ui_keys Enter
wait_for "/$PCODE"
ui_keys r
wait_for "整改内容"
ui_text "公示牌已扶正"
ui_keys Enter
check "zh pass: the organiser reports it done" wait_for "已报告 $PCODE 整改完成。"
UI_ENV=""
ui_quit

UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 5
wait_for "检查"
ui_keys /
wait_for "搜索" && ui_text "$PCODE" && ui_keys Enter
wait_for "/$PCODE"
ui_keys r
wait_for "验收：问题已整改到位" && ui_keys 1
wait_for "验收 $PCODE 的整改？" && ui_keys y
check "zh verified: verified" wait_for "$PCODE 的整改已验收。"
check "zh verified: the row shows the day it was verified" wait_cond line_has "已验收" "$TODAY"
check "zh verified: ... not the deadline ahead ($DUE_P)" absent "$DUE_P"
ui_keys Enter
wait_for "结果：合格（1项不合格）"
ui_keys End
check "zh verified: who reported it done, as sentences with a person read" \
    wait_for "李华 (zz_lihua) 于 $TODAY 报告完成：公示牌已扶正"
check "zh verified: who verified it" wait_for "吴昊 (jc_wuhao) 于 $TODAY 验收"
ui_keys q
UI_ENV=""
ui_quit
