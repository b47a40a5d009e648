# Sourced by run.sh with lib.sh loaded: a hand-over's note typed to start
# like the co-handlers its event stores before it ("with=U1: hi") reads as
# typed in the timeline, not as a co-handling unit the step never gave.
DB="$UI_TMP/hn.db"
CFG="$UI_TMP/hn.cfg"
TODAY=2026-05-01
ui_config "$CFG" zhang.wei
ui_fixture_complaints
check "fixture: units and complaints imported through the CLI" [ $? -eq 0 ]

ui_start 100 30 $(ui_args zhang.wei)
wait_for "4 Complaints" && ui_keys 4
ui_keys /
wait_for "Search complaints" && ui_text "TS2026-000002" && ui_keys Enter
wait_for "(1)" && ui_keys a
check "menu: re-dispatch is offered" wait_for "re-dispatch to another unit"
ui_keys "$(ui_screen | grep -F "re-dispatch to another unit" | grep -oE "[0-9a-z]+  re-dispatch" | cut -d' ' -f1)"
check "form: it opens" wait_for "Re-dispatch to another unit — TS2026-000002"
ui_keys Enter
ui_text "不动产"
wait_line "U2  " "不动产登记窗口" && ui_keys Enter
ui_keys Tab Tab Tab Tab
ui_text "with=U1: hi"
ui_keys C-s
check "form: saved" wait_gone "Re-dispatch to another unit — TS2026-000002"
check "db: re-dispatched to U2, no co-handling unit" \
    db_wait "SELECT u.code || ',' || (SELECT count(*) FROM complaint_cohandler h
             WHERE h.complaint_id = c.id AND h.active = 1)
             FROM complaint c JOIN unit u ON u.id = c.lead_unit_id WHERE c.code = 'TS2026-000002'" "U2,0"
check "db: the note stored behind an empty list of co-handlers" \
    [ "$(dbq "SELECT e.note FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id
              WHERE c.code = 'TS2026-000002' AND e.action = 'redispatch'")" = "with=: with=U1: hi" ]
ui_keys Enter
check "detail: the timeline" wait_for "Timeline"
ui_resize 100 16
check "detail: more below, and the key that shows it" wait_for "more: PgDn"
ui_keys End
check "detail: ... none at its end" wait_gone "more: PgDn"
ui_resize 100 30
check "detail: the re-dispatch's note as typed" wait_line "with=U1: hi"
check "detail: ... not read as a co-handling unit" wait_cond sh -c '! tmux -L "$1" capture-pane -p -t xf | grep -q "Co-handling units:"' sh "$XF_SOCK"
ui_keys q
quit
