# Sourced by run.sh with lib.sh loaded: key projects and the project-post
# map (SPEC §2.7), `M` from Posts. An organiser finds a project, opens its
# posts in the Posts pane, sets up a project (its code taken from the
# category's series), renames one and deactivates it; a viewer reads the
# list but may change nothing.
DB="$UI_TMP/projects.db"
CFG="$UI_TMP/projects.cfg"
ME=$(id -un)
TODAY=2026-11-26
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; },
    { login = "wang.lei"; name = "王磊"; role = "viewer"; scopes = []; },
    { login = "zhou.min"; name = "周敏"; role = "organiser"; scopes = ["D003"]; }
);
EOF
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "projects: demo database built through the CLI" [ $? -eq 0 ]

# The project with the most posts, and what they are.
BUSY=$(dbq "SELECT p.code FROM project p JOIN post x ON x.project_id = p.id
            GROUP BY p.id ORDER BY count(*) DESC, p.code LIMIT 1")
BUSY_NAME=$(dbq "SELECT name FROM project WHERE code = '$BUSY'")
BUSY_N=$(dbq "SELECT count(*) FROM post x JOIN project p ON p.id = x.project_id
              WHERE p.code = '$BUSY' AND x.status <> 'revoked'")
BUSY_POST=$(dbq "SELECT x.code FROM post x JOIN project p ON p.id = x.project_id
                 WHERE p.code = '$BUSY' ORDER BY x.code LIMIT 1")
OTHER_POST=$(dbq "SELECT code FROM post WHERE project_id IS NULL ORDER BY code LIMIT 1")
NEXT_L=$(dbq "SELECT printf('XM-L-%03d', max(CAST(substr(code, 6) AS INTEGER)) + 1)
              FROM project WHERE code LIKE 'XM-L-%'")
OWNER=$(dbq "SELECT code FROM unit WHERE parent_id IS NULL AND active = 1 ORDER BY code LIMIT 1")
PROJECTS=$(dbq "SELECT count(*) FROM project")

ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2
check "Posts: the list" wait_for "Posts · sort: code"
ui_keys M
check "M: the key projects" wait_for "Key projects · every category"
check "M: the first project, by code" wait_for "XM-K-001"
check "M: the keys, for an organiser" wait_for "n new · e edit"
# A key that does nothing here says so, as at the panes; a move is quiet.
ui_keys z
check "M: z does nothing here, and says so" wait_for "z does nothing here; ? lists the keys."
ui_keys k
check "M: a move at the top takes the message away, saying nothing" wait_gone "does nothing here"
ui_keys Right
check "→: key projects only" wait_for "Key projects · key project"
ui_keys Left Left
check "←: road and bridge projects" wait_for "Key projects · road and bridge project"
ui_keys Right
check "→: back to every category" wait_for "Key projects · every category"
ui_keys /
check "/: asks what to search" wait_for "Search key projects"
ui_text "$BUSY_NAME"
ui_keys Enter
check "/: the project found" wait_for "$BUSY"
check "/: its linked posts counted" wait_cond line_has "$BUSY" "$BUSY_N"
ui_keys Enter
check "Enter: the Posts pane shows the project's posts" wait_for "project $BUSY $BUSY_NAME"
check "Enter: one of its posts" wait_for "$BUSY_POST"
check "Enter: not a post of no project" absent "$OTHER_POST "
ui_keys Escape
check "Esc: the project is no longer named" wait_gone "project $BUSY"
# The cursor stays on the post it was on (it read the first row, a post
# of no project, before lists kept it).
check "Esc: the cursor stays on the project's post" wait_cond selected_has "$BUSY_POST"
ui_keys Home
check "Esc: every post again" wait_for "$OTHER_POST"

# A search of another post first: opening the project forgets it, or it
# would hide every post of the project ("No records").
ui_keys /
wait_for "Search posts"
ui_text "$OTHER_POST"
ui_keys Enter
check "search: only the post searched" wait_for "/ $OTHER_POST"
ui_keys M
wait_for "Key projects"
ui_keys /
wait_for "Search key projects"
ui_text "$BUSY_NAME"
ui_keys Enter
wait_for "$BUSY"
ui_keys Enter
check "after a search, Enter: the project's posts" wait_for "$BUSY_POST"
check "... the search forgotten" absent "/ $OTHER_POST"
ui_keys Escape
wait_for "$OTHER_POST"

# A new livelihood project, its code the next of the series.
ui_keys M
wait_for "Key projects"
ui_keys n
check "n: the form" wait_for "New key project"
ui_text "松北区老旧小区改造项目"
ui_keys Tab Right Tab
ui_text "$OWNER"
check "the picker finds the owner unit" wait_for "$OWNER  "
ui_keys Enter
check "the owner unit picked" wait_cond line_has "Owner unit*" "$OWNER "
ui_keys F2
check "F2: set up with the next code of its series" wait_for "Project $NEXT_L set up."
check "db: the project, as entered" \
    db_wait "SELECT p.name || '|' || p.category || '|' || u.code || '|' || p.active
              FROM project p JOIN unit u ON u.id = p.owner_unit_id WHERE p.code = '$NEXT_L'" \
    "松北区老旧小区改造项目|livelihood|$OWNER|1"
check "db: its history names the organiser" \
    db_wait "SELECT actor FROM history WHERE entity = 'project' AND action = 'project.create'
              ORDER BY id DESC LIMIT 1" "liu.yang"

# A typed code from another category's series is refused, and saves nothing.
ui_keys n
wait_for "New key project"
ui_keys BTab
ui_text "XM-R-901"
ui_keys Tab
ui_text "松北区污水管网改造"
ui_keys Tab Right Tab
ui_text "$OWNER"
wait_for "$OWNER  "
ui_keys Enter
wait_cond line_has "Owner unit*" "$OWNER "
ui_keys F2
check "a road-and-bridge code for a livelihood project: refused" \
    wait_for "belongs to the road and bridge"
check "... and says how a livelihood project's code begins" wait_for "code begins"
ui_keys Escape
check "Esc: asks before dropping what was typed" wait_for "Discard your changes?"
ui_keys y
check "y: the form is gone" wait_gone "Code (blank: next)"
check "db: nothing saved" db_wait "SELECT count(*) FROM project WHERE code = 'XM-R-901'" "0"

# Rename it, then deactivate it.
ui_keys /
wait_for "Search key projects"
ui_text "$NEXT_L"
ui_keys Enter
check "/: the new project" wait_for "松北区老旧小区改造项目"
ui_keys e 1
wait_for "Edit project $NEXT_L" && ui_keys F2
check "F2 with nothing changed: the status line says so" \
    wait_for "Nothing changed, so nothing was saved."
ui_keys e
check "e: what may be done" wait_for "Deactivate the project"
ui_keys 1
check "1: the edit form" wait_for "Edit project $NEXT_L"
ui_keys C-u
ui_text "松北区老旧小区改造二期"
ui_keys F2
check "F2: saved" wait_for "Project $NEXT_L saved."
# The keys took the status line's message away, as at the panes: it stayed
# for seconds beside the view's own line about this save.
check "F2: the older status message is gone" wait_gone "Nothing changed, so nothing" 1
check "db: the new name, version 2" \
    db_wait "SELECT name || '|' || version FROM project WHERE code = '$NEXT_L'" \
    "松北区老旧小区改造二期|2"
ui_keys e 2
check "2: asks first" wait_for "Deactivate project $NEXT_L"
ui_resize 120 34
bottom_has() { ui_screen | tail -1 | grep -qF -- "$1"; }
check "resized while asked: the screen is drawn again to its new bottom line" \
    wait_cond bottom_has "liu.yang"
check "resized while asked: ... with the view below the question" \
    wait_for "Key projects · every category"
check "resized while asked: the question is still there" wait_for "Deactivate project $NEXT_L"
ui_keys y
check "y: deactivated" wait_for "Project $NEXT_L deactivated."
hint_at() { ui_screen | sed -n "${1}p" | grep -qF -- "$2"; }
check "the view takes the new size after the question" \
    wait_cond hint_at 33 "Enter its posts"
check "the row says it is inactive" wait_for "(inactive)"
check "db: inactive, nothing deleted" \
    db_wait "SELECT active || '|' || (SELECT count(*) FROM project)
              FROM project WHERE code = '$NEXT_L'" "0|$((PROJECTS + 1))"
ui_keys H
check "H: the project's history" wait_for "deactivate project"
ui_keys q q
check "q: back in Posts" wait_for "Posts · sort: code"
ui_quit
check "organiser: exit status 0" [ "$UI_RC" = 0 ]

ui_start 100 30 --config "$CFG" --login wang.lei --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2 M
check "viewer: reads the projects" wait_for "XM-K-001"
check "viewer: is offered no write keys" absent "n new"
ui_keys n
check "viewer: may not set one up" wait_for "may not change projects"
check "... told who may" wait_for "organisers and administrators do"
ui_keys e
check "viewer: nor edit one" wait_for "may not change projects"
check "db: the viewer changed nothing" \
    db_wait "SELECT count(*) FROM history WHERE entity = 'project' AND actor = 'wang.lei'" 0
ui_keys q
ui_quit

# A unit chosen in Pledge progress narrows Posts; choosing a project then
# shows all its posts (the unit's narrowing would hide most of them).
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "3 Pledge progress" && ui_keys 3
wait_for "Pledge progress"
ui_keys j j
ui_keys 2
check "linked: Posts is narrowed to a unit" wait_for "· linked to"
ui_keys M
wait_for "Key projects · every category"
ui_keys /
wait_for "Search key projects"
ui_text "$BUSY_NAME"
ui_keys Enter
wait_for "$BUSY"
ui_keys Enter
check "linked, then a project: its posts are shown" wait_for "$BUSY_POST"
check "... the unit's narrowing is gone" absent "· linked to"
ui_keys Escape
ui_quit
check "linked, then a project: exit status 0" [ "$UI_RC" = 0 ]

# A scoped organiser's H and e on a project outside their units say why,
# naming the project by its code (H said nothing; e named "#13").
# (The list offers the projects with a post in their units, whoever owns them.)
D3=$(dbq "SELECT path FROM unit WHERE code = 'D003'")
AWAY=$(dbq "SELECT p.code FROM project p JOIN post x ON x.project_id = p.id
            JOIN unit xu ON xu.id = x.unit_id JOIN unit o ON o.id = p.owner_unit_id
            WHERE xu.path LIKE '$D3%' AND o.path NOT LIKE '$D3%' ORDER BY p.code LIMIT 1")
check "scoped: the demo has a project of theirs owned elsewhere" [ -n "$AWAY" ]
ui_start 100 30 --config "$CFG" --login zhou.min --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2 M
wait_for "Key projects · every category"
ui_keys /
wait_for "Search key projects"
ui_text "$AWAY"
ui_keys Enter
wait_for "$AWAY"
ui_keys H
check "scoped: H on a project outside the units says so, as a sentence" wait_for "Project $AWAY is outside your units"
# Esc takes the view's search away before it closes the view, as in every
# list; q closes it at once.
check "the hints say Esc clears the search" wait_for "Esc clear · q back"
ui_keys Escape
check "Esc: the search cleared first" wait_gone "· / $AWAY"
check "... the view still open, saying so" wait_cond line_has "Search cleared."
ui_keys Right /
wait_for "Search key projects"
ui_text "$AWAY"
ui_keys Enter
wait_for "· / $AWAY"
ui_keys q
check "q closes the view at once, a search and a category on" wait_for "Posts · sort: code"
check "... and quits nothing" absent "Quit xianfeng?"
ui_quit

# At 80 columns in Chinese the category column took 13 cells for 重点
# (its English width), cutting the project names beside it: it is as
# wide as its labels, and the longest name of the first screen is whole.
LONG=$(dbq "SELECT code || '|' || name FROM (SELECT code, name FROM project ORDER BY code LIMIT 15)
            ORDER BY length(name) DESC, code LIMIT 1")
LONG_CODE=${LONG%%|*}
LONG_NAME=${LONG#*|}
UI_ENV="LANGUAGE=zh_CN" ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "2 先锋岗" && ui_keys 2 M
check "80 columns, Chinese: the key projects" wait_for "重点项目 · 全部类别"
check "... the longest name on the screen whole ($LONG_NAME)" \
    wait_cond line_has "$LONG_CODE" "$LONG_NAME" "重点 "
check "... the category column as wide as 类别" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -qE "项目 +类别 责任单位"' sh "$XF_SOCK"
ui_keys q
wait_for "先锋岗 · 排序：代码"
ui_quit

# A key project's owner, scoped to the owning department, saw 0 posts in
# it: they are other departments' windows. The project-post map is the
# owner's whichever units its posts are at (the posts stay theirs).
read -r OWNED OWNER_CODE <<EOF2
$(dbq "SELECT p.code, o.code FROM project p JOIN unit o ON o.id = p.owner_unit_id
       WHERE EXISTS (SELECT 1 FROM post x WHERE x.project_id = p.id AND x.status <> 'revoked')
       AND NOT EXISTS (SELECT 1 FROM post x JOIN unit xu ON xu.id = x.unit_id
       WHERE x.project_id = p.id AND substr(xu.path, 1, length(o.path)) = o.path)
       ORDER BY p.code LIMIT 1" | tr '|' ' ')
EOF2
OWNED_N=$(dbq "SELECT count(*) FROM post x JOIN project p ON p.id = x.project_id
               WHERE p.code = '$OWNED' AND x.status <> 'revoked'")
OWNED_POST=$(dbq "SELECT x.code FROM post x JOIN project p ON p.id = x.project_id
                  WHERE p.code = '$OWNED' ORDER BY x.code LIMIT 1")
check "fixture: $OWNER_CODE owns $OWNED, whose $OWNED_N posts are all elsewhere" \
    [ -n "$OWNED" ] && [ "$OWNED_N" -gt 0 ]
CFGO="$UI_TMP/projects-owner.cfg"
cat >"$CFGO" <<EOF2
access = { service_account = "$ME"; };
users = ( { login = "zhao.gang"; name = "赵刚"; role = "organiser"; scopes = ["$OWNER_CODE"]; } );
EOF2
ui_start 100 30 --config "$CFGO" --login zhao.gang --db "$DB" --today $TODAY
wait_for "2 Posts" && ui_keys 2 M
wait_for "Key projects · every category"
ui_keys /
wait_for "Search key projects"
ui_text "$OWNED"
ui_keys Enter
wait_for "· / $OWNED"
check "the owner: the project counts its $OWNED_N posts (it said 0)" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -F "$2" | grep -qE " $3\$"' \
    sh "$XF_SOCK" "$OWNED" "$OWNED_N"
ui_keys Enter
check "... and Enter shows them in Posts" wait_for "$OWNED_POST"
# The domain refuses P, N and R on another unit's post: the keys line
# offered them (and Enter) all the same.
check "... on another unit's post the keys line says it is not theirs" \
    wait_for "another unit's post: not yours to open or change"
check "... and offers no P, N, R or Enter" \
    sh -c '! tmux -L "$1" capture-pane -p -t xf | grep -qE "P publish|N name|R revoke|Enter detail"' \
    sh "$XF_SOCK"
ui_keys Enter
check "... a post's card stays its own unit's" wait_for "outside the units you may see"
ui_keys Escape
# (P, N and R as the post under the cursor is open to them: Home goes to
# the first, published, which N and R apply to)
check "... their own posts (the project cleared): Enter offered again" wait_for "Enter detail"
ui_keys Home
check "... and R on a published post of theirs" wait_for "R revoke"
# N only once the post has passed an evaluation (this one has none)
check "... not N: no evaluation passed yet" absent "N name"
check "... without the note" absent "another unit's post"
ui_quit
