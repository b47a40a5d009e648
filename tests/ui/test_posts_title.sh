# Sourced by run.sh with lib.sh loaded: the Posts title at 80 columns with
# a search, a key project and a link from another pane all on. The link
# was squeezed to a few cells ("· link…"), the key that clears it cut
# off; the project's name gives way first now, the link keeping at least
# its shortest form.
ME=$(id -un)
TODAY=2026-11-26
DB="$UI_TMP/pt.db"
CFG="$UI_TMP/pt.cfg"
cat >"$CFG" <<EOF2
access = { service_account = "$ME"; };
users = (
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; }
);
EOF2
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "posts title: demo database built through the CLI" [ $? -eq 0 ]
# the key project with the most posts
PROJ=$(dbq "SELECT j.code FROM post p JOIN project j ON j.id = p.project_id
            GROUP BY j.id ORDER BY count(*) DESC, j.code LIMIT 1")
title() { ui_screen | sed -n 2p; }
title_has() { title | grep -qF -- "$1"; }

ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
wait_for "Posts · sort: code" && ui_keys M
wait_for "Key projects" && ui_keys /
wait_for "Search" && ui_text "$PROJ" && ui_keys Enter
wait_cond line_has "$PROJ " && ui_keys Enter
check "the project's posts" wait_cond title_has "project $PROJ"
ui_keys /
wait_for "Search posts" && ui_text "岗" && ui_keys Enter
check "... searched" wait_cond title_has "/ 岗"
ui_keys 3
wait_for "Pledge progress" && ui_keys j j
ui_keys 2
check "linked: the link's note whole, with its key" wait_cond title_has "(L clears)"
check "... saying what it is linked to" title_has "· linked to "
check "... the search kept" title_has "/ 岗"
check "... the project's code kept" title_has "project $PROJ"
check "... within 80 columns" \
    sh -c '[ "$(tmux -L "$1" capture-pane -p -t xf | sed -n 2p | sed "s/ *$//" |
               python3 -c "import sys, unicodedata as u; l = sys.stdin.read().rstrip(\"\n\");
print(sum(2 if u.east_asian_width(c) in \"WF\" else 1 for c in l))")" -le 80 ]' sh "$XF_SOCK"
ui_quit
