# Sourced by run.sh with lib.sh loaded: a unit's members in Pledge
# progress under the overdue filter. The rows on screen always match the
# title: `f` on the unit's letters' row (overdue themselves) once left the
# members of no overdue pledge listed under "[overdue only]", and Esc left
# them filtered under a title without it. The database is built by the CLI
# and only read here.
DB="$UI_TMP/pmembers.db"
CFG="$UI_TMP/pmembers.cfg"
ME=$(id -un)
TODAY=2026-11-26
ORG=zz_test

"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "members: demo database built through the CLI" [ $? -eq 0 ]
q() { sqlite3 -batch -noheader "$DB" "$1"; }
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = ( { login = "$ORG"; name = "李组织"; role = "organiser"; scopes = []; } );
EOF
press_j() { g_n=$1; while [ "$g_n" -gt 0 ]; do ui_keys j; g_n=$((g_n - 1)); done; }

# A department with sub-units whose own letters have an overdue one (its
# "(own)" row's members list them first, the cursor on them), and own
# members with and without overdue pledges.
OVERDUE_OF="(SELECT count(*) FROM pledge p WHERE p.member_id = m.id AND p.status = 'open'
    AND p.due_on < '$TODAY')"
DEPT=$(q "SELECT u.id FROM unit u WHERE u.parent_id IS NULL
    AND EXISTS (SELECT 1 FROM unit c WHERE c.parent_id = u.id)
    AND EXISTS (SELECT 1 FROM pledge p WHERE p.unit_id = u.id AND p.member_id IS NULL
                AND p.status = 'open' AND p.due_on < '$TODAY')
    AND EXISTS (SELECT 1 FROM member m WHERE m.unit_id = u.id AND $OVERDUE_OF > 0)
    AND EXISTS (SELECT 1 FROM member m WHERE m.unit_id = u.id AND $OVERDUE_OF = 0)
    ORDER BY u.code LIMIT 1")
check "fixture: a department with overdue letters of its own" [ -n "$DEPT" ]
RANK=$(q "SELECT count(*) FROM unit s, unit u WHERE u.id = $DEPT AND s.parent_id IS NULL
    AND s.code < u.code")
DNAME=$(q "SELECT name FROM unit WHERE id = $DEPT")
# Names of its own members with no overdue pledge, one with some.
CLEAN=$(q "SELECT m.name FROM member m WHERE m.unit_id = $DEPT AND $OVERDUE_OF = 0")
LATE=$(q "SELECT m.name FROM member m WHERE m.unit_id = $DEPT AND $OVERDUE_OF > 0 LIMIT 1")
none_clean() {
    for nm in $CLEAN; do ui_screen | grep -qF -- "$nm" && return 1; done
    return 0
}
some_clean() {
    for nm in $CLEAN; do ui_screen | grep -qF -- "$nm" && return 0; done
    return 1
}

ui_start 100 30 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —"
press_j "$RANK"
ui_keys Right
wait_for "▾ $DNAME"
ui_keys j m
check "members: the department's own members" wait_for "Members of $DNAME"
check "members: ... the letters first, members without overdue pledges listed" \
    wait_cond some_clean
ui_keys f
check "members: f says overdue only in the title" wait_for "[overdue only]"
check "members: ... and the rows are only those with overdue pledges" wait_cond none_clean
check "members: ... a member with an overdue pledge stays" wait_for "$LATE"
check "members: Esc is offered as showing all" wait_for "Esc show all"
ui_keys Escape
check "members: Esc takes the filter from the title" wait_gone "[overdue only]"
check "members: ... and from the rows" wait_cond some_clean
ui_quit

# ---- m on a unit with sub-units: the members of the whole subtree ------------
# The first members in pinyin order, over the department and every unit
# below it; with f, the first of those with an overdue pledge, who is in a
# sub-unit (the department's own first overdue member sorts after).
IN_TREE="m.unit_id IN (SELECT d.id FROM unit d WHERE d.path LIKE
    (SELECT path FROM unit WHERE id = $DEPT) || '%')"
FIRST_ALL=$(q "SELECT m.code FROM member m WHERE $IN_TREE ORDER BY m.name_key, m.id LIMIT 1")
FIRST_LATE=$(q "SELECT m.code || '|' || u.name FROM member m JOIN unit u ON u.id = m.unit_id
    WHERE $IN_TREE AND $OVERDUE_OF > 0 AND m.unit_id <> $DEPT ORDER BY m.name_key, m.id LIMIT 1")
LATE_CODE=${FIRST_LATE%%|*} LATE_UNIT=${FIRST_LATE#*|}
OWN_LATE=$(q "SELECT m.code FROM member m WHERE m.unit_id = $DEPT AND $OVERDUE_OF > 0
    ORDER BY m.name_key, m.id LIMIT 1")
check "fixture: an overdue member below the department" [ -n "$LATE_CODE" ]
ui_start 100 30 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —"
press_j "$RANK"
ui_keys m
check "below: m on a department lists it with the units below" \
    wait_for "Members of $DNAME and the units below"
check "below: ... with a Unit column" wait_cond line_has "Member" "Unit" "Overdue"
check "below: ... from the first member of the whole subtree" wait_for "$FIRST_ALL"
ui_keys f
check "below: f keeps the list, overdue only" \
    wait_for "Members of $DNAME and the units below [overdue only]"
check "below: ... a sub-unit's overdue member, with their unit" \
    wait_cond line_has "$LATE_CODE" "$LATE_UNIT"
check "below: ... and the department's own" wait_for "$OWN_LATE"
ui_keys Escape
check "below: Esc shows all again" wait_gone "[overdue only]"
ui_keys q
check "below: q goes back to the tree" wait_for "Pledge progress —"
ui_quit

# ---- an overdue pledge marked kept on an earlier day needs a reason ----------
# Marked after it went overdue with a day before its due date, it left the
# overdue count with no word said; the detail showed the typed day only.
KDB="$UI_TMP/pkeep.db"
cp "$DB" "$KDB"
kq() { sqlite3 -batch -noheader "$KDB" "$1"; }
KM=$(q "SELECT m.id FROM member m WHERE m.unit_id = $DEPT AND $OVERDUE_OF > 0
    ORDER BY m.name_key, m.id LIMIT 1")
KP=$(q "SELECT id FROM pledge WHERE member_id = $KM AND status = 'open' AND due_on < '$TODAY'
    ORDER BY id LIMIT 1")
KP_RANK=$(q "SELECT count(*) FROM pledge WHERE member_id = $KM AND id < $KP")
KM_RANK=$(q "SELECT count(*) FROM member s, member m WHERE m.id = $KM AND s.unit_id = m.unit_id
    AND (s.name_key < m.name_key OR (s.name_key = m.name_key AND s.id < m.id))")
KDUE=$(q "SELECT due_on FROM pledge WHERE id = $KP")
KMADE=$(q "SELECT made_on FROM pledge WHERE id = $KP")
KDAYS=$(q "SELECT CAST(julianday('$TODAY') - julianday('$KDUE') AS INTEGER)")
ui_start 100 30 --config "$CFG" --login $ORG --db "$KDB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —"
press_j "$RANK"
ui_keys Right
wait_for "▾ $DNAME"
ui_keys j m
wait_for "Members of $DNAME"
press_j $((KM_RANK + 1)) # the letters' row first
ui_keys Enter
wait_for "Pledges of $(q "SELECT name FROM member WHERE id = $KM")"
press_j "$KP_RANK"
ui_keys K
check "late: K opens the kept form" wait_for "Mark the pledge kept"
ui_keys -l "台账已归档"
ui_keys Tab C-u
ui_text "$KMADE"
ui_keys Tab F2
check "late: a kept day before today on an overdue pledge asks why, naming the days" \
    wait_for "overdue since $KDUE ($KDAYS days)"
check "late: ... and nothing is kept yet" [ "$(kq "SELECT status FROM pledge WHERE id = $KP")" = open ]
ui_keys -l "补录：当日已办结，台账迟交"
ui_keys F2
check "late: with a reason the form closes" wait_gone "Mark the pledge kept"
kept_as_given() { [ "$(kq "SELECT status || ' ' || kept_on FROM pledge WHERE id = $KP")" = "kept $KMADE" ]; }
check "late: ... the pledge is kept on the day given" wait_cond kept_as_given
check "late: ... the reason is in the history" \
    [ "$(kq "SELECT json_extract(after, '\$.late_reason') FROM history WHERE entity = 'pledge'
         AND entity_id = $KP AND action = 'pledge.keep_late'")" = "补录：当日已办结，台账迟交" ]
ui_keys Enter
check "late: the detail says when it was marked, and by whom" \
    wait_cond line_has "Marked kept" "$(date +%Y-)" "李组织"
check "late: ... and why that day" line_has "Why that day" "补录：当日已办结"
ui_keys q
ui_quit

# ---- a withdrawal not confirmed --------------------------------------------
# A "no" to the question goes back to the form with the reason kept,
# saying so; a form closed without withdrawing says so on the status line
# (seen once: the form gone, nothing said).
WM=$(kq "SELECT m.id FROM member m WHERE m.unit_id = $DEPT AND EXISTS (SELECT 1 FROM pledge p
    WHERE p.member_id = m.id AND p.status = 'open') ORDER BY m.name_key, m.id LIMIT 1")
WP=$(kq "SELECT id FROM pledge WHERE member_id = $WM AND status = 'open' ORDER BY id LIMIT 1")
WP_RANK=$(kq "SELECT count(*) FROM pledge WHERE member_id = $WM AND id < $WP")
WM_RANK=$(kq "SELECT count(*) FROM member s, member m WHERE m.id = $WM AND s.unit_id = m.unit_id
    AND (s.name_key < m.name_key OR (s.name_key = m.name_key AND s.id < m.id))")
ui_start 100 30 --config "$CFG" --login $ORG --db "$KDB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —"
press_j "$RANK"
ui_keys Right
wait_for "▾ $DNAME"
ui_keys j m
wait_for "Members of $DNAME"
press_j $((WM_RANK + 1))
ui_keys Enter
wait_for "Pledges of $(q "SELECT name FROM member WHERE id = $WM")"
press_j "$WP_RANK"
ui_keys W
check "withdraw: W opens the form" wait_for "Withdraw the pledge"
ui_keys -l "职务调整"
ui_keys F2
check "withdraw: F2 asks first" wait_for "This cannot be undone."
ui_keys x
check "withdraw: another key than y goes back to the form" wait_gone "This cannot be undone."
check "withdraw: ... with the reason kept" wait_cond line_has "Reason" "职务调整"
check "withdraw: ... saying it was not withdrawn" wait_for "Not withdrawn."
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "withdraw: the form closed without withdrawing" wait_gone "Withdraw the pledge"
check "withdraw: ... says so on the status line" wait_for "not withdrawn."
check "withdraw: ... and the pledge is open" \
    [ "$(kq "SELECT status FROM pledge WHERE id = $WP")" = open ]
ui_quit
