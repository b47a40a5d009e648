# Sourced by run.sh with lib.sh loaded: the menus before a question over a
# full list open beside the row they act on, and follow it when the
# terminal is resized; a question or a menu over a list blanks the cells
# beside its frame; a text box's cursor after a full line.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/menus.cfg"
cat >"$CFG" <<EOC
access = { service_account = "$ME"; };
users = (
    { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; },
    { login = "zhou.jian"; name = "周健"; role = "supervisor"; scopes = []; },
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; }
);
EOC
DB="$UI_TMP/menus.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "menus: demo database built through the CLI" [ $? -eq 0 ]

# row_clear TEXT: a screen line holds TEXT and no frame: the row, not
# crossed by a menu or a question (nor the menu's own title naming it).
row_clear() { ui_screen | grep -F -- "$1" | grep -qv "[│┌└─]"; }
# sides_blank TEXT: on the line holding TEXT inside a frame, the two cells
# beside the frame on either side are blank (or the screen's edge): no
# end of a list row reads as part of the frame ("XFG-0│").
sides_blank() {
    l=$(ui_screen | grep -F -- "$1" | grep "│" | head -1)
    [ -n "$l" ] || return 1
    left=${l%%│*}
    right=${l##*│}
    case "$left" in "" | " " | *"  ") ;; *) return 1 ;; esac
    case "$right" in "" | " " | "  "*) ;; *) return 1 ;; esac
}
# down_to TEXT: j until the selected row holds TEXT (at most 40 rows).
down_to() {
    i=0
    while ! selected_has "$1" && [ $i -lt 40 ]; do
        ui_keys j
        sleep 0.1
        i=$((i + 1))
    done
    selected_has "$1"
}
cursor_at() { tmx display-message -p -t xf '#{cursor_x} #{cursor_y}'; }

# ---- 1. the rectification's menu, from the inspections list ------------------------
ui_start 120 24 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
RECT=$(dbq "SELECT i.code FROM rectification r JOIN inspection i ON i.id = r.inspection_id
            WHERE r.status = 'done' ORDER BY i.on_date DESC, i.id DESC LIMIT 1")
DUE=$(dbq "SELECT r.due_on FROM rectification r JOIN inspection i ON i.id = r.inspection_id
           WHERE i.code = '$RECT'")
check "rect menu: the row to verify selected" down_to "$DUE"
ui_keys r
check "rect menu: the menu" wait_for "Verify: the finding is put right"
check "rect menu: ... its row in view, not under the menu" row_clear "$DUE"
check "rect menu: nothing of the list beside its frame" sides_blank "Verify: the finding is put right"
check "rect menu: ... nor beside its hint" sides_blank "Enter or its key chooses"
ui_keys 1
check "rect menu: the question" wait_for "Verify the rectification of $RECT?"
check "rect menu: ... the row still in view" row_clear "$DUE"
check "rect question: nothing of the list beside its frame" sides_blank "Verify the rectification"
check "rect question: ... nor beside its hint" sides_blank "y = yes, n or Esc = no"
ui_keys n
check "rect question: n: it goes" wait_gone "Verify the rectification of"
check "db: still to verify" \
    db_wait "SELECT r.status FROM rectification r JOIN inspection i ON i.id = r.inspection_id
             WHERE i.code = '$RECT'" done
check "rect: q quits" quit_with 0

# ---- 2. a member's and a unit's menus, from pledge progress ------------------------
ui_start 120 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "刘洋" && ui_keys 3
wait_for "Pledge progress" && ui_keys m
check "member: the members of the first unit" wait_for "Members of"
ui_keys j j j j j j j j j j
MEMBER=$(selected_line | awk '{ print $2 }')
case "$MEMBER" in M*) ;; *) MEMBER=$(selected_line | awk '{ print $3 }') ;; esac
check "member: one selected, low in the list" [ -n "$MEMBER" ]
ui_keys e
check "member: its menu" wait_for "deactivate this member"
check "member: ... its row in view, not under the menu" row_clear "$MEMBER"
check "member menu: nothing of the list beside its frame" sides_blank "deactivate this member"
ui_keys 3
check "member: asks" wait_for "Their pledges stay; no new ones."
check "member: ... its row in view" row_clear "$MEMBER"
check "member question: nothing of the list beside its frame" sides_blank "Their pledges stay"
check "member question: ... nor beside its hint" sides_blank "y = yes, n or Esc = no"
ui_keys n
check "member: n: the question goes" wait_gone "Their pledges stay"
check "db: the member still active" \
    db_wait "SELECT active FROM member WHERE code = '$MEMBER'" 1
# A resize under the menu and its question: both follow the row, which a
# shorter list scrolls up (they kept its old line, and covered it).
ui_keys e
wait_for "deactivate this member"
ui_resize 120 14
check "resized: the menu again" wait_for "deactivate this member"
check "resized: ... whole on the screen" wait_for "Enter or its key chooses"
check "resized: ... its row in view, not under the menu" wait_cond row_clear "$MEMBER"
ui_keys 3
check "resized: the question" wait_for "Their pledges stay; no new ones."
check "resized: ... its row in view" wait_cond row_clear "$MEMBER"
ui_resize 120 24
check "resized back: the question again" wait_for "y = yes, n or Esc = no"
check "resized back: ... its row in view" wait_cond row_clear "$MEMBER"
ui_keys n
wait_gone "Their pledges stay"
ui_keys Escape
wait_gone "Members of"
ui_keys j j j j j j j j j j
UNIT=$(selected_line | sed 's/^ *▸ *//' | awk '{ print $1 }')
check "unit: one selected, low in the list" [ -n "$UNIT" ]
ui_keys e
check "unit: its menu" wait_for "add a unit below it"
check "unit: ... its row in view, not under the menu" row_clear "$UNIT"
check "unit menu: nothing of the list beside its frame" sides_blank "add a unit below it"
ui_keys Escape
check "unit: Esc closes it" wait_gone "add a unit below it"

# ---- 3. a project's menu, from the key projects ------------------------------------
ui_keys 2
wait_for "Posts · sort: code"
ui_keys M
check "project: the projects" wait_for "Key projects"
ui_keys j j j j j j j j j j
PROJ=$(selected_line | awk '{ print $1 }')
check "project: one selected, low in the list" [ -n "$PROJ" ]
ui_keys e
check "project: its menu" wait_for "Deactivate the project"
check "project: ... its row in view, not under the menu" row_clear "$PROJ"
check "project menu: nothing of the list beside its frame" sides_blank "Deactivate the project"
ui_keys 2
check "project: asks" wait_for "Its posts stay linked."
check "project: ... its row in view" row_clear "$PROJ"
check "project question: nothing of the list beside its frame" sides_blank "Its posts stay linked."
ui_keys n
check "project: n: the question goes" wait_gone "Its posts stay linked."
check "db: still active" db_wait "SELECT active FROM project WHERE code = '$PROJ'" 1
ui_keys q
wait_gone "Key projects"
check "project: q quits" quit_with 0

# ---- 3b. an award's question follows its row through a resize ---------------------
AW=$(dbq "SELECT p.code FROM award a JOIN post p ON p.id = a.post_id WHERE a.year = 2026
          AND a.kind = 'satisfaction_window' AND a.rank = 13")
ui_start 120 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "刘洋" && ui_keys 6
wait_for "Evaluations by quarter" && ui_keys A
wait_for "Annual awards 2026"
check "award: the 13th candidate selected, low in the list" down_to "$AW"
ui_keys c
check "award: the question" wait_for "as an award winner?"
check "award: ... its row in view" row_clear "$AW "
for size in "120 18" "120 14" "120 30"; do
    ui_resize $size
    check "award: resized to $size: the question again" wait_for "as an award winner?"
    check "award: ... its row in view" wait_cond row_clear "$AW "
done
ui_keys n
check "award: n: the question goes" wait_gone "as an award winner?"
check "db: still a candidate" \
    db_wait "SELECT a.status FROM award a JOIN post p ON p.id = a.post_id
             WHERE a.year = 2026 AND a.kind = 'satisfaction_window' AND p.code = '$AW'" candidate
ui_keys q
check "award: q quits" quit_with 0

# ---- 4. a text box's cursor after a line filled to its last cell --------------------
ui_start 80 24 --config "$CFG" --login zhou.jian --db "$DB" --today $TODAY
wait_for "周健" && ui_keys 4
wait_for "Complaints" && ui_keys a
wait_for "add a note"
ui_keys "$(ui_screen | grep -oE "│ [0-9a-z]  add a note" | head -1 | cut -c5)"
check "box: the note form" wait_for "Add a note"
ui_text "q"
wait_for "q "
set -- $(cursor_at)
X0=$(($1 - 1)) # the box's first cell
# A run longer than a line: the first line holds as many as fit.
ui_keys BSpace
ui_text "$(printf '%0150d' 0 | tr 0 x)"
wait_cond [ "$(ui_screen | grep -cE "x{20,}")" = 3 ]
FULL=$(ui_screen | grep -oE "x{20,}" | head -1 | tr -d '\n' | wc -c)
ui_keys -N $((150 - FULL)) BSpace
check "box: one full line left" wait_cond [ "$(ui_screen | grep -cE "x{$FULL}")" = 1 ]
LINE=$(($(ui_line_of "$(printf "%0${FULL}d" 0 | tr 0 x)") - 1))
check "box: the cursor at the start of the next line, where x goes" \
    wait_cond [ "$(cursor_at)" = "$X0 $((LINE + 1))" ]
ui_text "y"
check "box: ... and y goes there" wait_cond [ "$(cursor_at)" = "$((X0 + 1)) $((LINE + 1))" ]
check "box: ... the y alone on the second line, the first still full" \
    sh -c 'ui() { tmux -L "$1" capture-pane -p -t xf; }
           ui "$1" | sed -n "$(($2 + 2))p" | grep -qE "│ +y +│" &&
           ui "$1" | sed -n "$(($2 + 1))p" | grep -qE "x{$3} "' sh "$XF_SOCK" "$LINE" "$FULL"
# Two lines of the box in view: the full line and the cursor's below it.
ui_keys BSpace
ui_resize 80 8
check "box: on a short screen the full line still shown" \
    wait_cond [ "$(ui_screen | grep -cE "x{$FULL}")" = 1 ]
LINE=$(($(ui_line_of "$(printf "%0${FULL}d" 0 | tr 0 x)") - 1))
check "box: ... the cursor on the line below it, in the box" \
    wait_cond [ "$(cursor_at)" = "$X0 $((LINE + 1))" ]
check "box: ... that line is the box's" \
    sh -c 'tmux -L "$1" capture-pane -p -t xf | sed -n "$(($2 + 2))p" | grep -qE "│ +│"' \
    sh "$XF_SOCK" "$LINE"
ui_text "z"
check "box: ... z typed there" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | sed -n "$(($2 + 2))p" | grep -qE "│.* z +│"' \
    sh "$XF_SOCK" "$LINE"
ui_resize 80 24
wait_for "F2 or Ctrl-S save"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "box: the form closes" wait_gone "Add a note"
check "box: q quits" quit_with 0
