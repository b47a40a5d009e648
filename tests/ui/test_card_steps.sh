# Sourced by run.sh with lib.sh loaded: a post's card offers the steps of
# the life cycle its status is open to, as the domain has them (a named
# post's card offered N to name it again, a revoked one's e, P, N and R,
# each refused once pressed).
ME=$(id -un)
TODAY=2026-11-26
DB="$UI_TMP/cs.db"
CFG="$UI_TMP/cs.cfg"
cat >"$CFG" <<EOF2
access = { service_account = "$ME"; };
users = (
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; }
);
EOF2
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "card steps: demo database built through the CLI" [ $? -eq 0 ]

# card_keys: the card's title line (its keys).
card_keys() { ui_screen | sed -n 2p | sed 's/ *$//'; }
keys_are() { [ "$(card_keys)" = "$1" ]; }

ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
for st in named published proposed revoked; do
    CODE=$(dbq "SELECT min(code) FROM post WHERE status = '$st'")
    wait_for "Posts · sort: code" && ui_keys /
    wait_for "Search posts" && ui_keys C-u && ui_text "$CODE" && ui_keys Enter
    wait_for "/ $CODE" && ui_keys Enter
    wait_for "Post $CODE ·"
    case $st in
    named) want="Post $CODE · ↑↓ scroll · e edit · R revoke · q back" ;;
    published) want="Post $CODE · ↑↓ scroll · e edit · N name · R revoke · q back" ;;
    proposed) want="Post $CODE · ↑↓ scroll · e edit · P publish · q back" ;;
    revoked) want="Post $CODE · ↑↓ scroll · q back" ;;
    esac
    check "$st ($CODE): the card offers what applies" wait_cond keys_are "$want"
    ui_keys q
    wait_gone "Post $CODE ·"
done
# N on a named post is still answered (the key works; it says why not).
CODE=$(dbq "SELECT min(code) FROM post WHERE status = 'named'")
ui_keys /
wait_for "Search posts" && ui_keys C-u && ui_text "$CODE" && ui_keys Enter
wait_for "/ $CODE" && ui_keys Enter
wait_for "Post $CODE ·" && ui_keys N
check "N on a named post: says it was named already" wait_for "was already named on"
ui_keys q
ui_quit

# The list's key line offers the same steps for the selected row (at 100
# columns every row offered N and R: a proposed post R, a named one N).
list_keys() { ui_screen | grep -F "/ search" | tail -1 | sed 's/ *$//'; }
list_has() { list_keys | grep -qF -- "$1"; }
list_lacks() { ! list_keys | grep -qF -- "$1"; }
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
for st in named published proposed revoked; do
    CODE=$(dbq "SELECT min(code) FROM post WHERE status = '$st'")
    wait_for "Posts · sort: code" && ui_keys /
    wait_for "Search posts" && ui_keys C-u && ui_text "$CODE" && ui_keys Enter
    wait_for "/ $CODE"
    case $st in
    named) has="R revoke"; lacks="P publish|N name" ;;
    published) has="N name  R revoke"; lacks="P publish" ;;
    proposed) has="P publish"; lacks="N name|R revoke" ;;
    revoked) has="n new  M projects"; lacks="P publish|N name|R revoke" ;;
    esac
    check "$st ($CODE): the list offers what applies" wait_cond list_has "$has"
    IFS='|'
    for k in $lacks; do
        check "$st ($CODE): the list does not offer $k" list_lacks "$k"
    done
    unset IFS
    ui_keys Escape
    wait_gone "/ $CODE"
done
# A move to a row of another status redraws the line (not only a search's
# new screen): the cursor stays on the revoked post the last search found,
# and Up goes to the post before it by code.
PREV=$(dbq "SELECT status FROM post WHERE code < '$CODE' ORDER BY code DESC LIMIT 1")
check "the post before $CODE is named or published ($PREV)" \
    [ "$PREV" = named -o "$PREV" = published ]
check "back on the list at $CODE: no R" wait_cond list_lacks "R revoke"
ui_keys Up
check "a move up to a $PREV post: R offered" wait_cond list_has "R revoke"
ui_quit
