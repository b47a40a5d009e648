# Sourced by run.sh with lib.sh loaded: a step form reloaded after a
# colleague's change marks the record's value as it is now in its choice
# lists. Two supervisors change the category of one signed-for complaint:
# the second's form said it had reloaded, yet kept "Quality (now)", and
# choosing it saved Quality over the colleague's Other unseen.
CFG="$UI_TMP/rc.cfg"
ui_config_users zhang.wei sun.li >"$CFG"
TODAY=2026-05-01
DB="$UI_TMP/rc.db"
CSV="$UI_TMP/rc.csv"
head -1 "$UI_DIR/data/complaints.csv" >"$CSV"
cat >>"$CSV" <<'EOF2'
TS2026-000010,2026-04-20 10:00:00,hotline,complaint,,U2,quality,窗口材料一次性告知不全,赵六,13600003333,signed,U2,,2026-04-21 11:00:00,2026-04-22,2026-04-21 15:00:00,2026-05-06,,,,,0,,,,,0
EOF2
ui_fixture_complaints "$CSV"
check "fixture: a signed-for complaint filed under quality" \
    [ "$(dbq "SELECT state || '|' || category FROM complaint WHERE code = 'TS2026-000010'")" = "signed|quality" ]
category_form() { # in session UI_T: the change-category form of TS2026-000010
    wait_for "4 Complaints" && ui_keys 4
    wait_for "TS2026-000010" && ui_keys a
    wait_for "c  change the category" && ui_keys c
    wait_for "Change the category — TS2026-000010"
}
cat_of() { dbq "SELECT category FROM complaint WHERE code = 'TS2026-000010'"; }

# ---- 1. a category chosen, another filed meanwhile ------------------------------
ui_start 80 24 $(ui_args zhang.wei)
ui_open b $(ui_args sun.li)
for s in xf b; do
    UI_T=$s
    category_form
    check "$s: the form marks Quality as now" wait_cond line_has "Category" "Quality (now)"
done
UI_T=b
ui_keys Right
wait_cond line_has "Category" "Other"
ui_keys Tab && ui_text "其实是其他问题" && ui_keys F2
check "db: sun.li filed it under other" db_wait "SELECT category FROM complaint WHERE code = 'TS2026-000010'" other
UI_T=xf
ui_keys Left Left
check "zhang.wei: Fees chosen" wait_cond line_has "Category" "Fees"
ui_keys Tab && ui_text "收费问题" && ui_keys F2
check "zhang.wei: refused naming sun.li's change, reloaded" wait_said "category: Quality → Other"
check "zhang.wei: ... reloaded" wait_said "reloaded: F2 applies"
check "zhang.wei: the choice made stays" line_has "Category" "Fees"
ui_keys BTab Right Right
check "zhang.wei: Quality is no longer marked now" wait_cond line_has "Category" "‹ Quality ›"
ui_keys Right
check "zhang.wei: Other is marked now" wait_cond line_has "Category" "Other (now)"
ui_keys F2
check "zhang.wei: saving the category it has is refused" wait_said "is filed under Other already"
check "db: still other, one reclassify" \
    [ "$(cat_of)|$(dbq "SELECT count(*) FROM complaint_event WHERE action = 'reclassify'")" = "other|1" ]
ui_keys Left Left Left
wait_cond line_has "Category" "Fees"
ui_keys F2
check "zhang.wei: Fees saved over Other, seen" db_wait "SELECT category FROM complaint WHERE code = 'TS2026-000010'" fees
leave b
UI_T=xf
quit

# ---- 2. the category left as it was, another filed meanwhile --------------------
ui_start 80 24 $(ui_args zhang.wei)
ui_open b $(ui_args sun.li)
for s in xf b; do
    UI_T=$s
    category_form
    wait_cond line_has "Category" "Fees (now)"
done
UI_T=b
ui_keys Right && ui_keys Tab && ui_text "服务质量问题" && ui_keys F2
check "db: sun.li filed it under process" db_wait "SELECT category FROM complaint WHERE code = 'TS2026-000010'" procedure
UI_T=xf
ui_keys Tab && ui_text "再看看" && ui_keys F2
check "zhang.wei (untouched): reloaded" wait_said "reloaded: F2 applies"
check "zhang.wei (untouched): the choice follows the category now" \
    wait_cond line_has "Category" "Process (now)"
ui_keys F2
check "zhang.wei (untouched): F2 does not revert it" wait_said "is filed under Process already"
check "db: still procedure" [ "$(cat_of)" = procedure ]
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_gone "Change the category — TS2026-000010"
leave b
UI_T=xf
quit
