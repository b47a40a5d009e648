# Sourced by run.sh with lib.sh loaded: what an organiser's trial at 80x24
# found in the Evaluations and Posts panes. An evaluation saved for a post
# the pane's link leaves out said "saved" and the table did not change; the
# post picker offered posts the quarter is not open to unmarked; N was
# offered for a post that has not passed an evaluation; forms beside a row
# kept its old line after a resize; the link's shortest form in a title
# ("linked to … (L clears)") did not say to what. The picker's mark
# "[not open for 2026Q3: …]" pushed the post's title and unit off an
# 80-column line; its title counted every open post whatever was typed;
# proposed and revoked posts were left out without a word.
TODAY=2026-11-26
DB="$UI_TMP/et.db"
CFG="$UI_TMP/et.cfg"
ui_config_users liu.yang >"$CFG"
X init >/dev/null && X demo >/dev/null
check "evals trial: demo database built through the CLI" [ $? -eq 0 ]

# A post of 市医保局 with no evaluation for 2026Q3, published within it;
# one published after it ended (its first quarter is 2026Q4).
OPEN=$(dbq "SELECT min(p.code) FROM post p JOIN unit u ON u.id = p.unit_id
    WHERE u.path LIKE (SELECT path FROM unit WHERE name = '市医保局') || '%'
    AND p.status = 'published' AND p.published_on BETWEEN '2026-07-01' AND '2026-09-30'
    AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.post_id = p.id AND e.quarter = '2026Q3')")
LATE=$(dbq "SELECT min(code) FROM post WHERE status = 'published' AND published_on > '2026-09-30'")
check "fixture: a post of 市医保局 open for 2026Q3 ($OPEN), one published after it ($LATE)" \
    [ -n "$OPEN" ] && [ -n "$LATE" ]
LATE_TITLE=$(dbq "SELECT title FROM post WHERE code = '$LATE'")
LATE_UNIT=$(dbq "SELECT u.name FROM post p JOIN unit u ON u.id = p.unit_id WHERE p.code = '$LATE'")
LATE_DEPT=$(dbq "SELECT d.name FROM post p JOIN unit u ON u.id = p.unit_id JOIN unit d
    ON u.path LIKE d.path || '%' AND d.parent_id IS NULL WHERE p.code = '$LATE'")
PROP=$(dbq "SELECT min(code) FROM post WHERE status = 'proposed'")
check "fixture: a proposed post ($PROP)" [ -n "$PROP" ]

title_line() { ui_screen | sed -n 2p | sed 's/ *$//'; }
title_has() { title_line | grep -qF -- "$1"; }

# --- 1, 2: the evaluation form under a link to 市水务局 ---------------------
ui_start 80 24 $(ui_args liu.yang)
wait_for "3 Pledge" && ui_keys 3
wait_for "Pledge progress" && down_to "市水务局"
ui_keys 6
check "linked: Evaluations narrowed to 市水务局" wait_for "linked to 市水务局 (L clears)"
ui_keys n
wait_for "Enter an evaluation" && ui_text "XFG-000"
check "picker: its title says how many posts the quarter is open to" \
    wait_for "posts open for 2026Q3"
# Those the quarter is open to come first: XFG-00025 before XFG-00021.
ui_text 2
line_of_code() { ui_screen | grep -nF -- "│$1 " | head -1 | cut -d: -f1; }
open_first() {
    a=$(line_of_code XFG-00025) b=$(line_of_code XFG-00021)
    [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}
check "picker: the posts open for the quarter first" wait_cond open_first
ui_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
ui_text "$LATE"
check "picker: a post published after the quarter is marked, shortly" \
    wait_cond line_has "$LATE" "[not open]"
check "80x24 picker: ... its title and unit kept on the line" \
    wait_cond line_has "$LATE [not open] $LATE_TITLE" "$LATE_DEPT" "$LATE_UNIT"
check "picker: ... the reason on the bottom line while it is selected" \
    wait_for "[not open for 2026Q3: published"
check "picker: the title counts what the search finds: none open" \
    wait_for "0 posts open for 2026Q3"
ui_keys Tab
check "picker: choosing it is refused with the domain's reason" \
    wait_for "evaluated from 2026Q4 on"
ui_keys BTab Enter
wait_for "Find: Post" && ui_keys C-u && ui_text "$PROP"
check "picker: a proposed post is not listed, and the picker says why" \
    wait_for "Not listed: 1 proposed post, not evaluated until published."
ui_keys C-u && ui_text "$OPEN"
wait_cond line_has "$OPEN" "市医保局"
check "picker: the title counts the one open post found" wait_for "1 post open for 2026Q3"
ui_keys Enter
check "picker: a post open for the quarter is taken" wait_gone "Find: Post"
ui_keys Tab
for v in 90 10 90 10 90 10; do
    ui_text $v
    ui_keys Tab
done
ui_keys F2
check "saved: the message says the link to 市水务局 hides it" \
    wait_for "saved; the link to 市水务局 hides it"
check "... and that L clears it" wait_for "(L clears)."
check "db: the evaluation is there" \
    db_wait "SELECT count(*) FROM evaluation e JOIN post p ON p.id = e.post_id
             WHERE p.code = '$OPEN' AND e.quarter = '2026Q3'" 1
# Esc closes the notice and does nothing else (it went on to the pane:
# "Nothing to close here").
ui_keys Escape
check "Esc closes the notice" wait_gone "saved; the link to 市水务局 hides it"
check "... and does nothing else" absent "Nothing to close here"
# --- 5: the link's shortest form still names the unit ----------------------
ui_keys Escape
ui_resize 48 24
check "48 columns: the title's link still names 市水务局, and L" \
    wait_cond title_has "linked to 市水务局 (L clears)"
ui_resize 80 24
# Complaints keep a search whole before the link: the link down to its
# shortest form, which still names the unit.
ui_keys 4
wait_for "Complaints" && ui_keys /
wait_for "Search" && ui_text "一个很长很长的搜索词用来挤占标题的空间" && ui_keys Enter
check "Complaints, a long search: the link's shortest form names 市水务局" \
    wait_cond title_has "linked to 市水务局 (L clears)"
ui_quit

# --- 3: N only for a post that has passed an evaluation ---------------------
UNPASSED=$(dbq "SELECT min(code) FROM post p WHERE status = 'published'
    AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.post_id = p.id)")
PASSED=$(dbq "SELECT min(code) FROM post p WHERE status = 'published'
    AND (SELECT passed FROM evaluation e WHERE e.post_id = p.id ORDER BY quarter DESC LIMIT 1) = 1")
card_keys() { ui_screen | sed -n 2p | sed 's/ *$//'; }
keys_are() { [ "$(card_keys)" = "$1" ]; }
list_keys() { ui_screen | grep -F -- "/ search" | tail -1; }
ui_start 100 30 $(ui_args liu.yang)
wait_for "2 Posts" && ui_keys 2
for code in "$UNPASSED" "$PASSED"; do
    ui_find_post "$code"
    if [ "$code" = "$UNPASSED" ]; then
        check "list ($code, not passed): N is not offered" \
            wait_cond sh -c '! tmux -L "$1" capture-pane -p -t xf | grep -F "/ search" | grep -qF "N name"' sh "$XF_SOCK"
        check "list ($code, not passed): R is" wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -F "/ search" | grep -qF "R revoke"' sh "$XF_SOCK"
        ui_keys Enter
        check "card ($code, not passed): no N" \
            wait_cond keys_are "Post $code · ↑↓ scroll · e edit · R revoke · q back"
        ui_keys N
        check "card: N still answers, saying why" wait_for "has not passed an evaluation yet"
        dismiss
    else
        check "list ($code, passed): N is offered" \
            wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -F "/ search" | grep -qF "N name"' sh "$XF_SOCK"
        ui_keys Enter
        check "card ($code, passed): N offered" \
            wait_cond keys_are "Post $code · ↑↓ scroll · e edit · N name · R revoke · q back"
    fi
    ui_keys q
    wait_gone "Post $code ·"
    ui_keys Escape
    wait_gone "/ $code"
done
ui_quit

# --- 4: a form beside a row follows it when the terminal is resized -------
row_clear() { ui_screen | grep -F -- "$1" | grep -qv "[│┌└─]"; }
REVOKE=$(dbq "SELECT code FROM post WHERE status = 'published' ORDER BY code LIMIT 1 OFFSET 2")
ui_start 80 24 $(ui_args liu.yang)
wait_for "2 Posts" && ui_keys 2
wait_for "Posts · sort: code" && down_to "$REVOKE"
ui_keys R
check "revoke form: open" wait_for "Revoke post $REVOKE"
check "revoke form: its row in view" row_clear "$REVOKE"
ui_resize 80 16
check "resized: the form again" wait_for "Revoke post $REVOKE"
check "resized: ... its row in view, not under the form" wait_cond row_clear "$REVOKE"
ui_resize 80 24
check "resized back: ... its row in view" wait_cond row_clear "$REVOKE"
ui_keys Escape
wait_gone "Revoke post $REVOKE"
ui_quit

# --- in Chinese: the picker's title and its mark ---------------------------
ui_zh_catalog
UI_ENV_WAS=$UI_ENV
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 $(ui_args liu.yang)
wait_for "6 测评" && ui_keys 6
wait_for "按季度" && ui_keys n
wait_for "录入测评" && ui_text "$LATE"
check "zh: the picker's title counts the posts open for 2026Q3" wait_for "2026Q3 可测评"
check "zh: a post published after the quarter is marked" wait_cond line_has "$LATE [未到期]"
check "zh: ... the reason on the bottom line" wait_for "[未到 2026Q3 测评期"
ui_keys Escape
wait_gone "2026Q3 可测评" && ui_keys Escape
dismiss
wait_gone "录入测评"
ui_quit
UI_ENV=$UI_ENV_WAS
