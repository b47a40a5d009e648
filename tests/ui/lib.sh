# Sourced by the interface tests: drives the real binary inside tmux
# (tmux provides the pty, so this runs headless in CI) and reads the screen
# back with capture-pane. Each test file gets its own tmux server.
#
#   ui_start W H ARGS...   start `xianfeng ARGS` in a W x H window
#   ui_keys KEYS...        tmux send-keys (key names: Enter, Escape, Tab, C-l...)
#   ui_screen              the screen as text
#   wait_for TEXT [SECS]   poll until TEXT is on screen (default 5 s)
#   wait_gone TEXT [SECS]  poll until TEXT has left the screen
#   ui_resize W H          resize the window (the program gets SIGWINCH)
#   ui_exited [SECS]       wait for the program to exit; its status is in $UI_RC
#   ui_quit                q at the top, y to "Quit xianfeng?", then ui_exited
#   quit_with RC           ui_quit, and the status was RC
#   check NAME CMD...      ok/FAIL bookkeeping; see run.sh
#   dbq SQL, db_wait SQL WANT  read $DB, or poll it until it gives WANT
#   line_has TEXT...       one screen line holds every TEXT
#   ui_open NAME ARGS...   a second user's session NAME beside the first,
#                          same size; UI_T=NAME points the helpers above
#                          (and ui_exited) at it
#   ui_config CFG USER...  write the test's config (see ui_config_users)
#   ui_args LOGIN          the arguments of a session as LOGIN on $DB
#   X ARGS...              the command line on $DB, as $CFG and $TODAY
#   ui_fixture_complaints [CSV]  a new $DB with the complaints fixture
#   wait_line TEXT...      poll until one screen line holds every TEXT
#   down_to TEXT [MAX]     j until the selected row holds TEXT
#   ui_find_post CODE      Posts searched down to CODE
#   said TEXT, wait_said   TEXT on screen, a frame's line wrapping allowed for
#   quit, leave NAME       ui_quit, checked to end with status 0
#   ui_zh_catalog          build the Chinese messages the binary reads
UI_N=0
XF_SOCK="xf-test-$$-$UI_N"
UI_TMP=$(mktemp -d /tmp/xf-ui-XXXXXX)
UI_RC=""
# Never the machine's own /etc/xianfeng/xianfeng.cfg (on a server where
# xianfeng is installed its users list refused these tests' logins): the
# built-in defaults, unless the test sets one. The tmux server, started
# later, passes it on.
if [ -z "${XIANFENG_CONFIG:-}" ]; then
    echo "# the built-in defaults" >"$UI_TMP/defaults.cfg"
    export XIANFENG_CONFIG="$UI_TMP/defaults.cfg"
fi

tmx() { tmux -L "$XF_SOCK" "$@"; }

ui_cleanup() {
    tmx kill-server >/dev/null 2>&1
    rm -rf "$UI_TMP"
}

# The pids of programs started with this test's files in their arguments
# (every session here is), the tmux server's shells included.
# (The pattern comes on stdin so that grep's own arguments do not match.)
ui_leftovers() {
    printf '%s\n' "$UI_TMP" | grep -lF -f - /proc/[0-9]*/cmdline 2>/dev/null |
        sed 's|^/proc/\([0-9]*\)/cmdline$|\1|'
}

# After the last check: the sessions end when their terminals go, and a
# program that outlives its terminal (one spinning with the database
# open) is a failure, killed so that it cannot hold up the next test.
ui_reap() {
    tmx kill-server >/dev/null 2>&1
    i=0
    while [ -n "$(ui_leftovers)" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    left=$(ui_leftovers)
    check "every session ended with its terminal" [ -z "$left" ]
    for p in $left; do
        echo "     | left running: $({ tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null)"
        # How it was stuck, for a failure seen once in a while under load.
        echo "     | $(ps -o stat=,etime=,time=,wchan:32= -p "$p" 2>/dev/null)"
        kill -9 "$p" 2>/dev/null
    done
}
trap ui_cleanup EXIT INT TERM

# The program runs under sh so that its exit status lands in a file, and
# the shell lingers so the restored screen can be read. Every start gets a
# fresh tmux server (a dying one could swallow the next new-session).
ui_start() {
    w=$1; h=$2; shift 2
    tmx kill-server >/dev/null 2>&1
    UI_N=$((UI_N + 1))
    XF_SOCK="xf-test-$$-$UI_N"
    rm -f "$UI_TMP/rc"
    printf '%s ' "$@" >"$UI_TMP/args"
    tmx -f /dev/null new-session -d -x "$w" -y "$h" -s xf \
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=${UI_TERM:-screen-256color} $UI_ENV \
         '$XF' $(cat "$UI_TMP/args"); echo \$? >'$UI_TMP/rc'; printf 'XF-EXITED'; sleep 600"
    tmx set-option -t xf status off >/dev/null 2>&1
}

# Another session in the same tmux server, for a second user at once.
ui_open() {
    name=$1; shift
    rm -f "$UI_TMP/rc.$name"
    printf '%s ' "$@" >"$UI_TMP/args.$name"
    set -- $(tmx display-message -p -t xf '#{window_width} #{window_height}')
    tmx new-session -d -x "$1" -y "$2" -s "$name" \
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=${UI_TERM:-screen-256color} $UI_ENV \
         '$XF' $(cat "$UI_TMP/args.$name"); echo \$? >'$UI_TMP/rc.$name'; printf 'XF-EXITED'; sleep 600"
    tmx set-option -t "$name" status off >/dev/null 2>&1
}

# The program's pid (a child of the pane's shell), and how many write
# calls it has made.
xf_pid() { ps -o pid= --ppid "$(tmx display-message -p -t xf '#{pane_pid}')" | tr -d ' '; }
xf_writes() { awk '$1 == "syscw:" { print $2 }' "/proc/$(xf_pid)/io"; }

ui_keys() { tmx send-keys -t "${UI_T:-xf}" "$@"; }
ui_text() { tmx send-keys -t "${UI_T:-xf}" -l "$1"; }
ui_screen() { tmx capture-pane -p -t "${UI_T:-xf}"; }
ui_resize() { tmx resize-window -t xf -x "$1" -y "$2"; }

# Polls every 0.1 s until the screen shows TEXT or the deadline passes.
wait_for() {
    text=$1; secs=${2:-5}
    tries=$((secs * 10))
    while [ "$tries" -gt 0 ]; do
        ui_screen | grep -qF -- "$text" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

wait_gone() {
    text=$1; secs=${2:-5}
    tries=$((secs * 10))
    while [ "$tries" -gt 0 ]; do
        ui_screen | grep -qF -- "$text" || return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

# wait_cond CMD...: polls (5 s) until CMD succeeds, for conditions that
# are not one piece of text.
wait_cond() {
    tries=50
    while [ "$tries" -gt 0 ]; do
        "$@" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

# help_page_with TEXT: the help (open) paged down from its top until TEXT
# shows: the help grows as keys are added, and End shows only its last
# lines (the lists' legend), not the actions a test looks for.
help_page_with() {
    ui_keys Home
    n=0
    while ! wait_for "$1" 1; do
        [ $n -ge 15 ] && return 1
        ui_keys NPage
        n=$((n + 1))
    done
}

# dismiss: closes the window a long error opens (any key closes it and
# does nothing else); nothing when there is none.
dismiss() {
    for hint in "any key closes this message" "按任意键关闭此消息"; do
        if ui_screen | grep -qF "$hint"; then
            ui_keys Space
            wait_gone "$hint"
        fi
    done
}

ui_exited() {
    secs=${1:-5}
    tries=$((secs * 10))
    rc_file="$UI_TMP/rc"
    [ "${UI_T:-xf}" = xf ] || rc_file="$UI_TMP/rc.$UI_T"
    while [ "$tries" -gt 0 ]; do
        if [ -s "$rc_file" ]; then
            UI_RC=$(cat "$rc_file")
            return 0
        fi
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

# The question q at the top asks before the session ends, in either
# language.
quit_asked() { ui_screen | grep -qE "Quit xianfeng\?|退出 xianfeng？"; }

# q goes back a view at a time (a quarter's list, search results) and
# asks to quit at the top: pressed until it asks, as a user would. A
# session not ended so was left to the reaper to hang up (sessions
# in a sub-view did, unnoticed); that is a failure here, named after the
# last check.
q_acted() { quit_asked || [ "$(ui_screen)" != "$UI_BEFORE_Q" ]; }
ui_quit() {
    UI_RC=
    for _q in 1 2 3 4; do
        UI_BEFORE_Q=$(ui_screen)
        ui_keys q
        wait_cond q_acted && quit_asked && break
    done
    if ! quit_asked; then
        fail=$((fail + 1)); echo "FAIL q did not ask to quit (after: $name)"
        ui_screen 2>/dev/null | sed 's/^/     | /'
        return 1
    fi
    ui_keys y
    ui_exited 5
}
# quit_with RC: ui_quit, and the program left with status RC.
quit_with() { ui_quit && [ "$UI_RC" = "$1" ]; }

# db_raw DB SQL: runs SQL on DB as old data or a direct edit would have
# left it — past the program's checks (imports refuse control characters,
# but screens must still sanitise what a database holds): the triggers
# (the audit ones call the program's own functions) set aside meanwhile,
# the search index rebuilt after. Fails when the SQL does.
db_raw() {
    sqlite3 "$1" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master
                  WHERE type = 'trigger'" >"$UI_TMP/raw-drop.sql" &&
        sqlite3 "$1" "SELECT sql || ';' FROM sqlite_master
                      WHERE type = 'trigger'" >"$UI_TMP/raw-make.sql" || return 1
    { echo "BEGIN;"
      cat "$UI_TMP/raw-drop.sql"
      printf '%s\n' "$2"
      for t in complaint post unit member pledge; do
          echo "INSERT INTO fts_$t(fts_$t) VALUES('rebuild');"
      done
      cat "$UI_TMP/raw-make.sql"
      echo "COMMIT;"; } | sqlite3 -bail "$1" >"$UI_TMP/raw.out" 2>&1
}

# dbq SQL: a read of the test's database $DB (no header, | between columns).
dbq() { sqlite3 -batch -noheader "$DB" "$1"; }
# db_wait SQL WANT: polls (5 s) until the read gives WANT; says what it
# gave instead on failure.
db_wait() {
    tries=50
    while [ $tries -gt 0 ]; do
        [ "$(dbq "$1")" = "$2" ] && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    echo "     | $1 -> $(dbq "$1") (want $2)"
    return 1
}
# line_has TEXT...: one screen line holds every TEXT.
line_has() {
    ui_screen | awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i]; ARGC = 1 }
        { hit = 1; for (i = 1; i <= n; i++) if (index($0, want[i]) == 0) hit = 0; if (hit) f = 1 }
        END { exit !f }' "$@"
}

# TEXT is nowhere on the screen (now: pair it with a wait_for first).
absent() { ! ui_screen | grep -qF -- "$1"; }
# The screen line (1-based) holding TEXT, empty when absent.
ui_line_of() { ui_screen | grep -nF -- "$1" | head -1 | cut -d: -f1; }

# check NAME CMD...: runs CMD; on failure prints the screen to help debugging.
check() {
    name=$1; shift
    if "$@"; then
        pass=$((pass + 1)); echo "ok   $name"
    else
        fail=$((fail + 1)); echo "FAIL $name"
        ui_screen 2>/dev/null | sed 's/^/     | /'
    fi
}
# selected_has TEXT: the highlighted (selected) row holds TEXT; the status
# line is left out.
selected_has() {
    tmx capture-pane -p -e -t "${UI_T:-xf}" | sed '$d' | grep -F -- "$1" |
        grep -q "\[7m\|\[4[0-8]m"
}
# selected_line: the text of the highlighted row under the tab bar, title
# and column header (the status line left out).
selected_line() {
    tmx capture-pane -p -e -t "${UI_T:-xf}" | sed '$d' | sed -n '4,$p' |
        grep "\[7m\|\[4[0-8]m" | head -1 | sed 's/\x1b\[[0-9;]*m//g; s/ *$//'
}

# ---- the tests' people, config and complaints fixture -----------------------------
# ui_user USER: one users entry: a login below (the complaints fixture's
# people: handlers hold units U1-U4 of its units file), or USER itself
# when it is a whole entry ("{ login = ...; }": someone else, or one of
# these in another role).
ui_user() {
    case $1 in
    "{"*) printf '%s' "$1" ;;
    zhang.wei) echo '{ login = "zhang.wei"; name = "张伟"; role = "supervisor"; scopes = []; }' ;;
    sun.li) echo '{ login = "sun.li"; name = "孙丽"; role = "supervisor"; scopes = []; }' ;;
    wangfang) echo '{ login = "wangfang"; name = "王芳"; role = "supervisor"; scopes = []; }' ;;
    li.na) echo '{ login = "li.na"; name = "李娜"; role = "handler"; scopes = [ "U1" ]; }' ;;
    h2) echo '{ login = "h2"; name = "韩二"; role = "handler"; scopes = [ "U1" ]; }' ;;
    zhou.ban) echo '{ login = "zhou.ban"; name = "周斌"; role = "handler"; scopes = [ "U4" ]; }' ;;
    zhao.kan) echo '{ login = "zhao.kan"; name = "赵看"; role = "viewer"; scopes = []; }' ;;
    liu.yang) echo '{ login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; }' ;;
    chen.jing) echo '{ login = "chen.jing"; name = "陈静"; role = "organiser"; scopes = []; }' ;;
    *) echo "ui_user: no test user $1 (give the whole entry)" >&2; return 1 ;;
    esac
}
# ui_config_users USER...: the access and users settings: the account
# running the tests as the service account and an administrator
# (管理员), then each USER (see ui_user).
ui_config_users() {
    _ui_me=$(id -un)
    echo "access = { service_account = \"$_ui_me\"; };"
    echo "users = ("
    printf '    { login = "%s"; name = "管理员"; role = "admin"; scopes = []; }' "$_ui_me"
    for _ui_u in "$@"; do
        _ui_entry=$(ui_user "$_ui_u") || return 1
        printf ',\n    %s' "$_ui_entry"
    done
    printf '\n);\n'
}
# ui_config CFG USER...: writes CFG: the database $DB, as a scratch copy
# (rehearsal, so that --today may save), and ui_config_users USER...
ui_config() {
    _ui_cfg=$1; shift
    _ui_users=$(ui_config_users "$@") || return 1
    printf 'database = { path = "%s"; rehearsal = true; };\n%s\n' "$DB" "$_ui_users" >"$_ui_cfg"
}
# ui_args LOGIN: a session's arguments, as LOGIN on $DB ($CFG, $TODAY).
ui_args() { echo --config "$CFG" --login "$1" --db "$DB" --today $TODAY; }
# X ARGS...: the command line on $DB ($CFG, $TODAY).
X() { "$XF" --config "$CFG" --db "$DB" --today $TODAY "$@"; }
# ui_fixture_complaints [CSV]: a new $DB holding the complaints fixture's
# units (U1-U4) and the complaints of CSV (by default the fixture's own),
# imported through the command line; fails when a step does.
ui_fixture_complaints() {
    X init >/dev/null &&
        X import units "$UI_DIR/data/complaints-units.csv" >/dev/null &&
        X import complaints "${1:-$UI_DIR/data/complaints.csv}" >/dev/null
}

# ui_zh_catalog: the Chinese catalogue beside the binary (where a build
# tree's xianfeng looks first), made from po/zh_CN.po when missing or
# older, for the tests that read the interface in Chinese.
ui_zh_catalog() {
    _ui_mo="$(dirname "$XF")/locale/zh_CN/LC_MESSAGES/xianfeng.mo"
    _ui_po="$UI_DIR/../../po/zh_CN.po"
    if [ ! -s "$_ui_mo" ] || [ "$_ui_po" -nt "$_ui_mo" ]; then
        mkdir -p "$(dirname "$_ui_mo")" && msgfmt -o "$_ui_mo" "$_ui_po"
    fi
}

# down_to TEXT [MAX]: j until the selected row holds TEXT (at most MAX
# rows down, 40 unless told); fails when it never does.
down_to() {
    _ui_i=0
    while ! selected_has "$1" && [ $_ui_i -lt "${2:-40}" ]; do
        ui_keys j
        sleep 0.1
        _ui_i=$((_ui_i + 1))
    done
    selected_has "$1"
}
# ui_find_post CODE: in Posts (by code), the list searched down to CODE.
ui_find_post() {
    wait_for "Posts · sort: code" && ui_keys /
    wait_for "Search posts" && ui_keys C-u && ui_text "$1" && ui_keys Enter
    wait_for "/ $1"
}
# wait_line TEXT...: polls (5 s) until one screen line holds every TEXT.
wait_line() { wait_cond line_has "$@"; }
# said TEXT: TEXT is on screen, allowing for a form's line wrapping (each
# line's border dropped, the lines joined, spaces ignored: a wrap may fall
# at a space or between two Chinese characters).
said() {
    _ui_want=$(printf '%s' "$1" | tr -d ' ')
    ui_screen | sed 's/^[^│]*│//; s/│.*$//' | tr -d ' \n' | grep -qF -- "$_ui_want"
}
wait_said() { wait_cond said "$1"; }

# quit: ui_quit, checked: the session must end with status 0 (under
# SANITIZE=1 a leak or a memory error makes it non-zero). The checks are
# named by count: "session N ends with status 0".
UI_QUITS=0
quit() {
    UI_QUITS=$((UI_QUITS + 1))
    ui_quit
    check "session $UI_QUITS ends with status 0" [ "${UI_RC:-x}" = 0 ]
}
# leave NAME: ui_quit in session NAME (ui_open's; xf is the first one),
# checked as "NAME's session ends with status 0"; UI_T is reset after.
leave() {
    UI_T=$1
    ui_quit
    check "$1's session ends with status 0" [ "${UI_RC:-x}" = 0 ]
    UI_T=
}
