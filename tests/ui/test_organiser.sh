# Sourced by run.sh with lib.sh loaded: an organiser's day at 80x24, in
# English and in Chinese. A failing evaluation names every award it puts
# up for review (the post's window, and its holder's exemplar); the
# revocation's question reads as Chinese; the awards' score line is whole
# at 80 columns; the searches of the key projects (M) and of the service
# improvements (I) say how many they found, as the other lists do.
DB="$UI_TMP/organiser.db"
CFG="$UI_TMP/organiser.cfg"
ME=$(id -un)
TODAY=2026-12-05
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; }
);
EOF
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today 2026-11-26 demo >/dev/null
check "organiser: demo database built through the CLI" [ $? -eq 0 ]

# The first window of 2026 is also the first exemplar, and its holder holds
# no other post; the fifth exemplar holds two posts, one of them no window.
WINDOW=$(dbq "SELECT p.code FROM award a JOIN post p ON p.id = a.post_id
              WHERE a.year = 2026 AND a.kind = 'satisfaction_window' AND a.rank = 1")
WINDOW_HOLDER=$(dbq "SELECT m.name FROM post p JOIN member m ON m.id = p.holder_member_id
                     WHERE p.code = '$WINDOW'")
OTHER=$(dbq "SELECT p.code FROM award a JOIN post p ON p.holder_member_id = a.member_id
             WHERE a.year = 2026 AND a.kind = 'exemplar' AND p.status = 'named'
             AND NOT EXISTS (SELECT 1 FROM award w WHERE w.post_id = p.id)
             ORDER BY a.rank LIMIT 1")
OTHER_HOLDER=$(dbq "SELECT m.name FROM post p JOIN member m ON m.id = p.holder_member_id
                    WHERE p.code = '$OTHER'")
check "fixture: a window whose holder is an exemplar, and an exemplar's post without a window" \
    [ -n "$WINDOW" ] && [ -n "$OTHER" ]

# screen_joined: the screen's text, box borders and the spaces that pad
# each line taken off, its lines joined as a Chinese text wraps them;
# screen_words: joined with a space, as an English one does.
screen_joined() {
    ui_screen | sed -e 's/[│┌┐└┘─]//g' -e 's/^ *//' -e 's/ *$//' | tr -d '\n'
}
screen_words() {
    ui_screen | sed -e 's/[│┌┐└┘─]//g' -e 's/^ *//' -e 's/ *$//' | tr '\n' ' '
}
joined_has() { screen_joined | grep -qF -- "$1"; }
words_have() { screen_words | grep -qF -- "$1"; }

# fail_q4 CODE: in Posts, finds CODE and enters a failing 2026Q4 for it.
fail_q4() {
    ui_keys 2
    wait_for "Posts · sort" && ui_keys /
    wait_for "Search" && ui_text "$1" && ui_keys Enter
    wait_cond line_has "$1" named && ui_keys 6
    wait_for "linked to" && ui_keys n
    wait_cond line_has "Post" "$1"
    wait_cond line_has "Quarter" "2026Q4"
    ui_keys Tab # from the post (the quarter is above it)
    for v in 60 10 60 50 60 100; do ui_text "$v"; ui_keys Tab; done
    wait_for "FAIL" && ui_keys F2
}

ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "6 Evaluations"

# ---- a new post: the holder chosen with Tab, typing goes on in the scope ---
# (it went on in the holder's name the choice had just filled in)
UNIT=$(dbq "SELECT u.code FROM unit u WHERE u.active = 1 AND (SELECT count(*) FROM member m
            WHERE m.unit_id = u.id AND m.active = 1) > 0 ORDER BY u.code LIMIT 1")
ui_keys 2
wait_for "Posts · sort" && ui_keys n
wait_for "New post" && ui_text "$UNIT"
wait_for "$UNIT " && ui_keys Enter
ui_keys Tab Tab
ui_text "组织部门测试先锋岗"
ui_keys Tab
ui_text "M" # the member finder: the unit's members by code
wait_for "Find: Holder (member)" && ui_keys Tab
wait_gone "Find: Holder (member)"
ui_text "受理和办结"
check "new post: after the holder chosen with Tab, typing goes to the service scope" \
    wait_cond line_has "Service scope" "受理和办结"
not_in_name() { ! line_has "Holder's name" "受理和办结"; }
check "... not onto the holder's name it had just filled in" not_in_name
check "... the member chosen" wait_cond line_has "Holder (member)" "M0"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_gone "New post"
ui_keys 6
fail_q4 "$OTHER"
# It went by without a word: the note named window awards only.
check "a failing post whose holder is an exemplar: saved, naming the holder's award" \
    wait_cond words_have "It fails, and the post's holder $OTHER_HOLDER holds the service-exemplar award of 2026 (candidate)"
dismiss
ui_keys Escape
wait_for "Evaluations by quarter"
fail_q4 "$WINDOW"
check "a failing window whose holder is an exemplar: the window's award named" \
    wait_cond words_have "It fails, and the post holds the satisfaction-window award of 2026"
check "... and the holder's, in a sentence of its own" \
    wait_cond words_have "(A in Evaluations). Its holder $WINDOW_HOLDER holds the service-exemplar award of 2026 (candidate) too."
dismiss
ui_keys Escape

# ---- the awards at 80 columns: what the score is made of, whole ----------
wait_for "Evaluations by quarter" && ui_keys A
wait_for "Annual awards 2026"
check "awards at 80x24: the score line is whole, to its last word" \
    wait_for "and complaints"
check "... not cut" absent "failed check…"
check "awards at 80x24: every key is offered, on a second line if need be" \
    wait_cond line_has "H history" "q back"
check "... none cut" absent "histo…"
check "... the first candidate below the column header" \
    wait_cond line_has "1" "$WINDOW" "candidate"
# An exemplar is a person's, ranked by a post: the row names it (none did).
ui_keys Right Right
wait_for "service exemplars"
check "exemplars: the first names the post its holder was ranked by" \
    wait_cond line_has "1" "$WINDOW" "$WINDOW_HOLDER" "candidate"
check "db: the exemplar award records the post" \
    db_wait "SELECT p.code FROM award a JOIN post p ON p.id = a.post_id
             WHERE a.year = 2026 AND a.kind = 'exemplar' AND a.rank = 1" "$WINDOW"
ui_keys H
check "H on an exemplar: its history is titled by the person, not the post" \
    wait_cond line_has "History of award" "$WINDOW_HOLDER"
ui_keys q
wait_gone "History of award"
ui_keys q
wait_gone "Annual awards"

# ---- the key projects (M) and the improvements (I): a search's count -----
PROJECTS=$(dbq "SELECT count(*) FROM project p JOIN unit u ON u.id = p.owner_unit_id
                WHERE p.name LIKE '%道路%' OR p.code LIKE '%道路%' OR u.name LIKE '%道路%'")
ui_keys 2
wait_for "Posts · sort" && ui_keys Escape # the post's search
wait_gone "/ $WINDOW" && ui_keys M
wait_for "Key projects" && ui_keys /
wait_for "Code, name or owner unit" && ui_text "道路" && ui_keys Enter
check "M: a search says how many projects it found" wait_for "/ 道路 ($PROJECTS)"
check "M at 80x24: with a search on, every key is offered (Esc clear was cut)" \
    wait_cond line_has "Esc clear" "q back"
ui_keys Escape
check "M: Esc clears it, and its count" wait_gone "/ 道路"
ui_keys q
wait_gone "Key projects"
IMPROVED=$(dbq "SELECT count(*) FROM improvement i JOIN unit u ON u.id = i.unit_id
                WHERE i.title LIKE '%取消%' OR u.name LIKE '%取消%'")
ui_keys 1
wait_line "Overview" "improvements" && ui_keys I
wait_for "Service improvements" && ui_keys /
wait_for "Search" && ui_text "取消" && ui_keys Enter
check "I: a search says how many improvements it found" wait_for "/ 取消 ($IMPROVED)"
ui_keys q
wait_gone "Service improvements"
ui_quit
check "organiser in English: exit status 0" [ "$UI_RC" = 0 ]

# ---- in Chinese: the revocation's question reads as one text -------------
UI_ENV="LANGUAGE=zh_CN" ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 先锋岗" && ui_keys 2
wait_for "先锋岗 · 排序" && ui_keys /
wait_for "搜索" && ui_text "$WINDOW" && ui_keys Enter
wait_cond line_has "$WINDOW" "已命名" && ui_keys R
wait_for "撤销先锋岗 $WINDOW" && ui_text "测试撤销" && ui_keys F2
wait_for "确定撤销先锋岗 $WINDOW"
check "zh revoke: the holder is the 持岗人, as everywhere else" wait_cond joined_has "其持岗人 $WINDOW_HOLDER"
check "... no 持有人" absent "持有人"
check "zh revoke: no half-width space after a full stop" wait_cond joined_has "递补。其持岗人"
check "zh revoke: nor after a full-width bracket" wait_cond joined_has "（候选）优秀服务标兵"
ui_keys n
wait_gone "确定撤销先锋岗"
ui_keys Escape
dismiss
check "zh revoke answered no: nothing revoked" \
    db_wait "SELECT status FROM post WHERE code = '$WINDOW'" named
ui_keys q
if quit_asked; then ui_keys y; fi
ui_exited 5
UI_ENV=
check "organiser in Chinese: exit status 0" [ "$UI_RC" = 0 ]
