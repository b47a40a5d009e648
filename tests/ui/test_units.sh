# Sourced by run.sh with lib.sh loaded: units and members from the Pledge
# progress pane (SPEC §2.1, §2.3). An organiser sets up a unit below a
# department (the code suggested, trade and Party organisation taken from
# the department), adds a member to it, renames the member, makes them a
# leader, deactivates them and then the unit; each step lands in the
# database with its history. A viewer is told they may not.
DB="$UI_TMP/units.db"
CFG="$UI_TMP/units.cfg"
ME=$(id -un)
TODAY=2026-11-26
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; },
    { login = "wang.lei"; name = "王磊"; role = "viewer"; scopes = []; },
    { login = "chen.jing"; name = "陈静"; role = "organiser"; scopes = []; }
);
EOF
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "units: demo database built through the CLI" [ $? -eq 0 ]

NEXT=$(printf 'D001-%02d' $(($(dbq "SELECT count(*) FROM unit WHERE code GLOB 'D001-[0-9][0-9]'") + 1)))

ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "3 Pledge progress" && ui_keys 3
check "organiser: the tree, D001 first" wait_for "市城建委"
check "organiser: the hint offers the unit actions" wait_for "e unit…"
ui_keys e
check "e: the unit's menu" wait_for "Unit D001 市城建委"
ui_keys 2
check "add a unit: the form, below the department" wait_for "New unit below 市城建委"
check "add a unit: the next code is suggested" wait_for "$NEXT"
ui_text "规划审批处"
ui_keys C-s
check "add a unit: saved" wait_for "Unit $NEXT set up."
check "db: the unit, its kind, trade and Party organisation" \
    db_wait "SELECT u.name || '|' || u.kind || '|' || u.trade || '|' || u.party_org
              FROM unit u JOIN unit p ON p.id = u.parent_id
              WHERE u.code = '$NEXT' AND p.code = 'D001'" "规划审批处|office|城建|市城建委机关党委"
check "db: its history row, by the organiser" \
    db_wait "SELECT actor FROM history WHERE entity = 'unit' AND action = 'unit.create'" liu.yang

ui_keys Right
check "the tree shows the new unit under the department" wait_for "规划审批处"
# The cursor to the new unit's row: the last child of D001 (after the row
# of D001's own pledges, when it has any).
N=$(dbq "SELECT count(*) FROM unit WHERE parent_id = (SELECT id FROM unit WHERE code = 'D001')")
N=$((N + $(dbq "SELECT count(*) > 0 FROM pledge WHERE unit_id = (SELECT id FROM unit WHERE code = 'D001')")))
j=0; while [ $j -lt "$N" ]; do ui_keys j; j=$((j + 1)); done
ui_keys e
check "e on the new unit: its menu" wait_for "Unit $NEXT 规划审批处"
ui_keys 3
check "add a member: the form" wait_for "New member of 规划审批处"
ui_text "张晓明"
ui_keys Tab
ui_text "科员"
ui_keys C-s
check "add a member: saved" wait_for "added."
MCODE=$(dbq "SELECT code FROM member WHERE name = '张晓明'")
check "db: the member, in the new unit" \
    db_wait "SELECT m.position || '|' || u.code FROM member m JOIN unit u ON u.id = m.unit_id
              WHERE m.name = '张晓明'" "科员|$NEXT"

ui_keys m
check "m: the new unit's members" wait_for "Members of 规划审批处"
check "m: ... the new member" wait_for "张晓明"
ui_keys e
check "e on a member: the member's menu" wait_for "Member $MCODE 张晓明"
ui_keys 1
check "edit the member: the form" wait_for "Edit member $MCODE 张晓明"
check "... with the login field" wait_for "xianfeng login"
ui_keys C-u
ui_text "张晓鸣"
ui_keys Tab Tab y
ui_keys C-s
check "edit the member: saved" wait_for "Member $MCODE saved."
check "db: renamed and a leader" \
    db_wait "SELECT name || '|' || is_leader FROM member WHERE code = '$MCODE'" "张晓鸣|1"
ui_keys e
wait_for "Member $MCODE" && ui_keys 3
check "deactivate the member: asks first" wait_for "Deactivate member $MCODE"
ui_keys y
check "deactivate the member: done" wait_for "Member $MCODE deactivated."
check "db: the member is inactive" db_wait "SELECT active FROM member WHERE code = '$MCODE'" 0
check "the list marks the member inactive" wait_for "张晓鸣 (leader) (inactive)"
ui_keys e
check "an inactive member's menu offers to reactivate" wait_for "reactivate this member"
ui_keys 3
check "reactivate: asks first" wait_for "Reactivate member $MCODE"
ui_keys y
check "reactivate: done" wait_for "Member $MCODE reactivated."
check "db: active again" db_wait "SELECT active FROM member WHERE code = '$MCODE'" 1
ui_keys e
wait_for "deactivate this member" && ui_keys 3
wait_for "Deactivate member $MCODE" && ui_keys y
check "deactivated again" wait_for "Member $MCODE deactivated."
# n on the inactive member says at once that they make no more pledges.
ui_keys n
check "n on an inactive member: refused at once" wait_for "is no longer an active member"
check "... no form opened" absent "New pledge"
check "db: each member change has its history row" \
    db_wait "SELECT group_concat(action, ',') FROM (SELECT action FROM history
              WHERE entity = 'member' AND entity_id > 0 ORDER BY id)" \
    "member.create,member.edit,member.deactivate,member.activate,member.deactivate"

ui_keys q
wait_for "Pledge progress —"
# A department with active units below cannot be deactivated: said at
# once, before any question; the status line gives the whole reason (it
# takes the line from the user's name).
ui_keys Home e
wait_for "Unit D001 市城建委" && ui_keys 4
check "a department with active units below: refused, the reason whole" \
    wait_for "deactivate those first"
check "... without asking first" absent "Deactivate unit D001"
check "db: D001 still active" db_wait "SELECT active FROM unit WHERE code = 'D001'" 1
ui_keys End
N=$(dbq "SELECT count(*) FROM unit WHERE parent_id = (SELECT id FROM unit WHERE code = 'D001')")
N=$((N + $(dbq "SELECT count(*) > 0 FROM pledge WHERE unit_id = (SELECT id FROM unit WHERE code = 'D001')")))
ui_keys Home
j=0; while [ $j -lt "$N" ]; do ui_keys j; j=$((j + 1)); done
ui_keys e
wait_for "Unit $NEXT" && ui_keys 4
check "deactivate the unit: asks first" wait_for "Deactivate unit $NEXT"
ui_keys y
check "deactivate the unit: done" wait_for "Unit $NEXT deactivated."
check "db: the unit is inactive" db_wait "SELECT active FROM unit WHERE code = '$NEXT'" 0
check "the tree marks the unit inactive" wait_for "规划审批处 (inactive)"
ui_keys e
check "the menu now offers to reactivate it" wait_for "reactivate it"
ui_keys Escape
# The member moves to another unit: the unit field of the member form.
ui_keys m
wait_for "Members of 规划审批处" && ui_keys e
wait_for "Member $MCODE" && ui_keys 1
check "edit: the member's unit is shown with its parent" wait_for "市城建委 › 规划审批处"
ui_keys Up BSpace
ui_text "D001-01"
check "the unit picker finds the new unit" wait_for "D001-01 "
ui_keys Enter C-s
check "moved: saved" wait_for "Member $MCODE saved."
check "db: the member is in D001-01 now" \
    db_wait "SELECT u.code FROM member m JOIN unit u ON u.id = m.unit_id WHERE m.code = '$MCODE'" \
    D001-01
ui_keys q
# A member named on a standing post's card stays on the roll: refused at
# once, naming the post, before any question.
HOLDER=$(dbq "SELECT m.code FROM post p JOIN member m ON m.id = p.holder_member_id
              WHERE p.status = 'named' AND m.active = 1 ORDER BY p.code LIMIT 1")
HNAME=$(dbq "SELECT name FROM member WHERE code = '$HOLDER'")
HPOST=$(dbq "SELECT min(code) FROM post WHERE status <> 'revoked'
             AND holder_member_id = (SELECT id FROM member WHERE code = '$HOLDER')")
wait_for "Pledge progress —" && ui_keys /
wait_for "Search units and members" && ui_text "$HOLDER" && ui_keys Enter
wait_cond line_has "$HNAME" "member" && ui_keys Enter
wait_for "Pledges of $HNAME" && ui_keys Escape
wait_for "Members of" && ui_keys e
wait_for "Member $HOLDER" && ui_keys 3
check "deactivate a post's holder: refused" wait_for "give the post another holder"
check "... naming the post" wait_for "$HPOST"
check "... without asking first" absent "Deactivate member $HOLDER"
check "db: the holder is still active" db_wait "SELECT active FROM member WHERE code = '$HOLDER'" 1
ui_keys q # closes the refusal, shown whole over the screen
wait_gone "give the post another holder" && ui_keys q
wait_for "Units and members matching" && ui_keys Escape
wait_for "Pledge progress —"
# A member moved from their pledges: the title and the next pledge's form
# name the unit they are in now (both kept the old one), and Esc goes to
# the new unit's members.
MOVER=$(dbq "SELECT m.code FROM member m WHERE m.active = 1 AND m.unit_id = (SELECT id FROM unit
             WHERE code = 'D001') AND EXISTS (SELECT 1 FROM pledge p WHERE p.member_id = m.id)
             AND m.id NOT IN (SELECT holder_member_id FROM post WHERE holder_member_id IS NOT NULL)
             ORDER BY m.code LIMIT 1")
MVNAME=$(dbq "SELECT name FROM member WHERE code = '$MOVER'")
MVN=$(dbq "SELECT count(*) FROM pledge p JOIN member m ON m.id = p.member_id
           WHERE m.code = '$MOVER' AND p.unit_id = m.unit_id")
MVOPEN=$(dbq "SELECT count(*) FROM pledge p JOIN member m ON m.id = p.member_id
              WHERE m.code = '$MOVER' AND p.unit_id = m.unit_id AND p.status = 'open'")
D2NAME=$(dbq "SELECT name FROM unit WHERE code = 'D002'")
ui_keys /
wait_for "Search units and members" && ui_text "$MOVER" && ui_keys Enter
wait_cond line_has "$MVNAME" "member" && ui_keys Enter
wait_for "Pledges of $MVNAME — 市城建委" && ui_keys e
wait_for "Member $MOVER" && ui_keys 1
wait_for "Edit member $MOVER" && ui_keys Up BSpace
ui_text "D002"
wait_for "D002 " && ui_keys Enter C-s
check "moved from the pledges: saved, saying the pledges went along" \
    wait_for "Member $MOVER saved; $MVN $([ "$MVN" = 1 ] && echo pledge || echo pledges) moved with them ($MVOPEN open)."
check "db: the pledges are at the new unit, as its figures" \
    db_wait "SELECT count(*) FROM pledge p JOIN member m ON m.id = p.member_id
             WHERE m.code = '$MOVER' AND p.unit_id = (SELECT id FROM unit WHERE code = 'D002')" "$MVN"
check "... the title names the new unit" wait_for "Pledges of $MVNAME — $D2NAME"
ui_keys n
wait_for "New pledge"
check "... the new pledge's form names the new unit" wait_cond line_has "Unit" "$D2NAME"
ui_keys Escape
wait_gone "New pledge" && ui_keys Escape
check "... Esc: the new unit's members" wait_for "Members of $D2NAME"
ui_keys Escape Escape
wait_for "Pledge progress —"
# to_tree: Esc, one view at a time, back to the tree
to_tree() {
    for i in 1 2 3 4; do
        ui_screen | grep -qF "→ expand" && return 0
        ui_keys Escape
        wait_for "→ expand" 1 && return 0
    done
    return 1
}
# Moved by someone else while another organiser's new pledge form shows
# the old unit: the save says so and the form then shows the new unit
# (the pledge went to the new unit without a word).
MOVER2=$(dbq "SELECT m.code FROM member m WHERE m.active = 1 AND m.unit_id = (SELECT id FROM unit
              WHERE code = 'D001') AND m.code <> '$MOVER'
              AND m.id NOT IN (SELECT holder_member_id FROM post WHERE holder_member_id IS NOT NULL)
              ORDER BY m.code LIMIT 1")
MV2NAME=$(dbq "SELECT name FROM member WHERE code = '$MOVER2'")
ui_open b --config "$CFG" --login chen.jing --db "$DB" --today $TODAY
UI_T=b
wait_for "3 Pledge progress" && ui_keys 3
wait_for "Pledge progress —" && ui_keys /
wait_for "Search units and members" && ui_text "$MOVER2" && ui_keys Enter
wait_cond line_has "$MV2NAME" "member" && ui_keys Enter
wait_for "Pledges of $MV2NAME — 市城建委" && ui_keys n
check "other organiser: the new pledge's form shows the member's unit" \
    wait_cond line_has "Unit" "市城建委"
ui_text "主动靠前服务，做到随到随办"
ui_keys Tab Tab Tab
ui_text "2026-12-31"
UI_T=
ui_keys /
wait_for "Search units and members" && ui_text "$MOVER2" && ui_keys Enter
wait_cond line_has "$MV2NAME" "member" && ui_keys Enter
wait_for "Pledges of $MV2NAME — 市城建委" && ui_keys e
wait_for "Member $MOVER2" && ui_keys 1
wait_for "Edit member $MOVER2" && ui_keys Up BSpace
ui_text "D002"
wait_for "D002 " && ui_keys Enter C-s
check "fixture: the member is moved to D002" wait_for "Member $MOVER2 saved"
UI_T=b
check "other organiser: the status line names the member edited" \
    wait_cond eval 'ui_screen | tail -1 | grep -qE "edit member $MOVER2( $MV2NAME)? *\$"'
ui_keys C-s
check "other organiser: the save says the member was moved meanwhile" \
    wait_for "was moved to $D2NAME by someone else"
check "... nothing recorded yet" [ "$(dbq "SELECT count(*) FROM pledge WHERE text = '主动靠前服务，做到随到随办'")" = 0 ]
check "... the form shows the new unit" wait_cond line_has "Unit" "$D2NAME"
ui_keys C-s
check "... saved again: recorded" wait_for "recorded."
check "db: the pledge is at the member's new unit" \
    db_wait "SELECT u.code FROM pledge p JOIN unit u ON u.id = p.unit_id
             WHERE p.text = '主动靠前服务，做到随到随办'" "D002"
to_tree
ui_quit
check "other organiser: exit status 0" [ "$UI_RC" = 0 ]
UI_T=
to_tree
ui_quit
check "organiser: exit status 0" [ "$UI_RC" = 0 ]

# One's own member record: the login (which keeps them from verifying
# their own pledges) is not offered; only an administrator changes it.
printf 'code,unit_code,name,position,is_leader,login,active\nM9200001,D001,陈静,科员,0,chen.jing,1\n' \
    >"$UI_TMP/own.csv"
"$XF" --db "$DB" import members "$UI_TMP/own.csv" >/dev/null 2>&1
check "fixture: chen.jing's member record" \
    [ "$(dbq "SELECT login FROM member WHERE code = 'M9200001'")" = chen.jing ]
ui_start 100 30 --config "$CFG" --login chen.jing --db "$DB" --today $TODAY
wait_for "3 Pledge progress" && ui_keys 3
wait_for "市城建委" && ui_keys /
wait_for "Search units and members" && ui_text "M9200001" && ui_keys Enter
wait_cond line_has "陈静" "member" && ui_keys Enter
wait_for "Pledges of 陈静" && ui_keys e
wait_for "Member M9200001" && ui_keys 1
check "own record: the form opens" wait_for "Edit member M9200001 陈静"
check "... without the login field" absent "xianfeng login"
ui_keys Tab C-u
ui_text "副科长"
ui_keys C-s
check "... saved" wait_for "Member M9200001 saved."
check "db: the position changed, the login kept" \
    db_wait "SELECT position || '|' || login FROM member WHERE code = 'M9200001'" "副科长|chen.jing"
ui_keys Escape Escape
wait_for "Pledge progress —"
ui_quit

ui_start 100 30 --config "$CFG" --login wang.lei --db "$DB" --today $TODAY
wait_for "3 Pledge progress" && ui_keys 3
wait_for "市城建委"
check "viewer: no unit actions offered" absent "e unit…"
ui_keys e
check "viewer: e says they may not" wait_for "may not change units or members"
ui_quit
check "viewer: exit status 0" [ "$UI_RC" = 0 ]
