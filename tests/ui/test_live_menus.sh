# Sourced by run.sh with lib.sh loaded: the menus of a key project, a
# unit, a member and a rectification left open while a colleague changes
# the same record in another session. They offered what was true when
# they opened (checked only once a choice was made); now each notices the
# commit, says who changed what and offers the steps as they are now, or
# closes saying nothing is left to do (as the complaint's step menu,
# test_menu_live.sh).
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/live.cfg"
cat >"$CFG" <<EOC
access = { service_account = "$ME"; };
users = (
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; },
    { login = "chen.jing"; name = "陈静"; role = "organiser"; scopes = []; },
    { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; },
    { login = "zhao.lei"; name = "赵雷"; role = "inspector"; scopes = []; }
);
EOC
DB="$UI_TMP/live.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "live menus: demo database built through the CLI" [ $? -eq 0 ]
cp "$DB" "$UI_TMP/live-zh.db" # section 4's, as the demo made it
FIRST=$(dbq "SELECT code FROM project ORDER BY code LIMIT 1")

# projects: the key projects from Posts (M), the first project selected.
projects() { wait_for "2 Posts" && ui_keys 2 && wait_for "Posts · sort" && ui_keys M &&
    wait_cond line_has "$FIRST"; }

# ---- 1. a key project deactivated while its menu is open ---------------------------
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
ui_open b --config "$CFG" --login chen.jing --db "$DB" --today $TODAY
UI_T=xf
projects
ui_keys e
check "liu.yang: the project's menu offers to deactivate it" wait_for "2  Deactivate the project"
UI_T=b
projects
ui_keys e
wait_for "Deactivate the project" && ui_keys 2
wait_for "Deactivate project $FIRST" && ui_keys y
check "db: chen.jing deactivated it" db_wait "SELECT active FROM project WHERE code = '$FIRST'" 0
UI_T=xf
check "liu.yang: the open menu now offers to reactivate it" \
    wait_for "2  Reactivate the project"
check "liu.yang: ... not to deactivate it" absent "Deactivate the project"
check "liu.yang: ... saying who changed it" \
    wait_said "Project $FIRST was changed by someone else: 陈静 (chen.jing)"
check "liu.yang: ... and that the menu is updated" wait_said "the menu is updated"
ui_keys 2
check "liu.yang: 2 asks to reactivate it, as it is now" wait_for "Reactivate project $FIRST"
ui_keys y
check "db: reactivated by liu.yang" db_wait "SELECT active FROM project WHERE code = '$FIRST'" 1
leave b
leave xf

# ---- 2. a unit renamed while its menu is open --------------------------------------
UNIT=$(dbq "SELECT name FROM unit WHERE code = 'D001'")
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
ui_open b --config "$CFG" --login chen.jing --db "$DB" --today $TODAY
UI_T=xf
wait_for "3 Pledge progress" && ui_keys 3
wait_for "$UNIT" && ui_keys e
check "liu.yang: the unit's menu" wait_for "Unit D001 $UNIT"
UI_T=b
wait_for "3 Pledge progress" && ui_keys 3
wait_for "$UNIT" && ui_keys e
wait_for "Unit D001 $UNIT" && ui_keys 1
wait_for "Edit unit D001" && ui_keys C-u
ui_text "市城乡建设委员会"
ui_keys C-s
check "db: chen.jing renamed it" db_wait "SELECT name FROM unit WHERE code = 'D001'" "市城乡建设委员会"
UI_T=xf
check "liu.yang: the open menu is the unit as it is now" wait_for "Unit D001 市城乡建设委员会"
check "liu.yang: ... saying who renamed it from what to what" \
    wait_said "Unit D001 was changed by someone else: 陈静 (chen.jing)"
check "liu.yang: ... the name's change" wait_said "$UNIT → 市城乡建设委员会"
check "liu.yang: ... and that the menu is updated" wait_said "the menu is updated"
ui_keys Escape
check "liu.yang: Esc closes it" wait_gone "Esc closes"
leave b
leave xf

# ---- 2b. a member renamed while their menu is open ---------------------------------
# (the first member listed under D001, the same in both sessions)
members() { wait_for "3 Pledge progress" && ui_keys 3 && wait_for "市城乡建设委员会" &&
    ui_keys m && wait_for "Members of" && ui_keys e && wait_for "edit this member"; }
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
ui_open b --config "$CFG" --login chen.jing --db "$DB" --today $TODAY
UI_T=xf
check "liu.yang: a member's menu" members
MCODE=$(ui_screen | grep -oE "Member [A-Z0-9]+ " | head -1 | cut -d' ' -f2)
MNAME=$(dbq "SELECT name FROM member WHERE code = '$MCODE'")
check "fixture: the member's code read from the menu" [ -n "$MNAME" ]
UI_T=b
members
wait_for "Member $MCODE" && ui_keys 1
wait_for "Edit member $MCODE" && ui_keys C-u
ui_text "张改名"
ui_keys C-s
check "db: chen.jing renamed the member" db_wait "SELECT name FROM member WHERE code = '$MCODE'" "张改名"
UI_T=xf
check "liu.yang: the open menu is the member as they are now" wait_for "Member $MCODE 张改名"
check "liu.yang: ... saying who renamed them from what to what" \
    wait_said "Member $MCODE was changed by someone else: 陈静 (chen.jing)"
check "liu.yang: ... the name's change" wait_said "$MNAME → 张改名"
check "liu.yang: ... and that the menu is updated" wait_said "the menu is updated"
ui_keys Escape
leave b
leave xf

# ---- 3. a rectification verified while another inspector's menu is open -----------
RECT=$(dbq "SELECT i.code FROM rectification r JOIN inspection i ON i.id = r.inspection_id
            WHERE r.status = 'done' ORDER BY i.on_date DESC, i.id DESC LIMIT 1")
DUE=$(dbq "SELECT r.due_on FROM rectification r JOIN inspection i ON i.id = r.inspection_id
           WHERE i.code = '$RECT'")
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
rect_menu() {
    wait_for "5 Inspections" && ui_keys 5 && wait_for "Inspections · newest first" &&
        down_to "$DUE" && ui_keys r && wait_for "Verify: the finding is put right"
}
ui_start 120 30 --config "$CFG" --login li.na --db "$DB" --today $TODAY
ui_open b --config "$CFG" --login zhao.lei --db "$DB" --today $TODAY
UI_T=xf
check "li.na: the rectification's menu" rect_menu
UI_T=b
rect_menu
ui_keys 1
wait_for "Verify the rectification of $RECT?" && ui_keys y
check "db: zhao.lei verified it" \
    db_wait "SELECT r.status FROM rectification r JOIN inspection i ON i.id = r.inspection_id
             WHERE i.code = '$RECT'" verified
UI_T=xf
check "li.na: the open menu closes" wait_gone "Verify: the finding is put right"
check "li.na: ... saying who verified it" \
    wait_said "The rectification of inspection $RECT was changed by someone else: 赵雷 (zhao.lei)"
check "li.na: ... and that nothing is left to do" wait_said "Nothing is left for you to do."
dismiss # the message is long: its own window, which a key closes
leave b
leave xf

# ---- 4. in Chinese, at 80x24: the key project again --------------------------------
ui_zh_catalog
UI_ENV="LANGUAGE=zh_CN"
DB="$UI_TMP/live-zh.db"
projects_zh() { wait_for "2 先锋岗" && ui_keys 2 && ui_keys M && wait_cond line_has "$FIRST"; }
ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
ui_open b --config "$CFG" --login chen.jing --db "$DB" --today $TODAY
UI_T=xf
projects_zh
ui_keys e
check "zh liu.yang: the menu offers to deactivate it" wait_for "停用项目"
UI_T=b
projects_zh
ui_keys e
wait_for "停用项目" && ui_keys 2
wait_for "$FIRST" && ui_keys y
check "zh db: chen.jing deactivated it" db_wait "SELECT active FROM project WHERE code = '$FIRST'" 0
UI_T=xf
check "zh liu.yang: the open menu now offers to reactivate it" wait_for "重新启用项目"
check "zh liu.yang: ... saying who changed it" wait_said "项目$FIRST已被他人修改：陈静(chen.jing)"
check "zh liu.yang: ... and that the menu is updated" wait_said "菜单已更新"
ui_keys Escape
leave b
leave xf
# ... and the rectification, verified by the other inspector.
rect_menu_zh() {
    wait_for "5 检查" && ui_keys 5 && wait_for "最新在前" &&
        down_to "$DUE" && ui_keys r && wait_for "验收：问题已整改到位"
}
ui_start 120 30 --config "$CFG" --login li.na --db "$DB" --today $TODAY
ui_open b --config "$CFG" --login zhao.lei --db "$DB" --today $TODAY
UI_T=xf
check "zh li.na: the rectification's menu" rect_menu_zh
UI_T=b
rect_menu_zh
ui_keys 1
wait_for "验收 $RECT 的整改？" && ui_keys y
check "zh db: zhao.lei verified it" \
    db_wait "SELECT r.status FROM rectification r JOIN inspection i ON i.id = r.inspection_id
             WHERE i.code = '$RECT'" verified
UI_T=xf
check "zh li.na: the open menu closes" wait_gone "验收：问题已整改到位"
check "zh li.na: ... saying who verified it" wait_said "检查${RECT}的整改已被他人修改：赵雷(zhao.lei)"
check "zh li.na: ... and that nothing is left to do" wait_said "已没有您可办理的步骤。"
dismiss
leave b
leave xf
UI_ENV=
