# Sourced by run.sh with lib.sh loaded: a colleague's change that does
# not matter to the step a user is saving lets the save through. A
# supervisor marked a complaint supervised (督办) while its handler wrote
# the reply: her F2 was refused ("supervised: no → yes — reloaded") and
# she had to press it again. A change that matters (the category, which
# sets the reply deadline) is still refused and the form reloaded.
CFG="$UI_TMP/uc.cfg"
ui_config_users zhang.wei li.na >"$CFG"
TODAY=2026-05-01
DB="$UI_TMP/uc.db"
CSV="$UI_TMP/uc.csv"
head -1 "$UI_DIR/data/complaints.csv" >"$CSV"
cat >>"$CSV" <<'EOF2'
TS2026-000011,2026-04-27 10:00:00,hotline,complaint,,U1,quality,办事指南与窗口要求不一致,赵六,13600003333,signed,U1,,2026-04-28 11:00:00,2026-04-29,2026-04-28 15:00:00,2026-05-12,,,,,0,,,,,0
TS2026-000012,2026-04-27 11:00:00,hotline,complaint,,U1,quality,窗口排队时间过长,钱七,13600004444,signed,U1,,2026-04-28 11:00:00,2026-04-29,2026-04-28 15:00:00,2026-05-12,,,,,0,,,,,0
EOF2
ui_fixture_complaints "$CSV"
check "fixture: two signed-for complaints of U1" \
    [ "$(dbq "SELECT count(*) FROM complaint WHERE state = 'signed'")" = 2 ]
find_one() { # in session UI_T, on the Complaints pane: complaint $1 alone, its steps open
    ui_keys /
    wait_for "Search complaints" && ui_keys C-u && ui_text "$1" && ui_keys Enter
    wait_for "(1)" && ui_keys a
}
st() { dbq "SELECT state || '|' || supervised FROM complaint WHERE code = '$1'"; }
ui_start 80 24 $(ui_args li.na)
ui_open b $(ui_args zhang.wei)
for s in xf b; do
    UI_T=$s
    wait_for "4 Complaints" && ui_keys 4
done

# ---- 1. supervised while the reply is written: saved at the first F2 -------------
UI_T=xf
find_one TS2026-000011
wait_for "6  reply" && ui_keys 6
check "li.na: the reply form opens" wait_for "Reply — TS2026-000011"
ui_text "已核实，窗口已统一办事指南"
UI_T=b
find_one TS2026-000011
wait_for "s  mark supervised" && ui_keys s
wait_for "Mark supervised (督办) — TS2026-000011" && ui_text "请尽快答复" && ui_keys F2
check "db: zhang.wei marked it supervised" db_wait "SELECT supervised FROM complaint WHERE code = 'TS2026-000011'" 1
UI_T=xf
ui_keys F2
check "li.na: the reply is saved at the first F2" wait_gone "Reply — TS2026-000011"
check "li.na: ... no conflict was said" absent "reloaded"
check "db: replied, still supervised" db_wait "SELECT state || '|' || supervised FROM complaint WHERE code = 'TS2026-000011'" "replied|1"
check "db: one reply, after the supervision" \
    [ "$(dbq "SELECT group_concat(action, ',') FROM (SELECT e.action FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id WHERE c.code = 'TS2026-000011' AND e.action IN ('supervise', 'reply') ORDER BY e.id)")" = "supervise,reply" ]

# ---- 2. re-categorised while the reply is written: refused, reloaded --------------
find_one TS2026-000012
wait_for "6  reply" && ui_keys 6
wait_for "Reply — TS2026-000012"
ui_text "已核实，增设窗口"
UI_T=b
find_one TS2026-000012
wait_for "c  change the category" && ui_keys c
wait_for "Change the category — TS2026-000012" && ui_keys Right && ui_keys Tab
ui_text "其他问题" && ui_keys F2
check "db: zhang.wei filed it under other" db_wait "SELECT category FROM complaint WHERE code = 'TS2026-000012'" other
UI_T=xf
ui_keys F2
check "li.na: the new category (a new deadline) refuses the reply, saying so" \
    wait_said "category: Quality → Other"
check "li.na: ... and the form is reloaded" wait_said "reloaded: F2 applies"
check "db: not replied yet" [ "$(st TS2026-000012)" = "signed|0" ]
ui_keys F2
check "li.na: the second F2 saves it" wait_gone "Reply — TS2026-000012"
check "db: replied" db_wait "SELECT state FROM complaint WHERE code = 'TS2026-000012'" replied
leave b
UI_T=xf
quit
