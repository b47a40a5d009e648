# Sourced by run.sh with lib.sh loaded: key bindings from the config.
DATA=$UI_DIR/data
KDB="$UI_TMP/keys.db"
"$XF" --db "$KDB" init >/dev/null &&
    "$XF" --db "$KDB" import units "$DATA/units.csv" >/dev/null &&
    "$XF" --db "$KDB" import members "$DATA/members.csv" >/dev/null &&
    "$XF" --db "$KDB" import posts "$DATA/posts.csv" >/dev/null
check "keys: fixture database built" [ $? -eq 0 ]

# A bad binding stops the program before the screen opens: file, line, key.
printf 'keys = {\n  down = "Ctrl-N";\n  no-such-action = "x";\n};\n' >"$UI_TMP/badkeys.cfg"
"$XF" --config "$UI_TMP/badkeys.cfg" --db "$KDB" </dev/null >"$UI_TMP/k.out" 2>&1
check "keys: an unknown action is exit 2" [ $? -eq 2 ]
check "keys: the message names file and line" grep -q "badkeys.cfg:3: " "$UI_TMP/k.out"
# Every command reads the keys group too: \`check\` after an edit finds it.
"$XF" --config "$UI_TMP/badkeys.cfg" --db "$KDB" check >"$UI_TMP/k.out" 2>&1
check "keys: check finds the unknown action too, exit 2" [ $? -eq 2 ]
check "keys: ... naming file, line and action" grep -q "badkeys.cfg:3: keys.no-such-action" "$UI_TMP/k.out"
check "keys: the message names the action" grep -q "no-such-action" "$UI_TMP/k.out"
# One key given to two actions in one file: the second is refused, naming
# the line of the first (the later one won, unsaid).
printf 'keys = {\n  down = "x";\n  up = "x";\n};\n' >"$UI_TMP/twice.cfg"
"$XF" --config "$UI_TMP/twice.cfg" --db "$KDB" check >"$UI_TMP/k.out" 2>&1
check "keys: one key for two actions is exit 2" [ $? -eq 2 ]
check "keys: ... naming the line and the earlier one" \
    grep -q 'twice.cfg:3: keys.up = "x": line 2 binds that key already' "$UI_TMP/k.out"
# "Enter" is the Enter key (Return, as terminals send it), and Ctrl-M is
# the same key: taking it from "open the selected record", its only key,
# is refused as for any other key (it took the keypad's Enter alone).
for name in Enter Ctrl-M; do
    printf 'keys = { next-pane = "%s"; };\n' "$name" >"$UI_TMP/enter.cfg"
    "$XF" --config "$UI_TMP/enter.cfg" --db "$KDB" check >"$UI_TMP/k.out" 2>&1
    check "keys: next-pane = $name, Enter's only action left without it: exit 2" [ $? -eq 2 ]
    check "keys: ... saying which" grep -q "that is the only key of detail" "$UI_TMP/k.out"
done
printf 'keys = { down = "Ctrl-Shift-Banana"; };\n' >"$UI_TMP/badkey.cfg"
"$XF" --config "$UI_TMP/badkey.cfg" --db "$KDB" </dev/null >"$UI_TMP/k.out" 2>&1
check "keys: an unknown key name is exit 2" [ $? -eq 2 ]
# An empty list is told as such (it was "not an array [ ... ]", though the
# sample writes its lists so).
printf 'keys = { down = [ ]; };\n' >"$UI_TMP/emptykey.cfg"
"$XF" --config "$UI_TMP/emptykey.cfg" --db "$KDB" </dev/null >"$UI_TMP/k.out" 2>&1
check "keys: an empty list is exit 2" [ $? -eq 2 ]
check "keys: ... saying it lists no key" grep -q "keys.down lists no key" "$UI_TMP/k.out"
# Ctrl-C is the terminal's interrupt: bound, it did nothing but quit.
printf 'keys = { down = "Ctrl-C"; };\n' >"$UI_TMP/ctrlc.cfg"
"$XF" --config "$UI_TMP/ctrlc.cfg" --db "$KDB" </dev/null >"$UI_TMP/k.out" 2>&1
check "keys: binding Ctrl-C is exit 2" [ $? -eq 2 ]
check "keys: ... saying the terminal takes it" grep -q "the terminal takes this key" "$UI_TMP/k.out"

# A binding that takes another action's only key leaves that action with
# none (help = "q" took the way back); giving it another key is fine.
printf 'keys = {\n  unlink = "H";\n};\n' >"$UI_TMP/stolen.cfg"
"$XF" --config "$UI_TMP/stolen.cfg" --db "$KDB" </dev/null >"$UI_TMP/k.out" 2>&1
check "keys: taking the only key of another action is exit 2" [ $? -eq 2 ]
check "keys: ... naming the line, the action left without a key and the way out" grep -q \
    'stolen.cfg:2: keys.unlink = "H": that is the only key of history (.*); give history another key' \
    "$UI_TMP/k.out"

not_exited() { [ ! -s "$UI_TMP/rc" ]; }

# A good binding works and shows in the help.
printf 'keys = {\n  down = [ "Down", "Ctrl-N" ];\n  back = [ "q", "Esc", "F10" ];\n};\n' >"$UI_TMP/keys.cfg"
ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
check "keys: the interface opens" wait_for "1 Overview"
ui_keys 2
check "keys: Posts pane shown" wait_for "G1 "
codes=$(ui_screen | grep -oE "\<G[0-9]+\>" | head -2)
first=$(echo "$codes" | sed -n 1p)
second=$(echo "$codes" | sed -n 2p)
two_codes() { [ -n "$1" ] && [ -n "$2" ] && [ "$1" != "$2" ]; }
check "keys: two post codes on screen" two_codes "$first" "$second"
# A screen update goes out in one write: ncurses 6.4 wrote after every
# cursor move until the screen was first left and resumed (a card in
# dozens of writes, each a wake-up of sshd).
w0=$(xf_writes)
ui_keys C-n Enter
check "keys: Ctrl-N moved to the second post (its card opens)" wait_gone "$first"
check "keys: the card is the second post's" wait_for "$second"
ui_keys Escape
check "keys: Esc closes the card" wait_for "$first"
w1=$(xf_writes)
few_writes() { [ -n "$1" ] && [ -n "$2" ] && [ $(($2 - $1)) -le 6 ]; }
check "keys: move, open and close went out in at most six writes ($w0 -> $w1)" \
    few_writes "$w0" "$w1"
ui_keys '?'
check "keys: help lists the added key" wait_for "Ctrl-N"
ui_keys Escape
check "keys: still running before F10" not_exited
ui_keys F10
check "keys: F10 asks to quit, as q does" wait_cond quit_asked
ui_keys y
check "keys: ... y quits" ui_exited 5

# Hint lines name the keys the config bound, not the defaults: H taken
# for unlink leaves history on Y only; I taken for redraw leaves the
# improvements on V only; P taken for help leaves publishing on U only.
printf 'keys = {\n  history = "Y";\n  unlink = "H";\n  improvements = "V";\n  redraw = "I";\n  post-publish = "U";\n  help = [ "?", "P" ];\n};\n' \
    >"$UI_TMP/hints.cfg"
ui_start 100 30 --config "$UI_TMP/hints.cfg" --db "$KDB"
check "hints: the Overview names the improvements' new key" wait_for "V lists the improvements"
check "hints: ... not the old one" absent "I lists the improvements"
ui_keys 2
wait_for "G1 "
ui_keys M
check "hints: the projects view names history's key" wait_for "Y history"
check "hints: ... and not H" absent "H history"
ui_keys q
wait_for "G1 "
ui_keys Enter
check "hints: the post card names publishing's key" wait_for "U publish"
ui_keys q
check "hints: quits" ui_quit

# The help marks what a role cannot do: a viewer makes and edits nothing.
printf 'access = { service_account = "%s"; };\nusers = ( { login = "v.iewer"; name = "看客"; role = "viewer"; scopes = []; } );\n' \
    "$(id -un)" >"$UI_TMP/viewer.cfg"
ui_start 100 40 --config "$UI_TMP/viewer.cfg" --login v.iewer --db "$KDB"
wait_for "1 Overview"
ui_keys '?'
check "help: a viewer's n is marked not for the role" wait_for "new record (not for your role)"
check "help: ... and e" wait_for "correct an inspection you logged (not for your role)"
ui_keys Escape
check "help: viewer quits" ui_quit

# The terminal closes under a program outside its session, so no SIGHUP
# reaches it (started with setsid, as a login wrapper may): it must leave
# rather than spin on the failing reads with the database open.
tmx kill-server >/dev/null 2>&1
UI_N=$((UI_N + 1))
XF_SOCK="xf-test-$$-$UI_N" # a fresh server: a dying one could swallow new-session
tmx -f /dev/null new-session -d -x 80 -y 24 -s hup "sleep 600"
hup_tty=$(tmx display-message -p -t hup '#{pane_tty}')
check "hangup: the pane has a terminal" [ -c "$hup_tty" ]
env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color \
    setsid "$XF" --db "$KDB" <"$hup_tty" >"$hup_tty" 2>/dev/null &
hup_pid=$!
UI_T=hup
check "hangup: the interface opens on the pane" wait_for "1 Overview"
UI_T=
tmx kill-server >/dev/null 2>&1
pid_gone() { ! kill -0 "$hup_pid" 2>/dev/null; }
check "hangup: the program leaves when its terminal is gone" wait_cond pid_gone
kill -9 "$hup_pid" 2>/dev/null
wait "$hup_pid" 2>/dev/null
hup_rc=$?
check "hangup: ... with status 129 (128 + SIGHUP), not that of a quit" [ "$hup_rc" = 129 ]

# --today on the shared database (the configured one): the session only
# looks, and says so at once rather than at the first refused save.
printf 'database = { path = "%s"; };\n' "$KDB" >"$UI_TMP/shared.cfg"
ui_start 80 24 --config "$UI_TMP/shared.cfg" --today 2026-01-05
check "look only: --today on the shared database is said at the start" \
    wait_for "Looking as of 2026-01-05"
check "... nothing can be saved" wait_for "nothing can be saved"
dismiss
# ... and the status line says it all along, once the message has gone.
check "look only: the status line keeps saying it" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | tail -1 | grep -qF "2026-01-05 read-only"' sh "$XF_SOCK"
check "look only: quits" ui_quit

# Home and End as PuTTY and Xshell send them under TERM=xterm (ESC [ 1 ~,
# ESC [ 4 ~, which xterm's description does not name): decoded, not taken
# as Esc, "1" (the Overview) and "~". tmux sends them so too.
UI_TERM=xterm-256color ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview" && ui_keys 2
check "xterm keys: Posts shown" wait_for "G1 "
ui_keys End
sleep_gone() { ! ui_screen | grep -q "Overview —"; }
check "xterm keys: End stays in Posts (it jumped to the Overview)" wait_for "Posts ·"
check "xterm keys: ... not the Overview" sleep_gone
ui_keys Home
check "xterm keys: Home stays in Posts" wait_for "Posts ·"
check "xterm keys: ... not the Overview" sleep_gone
# F1 as PuTTY and rxvt send it (ESC [ 11 ~): the help (it did nothing).
ui_text "$(printf '\033[11~')"
check "xterm keys: F1 sent as ESC [ 11 ~ opens the help" wait_for "Help: keys"
ui_keys q
wait_gone "Help: keys"
ui_keys n
wait_for "New post" && ui_keys Tab Tab && ui_text "abc" && ui_keys Home
ui_text "X"
check "xterm keys: Home in a field goes to its start (it typed 1~)" wait_for "Xabc"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "xterm keys: quits" ui_quit

# A client sending GBK (中文 as d6 d0 ce c4): not UTF-8, not taken, and
# said so at the field (it was saved as "����").
ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview" && ui_keys 2
wait_for "Posts ·" && ui_keys n
wait_for "New post" && ui_keys Tab Tab && ui_text "abc"
tmx send-keys -t xf -H d6 d0 ce c4
check "GBK typed: said to be no UTF-8, with what to set" wait_for "set the SSH client's character set"
check "... nothing of it in the field" absent "abc�"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "GBK typed: quits" ui_quit

# LINES and COLUMNS exported by a login script: the terminal's own size
# is used (the layout stayed 80x24 in a larger window, through resizes).
UI_ENV="LINES=24 COLUMNS=80" ui_start 120 40 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview"
row_has() { ui_screen | sed -n "$1p" | grep -qF -- "$2"; }
check "LINES=24 COLUMNS=80 in a 120x40 window: the status line on row 40" \
    wait_cond row_has 40 "Overdue complaints"
UI_ENV=
check "LINES/COLUMNS: quits" ui_quit

# Under TERM=vt220 (and xterm-mono) the same sequences are Find and Select:
# Home and End all the same (they did nothing).
LAST=$(sqlite3 "$KDB" "SELECT code FROM post ORDER BY code DESC LIMIT 1")
FIRST=$(sqlite3 "$KDB" "SELECT code FROM post ORDER BY code LIMIT 1")
UI_TERM=vt220 ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview" && ui_keys 2
wait_for "Posts ·"
ui_keys End Enter
check "vt220: End selects the last post ($LAST)" wait_for "Post $LAST"
ui_keys q
wait_gone "Post $LAST"
ui_keys Home Enter
check "vt220: Home the first ($FIRST)" wait_for "Post $FIRST"
ui_keys q
check "vt220: quits" ui_quit

# Ctrl-L repaints whatever is open, a screen written over by another
# program (a wall message) included: the help, a form, a question.
ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview" && ui_keys 2
wait_for "Posts ·"
scribble() { printf '\033[2J\033[5;5HGARBAGE' >"$(tmx display -p -t xf '#{pane_tty}')"; }
ui_keys '?'
wait_for "Help: keys"
scribble
wait_for "GARBAGE"
ui_keys C-l
check "Ctrl-L in the help: the help is back" wait_for "Help: keys"
check "... the scribble gone" wait_gone "GARBAGE"
ui_keys q
wait_gone "Help: keys"
ui_keys n
wait_for "New post"
scribble
wait_for "GARBAGE"
ui_keys C-l
check "Ctrl-L in a form: the form is back" wait_for "New post"
check "... the tab bar too" wait_for "1 Overview"
check "... the scribble gone" wait_gone "GARBAGE"
ui_keys Escape
wait_gone "New post"
check "Ctrl-L: quits" ui_quit

# Every pane's title sits one column in, as the Overview's: Posts,
# Inspections, Evaluations and History started at the edge.
ui_start 100 30 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview"
title_in() { ui_screen | sed -n 2p | grep -q "^ $1"; }
for pair in "1 Overview" "2 Posts" "3 Pledge progress" "4 Complaints" "5 Inspections" \
    "6 Evaluations" "7 History"; do
    k=${pair%% *}
    ui_keys "$k"
    check "pane $k: its title one column in" wait_cond title_in "${pair#* }"
done
check "pane titles: quits" ui_quit

# The Linux console's description names Shift-Tab's ESC [ Z by a key of
# its own: it still goes back a pane (it did nothing).
UI_TERM=linux ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview" && ui_keys 2
wait_for "Posts ·"
ui_keys BTab
check "linux console: Shift-Tab goes back to the Overview" wait_for "Overview —"
check "linux console: quits" ui_quit

# A terminal that cannot place the cursor is refused with what to set (it
# ran blind: the status line alone, the quit question unseen).
UI_TERM=dumb ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
exited_with() { ui_exited 5 && [ "$UI_RC" = "$1" ]; }
check "dumb terminal: refused, exit status 2" exited_with 2
check "dumb terminal: ... saying what to set" wait_for "set TERM to your terminal's type"
# A type this server does not know, or none, is said to be that (it was
# told it "cannot place the cursor").
UI_TERM=foo ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
check "unknown TERM: refused, exit status 2" exited_with 2
check "unknown TERM: ... said to be unknown here" wait_for "TERM=foo is not known on this server"
UI_ENV="TERM=" ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
check "no TERM: refused, exit status 2" exited_with 2
check "no TERM: ... said to be unset" wait_for "TERM is not set"
UI_ENV= UI_TERM= # (a shell may keep what was set before a function call)

# A form scrolled on a small screen comes back whole when the screen grows
# (its first fields stayed hidden behind "↑ more", empty rows below).
ui_start 80 30 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview" && ui_keys 2
wait_for "G1 " && ui_keys n
wait_for "New post" && ui_keys Tab Tab Tab Tab Tab Tab Tab
ui_resize 40 12
small_scrolled() { ui_screen | grep -q "↑ more"; }
check "form resize: scrolled on the small screen" wait_cond small_scrolled
ui_resize 80 30
whole_again() { ! ui_screen | grep -q "↑ more" && ui_screen | grep -q "Unit\*"; }
check "form resize: whole again when the screen grows" wait_cond whole_again
ui_keys Escape
wait_for "Discard your changes?" 2 && ui_keys y
check "form resize: quits" ui_quit

# A key nothing takes says so: another pane's key names no more than
# that, a key bound to nothing points to the help; moves stay quiet.
ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview" && ui_keys 2
wait_for "G1 "
ui_keys K
check "unanswered: K in Posts: it works in another pane" \
    wait_for "K works in another pane; ? lists the keys."
ui_keys z
check "unanswered: z, bound to nothing: it does nothing here" \
    wait_for "z does nothing here; ? lists the keys."
ui_keys g
check "unanswered: a move is no such key: the message clears, none said" \
    wait_gone "does nothing here"
check "unanswered: ... nothing about g" absent "g does nothing"
check "unanswered: quits" ui_quit

# F1 in a form: the form's keys first (they were two pages on); the
# help says how to see more, and ends with what the lists' marks mean.
ui_start 80 24 --config "$UI_TMP/keys.cfg" --db "$KDB"
wait_for "1 Overview" && ui_keys 2
wait_for "G1 " && ui_keys n
wait_for "New post" && ui_keys F1
check "help in a form: the form's keys on the first page" wait_for "In a form:"
check "help in a form: ... saving among them" wait_cond line_has "F2, Ctrl-S" "save"
check "help in a form: two cells between the longest keys and their label" \
    wait_for "Shift-Tab, ↑  next / previous field"
check "help: more below, and how to see it" wait_for "more: PgDn"
ui_keys End
check "help: the marks of the lists explained" wait_cond line_has "!" "supervised"
check "help: ... due soon, in working days" wait_cond line_has "due soon" "working day"
ui_keys q
wait_gone "Help: keys"
ui_keys Escape
wait_for "Discard your changes?" 2 && ui_keys y
wait_gone "New post"
ui_keys '?'
check "help from a pane: the panes' keys first" wait_cond line_has "Down, j" "next row"
check "help from a pane: ... the form's keys not on the first page" absent "In a form:"
ui_keys q
check "help: quits" ui_quit
