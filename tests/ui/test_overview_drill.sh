# Sourced by run.sh with lib.sh loaded: from a figure of the Overview to
# the list behind it. The figures with a list take the cursor (↑↓), Enter
# opens the pane filtered to what the figure counts, the title says the
# filter and Esc takes it away. Demo data, single-user mode (admin).
DB="$UI_TMP/drill.db"
export XIANFENG_CONFIG="$UI_TMP/none.cfg"
printf 'database = { path = "%s"; rehearsal = true; };\n' "$DB" >"$XIANFENG_CONFIG"
TODAY=2026-11-26
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "drill: demo database built through the CLI" [ $? -eq 0 ]
ui_zh_catalog

ESC=$(printf '\033')
# fig_selected LINE_TEXT LABEL: the screen line holding LINE_TEXT shows
# LABEL in reverse video (the Overview's cursor).
fig_selected() {
    tmx capture-pane -p -e -t xf | grep -F -- "$1" | grep -qF -- "${ESC}[7m$2"
}
# down_to_fig LINE_TEXT LABEL: ↓ until that figure has the cursor.
down_to_fig() {
    _i=0
    while ! fig_selected "$1" "$2" && [ $_i -lt 16 ]; do
        ui_keys Down
        sleep 0.1
        _i=$((_i + 1))
    done
    fig_selected "$1" "$2"
}
# figure LINE_TEXT LABEL: the number after LABEL on the line holding LINE_TEXT.
figure() {
    ui_screen | grep -F -- "$1" | head -1 | sed "s/.*$2 \([0-9]*\).*/\1/"
}
# rows_with TEXT: list rows (complaint codes) on screen.
rows() { ui_screen | grep -c 'TS2026-'; }

# ---- 80x24, Chinese: the tester's path -----------------------------------------
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --db "$DB" --today $TODAY
check "zh: the Overview is shown" wait_for "概览 — 数据截至 $TODAY"
check "zh: the key line says how to reach the lists" wait_for "↑↓ 选择数据项 · Enter 打开其对应的清单"
check "zh: a figure has the cursor from the start" fig_selected "先锋岗" "拟设"
OVERDUE=$(figure "已受理" "逾期")
SUPERVISED=$(figure "已受理" "督办")
check "zh: ↓ reaches the overdue complaints" down_to_fig "投诉" "逾期"
ui_keys Enter
check "zh: Enter opens Complaints filtered to the overdue" wait_for "投诉 — 按代码 · 仅未办结 · 逾期"
check "zh: ... with as many rows as the figure ($OVERDUE)" wait_cond sh -c "[ \$(tmux -L '$XF_SOCK' capture-pane -p -t xf | grep -c 'TS2026-') = '$OVERDUE' ]"
ui_keys Escape
check "zh: Esc takes the filter away as usual" wait_for "已清除筛选"
check "zh: ... and the title no longer says it" wait_gone "仅未办结 · 逾期"
ui_keys 1
check "zh: back on the Overview, the cursor where it was" wait_cond fig_selected "投诉" "逾期"
ui_keys Down Enter
check "zh: the supervised figure opens the supervised complaints" wait_for "仅未办结 · 督办"
check "zh: ... as many as the figure ($SUPERVISED)" wait_cond sh -c "[ \$(tmux -L '$XF_SOCK' capture-pane -p -t xf | grep -c 'TS2026-') = '$SUPERVISED' ]"
ui_quit
UI_ENV=

# ---- 80x24, English: the other panes ------------------------------------------------
ui_start 80 24 --db "$DB" --today $TODAY
check "en: the Overview is shown" wait_for "Overview — figures as of $TODAY"
# No line to spare at 80x24 in English: the title says Enter.
check "en: the title names Enter for the figure's list" wait_for "Enter list · I improvements"
check "en: ↓ reaches the overdue pledges" down_to_fig "Pledges" "overdue"
ui_keys Enter
check "en: Enter opens Pledge progress with overdue only" wait_for "[overdue only]"
ui_keys Escape
check "en: Esc shows all again" wait_gone "[overdue only]"
ui_keys 1
TOVERIFY=$(figure "to verify" "to verify")
check "en: ↓ reaches the rectifications to verify" down_to_fig "to verify" "to verify"
ui_keys Enter
check "en: Inspections filtered to rectifications to verify" wait_for "Inspections · rectification done, not verified"
check "en: ... as many rows as the figure ($TOVERIFY)" wait_cond sh -c "[ \$(tmux -L '$XF_SOCK' capture-pane -p -t xf | grep -c 'to verify 20') = '$TOVERIFY' ]"
ui_keys 1
ui_keys Home
check "en: Home goes back to the first figure" wait_cond fig_selected "Posts" "proposed"
ui_keys Down Down Down
check "en: ↓ reaches the revoked posts" wait_cond fig_selected "Posts" "revoked"
ui_keys Enter
check "en: Posts filtered to the revoked" wait_for "Posts · sort: code · revoked"
ui_keys 1
ui_keys '?'
wait_for "Help: keys"
check "en: the help says Enter opens a figure's list" help_page_with "open the selected record (on the Overview:"
ui_keys q
ui_quit
