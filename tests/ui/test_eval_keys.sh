# Sourced by run.sh with lib.sh loaded: the Evaluations pane's keys on its
# last line, as every other pane has them (it alone had none: its keys
# stood at the end of its title, where a post's link left them no room at
# 80 columns), each view's own, within 80 columns in either language.
TODAY=2026-11-26
DB="$UI_TMP/ek.db"
CFG="$UI_TMP/ek.cfg"
ui_config_users liu.yang '{ login = "wang.lei"; name = "王磊"; role = "viewer"; scopes = []; }' >"$CFG"
X init >/dev/null && X demo >/dev/null
check "eval keys: demo database built through the CLI" [ $? -eq 0 ]

# keys_are TEXT: the pane's last line (above the status line) is TEXT.
keys_are() { [ "$(ui_screen | sed -n 23p | sed 's/ *$//')" = "$1" ]; }
keys_has() { ui_screen | sed -n 23p | grep -qF -- "$1"; }
keys_lacks() { ! ui_screen | sed -n 23p | grep -qF -- "$1"; }
# No screen line is wider than the screen (a wide character's cells counted).
fits80() {
    ui_screen | python3 -c 'import sys, unicodedata as u
sys.exit(any(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) > 80
             for l in sys.stdin))'
}

ui_start 80 24 $(ui_args liu.yang)
wait_for "6 Evaluations" && ui_keys 6
wait_for "Evaluations by quarter"
check "quarters: the keys on the pane's last line" \
    wait_cond keys_are "Enter opens a quarter  n new  A annual awards"
check "... not in the title" wait_cond sh -c '! tmux -L "$1" capture-pane -p -t xf | sed -n 2p | grep -qF "n new"' sh "$XF_SOCK"
ui_keys Home Enter
wait_for "Evaluations of 2026Q3"
check "a quarter: its keys" \
    wait_cond keys_are "n new  f filter  s sort  / search  e correct  q back"
ui_keys f
wait_for "Filter the evaluations of 2026Q3" && ui_keys Right F2
wait_for "Failed evaluations of 2026Q3"
check "failed only: Esc clears is offered" \
    wait_cond keys_are "n new  Esc clear  f filter  s sort  / search  e correct  q back"
ui_keys f
wait_for "Filter the evaluations of 2026Q3" && ui_keys Right Right F2
wait_for "posts not yet evaluated"
check "not yet evaluated: n enters one, no sort, no correction" \
    wait_cond keys_are "n enter its evaluation  Esc clear  f filter  / search  q back"
check "every line within 80 columns" fits80
ui_quit

# A post linked from Posts: the title holds the link, the keys their line.
ui_start 80 24 $(ui_args liu.yang)
wait_for "2 Posts" && ui_keys 2
wait_for "Posts · sort: code" && ui_keys j j 6
check "linked: the title says so" wait_for "linked to"
check "... the quarters' keys on their line" \
    wait_cond keys_are "Enter opens a quarter  n new  A annual awards"
ui_quit

# A viewer: neither n nor e.
ui_start 80 24 $(ui_args wang.lei)
wait_for "6 Evaluations" && ui_keys 6
check "viewer: the quarters' keys, no n" \
    wait_cond keys_are "Enter opens a quarter  A annual awards"
ui_keys Home Enter
check "viewer: a quarter's keys, no n nor e" \
    wait_cond keys_are "f filter  s sort  / search  q back"
ui_quit

# Chinese, at 80 columns: each view's keys on the line, none cut.
ui_zh_catalog
UI_ENV="LANGUAGE=zh_CN"
ui_start 80 24 $(ui_args liu.yang)
wait_for "6 测评" && ui_keys 6
check "zh_CN quarters: the keys, translated" wait_cond keys_has "A 年度评选"
check "... within 80 columns" fits80
ui_keys Home Enter
check "zh_CN a quarter: its keys to q" wait_cond keys_has "q 返回"
check "... within 80 columns" fits80
ui_keys f
wait_for "2026Q3" && ui_keys Right Right Right F2
check "zh_CN not yet evaluated: n enters one" wait_cond keys_has "n 录入其测评"
check "... within 80 columns" fits80
ui_quit
UI_ENV=
