# Sourced by run.sh with lib.sh loaded: a new district office's first day,
# with its own units, members and posts imported and nothing else (no
# demo): what each role's empty panes say to do next. Each said only "No
# records." and a new office's staff did not know where to begin.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/office.cfg"
cat >"$CFG" <<EOF2
access = { service_account = "$ME"; };
users = (
    { login = "zhao.min"; name = "赵敏"; role = "supervisor"; },
    { login = "qian.jun"; name = "钱军"; role = "inspector"; },
    { login = "sun.li"; name = "孙丽"; role = "organiser"; },
    { login = "wu.gang"; name = "吴刚"; role = "handler"; scopes = [ "U2" ]; },
    { login = "$ME"; name = ""; role = "admin"; }
);
EOF2
DB="$UI_TMP/office.db"
D="$UI_DIR/data"
ok=0
"$XF" --config "$CFG" --db "$DB" init >/dev/null &&
    "$XF" --config "$CFG" --db "$DB" import units "$D/units.csv" >/dev/null &&
    "$XF" --config "$CFG" --db "$DB" import members "$D/members.csv" >/dev/null &&
    "$XF" --config "$CFG" --db "$DB" import posts "$D/posts.csv" >/dev/null && ok=1
check "office: its own data imported" [ $ok = 1 ]

office() { ui_start 80 24 --config "$CFG" --login "$1" --db "$DB" --today $TODAY; }

# The supervisor's queue: how to receive the first complaint.
office zhao.min
check "office: supervisor opens" wait_for "赵敏"
ui_keys 4
check "office: supervisor's empty queue says n receives one" \
    wait_for "No open complaints. n receives one as it comes in"
check "... and that closed ones are filtered out" wait_for "closed ones are filtered out (f,"
# A search that finds nothing keeps its own message.
ui_keys /
ui_text "无此投诉"
ui_keys Enter
check "office: a search that finds nothing does not say n receives one" \
    wait_for "No open complaint matches"
check "... the empty queue's words gone" wait_gone "No open complaints. n receives"
check "office: supervisor quits" quit_with 0

# A handler receives nothing: only the filter is offered.
office wu.gang
check "office: handler opens" wait_for "吴刚"
ui_keys 4
check "office: handler's empty queue" wait_for "No open complaints; closed ones are filtered out"
check "... offers no n" absent "receives one"
check "office: handler quits" quit_with 0

# The inspector's list: how to log the first check.
office qian.jun
check "office: inspector opens" wait_for "钱军"
ui_keys 5
check "office: inspector's empty list says n logs one" wait_for "No inspections yet. n logs one"
check "office: inspector quits" quit_with 0

# The organiser's quarter: how to enter the first evaluation, and where the
# posts waiting for one are.
office sun.li
check "office: organiser opens" wait_for "孙丽"
# The Overview named 2026Q4, not yet open to evaluation, while Evaluations
# offered 2026Q3.
check "office: the Overview's quarter is the one open for evaluation" \
    line_has "Evaluations" "quarter 2026Q3" "evaluated 0"
ui_keys 6
wait_for "2026Q3"
ui_keys Enter
check "office: an empty quarter says n enters one" \
    wait_for "No evaluations for 2026Q3 yet. n enters one"
check "... and where the posts waiting are" wait_for "lists the posts waiting for theirs."
ui_keys q
wait_for "Evaluations by quarter"
check "office: organiser quits" quit_with 0

# In Chinese too.
UI_ENV="LANGUAGE=zh_CN"
office zhao.min
check "office: zh: supervisor opens" wait_for "赵敏"
ui_keys 4
check "office: zh: the empty queue says 按 n 受理" wait_for "没有未办结的投诉。收到投诉"
check "office: zh: supervisor quits" quit_with 0
office qian.jun
check "office: zh: inspector opens" wait_for "钱军"
ui_keys 5
check "office: zh: the empty list says 按 n 新建" wait_for "尚无检查记录。按 n 新建一次检查"
check "office: zh: inspector quits" quit_with 0
UI_ENV=""
