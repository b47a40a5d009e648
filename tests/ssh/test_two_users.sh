# Sourced by run.sh with lib.sh loaded, as root: many users on one server.
# A real sshd on 127.0.0.1; Unix accounts xft-insp (inspector) and xft-sup
# (supervisor) in the xianfeng group, the database in a setgid group
# directory; each logs in over SSH with a key, in its own tmux session.
# The inspector logs a spot check; the supervisor's open Inspections pane
# shows it within a second; its history row names the inspector and the
# SSH client address. Then the service-account mode: xfsvc's key forces
# `xianfeng --login zhang.wei`, and --login from anyone else is refused.
W=120
H=30
SVC=xfsvc

check "setup: sshd listens on 127.0.0.1 with its own host key and config" ssh_setup
check "setup: account xft-insp (inspector) with a key, in group $SS_GROUP" ssh_account xft-insp
check "setup: account xft-sup (supervisor) with a key, in group $SS_GROUP" ssh_account xft-sup
check "setup: service account $SVC with a key, in group $SS_GROUP" ssh_account $SVC
if [ "$fail" -gt 0 ]; then
    [ -n "$SS_T" ] && tail -20 "$SS_T/run/sshd.log" 2>/dev/null | sed 's/^/     | sshd: /'
    return 0
fi

CFG=$SS_T/etc/xianfeng.cfg
DB=$SS_T/data/xianfeng.db
cat >"$CFG" <<EOF
access = { service_account = "$SVC"; };
users = (
    { login = "xft-insp"; name = "李娜"; role = "inspector"; scopes = []; },
    { login = "xft-sup"; name = "赵敏"; role = "supervisor"; scopes = []; },
    { login = "zhang.wei"; name = "张伟"; role = "inspector"; scopes = []; }
);
EOF
# The demo is generated under a config without users (everyone is admin),
# as an administrator would set the server up.
echo "# setup: no users, whoever runs this is an administrator" >"$SS_T/etc/setup.cfg"
chmod 644 "$CFG" "$SS_T/etc/setup.cfg"
XFC="$BIN --config $CFG --db $DB"

q() { sqlite3 "$DB" "$1"; }
mode_of() { stat -c '%a %G' "$1"; }
on_line() {   # on_line S N TEXT...: screen line N of session S holds every TEXT
    s=$1; n=$2; shift 2
    ss_screen "$s" | sed -n "${n}p" | awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i]; ARGC = 1 }
        { for (i = 1; i <= n; i++) if (index($0, want[i]) == 0) exit 1 }' "$@"
}
# soon CMD...: retries CMD for up to 5 s (the screen may not have caught up).
soon() { i=0; while ! "$@"; do [ $i -ge 50 ] && return 1; sleep 0.1; i=$((i + 1)); done; }
line_has() {   # line_has S TEXT...: some screen line of session S holds every TEXT
    s=$1; shift
    ss_screen "$s" | awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i]; ARGC = 1 }
        { hit = 1; for (i = 1; i <= n; i++) if (index($0, want[i]) == 0) hit = 0; if (hit) f = 1 }
        END { exit !f }' "$@"
}
not_shown() { ! ss_screen "$1" | grep -qF -- "$2"; }
exited_with() { ss_exited "$1" 5000 && [ "$SS_RC" = "$2" ]; }
exited_failing() { ss_exited "$1" 5000 && [ "$SS_RC" != 0 ]; }

# ---- the shared database --------------------------------------------------------
# Created and filled over SSH by a group member under the session's default
# umask (022): the file must still come out 0660 in the setgid directory,
# or the other members could only read it. When it does not, the test says
# so and sets 0660 itself so that the rest can run.
ssh_client xft-insp xft-insp@127.0.0.1 \
    "$BIN --config $SS_T/etc/setup.cfg --db $DB init &&
     $BIN --config $SS_T/etc/setup.cfg --db $DB demo" >/dev/null
check "db: created and filled over SSH by a group member" [ $? -eq 0 ]
check "db: 'xianfeng init' under umask 022 makes it 0660, group $SS_GROUP (got $(mode_of "$DB"))" \
    [ "$(mode_of "$DB")" = "660 $SS_GROUP" ]
chmod 660 "$DB"

TITLE=$(q "SELECT title FROM post WHERE status IN ('published','named') ORDER BY code LIMIT 1")
PART=$(printf '%s' "$TITLE" | cut -c1-6)   # 2 CJK characters
TODAY=$(date +%F)
BEFORE=$(q "SELECT count(*) FROM inspection")

# ---- two users, two interfaces -------------------------------------------------------
SHOW=sup
ssh_open sup xft-sup $W $H $XFC
check "supervisor: the interface opens over SSH as xft-sup" ss_wait sup "赵敏 (xft-sup) · supervisor"
ss_keys sup 5
check "supervisor: the Inspections pane is open" ss_wait sup "Inspections · newest first"
check "supervisor: no inspection by xft-insp yet" not_shown sup "xft-insp"

SHOW=insp
ssh_open insp xft-insp $W $H $XFC
check "inspector: the interface opens over SSH as xft-insp" ss_wait insp "李娜 (xft-insp) · inspector"
ss_keys insp 5
check "inspector: the Inspections pane is open" ss_wait insp "n new inspection"
ss_keys insp n
check "inspector: n opens the spot-check form" ss_wait insp "New inspection"
ss_text insp "$PART"
check "inspector: the post picker lists the title" ss_wait insp "$PART"
ss_keys insp Enter
check "inspector: the post is picked" soon line_has insp "Post or unit*" "$PART"
ss_keys insp Tab Enter Enter
check "inspector: the checklist comes up" ss_wait insp "items to tick"
ss_keys insp f a
check "inspector: all ticked, the checklist waits for Enter" ss_wait insp "Enter goes on"
ss_keys insp Enter
check "inspector: a failed critical item makes it FAIL" ss_wait insp "FAIL — unannounced inspection of"
ss_text insp "公示牌缺失"
ss_keys insp Tab # findings take several lines: Enter starts a new one
check "inspector: the rectification deadline field" ss_wait insp "Rectify by"
check "supervisor: still nothing by xft-insp before the submit" not_shown sup "xft-insp"

# The measure: from the submitting key until the supervisor's screen shows
# the row, polled every 20 ms with a one-second deadline.
ss_keys insp Enter
T0=$(now_ms)
SHOW=sup
ss_wait sup "xft-insp" 1000
SEEN=$?
LATENCY=$(($(now_ms) - T0))
if [ $SEEN -eq 0 ]; then
    echo "note: the supervisor saw the inspection ${LATENCY} ms after the inspector's submit"
else
    echo "note: the supervisor did not see the inspection within 1 s"
fi
check "supervisor: the new inspection shows within 1 s (${LATENCY} ms)" [ $SEEN -eq 0 ]
SHOW=insp
check "inspector: the form says it was logged" ss_wait insp "logged."
SHOW=sup
check "supervisor: it is the top row, today's, failed, rectification open" \
    on_line sup 4 "$TODAY" "李娜" "fail" "open"

ID=$(q "SELECT max(id) FROM inspection")
check "db: one more inspection, by xft-insp, failed" \
    [ "$(q "SELECT count(*) FROM inspection")|$(q "SELECT inspector||'|'||result FROM inspection WHERE id=$ID")" \
      = "$((BEFORE + 1))|xft-insp|fail" ]
HIST=$(q "SELECT actor||'|'||client FROM history WHERE entity='inspection' AND entity_id=$ID
          AND action='inspection.log'")
check "db: the history row names xft-insp and the SSH client 127.0.0.1 (got '$HIST')" \
    [ "$HIST" = "xft-insp|127.0.0.1" ]
check "db: the WAL, shared-memory and queue files are 0660, group $SS_GROUP, like the database" \
    [ "$(mode_of "$DB-wal")|$(mode_of "$DB-shm")|$(mode_of "$DB-lock")" = \
      "660 $SS_GROUP|660 $SS_GROUP|660 $SS_GROUP" ]

# ss_quit S: q at the panes asks "Quit xianfeng?"; y answers it.
ss_quit() { ss_keys "$1" q && ss_wait "$1" "Quit xianfeng?" && ss_keys "$1" y; }

ss_quit insp
SHOW=insp
check "inspector: q quits, ssh ends with status 0" exited_with insp 0
ss_quit sup
SHOW=sup
check "supervisor: q quits, ssh ends with status 0" exited_with sup 0

# ---- the service account (forced command) -------------------------------------------
ssh_forced $SVC "$XFC --login zhang.wei"
SHOW=svc
ssh_open svc $SVC $W $H
check "service account: the key opens the interface as zhang.wei" \
    ss_wait svc "张伟 (zhang.wei) · inspector"
check "service account: the status line is zhang.wei's" on_line svc $H "zhang.wei"
ss_quit svc
check "service account: q quits" exited_with svc 0

SHOW=svc2
sup_rows=$(q "SELECT count(*) FROM history WHERE actor='xft-sup'")
ssh_open svc2 $SVC $W $H xianfeng --login xft-sup
check "service account: a --login asked by the client is refused" \
    ss_wait svc2 "--login is the server's to choose"
check "service account: ... with a failure status" exited_failing svc2
check "service account: ... nothing done as xft-sup" \
    [ "$(q "SELECT count(*) FROM history WHERE actor='xft-sup'")" = "$sup_rows" ]

# A command asked without a terminal runs as the key's user: scripts and
# cron on the person's own machine (ssh xfsvc@server report complaints).
svc_cmd() { ssh_client $SVC -o RequestTTY=no $SVC@127.0.0.1 "$@" >"$SS_T/run/svc.out" 2>&1; }
check "service account: a report asked without a terminal runs" svc_cmd report complaints
check "service account: ... and its output comes back" \
    grep -q "Complaints by state" "$SS_T/run/svc.out"
svc_refused() { ! svc_cmd "$@"; }
check "service account: a backup asked over ssh is refused" svc_refused backup "$SS_T/run/svc.db"
check "service account: ... saying the administrator runs it" \
    grep -q "backup is not taken over ssh" "$SS_T/run/svc.out"
check "service account: ... and no copy is made" [ ! -e "$SS_T/run/svc.db" ]

SHOW=impostor
ssh_open impostor xft-sup $W $H $XFC --login zhang.wei
check "--login from a non-service account is refused, naming the service account" \
    ss_wait impostor "--login is only for the service account '$SVC'; you are 'xft-sup'"
check "--login refused: the program exits with a failure status" exited_failing impostor
check "--login refused: no history row by zhang.wei" \
    [ "$(q "SELECT count(*) FROM history WHERE actor='zhang.wei'")" = 0 ]

# ---- nothing left behind --------------------------------------------------------------
SHOW=""
T=$SS_T
MADE_GROUP=$SS_MADE_GROUP
SSHD_PID=$(cat "$SS_T/run/sshd.pid")
ssh_cleanup
gone() {
    for u in xft-insp xft-sup $SVC; do
        getent passwd "$u" >/dev/null && { echo "     | account $u is left"; return 1; }
        getent group "$u" >/dev/null && { echo "     | group $u is left"; return 1; }
    done
    [ -n "$MADE_GROUP" ] && getent group "$SS_GROUP" >/dev/null && { echo "     | group $SS_GROUP is left"; return 1; }
    kill -0 "$SSHD_PID" 2>/dev/null && { echo "     | sshd $SSHD_PID still runs"; return 1; }
    tmx has-session >/dev/null 2>&1 && { echo "     | tmux server still runs"; return 1; }
    [ ! -e "$T" ] || { echo "     | $T is left"; return 1; }
}
check "cleanup: no account, group, sshd, tmux server or file left" gone
