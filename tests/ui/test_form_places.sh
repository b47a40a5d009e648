# Sourced by run.sh with lib.sh loaded: where forms and questions open over
# a full list (beside the row they are about, never over it), what they
# leave of the list at their sides, and what a one-field form says.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/places.cfg"
cat >"$CFG" <<EOC
access = { service_account = "$ME"; };
users = (
    { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; },
    { login = "zhou.jian"; name = "周健"; role = "supervisor"; scopes = []; },
    { login = "wang.fang"; name = "王芳"; role = "handler"; scopes = []; },
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; }
);
EOC
DB="$UI_TMP/places.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "places: demo database built through the CLI" [ $? -eq 0 ]

# q_clear_of TEXT QUESTION: the line holding TEXT is on screen, and the
# question's first line is another one.
q_clear_of() {
    r=$(ui_line_of "$1")
    b=$(ui_line_of "$2")
    [ -n "$r" ] && [ -n "$b" ] && [ "$r" != "$b" ]
}
# row_shown TEXT NOT: a line holds TEXT and not NOT (the question's own
# words naming the record).
row_shown() { ui_screen | grep -F -- "$1" | grep -qvF -- "$2"; }
# The form's lines hold nothing of the list beside its frame ("XF│").
sides_clear() { ! ui_screen | grep "[│┌└]" | grep -qv '^ *[│┌└].*[│┐┘] *$'; }

# ---- 1. a rectification to verify, from the inspections list -----------------------
ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first"
RECT=$(dbq "SELECT i.code FROM rectification r JOIN inspection i ON i.id = r.inspection_id
            WHERE r.status = 'done' ORDER BY i.on_date DESC, i.id DESC LIMIT 1")
DUE=$(dbq "SELECT r.due_on FROM rectification r JOIN inspection i ON i.id = r.inspection_id
           WHERE i.code = '$RECT'")
# the first row to verify, down the list (newest first): as many rows
# above it as checks are newer
ABOVE=$(dbq "SELECT count(*) FROM inspection i, inspection r WHERE r.code = '$RECT'
             AND (i.on_date > r.on_date OR (i.on_date = r.on_date AND i.id > r.id))")
for _ in $(seq "$ABOVE"); do ui_keys j; done
check "verify: the row to verify selected" wait_cond selected_has "to verify"
ui_keys r
check "verify: the choice" wait_for "Verify: the finding is put right"
ui_keys 1
check "verify: asks" wait_for "Verify the rectification of $RECT?"
check "verify: ... its row still in view" line_has "to verify" "$DUE"
check "verify: ... the question beside it, not over it" q_clear_of "to verify" "Verify the rectification"
ui_keys n
check "verify: n: nothing verified" wait_gone "Verify the rectification of"
check "db: still to verify" \
    db_wait "SELECT r.status FROM rectification r JOIN inspection i ON i.id = r.inspection_id
             WHERE i.code = '$RECT'" done
check "verify: q quits" quit_with 0

# ---- 2. a member deactivated, from the members of a unit ---------------------------
ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "刘洋" && ui_keys 3
wait_for "Pledge progress" && ui_keys m
check "member: the members of the first unit" wait_for "Members of"
ui_keys j j j j j j j j j j
MEMBER=$(selected_line | awk '{ print $1 }')
check "member: one selected, low in the list" [ -n "$MEMBER" ]
ui_keys e
check "member: its menu" wait_for "deactivate this member"
ui_keys 3
check "member: asks" wait_for "Their pledges stay; no new ones."
check "member: ... its row still in view" row_shown "$MEMBER" "Deactivate member"
check "member: ... the question beside it" q_clear_of "$MEMBER" "Their pledges stay"
ui_keys n
check "member: n: the question goes" wait_gone "Their pledges stay"
ui_keys Escape
wait_gone "Members of"

# ---- 3. a post revoked, from the posts list; the form's sides ----------------------
ui_keys 2
wait_for "Posts · sort: code"
# the unit chosen in the pledges links the posts to it: every post
ui_keys L
wait_gone "linked to"
ui_keys j j j j j j j j j j j j j j j
POSTR=$(selected_line | awk '{ print $1 }')
check "revoke: a post low in the list selected" [ -n "$POSTR" ]
STATUS=$(dbq "SELECT status FROM post WHERE code = '$POSTR'")
ui_keys R
check "revoke: the form" wait_for "Revoke post $POSTR"
check "revoke: ... nothing of the list beside its frame" sides_clear
ui_text "岗位撤销测试"
ui_keys F2
check "revoke: asks" wait_for "Revoke post $POSTR for good?"
check "revoke: ... its row still in view" line_has "$POSTR" "$STATUS"
ui_keys n
check "revoke: n: not revoked" wait_for "Not revoked."
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "revoke: the form closes" wait_gone "Revoke post $POSTR"
check "db: the post not revoked" db_wait "SELECT status FROM post WHERE code = '$POSTR'" "$STATUS"

# ---- 4. a one-field form says it saves ----------------------------------------------
PROPOSED=$(dbq "SELECT code FROM post WHERE status = 'proposed' ORDER BY code LIMIT 1")
ui_keys /
wait_for "Search posts" && ui_text "$PROPOSED" && ui_keys Enter
check "publish: the proposed post found" wait_cond selected_has "$PROPOSED"
ui_keys P
check "publish: the form" wait_for "Publish the notice of post $PROPOSED"
check "publish: its hint says Enter saves" wait_for "Enter, F2 or Ctrl-S save · Esc cancel"
check "publish: ... not a search's \"Enter confirms\"" absent "Enter confirms"
ui_keys Escape
check "publish: Esc closes it" wait_gone "Publish the notice of post"

# ---- 5. a project deactivated, from the projects list ------------------------------
ui_keys M
check "project: the projects" wait_for "Key projects"
ui_keys j j j j j j j j j j
PROJ=$(selected_line | awk '{ print $1 }')
check "project: one selected, low in the list" [ -n "$PROJ" ]
ui_keys e
check "project: its menu" wait_for "Deactivate the project"
ui_keys 2
check "project: asks" wait_for "Its posts stay linked."
check "project: ... its row still in view" line_has "$PROJ" "key"
check "project: ... the question beside it" q_clear_of "$PROJ" "Its posts stay linked."
ui_keys n
check "project: n: the question goes" wait_gone "Its posts stay linked."
check "db: still active" db_wait "SELECT active FROM project WHERE code = '$PROJ'" 1
ui_keys q
wait_gone "Key projects"
check "project: q quits" quit_with 0

# ---- 6. a text box with two lines in view counts both ways, readably ----------------
ui_start 80 24 --config "$CFG" --login zhou.jian --db "$DB" --today $TODAY
wait_for "周健" && ui_keys 4
wait_for "Complaints" && ui_keys a
wait_for "add a note"
ui_keys "$(ui_screen | grep -oE "│ [0-9a-z]  add a note" | head -1 | cut -c5)"
check "box: the note form" wait_for "Add a note"
for n in 1 2 3 4 5; do
    ui_text "line$n" && ui_keys Enter
done
ui_text "line6"
check "box: six lines typed" wait_for "line6"
# Eight lines of screen leave the box two; the cursor on the third line
# leaves two above it and two below.
ui_resize 80 8
ui_keys Up Up Up
check "box: on a short screen the text box is still drawn" wait_for "line3"
check "box: ... both counts readable on one line" line_has "↑2↓2" "line4"
ui_resize 80 24
check "box: back to full height" wait_for "line6"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "box: the form closes" wait_gone "Add a note"
check "box: q quits" quit_with 0

# ---- 7. the one field of a rectification's report: Shift-Tab says nothing yet ------
db_raw "$DB" "UPDATE rectification SET status = 'open', version = version + 1
              WHERE id = (SELECT r.id FROM rectification r JOIN inspection i
                          ON i.id = r.inspection_id WHERE i.code = '$RECT');"
ui_start 80 24 --config "$CFG" --login wang.fang --db "$DB" --today $TODAY
wait_for "王芳" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search" && ui_text "$RECT" && ui_keys Enter
wait_for "$DUE" && ui_keys r
check "report: the form" wait_for "Rectification of $RECT done"
ui_keys BTab
check "report: Shift-Tab stays on its one field" wait_for "What was put right"
check "report: ... and says nothing of it being required yet" absent "↑ required"
ui_keys Tab
check "report: ... nor after Tab" absent "↑ required"
ui_text "已整改"
check "report: typing goes into it" line_has "What was put right" "已整改"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "report: the form closes" wait_gone "Rectification of $RECT done"
check "report: q quits" quit_with 0
