# Sourced by run.sh with lib.sh loaded: what a new district office's trial
# on its own data found in the interface (道里区, units under one parent,
# complaints imported with a category and not yet classified).
ME=$(id -un)
TODAY=2026-11-29
CFG="$UI_TMP/trial.cfg"
cat >"$CFG" <<EOF2
access = { service_account = "$ME"; };
users = (
    { login = "zhao.min"; name = "赵敏"; role = "supervisor"; scopes = [ "DL" ]; },
    { login = "qian.jun"; name = "钱军"; role = "inspector"; scopes = [ "DL02", "DL03" ]; },
    { login = "$ME"; name = ""; role = "admin"; }
);
EOF2
DB="$UI_TMP/trial.db"
cat >"$UI_TMP/units.csv" <<EOF2
code,parent_code,name,kind
DL,,道里区人民政府,department
DL02,DL,道里区市场监督管理局,department
DL0202,DL02,新阳路市场监管所,window
DL03,DL,道里区城市管理局,department
EOF2
H=code,received_at,source,kind,post_code,unit_code,category,text,complainant_name,complainant_phone,state,lead_unit_code,cohandler_codes,dispatched_at,sign_due,signed_at,reply_due,replied_at,reply_text,return_reason,callback_outcome,redo_count,closed_at,closed_on_time,reject_reason,merged_into_code,supervised
{
    echo "$H"
    echo "TS2026-000001,2026-11-03 09:05:00,hotline,complaint,,DL0202,attitude,窗口工作人员态度生硬,张先生,13804510001,received,,,,,,,,,,,0,,,,,0"
    echo "TS2026-000003,2026-11-28 10:00:00,hotline,complaint,,DL03,,中央大街垃圾未及时清运,王先生,13804510003,received,,,,,,,,,,,0,,,,,0"
} >"$UI_TMP/complaints.csv"
X() { "$XF" --config "$CFG" --db "$DB" --today $TODAY "$@"; }
ok=0
X init >/dev/null && X import units "$UI_TMP/units.csv" >/dev/null &&
    X import complaints "$UI_TMP/complaints.csv" >/dev/null && ok=1
check "trial: the office's data imported" [ $ok = 1 ]

trial() { ui_start "$1" "$2" --config "$CFG" --login "$3" --db "$DB" --today $TODAY; }
sel() { ui_keys /; ui_text "$1"; ui_keys Enter; wait_for "$1"; }

# 1. A complaint imported with a category is still to be classified; the
# step confirms (or changes) the category it came with, and says which.
trial 80 24 zhao.min
check "trial: supervisor opens" wait_for "赵敏"
ui_keys 4
check "trial: the queue lists the imported complaint" wait_for "TS2026-000001"
sel 窗口工作人员
ui_keys a
check "classify with a category: the menu says it confirms the one it has" \
    wait_for "confirm or change the category (now Attitude)"
check "... not a bare classify" absent "1 classify"
ui_keys 1
check "... the form starts from the category it has" wait_for "Attitude (now)"
ui_keys C-s
check "... F2 confirms it: classified under it" \
    db_wait "SELECT state||','||category FROM complaint WHERE code = 'TS2026-000001'" "classified,attitude"
check "trial: supervisor quits" quit_with 0

# 2. An inspector scoped to two units of one parent: the Overview's title
# names the parent once, and keeps the date and the I key at 80 columns,
# in fewer words around the units before it cuts them (English cut them
# where Chinese named them).
trial 80 24 qian.jun
check "overview title: inspector opens" wait_for "钱军"
check "overview title: at 80 columns the units whole, the date and the I key kept" \
    line_has "道里区人民政府 › 市场监督管理局, 城市管理局 as of $TODAY · I improvements"
ui_resize 120 24
check "overview title: where it fits, the parent named once, the units after it" \
    wait_cond line_has "Overview of 道里区人民政府 › 市场监督管理局, 城市管理局 — figures as of $TODAY" \
    "I lists the improvements"
check "overview title: inspector quits" quit_with 0
UI_ENV="LANGUAGE=zh_CN"
trial 80 24 qian.jun
check "overview title (zh): inspector opens" wait_for "钱军"
check "overview title (zh): the parent named once, the units, the date and the I key kept" \
    line_has "道里区人民政府 › 市场监督管理局、城市管理局概览 — 截至 $TODAY · I 服务改进"
check "overview title (zh): inspector quits" quit_with 0
UI_ENV=

# 3. Complaints not yet dispatched have no deadline running: the Clock cell
# says how long they have waited since received, so none is left unseen;
# in working days, as every other clock counts (26 calendar days from
# Tuesday 11-03 to Sunday 11-29 are 18 working days; Saturday to Sunday
# none).
trial 80 24 zhao.min
check "waiting: supervisor opens" wait_for "赵敏"
ui_keys 4
check "waiting: received 18 working days ago, the Clock says so" wait_cond line_has TS2026-000001 "18d wait"
no_wait() { ! line_has "$1" "d wait"; }
check "... one received yesterday, a Saturday: no working day waited" no_wait TS2026-000003
check "waiting: supervisor quits" quit_with 0
UI_ENV="LANGUAGE=zh_CN"
trial 80 24 zhao.min
check "waiting (zh): supervisor opens" wait_for "赵敏"
ui_keys 4
check "waiting (zh): the Clock says how long in Chinese" wait_cond line_has TS2026-000001 "等18天"
check "waiting (zh): supervisor quits" quit_with 0
UI_ENV=
