# Sourced by the SSH tests (root only): a real OpenSSH server on 127.0.0.1,
# Unix test accounts, and one tmux session per SSH login. Everything it
# makes it also removes (ssh_cleanup, run on exit): accounts with their
# homes, the group if it made it, sshd by its pid file, the tmux server,
# the temp dir.
#
#   ssh_setup                  temp dir, binary, group, sshd (0 when ready)
#   ssh_account NAME           a test account in the xianfeng group, with a key
#   ssh_forced NAME COMMAND    NAME's key only runs COMMAND (restrict,pty)
#   ssh_open S NAME W H [CMD...]  `ssh -t NAME@127.0.0.1 CMD` in tmux session S
#   ss_screen S                session S's screen as text
#   ss_keys S KEYS... / ss_text S TEXT
#   ss_wait S TEXT [MS]        poll (every 20 ms) until TEXT shows, MS deadline
#   ss_exited S [MS]           wait for the ssh client to end; status in $SS_RC
#   now_ms                     a clock in milliseconds
#   check NAME CMD...          ok/FAIL bookkeeping (pass/fail counters)
SS_MARK="xianfeng ssh test"     # GECOS of every account made here
SS_GROUP=xianfeng
SS_SOCK="xf-ssh-$$"
SS_T=""
SS_USERS=""
SS_MADE_GROUP=""
SS_MADE_RUNDIR=""
SS_RC=""

tmx() { tmux -L "$SS_SOCK" "$@"; }
now_ms() { date +%s%3N; }

# Accounts left by a run that was killed before its cleanup carry the
# marker in their GECOS field; nothing else is ever removed.
ssh_remove_account() {
    u=$1
    getent passwd "$u" >/dev/null || return 0
    [ "$(getent passwd "$u" | cut -d: -f5)" = "$SS_MARK" ] || return 1
    # userdel refuses while the account runs something: its sessions end
    # when sshd and tmux go; give them a moment, then end what is left by pid.
    deadline=$(($(now_ms) + 3000))
    while pids=$(ps -u "$u" -o pid= 2>/dev/null) && [ -n "$pids" ] &&
        [ "$(now_ms)" -lt "$deadline" ]; do
        sleep 0.05
    done
    # shellcheck disable=SC2086
    [ -n "$pids" ] && kill $pids 2>/dev/null && sleep 0.2
    userdel -r "$u" >/dev/null 2>&1
    ! getent passwd "$u" >/dev/null
}

ssh_cleanup() {
    tmx kill-server >/dev/null 2>&1
    if [ -n "$SS_T" ] && [ -s "$SS_T/run/sshd.pid" ]; then
        pid=$(cat "$SS_T/run/sshd.pid")
        kill "$pid" 2>/dev/null
        deadline=$(($(now_ms) + 2000))
        while kill -0 "$pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.02; done
        rm -f "$SS_T/run/sshd.pid"
    fi
    for u in $SS_USERS; do ssh_remove_account "$u"; done
    SS_USERS=""
    if [ -n "$SS_MADE_GROUP" ]; then
        groupdel "$SS_GROUP" >/dev/null 2>&1
        SS_MADE_GROUP=""
    fi
    if [ -n "$SS_MADE_RUNDIR" ]; then
        rmdir /run/sshd 2>/dev/null
        SS_MADE_RUNDIR=""
    fi
    [ -n "$SS_T" ] && rm -rf "$SS_T"
    SS_T=""
}
trap 'ssh_cleanup' EXIT
trap 'ssh_cleanup; exit 1' INT TERM

# The binary goes where the test accounts can run it (/work may be closed
# to them); the database directory is group-owned and setgid, as
# /var/lib/xianfeng is on a real install.
ssh_setup() {
    SS_T=$(mktemp -d /tmp/xf-ssh-XXXXXX) || return 1
    chmod 755 "$SS_T"
    mkdir -p "$SS_T/bin" "$SS_T/etc" "$SS_T/run" "$SS_T/home" "$SS_T/keys" "$SS_T/data" &&
        chmod 755 "$SS_T/bin" "$SS_T/etc" "$SS_T/home" && chmod 700 "$SS_T/keys" &&
        cp "$XF" "$SS_T/bin/xianfeng" && chmod 755 "$SS_T/bin/xianfeng" || return 1
    BIN=$SS_T/bin/xianfeng
    if ! getent group "$SS_GROUP" >/dev/null; then
        groupadd "$SS_GROUP" || return 1
        SS_MADE_GROUP=1
    fi
    chgrp "$SS_GROUP" "$SS_T/data" && chmod 2770 "$SS_T/data" || return 1
    ssh-keygen -q -t ed25519 -N '' -C xf-test-host -f "$SS_T/etc/host_key" || return 1
    if [ ! -d /run/sshd ]; then   # sshd's privilege separation directory
        mkdir -p /run/sshd && chmod 755 /run/sshd && SS_MADE_RUNDIR=1
    fi
    ssh_start_sshd
}

ssh_write_config() {
    cat >"$SS_T/etc/sshd_config" <<EOF
Port $SS_PORT
ListenAddress 127.0.0.1
HostKey $SS_T/etc/host_key
PidFile $SS_T/run/sshd.pid
UsePAM no
PermitRootLogin no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile .ssh/authorized_keys
StrictModes yes
AllowGroups $SS_GROUP
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
# What /etc/default/locale gives a PAM login; this server has no PAM.
SetEnv LANG=C.UTF-8
LogLevel VERBOSE
EOF
}

# A high port from the pid; the next one if it is taken.
ssh_start_sshd() {
    for i in 0 1 2 3 4 5 6 7; do
        SS_PORT=$((20000 + ($$ * 7 + i * 997) % 40000))
        ssh_write_config
        /usr/sbin/sshd -t -f "$SS_T/etc/sshd_config" || return 1
        if /usr/sbin/sshd -f "$SS_T/etc/sshd_config" -E "$SS_T/run/sshd.log"; then
            deadline=$(($(now_ms) + 5000))
            while [ ! -s "$SS_T/run/sshd.pid" ] && [ "$(now_ms)" -lt "$deadline" ]; do
                sleep 0.02
            done
            [ -s "$SS_T/run/sshd.pid" ] && return 0
        fi
    done
    return 1
}

# sshd refuses a locked account (useradd leaves "!" in the shadow file) and
# reads authorized_keys as the user, with StrictModes checking the home
# and ~/.ssh are not group or world writable.
ssh_account() {
    u=$1
    ssh_remove_account "$u" || { echo "     | $u exists and is not a test account"; return 1; }
    useradd -m -d "$SS_T/home/$u" -s /bin/sh -c "$SS_MARK" -G "$SS_GROUP" "$u" || return 1
    SS_USERS="$SS_USERS $u"
    usermod -p '*' "$u" || return 1
    ssh-keygen -q -t ed25519 -N '' -C "$u" -f "$SS_T/keys/$u" || return 1
    h=$SS_T/home/$u
    chmod 750 "$h"
    mkdir -p "$h/.ssh" && cp "$SS_T/keys/$u.pub" "$h/.ssh/authorized_keys" &&
        chmod 700 "$h/.ssh" && chmod 600 "$h/.ssh/authorized_keys" &&
        chown -R "$u:" "$h/.ssh"
}

ssh_forced() {
    u=$1; cmd=$2
    printf 'restrict,pty,command="%s" %s\n' "$cmd" "$(cat "$SS_T/keys/$u.pub")" \
        >"$SS_T/home/$u/.ssh/authorized_keys"
}

# ssh_client NAME ARGS...: ssh as NAME with its key, nothing from ~/.ssh
# or /etc/ssh/ssh_config (which may SendEnv the caller's locale).
ssh_client() {
    u=$1; shift
    # shellcheck disable=SC2046
    ssh $(ssh_opts "$u") "$@"
}
ssh_opts() {
    echo "-F /dev/null -p $SS_PORT -i $SS_T/keys/$1 -o IdentitiesOnly=yes -o BatchMode=yes" \
        "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
}

# The client runs under sh in the tmux window so that its exit status lands
# in a file and the screen stays readable after the program ends.
ssh_open() {
    s=$1; u=$2; w=$3; h=$4; shift 4
    rm -f "$SS_T/run/rc.$s"
    tmx -f /dev/null new-session -d -x "$w" -y "$h" -s "$s" \
        "env TERM=screen-256color ssh $(ssh_opts "$u") -t $u@127.0.0.1 $*; \
         echo \$? >'$SS_T/run/rc.$s'; printf 'XF-EXITED'; sleep 600"
    tmx set-option -t "$s" status off >/dev/null 2>&1
}

ss_screen() { tmx capture-pane -p -t "$1"; }
ss_keys() { s=$1; shift; tmx send-keys -t "$s" "$@"; }
ss_text() { tmx send-keys -t "$1" -l "$2"; }

# ss_wait S TEXT [MS]: polls until S shows TEXT; WAITED is the time it took.
ss_wait() {
    s=$1; text=$2; ms=${3:-5000}
    start=$(now_ms)
    while :; do
        if ss_screen "$s" | grep -qF -- "$text"; then
            WAITED=$(($(now_ms) - start))
            return 0
        fi
        [ $(($(now_ms) - start)) -ge "$ms" ] && break
        sleep 0.02
    done
    WAITED=$(($(now_ms) - start))
    return 1
}

ss_exited() {
    s=$1; ms=${2:-5000}
    deadline=$(($(now_ms) + ms))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        if [ -s "$SS_T/run/rc.$s" ]; then
            SS_RC=$(cat "$SS_T/run/rc.$s")
            return 0
        fi
        sleep 0.05
    done
    return 1
}

# check NAME CMD...: runs CMD; on failure prints $SHOW's screen.
check() {
    name=$1; shift
    if "$@"; then
        pass=$((pass + 1)); echo "ok   $name"
    else
        fail=$((fail + 1)); echo "FAIL $name"
        [ -n "${SHOW:-}" ] && ss_screen "$SHOW" 2>/dev/null | sed 's/^/     | /'
    fi
}
