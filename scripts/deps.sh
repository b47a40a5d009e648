#!/bin/sh
# Installs the Debian packages xianfeng needs to build and test, and only
# those that are missing. Safe to run again; does nothing when all are there.
set -e
PKGS="build-essential pkg-config libncurses-dev libsqlite3-dev libconfig-dev
libcmocka-dev libicu-dev gettext sqlite3 tmux locales openssh-server openssh-client valgrind
groff-base"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
