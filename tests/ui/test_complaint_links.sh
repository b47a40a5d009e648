# Sourced by run.sh with lib.sh loaded: a merged complaint's detail leads
# to the one it joined (Enter on "Merged into"), the survivor's to the
# duplicates merged into it, and q comes back. Demo data, single-user
# mode (admin), both languages.
DB="$UI_TMP/links.db"
export XIANFENG_CONFIG="$UI_TMP/none.cfg"
printf 'database = { path = "%s"; rehearsal = true; };\n' "$DB" >"$XIANFENG_CONFIG"
TODAY=2026-11-26
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "links: demo database built through the CLI" [ $? -eq 0 ]
ui_zh_catalog
DUP=$(dbq "SELECT c.code FROM complaint c JOIN complaint s ON s.id = c.merged_into
           ORDER BY c.id LIMIT 1")
SURV=$(dbq "SELECT s.code FROM complaint c JOIN complaint s ON s.id = c.merged_into
            ORDER BY c.id LIMIT 1")
check "links: the demo has a merged complaint ($DUP into $SURV)" [ -n "$DUP" -a -n "$SURV" ]

ESC=$(printf '\033')
# reversed TEXT: a line holding TEXT is highlighted.
reversed() { tmx capture-pane -p -e -t xf | grep -F -- "$1" | grep -qF "${ESC}[7m"; }

# open_dup: Complaints, every state, searched for the merged one, its detail.
open_dup() {
    ui_keys 4
    wait_for "$1" >/dev/null
    ui_keys f
    wait_for "$2" >/dev/null
    ui_keys Space F2
    wait_gone "$2" >/dev/null
    ui_keys /
    sleep 0.3
    ui_text "$DUP"
    ui_keys Enter
    wait_line "$DUP" "$3" >/dev/null
    ui_keys Enter
}

ui_start 80 24 --db "$DB" --today $TODAY
wait_for "Overview"
open_dup "Complaints —" "Filter complaints" "merged"
check "en: the merged one's detail names the survivor" wait_line "Merged into" "$SURV"
check "en: ... highlighted, and the foot says Enter opens it" wait_for "Enter opens $SURV"
check "en: ... the line is the highlighted one" reversed "Merged into"
ui_keys Enter
check "en: Enter opens the survivor's detail" wait_cond sh -c "tmux -L '$XF_SOCK' capture-pane -p -t xf | sed -n 3p | grep -qF '$SURV'"
check "en: the survivor lists the merged one, for Enter" wait_for "Enter opens $DUP"
ui_keys Tab
check "en: Tab scrolls to the Merged here line" wait_line "Merged here" "$DUP"
ui_keys q
check "en: q comes back to the merged one" wait_for "Enter opens $SURV"
check "en: ... its own detail" wait_cond sh -c "tmux -L '$XF_SOCK' capture-pane -p -t xf | sed -n 3p | grep -qF '$DUP'"
ui_keys q
check "en: q again: the list" wait_for "Complaints — by code"
ui_quit

UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 --db "$DB" --today $TODAY
wait_for "概览"
open_dup "投诉 —" "筛选投诉" "已合并"
check "zh: the merged one's detail names the survivor" wait_line "$SURV"
check "zh: the foot says Enter opens it" wait_for "Enter 打开 $SURV"
ui_keys Enter
check "zh: Enter opens the survivor, which lists the merged one" wait_for "Enter 打开 $DUP"
ui_keys q
check "zh: q comes back" wait_for "Enter 打开 $SURV"
ui_quit
UI_ENV=
