# Sourced by run.sh with lib.sh loaded: the questions and keys that act
# over an open form. A yes/no question leaves the form beneath it in view
# (it covered a short form whole, but for its bottom border); Ctrl-\ in a
# form asks before throwing away what was typed, as Esc and Ctrl-C do.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/dialogs.cfg"
cat >"$CFG" <<EOF2
access = { service_account = "$ME"; };
users = (
    { login = "$ME"; name = "管理员"; role = "admin"; scopes = []; },
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; },
    { login = "zhang.wei"; name = "张伟"; role = "supervisor"; scopes = []; }
);
EOF2
args() { echo --config "$CFG" --login "$1" --db "$DB" --today $TODAY; }
DB="$UI_TMP/dialogs.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "fixture: demo database" [ $? -eq 0 ]
CODE=$(dbq "SELECT code FROM complaint WHERE state = 'received' ORDER BY code LIMIT 1")
check "fixture: a received complaint" [ -n "$CODE" ]

# The menu's own number of a step.
step_no() { ui_screen | grep -oE "│ [0-9]+  $1" | grep -oE '[0-9]+' | head -1; }

# ---- 1. "reject … ?" over the reject form, at two sizes ----------------------------
for size in "80 24" "100 30"; do
    set -- $size
    ui_start "$1" "$2" $(args zhang.wei)
    wait_for "4 Complaints" && ui_keys 4
    wait_for "Complaints — " && ui_keys /
    wait_for "Search complaints" && ui_text "$CODE" && ui_keys Enter
    wait_for "/$CODE (1)" && ui_keys Home a
    wait_for "reject (not a complaint)" && ui_keys "$(step_no "reject")"
    check "${1}x$2: the reject form" wait_for "Reject (not a complaint) — $CODE"
    ui_text "重复来电"
    ui_keys F2
    check "${1}x$2: the question" wait_for "as not a complaint? This is final."
    check "${1}x$2: ... the form's title still shown beneath it" \
        line_has "Reject (not a complaint) — $CODE"
    check "${1}x$2: ... and its field with what was typed" line_has "Reason*" "重复来电"
    ui_keys n
    check "${1}x$2: n: the question goes" wait_gone "This is final."
    check "${1}x$2: ... the form whole again, its footer back" wait_for "F2 or Ctrl-S save"
    check "${1}x$2: ... what was typed kept" line_has "Reason*" "重复来电"
    check "${1}x$2: ... not rejected" wait_for "Not rejected."
    check "db: still received" [ "$(dbq "SELECT state FROM complaint WHERE code = '$CODE'")" = received ]
    ui_keys Escape
    wait_for "Discard your changes?" && ui_keys y
    wait_gone "Reject (not a complaint)"
    ui_quit
done
