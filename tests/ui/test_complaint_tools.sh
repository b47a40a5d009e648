# Sourced by run.sh with lib.sh loaded: a complaints supervisor's tools
# beside the workflow's steps. Co-handling units changed after dispatch
# without handing the complaint over: the form, the detail's timeline,
# and the co-handler's queue (in, then out again).
DATA=$UI_DIR/data
DB="$UI_TMP/ct.db"
CFG="$UI_TMP/ct.cfg"
ME=$(id -un)
TODAY=2026-05-01
cat >"$CFG" <<CFGEOF
database = { path = "$DB"; rehearsal = true; };  # a scratch copy: --today saves
access = { service_account = "$ME"; };
users = (
  { login = "$ME"; name = "管理员"; role = "admin"; scopes = []; },
  { login = "zhang.wei"; name = "张伟"; role = "supervisor"; scopes = []; },
  { login = "li.na"; name = "李娜"; role = "handler"; scopes = ["U1"]; }
);
CFGEOF

X() { "$XF" --config "$CFG" --db "$DB" --today $TODAY "$@"; }
X init >/dev/null &&
    X import units "$DATA/complaints-units.csv" >/dev/null &&
    X import complaints "$DATA/complaints.csv" >/dev/null
check "fixture: units and complaints imported through the CLI" [ $? -eq 0 ]

sql() { sqlite3 "$DB" "$1"; }
wait_line() {
    tries=50
    while [ $tries -gt 0 ]; do
        line_has "$@" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}
as() { # as LOGIN W H: the interface as LOGIN, on the Complaints pane
    ui_start "$2" "$3" --config "$CFG" --login "$1" --db "$DB" --today $TODAY
    wait_for "4 Complaints" && ui_keys 4 && wait_for "Complaints — "
}
QUITS=0
quit() {
    QUITS=$((QUITS + 1))
    ui_quit
    check "session $QUITS ends with status 0" [ "${UI_RC:-x}" = 0 ]
}
# The list, without the status line (which may name a complaint too).
in_list() { ui_screen | sed '$d' | grep -qF -- "$1"; }
not_in_list() { ! in_list "$1"; }
active_cohandlers() {
    sql "SELECT group_concat(u.code) FROM complaint_cohandler h JOIN unit u ON u.id = h.unit_id
         JOIN complaint c ON c.id = h.complaint_id
         WHERE c.code = 'TS2026-000002' AND h.active = 1"
}

# ---- 1. co-handling units after dispatch -----------------------------------------
# TS2026-000002 is dispatched to U4 (交通运输局); li.na handles for U1,
# so it is not in her queue until U2 (within U1) co-handles it.
as li.na 80 24
check "handler: the pane opens" wait_line TS2026-000003 dispatched
check "handler: a complaint led elsewhere is not in her queue" not_in_list TS2026-000002
quit

as zhang.wei 80 24
check "supervisor: the dispatched complaint is listed" wait_line TS2026-000002 dispatched
ui_keys j j a
check "supervisor: the menu is the complaint's" wait_for "Complaint TS2026-000002"
check "menu: changing the co-handling units is offered, last" \
    wait_line "6  change the co-handling units"
ui_keys 6
check "form: it opens" wait_for "Change the co-handling units — TS2026-000002"
check "form: the lead unit is shown, not asked" wait_line "Lead unit" "客运管理窗口 (U4)"
ui_keys C-s
check "form: the same units again are refused, saying so" \
    wait_for "has these co-handling"
check "db: nothing written" [ -z "$(active_cohandlers)" ]
ui_keys Enter
ui_text "不动产"
check "form: the unit picker finds the unit" wait_line "U2  " "不动产登记窗口"
ui_keys Enter
ui_keys Tab Tab Tab
ui_text "需不动产窗口配合核实"
ui_keys C-s
check "form: saved, and said so" wait_for "TS2026-000002: “change the co-handling units” done."
check "db: U2 co-handles it" [ "$(active_cohandlers)" = U2 ]
check "db: lead unit and state kept" \
    [ "$(sql "SELECT u.code || ',' || c.state || ',' || c.sign_due FROM complaint c
              JOIN unit u ON u.id = c.lead_unit_id WHERE c.code = 'TS2026-000002'")" = \
      "U4,dispatched,2026-05-06" ]
check "db: an event naming the unit added and why" \
    [ "$(sql "SELECT e.actor || '|' || e.note FROM complaint_event e JOIN complaint c
              ON c.id = e.complaint_id WHERE c.code = 'TS2026-000002' AND e.action = 'cohandlers'")" = \
      "zhang.wei|added 市政务服务中心 › 不动产登记窗口 (U2). Reason: 需不动产窗口配合核实" ]
check "db: a history row for the co-handler" \
    [ "$(sql "SELECT count(*) FROM history WHERE entity = 'complaint_cohandler'
              AND action = 'complaint.cohandlers' AND actor = 'zhang.wei'")" = 1 ]
ui_keys Enter
check "detail: the co-handling unit is shown" wait_line "Co-handling unit" "不动产登记窗口 (U2)"
ui_keys G
check "detail: the timeline has the change" wait_line "zhang.wei" "co-handling units changed"
check "detail: ... saying what changed and why" wait_for "Reason: 需不动产窗口配合核实"
ui_keys q
quit

as li.na 80 24
check "co-handler: the complaint is now in her queue" wait_line TS2026-000002 dispatched
quit

as zhang.wei 80 24
wait_line TS2026-000002 dispatched
ui_keys j j a
wait_for "Complaint TS2026-000002" && ui_keys 6
check "form: the co-handler it has is filled in" wait_line "Co-handling unit 1" "U2  "
ui_keys BSpace C-s
check "form: taking it out is saved" wait_for "TS2026-000002: “change the co-handling units” done."
check "db: no co-handler left, none deleted" \
    [ "$(active_cohandlers)|$(sql "SELECT count(*) FROM complaint_cohandler")" = "|1" ]
check "db: the event names the unit removed" \
    [ "$(sql "SELECT e.note FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id
              WHERE c.code = 'TS2026-000002' AND e.action = 'cohandlers' ORDER BY e.id DESC
              LIMIT 1")" = "removed 市政务服务中心 › 不动产登记窗口 (U2)" ]
# A received complaint has none to change: the dispatch names them.
ui_keys k a
check "menu: not offered before dispatch" wait_for "Complaint TS2026-000001"
check "menu: ... (classify is)" absent "change the co-handling units"
ui_keys Escape
quit

as li.na 80 24
wait_line TS2026-000003 dispatched
check "removed co-handler: the complaint has left her queue" not_in_list TS2026-000002
quit
