# Sourced by run.sh with lib.sh loaded: a complaint's step menu left open
# while a colleague takes a step on the same complaint. It offered the
# steps of the complaint as it was when opened (checked only once one was
# chosen); now it notices the commit, says so and offers the steps as
# they are now.
DB="$UI_TMP/ml.db"
CFG="$UI_TMP/ml.cfg"
TODAY=2026-05-01
ui_config "$CFG" zhang.wei sun.li
ui_fixture_complaints
check "fixture: units and complaints imported through the CLI" [ $? -eq 0 ]
check "fixture: TS2026-000001 not yet classified" \
    [ "$(dbq "SELECT state FROM complaint WHERE code = 'TS2026-000001'")" = received ]

# The Complaints pane with TS2026-000001 (second in the queue) selected,
# its step menu open.
menu_one() {
    wait_for "4 Complaints" && ui_keys 4 && wait_for "Complaints — by code" && ui_keys j &&
        wait_cond line_has TS2026-000001 && ui_keys a && wait_for "Esc closes"
}
ui_start 100 30 $(ui_args zhang.wei)
ui_open b $(ui_args sun.li)
UI_T=xf
menu_one
check "a: the menu offers to classify" wait_cond line_has "1" "classify"
UI_T=b
menu_one
ui_keys 1
wait_for "(choose with ←→)" && ui_keys Right
wait_for "Attitude" && ui_keys C-s
check "b: classified first" wait_cond line_has TS2026-000001 classified
check "db: classified by sun.li" \
    db_wait "SELECT state FROM complaint WHERE code = 'TS2026-000001'" classified
UI_T=xf
check "a: the open menu says the record changed" \
    wait_for "This record was changed by someone else; the menu is updated."
check "a: ... and offers the steps as they are now" wait_cond line_has "2  dispatch to a unit"
check "a: ... not classifying again" absent "1  classify"
ui_keys Escape
check "a: Esc closes it" wait_gone "Esc closes"
UI_T=b
ui_quit
UI_T=xf
ui_quit
