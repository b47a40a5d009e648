# Sourced by run.sh with lib.sh loaded: the Posts and Evaluations panes.
# An organiser sets up a post, publishes it, enters a passing evaluation and
# names it; a revoked post cannot be named; the post card shows the notice
# with CJK aligned; the demo's CJK-heavy list aligns at 80 and 61 columns.
ME=$(id -un)
TODAY=2026-11-26
# The organiser's journey is in December: a post published that week can
# be evaluated for 2026Q4 from the quarter's last month on.
JTODAY=2026-12-03
CFG="$UI_TMP/posts.cfg"
ALIGN="$UI_DIR/posts_align.py"
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; },
    { login = "wang.lei"; name = "王磊"; role = "viewer"; scopes = []; }
);
EOF

q() { sqlite3 "$1" "$2"; }

# line_has TEXT...: one screen line holds every TEXT.
line_has() {
    ui_screen | awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i]; ARGC = 1 }
        { hit = 1; for (i = 1; i <= n; i++) if (index($0, want[i]) == 0) hit = 0; if (hit) f = 1 }
        END { exit !f }' "$@"
}

# from_end N RE: the Nth line from the screen's foot matches RE.
from_end() { ui_screen | tail -n "$1" | head -n 1 | grep -q -- "$2"; }

# new_db PATH: init + the small demo, through the command line.
new_db() {
    "$XF" --db "$1" init >/dev/null && "$XF" --db "$1" --today $TODAY demo >/dev/null
}

# wait_sql DB SQL WANT: polls until the query gives WANT (reads only).
wait_sql() {
    tries=50
    while [ $tries -gt 0 ]; do
        [ "$(q "$1" "$2")" = "$3" ] && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    echo "     | $2 -> $(q "$1" "$2") (want $3)"
    return 1
}

# align_ok W: the Posts list on screen is aligned for a W-column terminal.
align_ok() {
    ui_screen >"$UI_TMP/screen.txt"
    python3 "$ALIGN" "$UI_TMP/screen.txt" "$1" "$DB"
}

# box_aligned: every line of the sign's box ends in its right border at the
# same display column (CJK counted as 2 cells).
box_aligned() {
    ui_screen | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
ends = set()
for line in sys.stdin.read().split("\n"):
    if line.startswith(("\u2502", "\u250c", "\u251c", "\u2514")):
        cut = min(i for i in (line.find(c, 1) for c in "\u2502\u2510\u2524\u2518") if i > 0)
        ends.add(w(line[:cut + 1]))
sys.exit(0 if len(ends) == 1 else 1)'
}

journey() {
    W=$1; H=$2
    DB="$UI_TMP/posts-$W.db"
    rm -f "$DB"
    new_db "$DB"
    check "$W x $H: demo database built" [ $? -eq 0 ]
    REVOKED=$(q "$DB" "SELECT code FROM post WHERE status='revoked' ORDER BY code LIMIT 1")

    ui_start "$W" "$H" --config "$CFG" --login liu.yang --db "$DB" --today $JTODAY
    ui_keys 2
    check "$W x $H: Posts list" wait_for "Posts · sort: code"
    check "$W x $H: list shows demo posts" wait_for "XFG-00001"
    LAST=$(q "$DB" "SELECT max(code) FROM post")
    ui_keys End
    check "$W x $H: End shows the last post, above the status line" wait_for "$LAST"
    check "$W x $H: ... on the pane's last line, above its keys" \
        [ "$(ui_line_of "$LAST")" = $((H - 2)) ]
    # (P, N and R only where the post under the cursor is open to them: the
    # last post is not proposed)
    check "$W x $H: the keys of the list on its last line" \
        [ "$(ui_line_of "/ search  f filter  s sort")" = $((H - 1)) ]
    check "$W x $H: ... an organiser's among them" line_has "Enter detail" "n new" "M projects"
    ui_keys Home
    wait_for "XFG-00001"
    ui_keys L # the moves linked the other panes to a post: not wanted below

    # ---- new post ----
    ui_keys n
    check "$W x $H: n opens the new post form" wait_for "New post"
    ui_text "城建委"
    check "$W x $H: unit picker searches as you type" wait_for "D001 市城建委"
    check "$W x $H: ... units named from the department down, as in every form" \
        wait_for "D001-01 市城建委 › "
    ui_keys Enter
    ui_keys Tab Tab
    ui_text "绿色通道先锋岗"
    ui_keys Tab Tab
    ui_text "王小明"
    ui_keys Tab
    ui_text "窗口长"
    ui_keys Tab
    ui_text "不动产登记咨询与受理"
    ui_keys Tab
    ui_text "0451-12345"
    ui_keys Tab
    ui_text "一次性告知"
    ui_keys Tab
    ui_text "当日办结"
    ui_keys Tab
    ui_text "零差错"
    ui_keys Tab
    ui_text "微笑服务"
    ui_keys F2
    check "$W x $H: the new post is saved as proposed" \
        wait_sql "$DB" "SELECT status||'/'||holder_name FROM post WHERE title='绿色通道先锋岗'" "proposed/王小明"
    CODE=$(q "$DB" "SELECT code FROM post WHERE title='绿色通道先锋岗'")
    check "$W x $H: history row for post.create" \
        wait_sql "$DB" "SELECT count(*) FROM history WHERE entity='post' AND action='post.create'" 1
    check "$W x $H: the new post is selected (the P the message names acts on it)" \
        wait_cond sh -c 'tmux -L "$1" capture-pane -p -e -t xf | sed "\$d" | grep -F "$2" | grep -q "\[7m\|\[4[0-8]m"' \
        sh "$XF_SOCK" "$CODE"

    # ---- find it and publish ----
    ui_keys /
    check "$W x $H: / opens the search" wait_for "Search posts"
    ui_text "绿色通道"
    ui_keys Enter
    check "$W x $H: the search finds the post" wait_for "$CODE"
    check "$W x $H: the title counts the matches" wait_for "/ 绿色通道 (1)"
    ui_keys P
    check "$W x $H: publish asks for the day, today offered" wait_for "Publish the notice"
    check "$W x $H: ... today offered" wait_cond line_has "Published on" "$JTODAY"
    # the sign went up three days ago: recorded so
    ui_keys C-u
    ui_text "$(date -d "$JTODAY -3 days" +%F)"
    ui_keys Enter
    check "$W x $H: the post is published, on the day given" \
        wait_sql "$DB" "SELECT status || ' ' || published_on FROM post WHERE code='$CODE'" \
        "published $(date -d "$JTODAY -3 days" +%F)"

    # ---- naming before an evaluation is refused, with the message ----
    ui_keys N
    check "$W x $H: N before a passed evaluation says why at once" \
        wait_for "has not passed an evaluation"
    check "$W x $H: ... without opening a form its save would refuse" absent "Name post $CODE"
    check "$W x $H: ... a sentence, with a capital" wait_for "Post $CODE has not passed"
    if [ "$W" -lt 120 ]; then
        check "$W x $H: too long for the status line: shown whole in a window" \
            wait_for "any key closes this message"
        # The box ends above the pane's keys: over them, their first
        # letters stood beside its corner ("En└───").
        check "$W x $H: ... above the pane's keys, left whole" \
            from_end 2 "^Enter detail .* s sort *\$"
        check "$W x $H: ... its bottom corner on the line above them" from_end 3 "└─*┘"
        ui_keys q
        check "$W x $H: q closes the window ..." wait_gone "any key closes this message"
        check "$W x $H: ... and does not quit" wait_for "Posts · sort"
    fi
    dismiss

    # ---- a passing evaluation ----
    ui_keys 6
    check "$W x $H: Evaluations pane lists quarters" wait_for "Evaluations by quarter"
    ui_keys n
    check "$W x $H: n opens the evaluation form" wait_for "Enter an evaluation"
    # the linked post is filled in: Enter opens the search for another
    wait_cond line_has "Post*" "$CODE" && ui_keys Enter
    wait_for "Tab choose and go on" && ui_text "ZZZ9"
    check "$W x $H: the post picker says what it offers when nothing matches" \
        wait_for "No match among the published and named posts"
    check "$W x $H: ... to its end, wrapped (a proposed or revoked post is not evaluated)" \
        wait_for "is not evaluated)."
    ui_keys BSpace BSpace BSpace BSpace
    wait_gone "No match among"
    ui_text "$CODE"
    check "$W x $H: post picker finds the post" wait_for "绿色通道先锋岗 王小明"
    # the quarter is above the post (the picker marks the posts it has)
    ui_keys Enter BTab C-u
    ui_text "60"; ui_keys Tab Tab
    ui_text "101"; ui_keys F2
    check "$W x $H: one save shows every mistake: the quarter" wait_for "write the quarter as"
    check "$W x $H: ... and the score" wait_for "between 0 and 100"
    ui_keys C-u # the save took the focus to the first field at fault
    ui_text "2026Q4"; ui_keys Tab Tab C-u
    ui_text "92"; ui_keys Tab
    ui_text "30."
    check "$W x $H: a dot in a whole-number field is refused, saying so" \
        wait_for "not a whole number"
    ui_keys BSpace
    check "$W x $H: ... until it is taken out" wait_gone "not a whole number"
    ui_keys Tab
    ui_text "88"; ui_keys Tab
    ui_text "50"; ui_keys Tab
    ui_text "90"; ui_keys Tab
    ui_text "100"
    check "$W x $H: the live result shows PASS" wait_for "result 90.00 PASS"
    ui_keys BTab BSpace BSpace
    ui_text "10"
    check "$W x $H: ... and follows a score as it is typed" wait_for "FAIL (pass mark"
    ui_keys BSpace BSpace
    ui_text "90"
    check "$W x $H: ... back to PASS" wait_for "result 90.00 PASS"
    ui_keys Tab
    ui_keys F2
    check "$W x $H: the evaluation is saved as passed" \
        wait_sql "$DB" "SELECT e.quarter||'/'||e.passed FROM evaluation e JOIN post p ON p.id=e.post_id WHERE p.code='$CODE'" "2026Q4/1"
    check "$W x $H: the quarter appears" wait_for "2026Q4"
    ui_keys Home Enter
    check "$W x $H: Enter opens the quarter" wait_for "Evaluations of 2026Q4"
    check "$W x $H: the quarter's list shows the post" line_has "$CODE" "90.00"

    # ---- name it ----
    ui_keys q 2
    check "$W x $H: back in Posts" wait_for "Posts · sort"
    check "$W x $H: the list shows the latest score" line_has "$CODE" " 90.00 "
    ui_keys N
    check "$W x $H: naming form" wait_for "Name post $CODE"
    # The committees of the configuration, by their full names, then the
    # Party organisation of the post's department.
    DEPT_ORG=$(q "$DB" "SELECT d.party_org FROM post p JOIN unit u ON u.id = p.unit_id
        JOIN unit d ON d.id = CAST(substr(u.path, 2, instr(substr(u.path, 2), '/') - 1) AS INTEGER)
        WHERE p.code = '$CODE'")
    check "$W x $H: named by the city committee, by its full name" \
        wait_cond line_has "Named by" "‹ 中共哈尔滨市委 ›"
    ui_keys Right Right
    check "$W x $H: ... or by the department's Party organisation ($DEPT_ORG)" \
        wait_cond line_has "Named by" "‹ $DEPT_ORG ›"
    ui_keys Left Left
    # a committee typed while one listed stays chosen is not silently dropped
    ui_keys Tab
    ui_text "中共哈尔滨市直属机关工委"
    ui_keys F2
    check "$W x $H: a typed committee beside a chosen one is refused, saying so" \
        wait_for "Named by says 中共哈尔滨市委"
    check "$W x $H: ... nothing saved" \
        [ "$(q "$DB" "SELECT status FROM post WHERE code='$CODE'")" = published ]
    ui_keys C-u
    # not on a day before the pass that justifies it was known (entered today)
    ui_keys Tab C-u
    ui_text "$(date -d "$JTODAY -1 day" +%F)"
    ui_keys F2
    check "$W x $H: named before its passing evaluation was known: refused, saying why" \
        wait_for "the passing evaluation (2026Q4) was known on"
    check "$W x $H: ... and from when" wait_for "on or after that day"
    check "$W x $H: ... nothing saved" \
        [ "$(q "$DB" "SELECT status FROM post WHERE code='$CODE'")" = published ]
    ui_keys C-u
    ui_text "$JTODAY"
    ui_keys F2
    check "$W x $H: the post is named by the first committee listed" \
        wait_sql "$DB" "SELECT status||'/'||named_level||'/'||named_on FROM post WHERE code='$CODE'" "named/中共哈尔滨市委/$JTODAY"

    # ---- an edit saved unchanged writes nothing ----
    HIST=$(q "$DB" "SELECT count(*) FROM history WHERE entity='post'")
    VER=$(q "$DB" "SELECT version FROM post WHERE code='$CODE'")
    ui_keys e
    check "$W x $H: the edit form" wait_for "Edit the notice of post $CODE"
    ui_keys F2
    check "$W x $H: F2 on an unchanged edit says nothing was saved" \
        wait_for "Nothing changed, so nothing was saved."
    check "$W x $H: ... no history entry, the same version" \
        [ "$(q "$DB" "SELECT count(*) || '/' || (SELECT version FROM post WHERE code='$CODE')
                      FROM history WHERE entity='post'")" = "$HIST/$VER" ]

    # ---- the card ----
    ui_keys Enter
    check "$W x $H: the card is headed, in English as the rest of it" wait_for "Party member pioneer post"
    check "... not 共产党员先锋岗" absent "共产党员先锋岗"
    # The notice's fields (the seed's 姓名, 职务, 服务范围, 投诉电话, 承诺)
    # in the interface's language, as the status line under them.
    check "$W x $H: card shows holder and scope" wait_for "Service scope: 不动产登记咨询与受理"
    check "$W x $H: card names the position, as the seed's notice does" wait_for "Position: "
    check "$W x $H: card shows the hotline" wait_for "Complaint hotline: 0451-12345"
    check "$W x $H: card heads the commitments" wait_for "Commitments"
    check "$W x $H: card shows a commitment" wait_for "Service attitude: 微笑服务"
    check "$W x $H: ... no Chinese label in the English card" \
        sh -c '! printf "%s" "$1" | grep -qE "姓名：|职务：|服务范围：|投诉电话：|─ 承诺 "' sh "$(ui_screen)"
    check "$W x $H: the sign's borders line up with CJK text" box_aligned
    ui_keys End
    check "$W x $H: card lists the evaluation" line_has "2026Q4" "90.00"
    ui_keys q

    # ---- a revoked post cannot be named ----
    # q quits with a search on, as in every list; Esc clears the search
    check "$W x $H: q closed the card" wait_for "· / 绿色通道"
    ui_keys q
    check "$W x $H: q with a search on asks to quit, as in every list" wait_cond quit_asked
    ui_keys n
    check "$W x $H: ... n: the search is still on" wait_for "· / 绿色通道"
    ui_keys Escape
    check "$W x $H: Esc clears the search" wait_gone "· / 绿色通道"
    check "$W x $H: ... saying so" wait_for "Search cleared."
    ui_keys f
    check "$W x $H: f opens the filter" wait_for "Filter posts"
    if [ "$W" -ge 80 ]; then
        check "$W x $H: the filter's labels are whole" wait_for "Revocation candidates only"
    fi
    ui_keys Right Right Right Right F2
    check "$W x $H: the filter lists revoked posts first by code" wait_for "$REVOKED"
    ui_keys N
    check "$W x $H: naming a revoked post is refused with the reason" wait_for "was revoked on"
    check "$W x $H: ... at once, without a form" absent "Name post $REVOKED"
    dismiss
    ui_keys P
    check "$W x $H: publishing it again is refused at once" wait_for "cannot be published again"
    check "$W x $H: ... without asking first" absent "Publish the notice of post $REVOKED"
    dismiss
    ui_keys e
    check "$W x $H: editing it is refused at once" wait_for "can no longer be changed"
    check "$W x $H: ... without opening the form" absent "Edit the notice of post $REVOKED"
    dismiss
    ui_keys R
    check "$W x $H: revoking it again is refused at once" wait_for "was already revoked on"
    dismiss
    check "$W x $H: the revoked post stays revoked" \
        wait_sql "$DB" "SELECT status FROM post WHERE code='$REVOKED'" revoked

    # ---- a viewer is not offered writes ----
    ui_quit
    ui_start "$W" "$H" --config "$CFG" --login wang.lei --db "$DB" --today $TODAY
    ui_keys 2
    wait_for "Posts · sort"
    ui_keys n
    # in the words of n: there is no post yet to change
    check "$W x $H: a viewer may not set up posts" wait_for "Your role may not set up posts"
    ui_quit
    check "$W x $H: exit status 0" [ "$UI_RC" = 0 ]
}

journey 80 24
journey 200 50

# ---- alignment of the CJK-heavy demo list at 80 and 61 columns ----------------
DB="$UI_TMP/posts-align.db"
new_db "$DB"
ui_start 80 24 --config "$CFG" --login wang.lei --db "$DB" --today $TODAY
ui_keys 2
wait_for "XFG-00020"
check "80 columns: no misaligned column, no half character, cut text ends in …" align_ok 80
ui_keys s s
wait_for "sort: latest score"
check "80 columns, sorted by score: aligned" align_ok 80
ui_resize 61 24
i=0; while ! ui_screen | head -1 | grep -q "5…" && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
check "61 columns: no misaligned column, no half character, cut text ends in …" align_ok 61
check "61 columns: the holder and the latest result give way to title and unit" \
    sh -c '! printf "%s" "$1" | grep -qE "Holder|Pass"' sh "$(ui_screen)"
ui_quit

# A resize while "Discard your changes?" is asked: the form, back, is
# whole (it kept the size of the smaller screen, its right border gone).
ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
ui_keys 2 n
wait_for "New post"
ui_keys Tab Tab x Escape
wait_for "Discard your changes?"
ui_resize 70 20
wait_for "3 Pledges 4 Compla…" # the smaller screen drawn, under the question
ui_resize 80 24
wait_for "3 Pledge progress 4 Complaints"
ui_keys n
wait_gone "Discard your changes?"
i=0; while ! line_has "New post" "┐" && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
check "resize under the discard question: the form comes back whole" line_has "New post" "┐"
ui_keys Escape
wait_for "Discard your changes?"
ui_keys y
ui_quit

# ---- the card in Chinese: each section headed once, a date never split ---------
# XFG-00006 of the demo has evaluations, then complaints; its naming line
# is long enough to wrap at 100 columns.
UI_ENV="LANGUAGE=zh_CN"
ui_start 100 50 --config "$CFG" --login wang.lei --db "$DB" --today $TODAY
ui_keys 2
wait_for "XFG-00006"
# The status column as wide as the Chinese words (已命名), not the English
# ones: the title and the unit get the rest.
check "zh list: the status column is as wide as its words" wait_for "状态     得分"
ui_keys j j j j j Enter
check "zh card: the post card opens" wait_for "共产党员先锋岗"
check "zh card: the notice's labels in Chinese" wait_for "投诉电话："
check "... with the holder's 姓名 and the commitments' heading" \
    sh -c 'printf "%s" "$1" | grep -q "姓名：" && printf "%s" "$1" | grep -q "─ 承诺 "' sh "$(ui_screen)"
check "zh card: a viewer is offered scrolling and back" wait_for "滚动 · q 返回"
check "zh card: ... and no key they may not use" absent "R 撤销"
check "zh card: the complaints are headed" wait_for "投诉（编号、状态、时限）"
check "zh card: ... once" [ "$(ui_screen | grep -c '投诉（编号、状态、时限）')" = 1 ]
check "zh card: the evaluations are headed once" \
    [ "$(ui_screen | grep -c '测评（季度、得分、结论）')" = 1 ]
PROJECT=$(q "$DB" "SELECT j.code FROM post p JOIN project j ON j.id = p.project_id
                  WHERE p.code = 'XFG-00006'")
check "zh card: the linked project is shown (demo: XFG-00006 has one)" \
    sh -c '[ -n "$1" ]' sh "$PROJECT"
check "zh card: ... by its code, under 关联项目" wait_for "关联项目：$PROJECT"
NAMED_ON=$(q "$DB" "SELECT named_on FROM post WHERE code='XFG-00006'")
check "zh card: the naming date is on one line" wait_for "$NAMED_ON"
UI_ENV=
ui_keys q
ui_quit

# A complaint on the card is in the state the complaints list names
# (已签收, not "signed"), and its line fits the column beside the card.
SIGNED=$(q "$DB" "SELECT p.code || ' ' || c.code FROM complaint c JOIN post p ON p.id = c.post_id
                 WHERE c.state = 'signed' AND c.reply_due < '$TODAY' ORDER BY c.code LIMIT 1")
check "fixture: a post with a complaint signed for and overdue" [ -n "$SIGNED" ]
UI_ENV="LANGUAGE=zh_CN"
ui_start 120 40 --config "$CFG" --login wang.lei --db "$DB" --today $TODAY
ui_keys 2
wait_for "XFG-00001" && ui_keys /
wait_for "搜索" && ui_text "${SIGNED% *}" && ui_keys Enter
wait_for "(1)" && ui_keys Enter
check "zh card: the complaint's state in words" wait_cond line_has "${SIGNED#* }" "已签收"
check "zh card: ... its deadline and lateness whole, beside the card" \
    line_has "${SIGNED#* }" "（逾期）"
UI_ENV=
ui_keys q
ui_quit

# ---- linked panes name what each is narrowed to -------------------------------
# A department chosen in Pledge progress narrows Posts to it; moving in
# Posts then links the post, which narrows Pledge progress to the post's
# unit. Each title names its own narrowing, never the other's.
ui_start 200 40 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "3 Pledge progress"
ui_keys 3 j
DEPT2=$(q "$DB" "SELECT name FROM unit WHERE parent_id IS NULL ORDER BY code LIMIT 1 OFFSET 1")
check "link: Posts names the department it is narrowed to" wait_for "Posts · sort: code · linked to $DEPT2 (L clears)"
ui_keys 5
check "link: Inspections names it the same way" wait_for "Inspections · newest first · linked to $DEPT2 (L clears)"
ui_keys 2 j
# the link follows the cursor once it rests: Pledge progress narrows
wait_for "Pledge progress — kept / (made − withdrawn) · linked to"
POST2=$(ui_screen | sed -n 4p | awk '{ print $1 }')
ui_keys 1 2 # drawn whole again
check "link: after a move in Posts, its title still names the department" \
    wait_for "Posts · sort: code · linked to $DEPT2 (L clears)"
check "link: ... not the post chosen in it" absent "linked to $(q "$DB" "SELECT title FROM post WHERE code = '$POST2'")"
ui_quit
check "link: quits" [ "$UI_RC" = 0 ]

# At 80 columns the Complaints title linked to a post ran off the edge,
# the post's code with it: the post's title is cut, its code kept.
LCODE=$(q "$DB" "SELECT code FROM post ORDER BY length(title) DESC, code LIMIT 1")
ctitle_keeps() { ui_screen | sed -n 2p | grep -qF "($LCODE) (L clears)"; }
ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "4 Complaints" && ui_keys 2
wait_for "XFG-00001" && ui_keys /
wait_for "/" && ui_text "$LCODE" && ui_keys Enter
wait_for ">$LCODE"
ui_keys 4
check "link, 80 columns: the Complaints title keeps the post's code and L" wait_cond ctitle_keeps
ui_quit

# At 80 columns the Posts and Pledge progress titles linked to a window of
# a department with a long name ran off the edge ("(L clears)" lost) or
# cut a name in two: the units between the ends give way, names whole.
read -r WUNIT WDEPT WNAME WPOST <<EOF2
$(q "$DB" "SELECT w.code, d.name, w.name, p.code FROM unit w JOIN unit h ON h.id = w.parent_id
           JOIN unit d ON d.id = h.parent_id AND d.parent_id IS NULL
           JOIN post p ON p.unit_id = w.id WHERE p.code > (SELECT min(code) FROM post)
           ORDER BY length(d.name) + length(h.name) + length(w.name) DESC, p.code LIMIT 1" |
  tr '|' ' ')
EOF2
check "fixture: a window of a long-named department ($WDEPT, $WUNIT) with a post" [ -n "$WPOST" ]
title_has() { ui_screen | sed -n 2p | grep -qF -- "$1"; }
for lang in en zh_CN; do
    if [ $lang = en ]; then UI_ENV=""; TABS="2 Posts"; CLEARS=" (L clears)"
    else UI_ENV="LANGUAGE=zh_CN"; TABS="2 先锋岗"; CLEARS="（L 取消）"; fi
    ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
    wait_for "$TABS" && ui_keys 2
    wait_for "XFG-00001" && ui_keys /
    wait_for "/" && ui_text "$WPOST" && ui_keys Enter
    wait_for ">$WPOST"
    ui_keys Escape 3
    check "80 columns, $lang: Pledge progress linked to a post's window keeps its ends and L" \
        wait_cond title_has "$WDEPT ›"
    check "... its window's name whole, the key that clears the link" \
        wait_cond title_has "$WNAME$CLEARS"
    ui_keys /
    wait_for "$([ $lang = en ] && echo "Search units and members" || echo "搜索单位和党员")"
    ui_text "$WUNIT" && ui_keys Enter
    wait_for "$WUNIT   "
    ui_keys 2
    check "80 columns, $lang: the Posts title linked to the window keeps both ends whole and L" \
        wait_cond title_has "$WDEPT › … › $WNAME$CLEARS"
    ui_quit
done
UI_ENV=""

# A new post that the list's link leaves out (Posts narrowed to another
# department) is said to be hidden; the message does not offer a P that
# would act on the row the cursor fell back to.
ui_start 200 40 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "3 Pledge progress"
ui_keys 3 j
wait_for "Posts · sort: code · linked to $DEPT2 (L clears)"
ui_keys 2 n
wait_for "New post"
ui_text "城建委"
wait_for "D001 市城建委"
ui_keys Enter Tab Tab
ui_text "链接外先锋岗"
ui_keys F2
check "link: a new post outside the link is said to be hidden" \
    wait_for "the list's filter or link hides it"
check "link: ... and saved" wait_sql "$DB" "SELECT count(*) FROM post WHERE title='链接外先锋岗'" 1
ui_quit

# A search that puts the cursor on a post links it, as a move does (the
# other panes kept the post the cursor had left).
ui_start 200 40 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts"
ui_keys 2 j j
wait_for "Posts · sort: code"
FOUND=XFG-00039
ui_keys / ; wait_for "Search"
ui_keys "$FOUND" Enter
wait_for ">$FOUND"
ui_keys 4
check "link: a search's post narrows Complaints" \
    wait_for "linked to $(q "$DB" "SELECT title FROM post WHERE code = '$FOUND'") ($FOUND)"
# Emptied, the search keeps the cursor on the post it found (the list
# still has it; it went to the first post): the other panes stay on it.
ui_keys 2 /
wait_for "Search posts" && ui_keys C-u Enter
wait_gone "Search posts" && wait_gone "/ $FOUND" && ui_keys 4
check "link: a cleared search keeps its post under the cursor, and the link" \
    wait_for "linked to $(q "$DB" "SELECT title FROM post WHERE code = '$FOUND'") ($FOUND)"
# A search that leaves that post out puts the cursor on its first match,
# and the other panes follow it.
ui_keys 2 / ; wait_for "Search posts"
ui_keys C-u XFG-00001 Enter
wait_for "/ XFG-00001"; ui_keys 4
check "link: a search's first match, another post, narrows Complaints" \
    wait_for "linked to $(q "$DB" "SELECT title FROM post ORDER BY code LIMIT 1") (XFG-00001)"
ui_quit

# Two words, one in the title and one in the unit's name: the posts with
# both (the full-text search alone found none: a unit's name is not in a
# post's text).
TWO=$(q "$DB" "SELECT p.code || '|' || substr(p.title, 1, 2) || '|' || substr(u.name, 1, 2)
               FROM post p JOIN unit u ON u.id = p.unit_id ORDER BY p.code LIMIT 1")
TWO_CODE=${TWO%%|*}; TWO_REST=${TWO#*|}
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
wait_for "Posts · sort: code"
ui_keys / ; wait_for "Search"
ui_text "${TWO_REST%%|*} ${TWO_REST#*|}"
ui_keys Enter
check "two words (title, unit): the post is found ($TWO_CODE)" \
    wait_cond line_has "$TWO_CODE" "${TWO_REST%%|*}"
check "... counted in the title" sh -c '! tmux -L "$1" capture-pane -p -t xf | head -2 | grep -q "(0)"' \
    sh "$XF_SOCK"
ui_quit

# A linked pane with nothing for the link says so, and how to see all,
# rather than "No records." (a post found in Posts left Complaints empty
# with its reason cut off the title at 80 columns).
QUIET=$(q "$DB" "SELECT code FROM post WHERE id NOT IN
                 (SELECT post_id FROM complaint WHERE post_id IS NOT NULL) ORDER BY code LIMIT 1")
QUIET_TITLE=$(q "$DB" "SELECT title FROM post WHERE code = '$QUIET'")
ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
wait_for "Posts · sort: code"
ui_keys / ; wait_for "Search"
ui_keys "$QUIET" Enter
wait_for ">$QUIET"
ui_keys 4
check "empty link: a post without complaints (fixture: $QUIET)" sh -c '[ -n "$1" ]' sh "$QUIET"
check "empty link: Complaints names the post and why it is empty" \
    wait_for "None for $QUIET_TITLE ($QUIET) (chosen in another pane)"
# Complaints shows open ones only: the link is not the only reason.
check "empty link: ... with its own filter as a reason too, wrapped at 80 columns" \
    wait_for "filter or search in the title; L"
check "empty link: ... and what L does" wait_for "removes the link."
check "empty link: ... not a bare 'No records.'" absent "No records."
ui_keys L
check "empty link: L shows complaints again" wait_gone "chosen in another pane"
check "... every open one" wait_cond sh -c "tmux -L '$XF_SOCK' capture-pane -p -t xf | grep -qE 'TS[0-9]{4}-'"
ui_quit

# ---- the search finds posts by the unit their row names ------------------------
# "市交警支队" is in no title: its posts are found by their unit's line.
UNDER="FROM post p JOIN unit u ON u.id = p.unit_id JOIN unit d ON d.code = 'D003'"
DEPT=$(q "$DB" "SELECT name FROM unit WHERE code = 'D003'")
IN_DEPT=$(q "$DB" "SELECT p.code $UNDER WHERE substr(u.path, 1, length(d.path)) = d.path ORDER BY p.code LIMIT 1")
N_DEPT=$(q "$DB" "SELECT count(*) $UNDER WHERE substr(u.path, 1, length(d.path)) = d.path")
ELSEWHERE=$(q "$DB" "SELECT p.code $UNDER WHERE substr(u.path, 1, length(d.path)) <> d.path ORDER BY p.code LIMIT 1")
ui_start 200 40 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
wait_for "Posts · sort: code"
check "unit search: another department's post listed before" wait_for "$ELSEWHERE "
ui_keys /
check "unit search: the prompt says units (and codes) are searched" wait_for "Code, title, holder, unit"
ui_text "$DEPT"
ui_keys Enter
check "unit search: the department's post is found" wait_for "$IN_DEPT "
check "unit search: another department's is not" wait_gone "$ELSEWHERE "
posts_shown() { [ "$(ui_screen | grep -cE 'XFG-[0-9]{5} ')" = "$1" ]; }
check "unit search: all $N_DEPT of its posts, no more" wait_cond posts_shown "$N_DEPT"
ui_keys q
ui_quit

# ---- an incomplete notice is refused before "publish?" is asked ------------------
UNIT=$(q "$DB" "SELECT code FROM unit WHERE parent_id IS NOT NULL ORDER BY code LIMIT 1")
printf 'code,unit_code,title,holder_name,position,scope,hotline,status\nXFG-09001,%s,空白承诺先锋岗,张三,科员,咨询,0451-1234567,proposed\n' \
    "$UNIT" >"$UI_TMP/bare.csv"
"$XF" --db "$DB" --today $TODAY import posts "$UI_TMP/bare.csv" >/dev/null 2>&1
check "bare notice: the post imported as proposed" \
    wait_sql "$DB" "SELECT status FROM post WHERE code = 'XFG-09001'" proposed
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
wait_for "Posts · sort: code"
ui_keys /
wait_for "Search posts"
ui_text "XFG-09001"
ui_keys Enter
wait_for "空白承诺先锋岗"
ui_keys P
check "bare notice: P says at once what the notice lacks" wait_for "The public notice is incomplete"
check "bare notice: ... the four commitments, listed" wait_for "work standard, time limit"
check "bare notice: ... without asking first" absent "Publish the notice of post XFG-09001"
dismiss
ui_keys q
ui_quit
check "bare notice: still proposed" [ "$(q "$DB" "SELECT status FROM post WHERE code = 'XFG-09001'")" = proposed ]

# ---- codes longer than the column keep their end, which tells them apart ----------
printf 'code,unit_code,title,holder_name,position,scope,hotline,status\nNG-XFG-016,%s,长编码甲先锋岗,张三,科员,咨询,0451-1234567,proposed\nNG-XFG-017,%s,长编码乙先锋岗,李四,科员,咨询,0451-1234567,proposed\n' \
    "$UNIT" "$UNIT" >"$UI_TMP/long-codes.csv"
"$XF" --db "$DB" --today $TODAY import posts "$UI_TMP/long-codes.csv" >/dev/null 2>&1
check "long codes: both imported" \
    wait_sql "$DB" "SELECT count(*) FROM post WHERE code LIKE 'NG-XFG-01_'" 2
ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
wait_for "Posts · sort: code"
ui_keys /
wait_for "Search posts"
ui_text "长编码"
ui_keys Enter
check "long codes: the first by its end" wait_cond line_has "…-XFG-016" "长编码甲先锋岗"
check "long codes: the second by its end" wait_cond line_has "…-XFG-017" "长编码乙先锋岗"
ui_keys q
ui_quit

# ---- a revocation candidate's card says so (only `check` and a colour did) -------
# Two failed quarters the demo left unevaluated make a named post one
# (quarters ended: the running one is not evaluated in November).
FINE=$(q "$DB" "SELECT p.code FROM post p WHERE p.status = 'named' AND p.published_on <= '2025-06-30'
                AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.post_id = p.id
                  AND (e.passed = 0 OR e.quarter IN ('2025Q2', '2025Q3'))) ORDER BY p.code LIMIT 2")
CAND=$(echo "$FINE" | sed -n 2p)
FINE=$(echo "$FINE" | head -1)
{ echo post_code,quarter,deputies_score,deputies_respondents,recipients_score,recipients_respondents,public_score,public_respondents
  echo "$CAND,2025Q2,70,10,70,10,70,10"
  echo "$CAND,2025Q3,72,10,72,10,72,10"; } >"$UI_TMP/fails.csv"
"$XF" --db "$DB" --today $TODAY import evaluations "$UI_TMP/fails.csv" >/dev/null
CAND_Q=$("$XF" --db "$DB" --today $TODAY check 2>/dev/null | awk -v c="$CAND" '$1 == c { print $NF }' |
    sed 's/,/, /g')
check "candidate: check names the post with its two failed quarters" [ "$CAND_Q" = "2025Q2, 2025Q3" ]
# In Chinese as Chinese lists them, still one word for scripts.
CAND_ZH=$(env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=zh_CN "$XF" --db "$DB" --today $TODAY \
    check 2>/dev/null | awk -v c="$CAND" '$1 == c { print $NF }')
check "candidate: check in Chinese lists them with 、" [ "$CAND_ZH" = "2025Q2、2025Q3" ]
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
for code in "$CAND" "$FINE"; do
    wait_for "Posts · sort: code"
    ui_keys /
    wait_for "Search posts" && ui_text "$code" && ui_keys Enter
    wait_for "/ $code (1)"
    ui_keys Enter
    wait_for "Post $code"
    if [ "$code" = "$CAND" ]; then
        check "candidate: the card says the post is a revocation candidate" \
            wait_for "Revocation candidate: failed the evaluations of"
        check "candidate: ... naming the quarters" wait_for "failed the evaluations of 2025Q2,"
        ui_keys R
        check "candidate: the revoke form names the failed quarters as a list" \
            wait_for "Revoke post $CAND (failed 2025Q2, 2025Q3)"
        # in Chinese whatever the interface's language: it is data, shown
        # on the public sign (the English one was stored as it was)
        check "candidate: ... and the reason it offers too, in the data's language" \
            wait_for "2025Q2、2025Q3 测评不合格"
        ui_keys Escape
        wait_gone "Revoke post"
    else
        check "candidate: a post that failed nothing says nothing of it" absent "Revocation candidate"
    fi
    ui_keys q Escape # the card, then the search (q would quit)
done
ui_quit

# ---- a long scope on the card: continued under the value, as a printed notice ----
printf 'code,unit_code,title,holder_name,position,scope,hotline,status\nXFG-09002,%s,事故处理先锋岗,李明,科员,轻微交通事故快速处理、事故认定书领取、车辆扣押放行等业务的咨询、受理和办结，以及节假日值班接待,0451-1234567,proposed\n' \
    "$UNIT" >"$UI_TMP/long-scope.csv"
"$XF" --db "$DB" --today $TODAY import posts "$UI_TMP/long-scope.csv" >/dev/null 2>&1
check "long scope: the post imported" \
    wait_sql "$DB" "SELECT count(*) FROM post WHERE code = 'XFG-09002'" 1
CFGZ="$UI_TMP/posts-zh.cfg"
{ cat "$CFG"; echo 'interface = { language = "zh_CN"; };'; } >"$CFGZ"
ui_start 80 24 --config "$CFGZ" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 先锋岗" && ui_keys 2
ui_keys /
wait_for "搜索" && ui_text "XFG-09002" && ui_keys Enter
wait_for "事故处理先锋岗" && ui_keys Enter
wait_for "服务范围："
under_value() { # the line after 服务范围 starts under the value: 1 + 10 cells in
    ui_screen | awk '/服务范围：/ { getline n; print n; exit }' | grep -qE '^│ {11}[^ ]'
}
check "long scope: the second line starts under the value, not four cells in" \
    wait_cond under_value
ui_keys q # the card; the next q quits, a search on or not
ui_quit
