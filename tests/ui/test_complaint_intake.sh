# Sourced by run.sh with lib.sh loaded: what the receive form takes down.
# A phone number nobody can call (138-0000, 7 digits) is refused beside
# its field with the forms a number takes; a complaint received now
# records the time, offered in the form and shown to the minute in the
# detail; a date and time typed for a letter taken down late is kept; a
# complaint stored with a made-up 00:00:00 (as an earlier version dated a
# day given alone) is shown as its day.
DB="$UI_TMP/intake.db"
CFG="$UI_TMP/intake.cfg"
TODAY=2026-05-01
ui_config "$CFG" zhang.wei
ui_fixture_complaints
check "fixture: units and complaints imported" [ $? -eq 0 ]
sql() { sqlite3 "$DB" "$1"; }
db_raw "$DB" "UPDATE complaint SET received_at = '2026-04-28 00:00:00' WHERE code = 'TS2026-000001';"
check "fixture: an old complaint stored with 00:00:00" \
    [ "$(sql "SELECT received_at FROM complaint WHERE code = 'TS2026-000001'")" = "2026-04-28 00:00:00" ]
# screen_has_re ERE: some screen line matches ERE.
screen_has_re() { ui_screen | grep -qE -- "$1"; }
# new_complaint TEXT: the receive form, about unit U2, TEXT typed; the
# focus is left on the complainant's name.
new_complaint() {
    ui_keys n
    wait_for "Receive a complaint" || return 1
    ui_keys Tab Tab Tab
    ui_text "不动产"
    wait_line "U2  " "不动产登记窗口" || return 1
    ui_keys Enter
    wait_cond line_has "Unit (without a post)" "U2" || return 1
    ui_keys Tab
    ui_text "$1"
    ui_keys Tab
}

ui_start 100 30 --config "$CFG" --login zhang.wei --db "$DB" --today $TODAY
wait_for "4 Complaints" && ui_keys 4 && wait_for "Complaints — "
check "100x30: the Complaints pane" [ $? -eq 0 ]

# An old complaint stored with a made-up midnight reads as its day.
down_to TS2026-000001
ui_keys Enter
check "detail: the old complaint opens" wait_line "TS2026-000001" "received"
check "detail: its day of receipt, as the day alone" wait_line "Received" "2026-04-28"
check "detail: ... no made-up 00:00" absent "2026-04-28 00:00"
ui_keys q
wait_gone "Unit concerned"

# 1. Received now: the form offers the time, the phone is checked as a
# number, the time is recorded and shown.
new_complaint "窗口人员态度生硬"
check "n: the form offers now, date and time" \
    wait_cond screen_has_re "Received at\*? +$TODAY [0-2][0-9]:[0-5][0-9]"
ui_text "钱七"
ui_keys Tab
ui_text "138-0000"
ui_keys Tab
check "n: a phone of 7 digits is refused beside its field" wait_said "138-0000 is not a phone number"
check "n: ... saying what a mobile is" wait_said "11 digits from 1"
ui_keys C-s
check "n: saving is refused while it stands, the forms said in full" \
    wait_said "Not saved: Phone — complainant's phone 138-0000 is not a phone number; write a mobile as 11 digits from 1 (13812345678) or a landline with its area code (0451-86123456"
check "db: nothing received" [ "$(sql "SELECT count(*) FROM complaint WHERE complainant_name = '钱七'")" = 0 ]
# The refused save left the cursor in the phone.
ui_keys C-u
ui_text "0451-8612 3456"
ui_keys Tab
check "n: a landline with its area code is taken" wait_gone "is not a phone number"
ui_keys C-s
check "n: saved" wait_for "received."
check "db: the time of receipt recorded, to the second" \
    db_wait "SELECT received_at GLOB '$TODAY [0-2][0-9]:[0-5][0-9]:[0-5][0-9]' FROM complaint WHERE complainant_name = '钱七'" 1
check "db: the phone as typed" \
    db_wait "SELECT complainant_phone FROM complaint WHERE complainant_name = '钱七'" "0451-8612 3456"
NEW=$(sql "SELECT code FROM complaint WHERE complainant_name = '钱七'")
check "n: the new complaint in the list" wait_line "$NEW" received
ui_keys Enter
check "detail: the new complaint" wait_line "$NEW" "received"
check "detail: received at a time, to the minute (as the timeline)" \
    wait_cond screen_has_re "Received +$TODAY [0-2][0-9]:[0-5][0-9] *(│|$)"
ui_keys q
wait_gone "Unit concerned"

# 2. A letter taken down late: its date and time typed in; a malformed
# time and one later than now are refused beside the field.
new_complaint "来信反映办事拖拉"
ui_text "孙八"
ui_keys Tab
ui_text "13900002222"
ui_keys Tab C-u
ui_text "2026-04-29 9:5"
ui_keys C-s
check "n: a time not written HH:MM is refused" wait_said "YYYY-MM-DD HH:MM"
ui_keys C-u
if [ "$(date +%H%M)" -lt 2358 ]; then
    ui_text "$TODAY 23:59"
    ui_keys C-s
    check "n: a time later today than now is refused" wait_said "is later than now"
    ui_keys C-u
fi
ui_text "2026-04-29 14:34"
ui_keys C-s
check "n: saved" wait_for "received."
check "db: received at the time typed" \
    db_wait "SELECT received_at FROM complaint WHERE complainant_name = '孙八'" "2026-04-29 14:34:00"
LATE=$(sql "SELECT code FROM complaint WHERE complainant_name = '孙八'")
down_to "$LATE"
ui_keys Enter
check "detail: received at the time typed" wait_line "Received" "2026-04-29 14:34"
ui_keys q
quit
