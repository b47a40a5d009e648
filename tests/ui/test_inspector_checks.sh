# Sourced by run.sh with lib.sh loaded: an inspector following up their
# own checks, and those of a period (the inspector trial's first wish).
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/checks.cfg"
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "jc_wuhao"; name = "吴昊"; role = "inspector"; scopes = []; },
    { login = "zz_lihua"; name = "李华"; role = "organiser"; scopes = []; }
);
EOF
DB="$UI_TMP/checks.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "checks: demo database built" [ $? -eq 0 ]

# The cursor goes to one of jc_wuhao's checks of this month, not the top
# row: the filter must keep it there.
MINE=$(dbq "SELECT code FROM inspection WHERE inspector = 'jc_wuhao' AND on_date >= '2026-11-01'
            ORDER BY on_date, id LIMIT 1")
N_MONTH=$(dbq "SELECT count(*) FROM inspection WHERE inspector = 'jc_wuhao'
               AND on_date BETWEEN '2026-11-01' AND '2026-11-30'")
check "db: jc_wuhao has checks this month ($N_MONTH)" [ -n "$MINE" ] && [ "$N_MONTH" -lt 30 ]

ui_start 120 40 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 5
wait_for "Inspections · newest first"
i=0
while ! selected_has "$MINE" && [ $i -lt 60 ]; do ui_keys Down; sleep 0.05; i=$((i + 1)); done
check "checks: the cursor on $MINE" selected_has "$MINE"

ui_keys f
wait_for "Filter inspections"
ui_keys Tab Tab Tab Right
check "checks: this week fills in Monday to Sunday" \
    wait_cond line_has "From date" "2026-11-23"
check "checks: ... to Sunday" line_has "To date" "2026-11-29"
ui_keys Right
check "checks: this month, the 1st to the 30th" wait_cond line_has "From date" "2026-11-01"
check "checks: ... to the 30th" line_has "To date" "2026-11-30"
check "checks: an inspector is offered their own checks" line_has "Checks" "anyone's"
ui_keys Tab Tab Tab Right
wait_cond line_has "Checks" "mine"
ui_keys F2
check "checks: the title says whose and when" \
    wait_for "Inspections · my checks · 2026-11-01 … 2026-11-30 · newest first"
check "checks: the cursor stayed on $MINE" selected_has "$MINE"
# Every row listed is theirs and of the month: as many rows as the
# database has, and no one else's name.
rows_listed() { [ "$(ui_screen | grep -c '^2026-11-')" = "$N_MONTH" ]; }
check "checks: the month's $N_MONTH checks of jc_wuhao, no more" wait_cond rows_listed
check "checks: ... none of another inspector" sh -c '! tmux -L "$1" capture-pane -p -t xf |
    grep -q "jc_linna\|jc_hujun\|jc_xuting\|jc_gaopeng\|jc_zhuwei"' sh "$XF_SOCK"

# Days typed over the month's: the period says "these days"; days out
# of order are refused beside the field, and the list stays.
ui_keys f
wait_for "Filter inspections"
ui_keys Tab Tab Tab Tab C-u
ui_text "2026-11-30"
check "checks: a day typed makes the period these days" wait_cond line_has "Period" "these days"
ui_keys Tab C-u
ui_text "2026-11-01"
ui_keys F2
check "checks: days out of order refused, naming them" wait_for "before it begins"
ui_keys Escape
wait_for "Discard" 2 && ui_keys y
wait_gone "Filter inspections"
check "checks: ... the filter as it was" wait_for "my checks · 2026-11-01 … 2026-11-30"

# Esc clears it all, and the cursor stays on its check.
ui_keys Escape
check "checks: Esc clears the filter" wait_for "Inspections · newest first"
check "checks: ... the cursor still on $MINE" selected_has "$MINE"
ui_quit

# An organiser has no checks of their own: not offered.
ui_start 80 24 --config "$CFG" --login zz_lihua --db "$DB" --today $TODAY
wait_for "李华"
ui_keys 5
wait_for "Inspections · newest first"
ui_keys f
wait_for "Filter inspections"
check "checks: an organiser gets the period" wait_for "Period"
check "checks: ... not 'my checks'" absent "Checks"
ui_keys Escape
ui_quit

# In Chinese, at 80x24.
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊"
ui_keys 5
wait_for "检查"
ui_keys f
wait_for "筛选"
ui_keys Tab Tab Tab Right Right Tab Tab Tab Right F2
check "zh: the title says my checks and the month" wait_for "我的检查 · 2026-11-01 … 2026-11-30"
UI_ENV=""
ui_quit
