# Sourced by run.sh with lib.sh loaded: people shown by name in list
# columns. A pledge verified by a leader with their member login shows the
# leader's name in the Verified by column, not the login; the History pane
# shows a unit's liaison (cb_d079) by the name the demo gives them.
DB="$UI_TMP/names.db"
CFG="$UI_TMP/names.cfg"
ME=$(id -un)
TODAY=2026-11-26

"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "names: demo database built through the CLI" [ $? -eq 0 ]
q() { sqlite3 -batch -noheader "$DB" "$1"; }
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = ( { login = "nm_admin"; name = "李管理"; role = "admin"; } );
EOF

# A member found by a name no other member's holds, with a few pledges, one
# verified by a leader's member login whose name is theirs alone too.
PICK=$(q "SELECT m.name || '|' || v.name || '|' || p.verified_by || '|' || substr(p.text, 1, 6)
    FROM pledge p JOIN member m ON m.id = p.member_id
    JOIN member v ON v.login = p.verified_by
    WHERE p.verified_by GLOB 'm[0-9]*'
      AND (SELECT count(*) FROM member o WHERE instr(o.name, m.name) > 0) = 1
      AND (SELECT count(*) FROM member o WHERE o.name = v.name) = 1
      AND (SELECT count(*) FROM pledge o WHERE o.member_id = m.id) <= 10
    ORDER BY p.id LIMIT 1")
MNAME=${PICK%%|*}; rest=${PICK#*|}
VNAME=${rest%%|*}; rest=${rest#*|}
VLOGIN=${rest%%|*}; PTEXT=${rest#*|}
check "names: a pledge verified by a member login ($VLOGIN, $VNAME)" [ -n "$PTEXT" ]

ui_start 200 50 --config "$CFG" --login nm_admin --db "$DB" --today $TODAY
check "names: the interface opens" wait_for "李管理"
ui_keys 3
check "names: Pledge progress" wait_for "Pledge progress —"
ui_keys /
wait_for "Search units and members"
ui_text "$MNAME"
ui_keys Enter
check "names: $MNAME is found" wait_cond line_has "$MNAME ·" "member"
ui_keys Enter
check "names: Enter shows $MNAME's pledges" wait_for "Pledges of $MNAME"
check "names: the verified pledge shows the verifier by name ($VNAME)" \
    wait_cond line_has "$PTEXT" "$VNAME"
check "names: ... not by the login $VLOGIN" absent "$VLOGIN"

# The History pane's User column: the liaison's name, as their timeline
# step says it, where the login alone was shown.
ui_keys Escape Escape Escape
ui_keys 7
check "names: the History pane opens" wait_for "History · newest first"
ui_keys f
check "names: the filter form opens" wait_for "Filter the history"
ui_text "郑峰" # the liaison's name: the filter finds the login
ui_keys C-s
check "names: the filter is the liaison's" wait_for "user 郑峰 (cb_d079)"
check "names: their signing is listed under their name" wait_cond line_has "郑峰" "sign"
check "names: ... the rows do not show the bare login" \
    [ "$(ui_screen | sed 1,3d | grep -cF "cb_d079")" = 0 ]
check "names: q quits" quit_with 0

# Members' sort keys made with another collation (an ICU upgrade) are made
# again by the interface too: once its first screen is drawn (the check
# loads ICU), and on the shared database under a pretended day, which only
# looks, as when the open made them before the screen.
q "UPDATE setting SET value = 'icu-0' WHERE name = 'collation'"
KCFG="$UI_TMP/names_keys.cfg"
printf 'database = { path = "%s"; };\n' "$DB" >"$KCFG"
keys_current() { [ "$(q "SELECT value FROM setting WHERE name = 'collation'")" != icu-0 ]; }
ui_start 80 24 --config "$KCFG" --today $TODAY
check "names: keys of another collation, a look-only session opens" wait_for "Overview"
check "names: ... its status line says it only looks" wait_for "Looking as of $TODAY"
check "names: ... the keys are made again" wait_cond keys_current
no_refusal() { ! ui_screen | grep -qF "nothing is saved"; }
check "names: ... and not refused" no_refusal
check "names: q quits the look-only session" quit_with 0
