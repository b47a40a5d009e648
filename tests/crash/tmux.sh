# Sourced by run.sh: the interface in tmux, a fresh server (socket $SOCK)
# for every start: a dying server could swallow the next new-session.
# The program runs under $T/wrap.sh, which records its pid before exec,
# and after it ends the tty's settings (stty -a) and its exit status, then
# lingers so the pane can be read. The wrapper outlives the keyboard's
# signals (Ctrl-\ reaches the whole foreground group) as a login shell
# would, and no core file is left behind.
#
#   tui_start W H ARGS...  start `xianfeng ARGS`; XPID is its pid
#   tui_keys KEYS...       tmux send-keys; tui_text TEXT sends TEXT literally
#   tui_screen             the screen as text
#   tui_wait TEXT [SECS]   poll until TEXT shows; fails at once if the program ended
#   tui_ended [SECS]       wait for the program's end; XRC is its status
#   tui_flag FORMAT        a tmux format of the pane, e.g. '#{alternate_on}'
TUI_N=0
SOCK="xf-crash-$$-0"
tmx() { tmux -L "$SOCK" "$@"; }
echo 'set -g status off' >"$T/tmux.conf"
cat >"$T/wrap.sh" <<'EOF'
d=$1; shift
trap : INT QUIT
ulimit -c 0
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color
sh -c 'echo $$ >"$0/pid.new" && mv "$0/pid.new" "$0/pid" && exec "$@"' "$d" "$@"
rc=$?
stty -a >"$d/stty" 2>&1
echo $rc >"$d/rc.new" && mv "$d/rc.new" "$d/rc"
printf 'XF-EXITED'
exec sleep 600
EOF

tui_start() {
    w=$1; h=$2; shift 2
    tmx kill-server >/dev/null 2>&1
    TUI_N=$((TUI_N + 1))
    SOCK="xf-crash-$$-$TUI_N"
    rm -f "$T/pid" "$T/rc" "$T/stty"
    XPID=""; XRC=""
    tmx -f "$T/tmux.conf" new-session -d -x "$w" -y "$h" -s xf sh "$T/wrap.sh" "$T" "$XF" "$@"
    n=0
    while [ ! -s "$T/pid" ] && [ $n -lt 250 ]; do sleep 0.02; n=$((n + 1)); done
    XPID=$(cat "$T/pid" 2>/dev/null)
    [ -n "$XPID" ]
}
tui_keys() { tmx send-keys -t xf "$@"; }
tui_text() { tmx send-keys -t xf -l "$1"; }
tui_screen() { tmx capture-pane -p -t xf 2>/dev/null; }
tui_flag() { tmx display -p -t xf "$1" 2>/dev/null; }

tui_wait() {
    n=$(( ${2:-5} * 50 ))
    while [ $n -gt 0 ]; do
        tui_screen | grep -qF -- "$1" && return 0
        [ -s "$T/rc" ] && return 1
        sleep 0.02
        n=$((n - 1))
    done
    return 1
}

tui_ended() {
    n=$(( ${1:-5} * 50 ))
    while [ $n -gt 0 ]; do
        if [ -s "$T/rc" ]; then XRC=$(cat "$T/rc"); return 0; fi
        sleep 0.02
        n=$((n - 1))
    done
    return 1
}
