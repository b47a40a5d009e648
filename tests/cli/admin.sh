# Sourced by run.sh: make install into a staging directory, users, history,
# --remote, and the permission findings of check.
ROOT=$(cd "$HERE/../.." && pwd)
ME=$(id -un)

# ---- install / uninstall (DESTDIR staging: nothing outside it is touched)
S="$T/stage"
case "$XF" in */build-san/*) SAN="SANITIZE=1"; BINREL=build-san/xianfeng ;;
              *) SAN=""; BINREL=build/xianfeng ;; esac
# -o: use the binary under test as it is, never rebuild it here.
mk() { make --no-print-directory -C "$ROOT" $SAN -o "$BINREL" "$@"; }
expect_rc "make install into DESTDIR" 0 mk install DESTDIR="$S" PREFIX=/usr
mode() { stat -c %a "$1" 2>/dev/null; }
expect_eq "binary installed 755" "$(mode "$S/usr/bin/xianfeng")" "755"
expect_eq "man page installed" "$(mode "$S/usr/share/man/man1/xianfeng.1")" "644"
expect_eq "Chinese man page installed" "$(mode "$S/usr/share/man/zh_CN/man1/xianfeng.1")" "644"
expect_eq "sample config installed" "$(mode "$S/etc/xianfeng/xianfeng.cfg")" "644"
expect_eq "database directory is setgid 2770" "$(mode "$S/var/lib/xianfeng")" "2770"
expect_eq "DEPLOY.md installed" "$(mode "$S/usr/share/doc/xianfeng/DEPLOY.md")" "644"
[ -z "$(ls "$ROOT"/po/*.po 2>/dev/null)" ] || [ -n "$(ls "$S"/usr/share/locale/*/LC_MESSAGES/xianfeng.mo 2>/dev/null)" ] \
    && ok "catalogues installed" || bad "catalogues installed"
# The build's own PREFIX is /usr/local: the installed binary must still
# find the catalogues installed beside it, under PREFIX=/usr.
LANG=zh_CN.UTF-8 LANGUAGE= "$S/usr/bin/xianfeng" --help 2>&1 | grep -q "用法" \
    && ok "installed binary speaks Chinese from its own prefix's catalogues" \
    || bad "installed binary speaks Chinese from its own prefix's catalogues"
# /usr/bin/locale is glibc's program, not a catalogue directory.
printf '#!/bin/sh\n' >"$S/usr/bin/locale"
LANG=zh_CN.UTF-8 LANGUAGE= "$S/usr/bin/xianfeng" --help 2>&1 | grep -q "用法" \
    && ok "... also beside a program called locale" \
    || bad "... also beside a program called locale"
rm -f "$S/usr/bin/locale"
expect_in "staging prints the admin's steps" "$T/out" "groupadd --system xianfeng"
expect_in "staging prints the chgrp step" "$T/out" "chgrp xianfeng /var/lib/xianfeng"
echo '# edited by the administrator' >>"$S/etc/xianfeng/xianfeng.cfg"
expect_rc "second install" 0 mk install DESTDIR="$S" PREFIX=/usr
expect_in "second install keeps the edited config" "$S/etc/xianfeng/xianfeng.cfg" \
    "# edited by the administrator"
expect_rc "make uninstall from DESTDIR" 0 mk uninstall DESTDIR="$S" PREFIX=/usr
[ ! -e "$S/usr/bin/xianfeng" ] && [ ! -e "$S/usr/share/man/man1/xianfeng.1" ] \
    && [ ! -e "$S/usr/share/man/zh_CN/man1/xianfeng.1" ] \
    && ok "uninstall removes binary and manual" || bad "uninstall removes binary and manual"
[ ! -e "$S/usr/share/man/zh_CN" ] && [ ! -e "$S/usr/share/locale/zh_CN" ] && [ ! -e "$S/usr/share/doc" ] \
    && ok "uninstall leaves none of the directories install made" \
    || bad "uninstall leaves none of the directories install made" "$(find "$S/usr" -type d | head)"
[ -e "$S/etc/xianfeng/xianfeng.cfg" ] && [ -d "$S/var/lib/xianfeng" ] \
    && ok "uninstall keeps config and data" || bad "uninstall keeps config and data"

# ---- users: configured users and their last activity
A="$T/admin.db"
users_cfg() { # users_cfg FILE ROLE-OF-ME
    cat >"$1" <<CFG
database = { path = "$A"; };
users = (
    { login = "$ME"; name = "管理员"; role = "$2"; },
    { login = "zhang.wei"; name = "张伟"; role = "supervisor"; scopes = [ "D1", "D2" ]; }
);
CFG
}
users_cfg "$T/users.cfg" admin
users_cfg "$T/viewer.cfg" viewer
users_cfg "$T/organiser.cfg" organiser
# A login not in the list is told so first, before anything about the
# database (it was told "no database at", and looked for one in vain).
printf 'database = { path = "%s/nowhere.db"; };\nusers = ( { login = "someone.else"; name = ""; role = "admin"; } );\n' \
    "$T" >"$T/unlisted.cfg"
expect_rc "check by a login not listed, no database yet" 1 "$XF" --config "$T/unlisted.cfg" check
expect_in "... refused as not a xianfeng user" "$T/err" "'$ME' is not a xianfeng user"
expect_eq "... and not told of the database" "$(grep -c "no database" "$T/err")" 0
# root listed the users itself: it is told what to do, not to ask itself.
if [ "$ME" = root ]; then
    expect_in "... root is told how to get in" "$T/err" "root is refused too"
    expect_not_in "... not to ask the administrator" "$T/err" "ask the administrator"
fi
expect_rc "init by a login not listed" 1 "$XF" --config "$T/unlisted.cfg" init
expect_in "... refused the same way" "$T/err" "'$ME' is not a xianfeng user"
[ ! -e "$T/nowhere.db" ] && ok "... making no database" || bad "... making no database"
# Once users are listed, only an admin makes a database (DEPLOY.md §3):
# a viewer's init made the shared one, and a refused demo left an empty
# one (and its -lock) behind.
expect_rc "init by a listed viewer: refused" 1 "$XF" --config "$T/viewer.cfg" init
expect_in "... saying what is refused" "$T/err" "may not create a database"
expect_eq "... and the configured database is not made" "$(ls "$A"* 2>/dev/null)" ""
expect_rc "init --db elsewhere by a listed viewer: refused" 1 \
    "$XF" --config "$T/viewer.cfg" --db "$T/viewer-init.db" init
expect_eq "... making nothing there either" "$(ls "$T"/viewer-init.db* 2>/dev/null)" ""
expect_rc "demo by a listed organiser into a new file: refused" 1 \
    "$XF" --config "$T/organiser.cfg" --db "$T/org-demo.db" demo
expect_eq "... leaving no database or -lock behind" "$(ls "$T"/org-demo.db* 2>/dev/null)" ""
expect_rc "init with users configured" 0 "$XF" --config "$T/users.cfg" init
printf 'code,parent_code,name,kind,trade,party_org,active\nD1,,市政务服务中心,department,政务服务,,1\n' >"$T/admin-units.csv"
expect_rc "import a unit to have history" 0 "$XF" --config "$T/users.cfg" import units "$T/admin-units.csv"
expect_rc "users for an admin" 0 "$XF" --config "$T/users.cfg" users
# Only changes are recorded: the column does not claim to know activity.
expect_in "users: the column is the last change" "$T/out" "last change"
expect_in "users lists a login" "$T/out" "zhang.wei"
expect_in "users shows the name" "$T/out" "张伟"
expect_in "users shows scopes" "$T/out" "D1, D2"
expect_in "users: never active" "$T/out" "never"
expect_eq "users: last activity is a time" \
    "$(grep "^$ME " "$T/out" | grep -cE '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}')" "1"
expect_rc "users as CSV" 0 "$XF" --config "$T/users.cfg" users --format csv
expect_in "users CSV header" "$T/out" "login,name,role,scopes,last change"
expect_in "users CSV quotes scopes" "$T/out" '"D1, D2"'
# A machine-readable file holds no prose: no change yet and all units are
# empty cells, not "never" and "all units".
expect_eq "users CSV: no change yet is an empty cell" \
    "$(tr -d '\r' <"$T/out" | grep -c '^zhang.wei,张伟,supervisor,"D1, D2",$')" "1"
expect_not_in "... not the word never" "$T/out" "never"
expect_eq "users CSV: all units is an empty cell" \
    "$(grep -c "^$ME,管理员,admin,,[0-9]" "$T/out")" "1"
expect_not_in "... not the words all units" "$T/out" "all units"
expect_rc "users for an organiser" 0 "$XF" --config "$T/organiser.cfg" users
expect_rc "users refused for a viewer" 1 "$XF" --config "$T/viewer.cfg" users
expect_in "users refusal says why" "$T/err" "may not see the list of users"
# the person as everywhere, then the role ("login (role)" read as a name
# and its login)
expect_in "... names the person, then the role" "$T/err" \
    "管理员 ($ME), viewer, may not see the list of users"

# ---- backup: admin only (the copy holds personal data unmasked)
expect_rc "backup refused for a viewer" 1 "$XF" --config "$T/viewer.cfg" backup "$T/viewer-copy.db"
expect_in "backup refusal says why" "$T/err" "back up or restore the database"
expect_eq "backup refused: no copy made" "$([ -e "$T/viewer-copy.db" ] && echo made || echo none)" "none"
expect_rc "backup refused for an organiser" 1 "$XF" --config "$T/organiser.cfg" backup "$T/org-copy.db"
expect_rc "backup for an admin" 0 "$XF" --config "$T/users.cfg" backup "$T/admin-copy.db"
# "-" is standard output to export; a backup is a file, and "-" made one
# named so.
mkdir -p "$T/dash"
expect_rc "backup - is a usage error" 2 sh -c 'cd "$1" && shift && exec "$@"' sh "$T/dash" \
    "$XF" --config "$T/users.cfg" backup -
expect_in "... saying it cannot go to standard output" "$T/err" \
    "backup cannot go to standard output"
expect_eq "... and making no file" "$(ls -A "$T/dash")" ""
expect_rc "backup ./- writes a file of that name" 0 sh -c 'cd "$1" && shift && exec "$@"' sh \
    "$T/dash" "$XF" --config "$T/users.cfg" backup ./-
# The backup is never readable by others, and no more open than the umask
# (077 in DEPLOY.md's cron line) or the database allow.
expect_rc "backup under umask 002" 0 sh -c 'umask 002 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" backup "$T/umask002-copy.db"
expect_eq "... the group may read and write it (660, as the database)" \
    "$(mode "$T/umask002-copy.db")" "660"
expect_rc "backup under umask 077" 0 sh -c 'umask 077 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" backup "$T/private-copy.db"
expect_eq "... is private (600)" "$(mode "$T/private-copy.db")" "600"
expect_rc "backup under umask 022" 0 sh -c 'umask 022 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" backup "$T/umask022-copy.db"
expect_eq "... is 640, not world-readable" "$(mode "$T/umask022-copy.db")" "640"
expect_not_in "... a umask that leaves the owner alone gets no word" "$T/err" "your umask"
# A backup is the owner's to read and write whatever the umask, as an
# export is: put back without a word, it was not said as export says it.
expect_rc "backup under umask 277 (owner may read, not write)" 0 sh -c 'umask 277 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" backup "$T/umask277-copy.db"
expect_eq "... is 600" "$(mode "$T/umask277-copy.db")" "600"
expect_in "... and says so, as export does" "$T/err" \
    "xianfeng: backup: $T/umask277-copy.db is readable and writable by you (mode 0600): your umask 0277 would have kept you from writing to it"
expect_rc "backup under umask 777" 0 sh -c 'umask 777 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" backup "$T/umask777-copy.db"
expect_eq "... is still the owner's to read (600)" "$(mode "$T/umask777-copy.db")" "600"
expect_in "... and says so, naming the umask" "$T/err" \
    "your umask 0777 would have kept you from reading or writing it"
expect_in "... after saying it is written" "$T/out" "backup written: $T/umask777-copy.db"
# An export file holds complainants' names and phones: never readable by
# others either, whatever the umask.
expect_rc "export under umask 022" 0 sh -c 'umask 022 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" export complaints "$T/umask022-complaints.csv"
expect_eq "... is 640, not world-readable" "$(mode "$T/umask022-complaints.csv")" "640"
expect_rc "export under umask 077" 0 sh -c 'umask 077 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" export complaints "$T/umask077-complaints.csv"
expect_eq "... is private (600)" "$(mode "$T/umask077-complaints.csv")" "600"
# Under a umask that takes the owner's own read away (777), the export was
# made 000: unreadable to the one who asked for it. It is the owner's to
# read and write, as a backup is, and the message says why.
expect_rc "export under umask 777" 0 sh -c 'umask 777 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" export units "$T/umask777-units.csv"
expect_eq "... is still the owner's to read (600)" "$(mode "$T/umask777-units.csv")" "600"
expect_in "... and says so, naming the umask" "$T/err" \
    "your umask 0777 would have kept you from reading or writing it"
expect_rc "export under umask 477 (owner may write, not read)" 0 sh -c 'umask 477 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" export units "$T/umask477-units.csv"
expect_in "... says the read was put back" "$T/err" "your umask 0477 would have kept you from reading it"
# The write put back was said no more than the read had been: the same words.
expect_rc "export under umask 277 (owner may read, not write)" 0 sh -c 'umask 277 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" export units "$T/umask277-units.csv"
expect_eq "... is 600" "$(mode "$T/umask277-units.csv")" "600"
expect_in "... and says so, as for the read" "$T/err" \
    "(mode 0600): your umask 0277 would have kept you from writing to it"
expect_rc "export under umask 022" 0 sh -c 'umask 022 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" export units "$T/umask022-units.csv"
expect_not_in "... a umask that leaves the owner alone gets no word" "$T/err" "your umask"
# Its success message is on stderr, so that stdout is the CSV alone when
# it has no FILE, and the same command line behaves the same with one.
expect_rc "export to stdout" 0 "$XF" --config "$T/users.cfg" export units
expect_not_in "... stdout is the CSV alone" "$T/out" "exported"
expect_rc "restore refused for a viewer" 1 "$XF" --config "$T/viewer.cfg" restore "$T/admin-copy.db" --yes
expect_in "restore refusal names restoring, not importing" "$T/err" "back up or restore the database"
# An import refused for the role names the command and the role, not the
# file (it read "xianfeng: FILE: ... may not import", as if the file were bad).
printf 'code,parent_code,name,kind\nV1,,查阅部门,department\n' >"$T/viewer-units.csv"
expect_rc "import refused for a viewer" 1 "$XF" --config "$T/viewer.cfg" import units \
    "$T/viewer-units.csv"
expect_in "... names the role and what it may not do" "$T/err" \
    "xianfeng: import: 管理员 ($ME), viewer, may not import or generate data"
expect_not_in "... not labelled with the file" "$T/err" "viewer-units.csv"
# An organiser refused is told who may import and what to do with the
# file (they were told only that they may not).
expect_rc "import refused for an organiser" 1 "$XF" --config "$T/organiser.cfg" import units \
    "$T/viewer-units.csv"
expect_in "... says only an administrator may, and what to do" "$T/err" \
    "xianfeng: import: 管理员 ($ME), organiser, may not import or generate data: only an administrator may; ask an administrator to do it (for an import, send them the file), or to give you the role admin in $T/organiser.cfg"
# What a restore takes away is said once: before the question when it
# asks, after the restore with --yes (it was said twice when asked).
"$XF" --config "$T/users.cfg" backup "$T/restore-me.db" >/dev/null
expect_rc "restore asked on a terminal" 0 sh -c 'echo yes | script -qec "$*" /dev/null' sh \
    "'$XF' --config '$T/users.cfg' --db '$T/restore-me.db' restore '$T/admin-copy.db'"
expect_eq "... says what it takes away once" "$(grep -c "recorded since then" "$T/out")" 1
line_of() { grep -n "$1" "$T/out" | head -1 | cut -d: -f1; }
[ "$(line_of "recorded since then")" -lt "$(line_of "Type the database file name")" ] &&
    ok "... before the question" || bad "... before the question" "$(cat "$T/out")"
rm -f "$T"/restore-me.db.before-restore-* # one a second
expect_rc "restore --yes" 0 "$XF" --config "$T/users.cfg" --db "$T/restore-me.db" restore \
    "$T/admin-copy.db" --yes
expect_eq "... says it once too" "$(grep -c "recorded since then" "$T/out")" 1
# Read top to bottom: what is taken away, then the outcome and the kept
# copy's name last (it said "restored" first, then what it took away).
[ "$(line_of "recorded since then")" -lt "$(line_of "^restored ")" ] &&
    ok "... what it takes away before the outcome" ||
    bad "... what it takes away before the outcome" "$(cat "$T/out")"
expect_eq "... the outcome and the kept copy last" "$(tail -1 "$T/out" | grep -c "^restored .*is kept as")" 1
# A change in the backup's last second is counted too (times compared
# said "0 changes" after an import made right after the backup).
"$XF" --db "$T/same-second.db" init >/dev/null
printf 'code,parent_code,name,kind\nZ1,,测试部门,department\n' >"$T/z1.csv"
printf 'code,parent_code,name,kind\nZ2,,测试部门二,department\n' >"$T/z2.csv"
"$XF" --db "$T/same-second.db" import units "$T/z1.csv" >/dev/null
"$XF" --db "$T/same-second.db" backup "$T/same-second-copy.db" >/dev/null
"$XF" --db "$T/same-second.db" import units "$T/z2.csv" >/dev/null
expect_rc "restore right after a change" 0 "$XF" --db "$T/same-second.db" restore \
    "$T/same-second-copy.db" --yes
expect_in "... counts the change made since the backup, even in its second" "$T/out" \
    "1 change recorded since then is taken away"

# Codes after a restore: the complaints received after the backup are left
# out, and said so; their codes are noted in the restore's history row so
# that no new complaint gets one (the citizen was told it); the records
# can be brought back from the kept copy with their codes, once.
RC_DB="$T/codes.db"
XC() { "$XF" --db "$RC_DB" "$@"; }
XC init >/dev/null
printf 'code,parent_code,name,kind\nD001,,市市场监管局,department\n' >"$T/rc-units.csv"
XC import units "$T/rc-units.csv" >/dev/null
CH=code,received_at,source,unit_code,text,state
printf '%s\nTS2026-000001,2026-06-01,hotline,D001,态度差,received\n' "$CH" >"$T/rc-1.csv"
XC import complaints "$T/rc-1.csv" >/dev/null
expect_rc "codes: backup" 0 XC backup "$T/rc-backup.db"
{ echo "$CH"
  echo "TS2026-000002,2026-06-02,hotline,D001,排队久,received"
  echo "TS2026-000003,2026-06-03,hotline,D001,收费不明,received"
} >"$T/rc-later.csv"
printf 'code,parent_code,name,kind\nD002,,市交警支队,department\n' >"$T/rc-units2.csv"
XC import complaints "$T/rc-later.csv" >/dev/null && XC import units "$T/rc-units2.csv" >/dev/null
expect_rc "codes: restore --yes" 0 XC restore "$T/rc-backup.db" --yes
expect_in "... says what it left out, kind by kind" "$T/out" \
    "(they stay in the kept copy, and their codes are not given out again): 2 complaints, 1 unit."
expect_eq "... before the outcome, which names the kept copy" \
    "$(tail -1 "$T/out" | grep -c "^restored .*is kept as")" 1
expect_eq "... the restore's row notes the highest code given out" \
    "$(sql "$RC_DB" "SELECT json_extract(after, '\$.codes.complaint') FROM history
                     WHERE action = 'database.restore'")" '["TS2026-000003"]'
RC_KEPT=$(ls "$RC_DB".before-restore-* | head -1)
expect_rc "... the kept copy has the complaints" 0 \
    "$XF" --db "$RC_KEPT" export complaints "$T/rc-kept.csv"
# Brought back from the kept copy: the same records, their codes with them.
{ head -1 "$T/rc-kept.csv"; grep -E '^TS2026-00000[23],' "$T/rc-kept.csv"; } >"$T/rc-back.csv"
expect_rc "codes: the left-out complaints import back with their codes" 0 \
    XC import complaints "$T/rc-back.csv"
expect_eq "... both there" \
    "$(sql "$RC_DB" "SELECT group_concat(code) FROM (SELECT code FROM complaint ORDER BY code)")" \
    "TS2026-000001,TS2026-000002,TS2026-000003"
expect_rc "... once: a second import of them is refused" 1 XC import complaints "$T/rc-back.csv"
expect_in "... naming the code" "$T/err" "TS2026-000002 is already in the database"
# Restored again from the same backup: the first restore's row is not in
# it; the second's carries what the first noted.
expect_rc "codes: restored a second time" 0 XC restore "$T/rc-backup.db" --yes
expect_in "... the first restore's row is not counted as taken away: it is carried over" \
    "$T/out" "4 changes recorded since then are taken away"
expect_eq "... the new row still notes TS2026-000003" \
    "$(sql "$RC_DB" "SELECT json_extract(after, '\$.codes.complaint') FROM history
                     WHERE action = 'database.restore' ORDER BY id DESC LIMIT 1")" '["TS2026-000003"]'
XC history >"$T/rc-history.txt"
grep -A1 "restore database" "$T/rc-history.txt" >"$T/rc-restore-row.txt"
expect_in "... the history shows the restore" "$T/rc-restore-row.txt" "restored from=$T/rc-backup.db"
expect_not_in "... without its list of codes" "$T/rc-restore-row.txt" "TS2026"
# The first restore was made after the backup: its row was only in the copy
# kept aside by the second. The restored history carries it over, and each
# restore says how many changes it took away.
expect_eq "... the earlier restore's row is carried into the restored history" \
    "$(sql "$RC_DB" "SELECT count(*) FROM history WHERE action = 'database.restore'")" 2
expect_eq "... under its own id and time" \
    "$(sql "$RC_DB" "SELECT h.id || ' ' || h.at FROM history h WHERE action = 'database.restore'
                     ORDER BY id LIMIT 1")" \
    "$(sql "$(ls "$RC_DB".before-restore-* | tail -1)" "SELECT id || ' ' || at FROM history
                     WHERE action = 'database.restore'")"
expect_eq "... the changes each took away: 2 complaints with their events and a unit, then the 2 brought back" \
    "$(sql "$RC_DB" "SELECT group_concat(json_extract(after, '\$.dropped'), ' ') FROM
                     (SELECT after FROM history WHERE action = 'database.restore' ORDER BY id)")" "5 4"
expect_in "... the history says how many changes were taken away" "$T/rc-restore-row.txt" \
    "changes since the backup, taken away=4"

# ---- scope: a scoped user's exports and reports keep to their units, or
# are refused when they would show the whole city
SD="$T/scope.db"
printf 'database = { path = "%s"; };\n' "$SD" >"$T/scope-admin.cfg"
"$XF" --config "$T/scope-admin.cfg" init >/dev/null 2>&1
"$XF" --config "$T/scope-admin.cfg" demo >/dev/null 2>&1
cat >"$T/scoped.cfg" <<CFG
database = { path = "$SD"; };
users = ( { login = "$ME"; name = "区领导"; role = "viewer"; scopes = [ "D002" ]; } );
CFG
expect_rc "scoped viewer: export posts" 0 "$XF" --config "$T/scoped.cfg" export posts
expect_eq "scoped viewer: ... only the posts of their units" "$(($(wc -l <"$T/out") - 1))" \
    "$(sql "$SD" "SELECT count(*) FROM post p JOIN unit u ON u.id = p.unit_id
                  WHERE u.path LIKE (SELECT path FROM unit WHERE code = 'D002') || '%'")"
expect_rc "scoped viewer: export members" 0 "$XF" --config "$T/scoped.cfg" export members
expect_eq "scoped viewer: ... only the members of their units" "$(($(wc -l <"$T/out") - 1))" \
    "$(sql "$SD" "SELECT count(*) FROM member m JOIN unit u ON u.id = m.unit_id
                  WHERE u.path LIKE (SELECT path FROM unit WHERE code = 'D002') || '%'")"
expect_rc "scoped viewer: export units" 0 "$XF" --config "$T/scoped.cfg" export units
expect_eq "scoped viewer: ... their department first, no other" \
    "$(sed -n 2p "$T/out" | cut -d, -f1) $(cut -d, -f1 "$T/out" | grep -c '^D00[13]')" "D002 0"
expect_rc "scoped viewer: export evaluations" 0 "$XF" --config "$T/scoped.cfg" export evaluations
expect_eq "scoped viewer: ... only those of their units' posts" "$(($(wc -l <"$T/out") - 1))" \
    "$(sql "$SD" "SELECT count(*) FROM evaluation e JOIN post p ON p.id = e.post_id
                  JOIN unit u ON u.id = p.unit_id
                  WHERE u.path LIKE (SELECT path FROM unit WHERE code = 'D002') || '%'")"
expect_eq "scoped viewer: ... and there are some" \
    "$([ "$(wc -l <"$T/out")" -gt 1 ] && echo some || echo none)" "some"
expect_rc "scoped viewer: export complaints (it keeps to the scope)" 0 \
    "$XF" --config "$T/scoped.cfg" export complaints
expect_rc "scoped viewer: report inspections" 0 \
    "$XF" --config "$T/scoped.cfg" report inspections --format csv
expect_eq "scoped viewer: ... counts only their units' inspections" \
    "$(grep -i '^All,' "$T/out" | cut -d, -f2-4)" \
    "$(sql "$SD" "SELECT count(*) || ',' || sum(result='pass') || ',' || sum(result='fail')
                  FROM inspection i JOIN unit u ON u.id = i.unit_id
                  WHERE u.path LIKE (SELECT path FROM unit WHERE code = 'D002') || '%'")"
expect_rc "scoped viewer: report pledges" 0 "$XF" --config "$T/scoped.cfg" report pledges --format csv
expect_eq "scoped viewer: the pledge total is their units', not the city's" \
    "$(grep ',Total,' "$T/out" | cut -d, -f3)" \
    "$(sql "$SD" "SELECT count(*) FROM pledge p JOIN unit u ON u.id = p.unit_id
                  WHERE u.path LIKE (SELECT path FROM unit WHERE code = 'D002') || '%'")"
expect_eq "scoped viewer: ... the same as their department's row" \
    "$(grep '^D002,' "$T/out" | cut -d, -f3)" "$(grep ',Total,' "$T/out" | cut -d, -f3)"
# A scope whose complaints have one lead unit between them: the total row
# is there all the same (it was left out, and spreadsheets built on the
# CSV of a district found it missing for one district only).
ONE_LEAD=$(sql "$SD" "SELECT a.code FROM unit a WHERE (SELECT count(DISTINCT c.lead_unit_id)
    FROM complaint c JOIN unit l ON l.id = c.lead_unit_id
    WHERE substr(l.path, 1, length(a.path)) = a.path) = 1 ORDER BY a.code LIMIT 1")
sed "s/\"D002\"/\"$ONE_LEAD\"/" "$T/scoped.cfg" >"$T/one-lead.cfg"
expect_rc "one lead unit in scope: report units as CSV" 0 \
    "$XF" --config "$T/one-lead.cfg" report units --format csv
expect_eq "... one unit's row and the total row" "$(sed 1d "$T/out" | cut -d, -f2 | sed 1d)" "Total"
expect_eq "... the total is that unit's" "$(sed -n 2p "$T/out" | cut -d, -f3-)" \
    "$(sed -n 3p "$T/out" | cut -d, -f3-)"
expect_rc "... and as text" 0 "$XF" --config "$T/one-lead.cfg" report units
expect_eq "... with the total row too" "$(tail -1 "$T/out" | awk '{ print $1 }')" "Total"
expect_rc "... report pledges as CSV" 0 "$XF" --config "$T/one-lead.cfg" report pledges --format csv
expect_eq "... ends with its total row" "$(tail -1 "$T/out" | cut -d, -f2)" "Total"
# A record outside the scope is refused by its code alone: a pledge's
# label is its text, which the user may not read.
AWAY_PLEDGE=$(sql "$SD" "SELECT p.id || '|' || p.text FROM pledge p JOIN unit u ON u.id = p.unit_id
                         WHERE u.path NOT LIKE (SELECT path FROM unit WHERE code = 'D002') || '%'
                         LIMIT 1")
expect_rc "scoped viewer: history of a pledge outside their units is refused" 1 \
    "$XF" --config "$T/scoped.cfg" history --entity pledge --id "${AWAY_PLEDGE%%|*}"
expect_in "... as one they may not read" "$T/err" \
    "no pledge \"${AWAY_PLEDGE%%|*}\" among the records you may read"
NO_PLEDGE=$(( $(sql "$SD" "SELECT max(id) FROM pledge") + 1000 ))
expect_rc "scoped viewer: history of a pledge that does not exist" 1 \
    "$XF" --config "$T/scoped.cfg" history --entity pledge --id "$NO_PLEDGE"
expect_in "... in the same words: which records exist elsewhere is not told" "$T/err" \
    "no pledge \"$NO_PLEDGE\" among the records you may read"
AWAY_C=$(sql "$SD" "SELECT c.id FROM complaint c JOIN unit u ON u.id = c.unit_id
                    WHERE u.path NOT LIKE (SELECT path FROM unit WHERE code = 'D002') || '%'
                    AND c.lead_unit_id IS NULL LIMIT 1")
AWAY_CODE=$(sql "$SD" "SELECT code FROM complaint WHERE id = $AWAY_C")
expect_rc "scoped viewer: a complaint by its number, outside their units" 1 \
    "$XF" --config "$T/scoped.cfg" history --entity complaint --id "#$AWAY_C"
expect_in "... refused in the same words" "$T/err" "among the records you may read"
expect_eq "... without naming its code" "$(grep -cF "$AWAY_CODE" "$T/err")" 0
expect_eq "... without the pledge's text" \
    "$(grep -cF -- "$(python3 -c 'import sys; print(sys.argv[1][:4])' "${AWAY_PLEDGE#*|}")" "$T/err")" 0
expect_rc "scoped viewer: report pledges as text" 0 "$XF" --config "$T/scoped.cfg" report pledges
expect_eq "scoped viewer: ... its title names their units" "$(head -1 "$T/out")" \
    "Pledges by unit — $(sql "$SD" "SELECT name FROM unit WHERE code = 'D002'")"

# ---- an admin limited to a scope: the history of their units only, no
# import outside them, no backup or restore of the whole city's database
SA="$T/scoped-admin.db"
"$XF" --config "$T/scope-admin.cfg" backup "$SA" >/dev/null
cat >"$T/scoped-admin.cfg" <<CFG
database = { path = "$SA"; };
users = ( { login = "$ME"; name = "区管理员"; role = "admin"; scopes = [ "D002" ]; } );
CFG
in_d002() { echo "(SELECT path FROM unit WHERE code = 'D002') || '%'"; }
AWAY_POST=$(sql "$SA" "SELECT p.code FROM post p JOIN unit u ON u.id = p.unit_id
    WHERE u.path NOT LIKE $(in_d002) AND p.status = 'named' ORDER BY p.id LIMIT 1")
HOME_POST=$(sql "$SA" "SELECT p.code FROM post p JOIN unit u ON u.id = p.unit_id
    WHERE u.path LIKE $(in_d002) AND p.status = 'named' ORDER BY p.id LIMIT 1")
printf 'code,received_at,source,post_code,text,complainant_name,complainant_phone,state\n%s\n%s\n' \
    "TS2026-000901,2026-11-20 09:00:00,hotline,$AWAY_POST,态度生硬,赵六,13900001111,received" \
    "TS2026-000902,2026-11-20 10:00:00,hotline,$HOME_POST,办事拖拉,钱七,13900002222,received" \
    >"$T/sa-complaints.csv"
expect_rc "unscoped admin imports a complaint in and one outside D002" 0 \
    "$XF" --config "$T/scope-admin.cfg" --db "$SA" import complaints "$T/sa-complaints.csv"
expect_rc "scoped admin: history" 0 "$XF" --config "$T/scoped-admin.cfg" history
expect_in "... lists their units' complaint" "$T/out" "TS2026-000902"
expect_not_in "... not another unit's" "$T/out" "TS2026-000901"
expect_not_in "... nor its complainant" "$T/out" "赵六"
expect_not_in "... nor the city's demo summary rows" "$T/out" "(all rows)"
expect_rc "scoped admin: history as CSV" 0 "$XF" --config "$T/scoped-admin.cfg" history --format csv
AWARDS_SHOWN=$(python3 -c 'import csv, sys
print(sum(1 for r in csv.reader(open(sys.argv[1])) if r[4] == "award"))' "$T/out")
expect_eq "... the awards of their units, no other" "$AWARDS_SHOWN" \
    "$(sql "$SA" "SELECT count(*) FROM award a LEFT JOIN post p ON p.id = a.post_id
                  LEFT JOIN member m ON m.id = a.member_id
                  JOIN unit u ON u.id = coalesce(a.unit_id, p.unit_id, m.unit_id)
                  WHERE u.path LIKE $(in_d002)")"
expect_eq "... and there are some" "$([ "$AWARDS_SHOWN" -gt 0 ] && echo some || echo none)" some
expect_rc "an unscoped admin's history: everything" 0 \
    "$XF" --config "$T/scope-admin.cfg" --db "$SA" history
expect_in "... the complaint outside D002 too" "$T/out" "TS2026-000901"
expect_in "... and its complainant" "$T/out" "赵六"
expect_rc "scoped admin: a complaint outside their units by its code" 1 \
    "$XF" --config "$T/scoped-admin.cfg" history --entity complaint --id TS2026-000901
expect_in "... refused as for any scoped user" "$T/err" \
    'no complaint "TS2026-000901" among the records you may read'
expect_not_in "... without its complainant" "$T/out" "赵六"
AWAY_AWARD=$(sql "$SA" "SELECT a.id FROM award a JOIN unit u ON u.id = a.unit_id
                        WHERE u.path NOT LIKE $(in_d002) LIMIT 1")
expect_rc "scoped admin: an award outside their units by its number" 1 \
    "$XF" --config "$T/scoped-admin.cfg" history --entity award --id "#$AWAY_AWARD"
expect_rc "scoped admin: their units' complaint by its code" 0 \
    "$XF" --config "$T/scoped-admin.cfg" history --entity complaint --id TS2026-000902
expect_in "... with its complainant, as an admin sees it" "$T/out" "钱七"

# Imports: every row whose unit lies outside the scope is refused, named by
# its line and column, and nothing is imported.
AWAY_DEPT=$(sql "$SA" "SELECT code FROM unit WHERE parent_id IS NULL AND code <> 'D002' ORDER BY code LIMIT 1")
AWAY_UNIT=$(sql "$SA" "SELECT code FROM unit WHERE parent_id = (SELECT id FROM unit WHERE code = '$AWAY_DEPT') ORDER BY code LIMIT 1")
HOME_UNIT=$(sql "$SA" "SELECT code FROM unit WHERE parent_id = (SELECT id FROM unit WHERE code = 'D002') ORDER BY code LIMIT 1")
UNITS_BEFORE=$(sql "$SA" "SELECT count(*) FROM unit")
printf 'code,parent_code,name,kind\n%s\n%s\n%s\n' "$AWAY_DEPT-91,$AWAY_DEPT,越权窗口,window" \
    "D991,,新部门,department" "D002-91,D002,本区窗口,window" >"$T/sa-units.csv"
expect_rc "scoped admin: import units outside D002" 1 \
    "$XF" --config "$T/scoped-admin.cfg" import units "$T/sa-units.csv"
expect_in "... a unit under another department refused by line and column" "$T/err" \
    "line 2: parent_code: $AWAY_DEPT is outside your units (D002)"
expect_in "... a new department refused, saying who may add one" "$T/err" \
    "line 3: parent_code: a unit without a parent is a new department, outside your units (D002); only an administrator without a unit scope may add one"
expect_not_in "... the row within D002 is not refused" "$T/err" "line 4"
printf 'code,parent_code,name,kind\nD002,,再导一次,department\n' >"$T/sa-units-again.csv"
expect_rc "scoped admin: a department already there imported again" 1 \
    "$XF" --config "$T/scoped-admin.cfg" import units "$T/sa-units-again.csv"
expect_in "... is said to be there already, not to be a new department" "$T/err" \
    "line 2: code: the code D002 is already used by"
expect_eq "... and nothing is imported" "$(sql "$SA" "SELECT count(*) FROM unit")" "$UNITS_BEFORE"
printf 'code,parent_code,name,kind\nD002-91-01,D002-91,本区下级,window\nD002-91,D002,本区窗口,window\n' \
    >"$T/sa-units-home.csv"
expect_rc "scoped admin: units within D002 (a parent further down the file) import" 0 \
    "$XF" --config "$T/scoped-admin.cfg" import units "$T/sa-units-home.csv"
printf 'code,unit_code,name\nM9900001,%s,越权党员\nM9900002,%s,本区党员\n' "$AWAY_UNIT" "$HOME_UNIT" \
    >"$T/sa-members.csv"
expect_rc "scoped admin: import members" 1 \
    "$XF" --config "$T/scoped-admin.cfg" import members "$T/sa-members.csv"
expect_in "... a member of another unit refused" "$T/err" \
    "line 2: unit_code: $AWAY_UNIT is outside your units (D002)"
expect_not_in "... the member within D002 is not" "$T/err" "line 3"
expect_eq "... nothing imported" "$(sql "$SA" "SELECT count(*) FROM member WHERE code LIKE 'M99%'")" 0
printf 'code,name,category,owner_unit_code\nXM-K-991,越权项目,key,%s\nXM-K-992,本区项目,key,D002\n' \
    "$AWAY_DEPT" >"$T/sa-projects.csv"
printf 'code,unit_code,title\nXFG-99001,%s,越权先锋岗\nXFG-99002,%s,本区先锋岗\n' \
    "$AWAY_UNIT" "$HOME_UNIT" >"$T/sa-posts.csv"
printf 'post_code,quarter,deputies_score,deputies_respondents,recipients_score,recipients_respondents,public_score,public_respondents\n%s,2026Q3,90,10,90,10,90,10\n' \
    "$AWAY_POST" >"$T/sa-evaluations.csv"
printf 'kind,unit_code,text,category,made_on,due_on,status\n%s\n%s\n' \
    "unit_target,$AWAY_DEPT,越权承诺,other,2026-11-01,2026-12-31,open" \
    "unit_target,D002,本区承诺,other,2026-11-01,2026-12-31,open" >"$T/sa-pledges.csv"
AWAY_MEMBER=$(sql "$SA" "SELECT m.code FROM member m JOIN unit u ON u.id = m.unit_id
    WHERE u.path NOT LIKE $(in_d002) AND m.active = 1 ORDER BY m.id LIMIT 1")
printf 'kind,member_code,text,category,made_on,due_on,status\nmember,%s,越权承诺,other,2026-11-01,2026-12-31,open\n' \
    "$AWAY_MEMBER" >"$T/sa-pledges-member.csv"
printf 'code,received_at,source,post_code,unit_code,text,state\n%s\n%s\n' \
    "TS2026-000991,2026-11-20 09:00:00,hotline,$AWAY_POST,,越权,received" \
    "TS2026-000992,2026-11-20 09:00:00,hotline,,$AWAY_UNIT,越权,received" >"$T/sa-complaints2.csv"
printf 'code,kind,template,post_code,unit_code,inspector,on_date,items\n%s\n%s\n' \
    "XJ-20261101-0991,unannounced,unannounced,$AWAY_POST,,jc,2026-11-01,pass;pass;pass;pass;pass" \
    "XJ-20261101-0992,unannounced,unannounced,,$AWAY_UNIT,jc,2026-11-01,pass;pass;pass;pass;pass" \
    >"$T/sa-inspections.csv"
printf 'unit_code,kind,title,on_date\n%s,method,越权改进,2026-11-01\nD002,method,本区改进,2026-11-01\n' \
    "$AWAY_DEPT" >"$T/sa-improvements.csv"
for case in "projects sa-projects 2 owner_unit_code $AWAY_DEPT" "posts sa-posts 2 unit_code $AWAY_UNIT" \
    "evaluations sa-evaluations 2 post_code $AWAY_POST" "pledges sa-pledges 2 unit_code $AWAY_DEPT" \
    "pledges sa-pledges-member 2 member_code $AWAY_MEMBER" \
    "complaints sa-complaints2 2 post_code $AWAY_POST" "complaints sa-complaints2 3 unit_code $AWAY_UNIT" \
    "inspections sa-inspections 2 post_code $AWAY_POST" "inspections sa-inspections 3 unit_code $AWAY_UNIT" \
    "improvements sa-improvements 2 unit_code $AWAY_DEPT"; do
    set -- $case
    expect_rc "scoped admin: import $1 ($2) outside D002" 1 \
        "$XF" --config "$T/scoped-admin.cfg" import "$1" "$T/$2.csv"
    expect_in "... line $3 refused on $4" "$T/err" "line $3: $4: $5 is outside your units (D002)"
done
expect_not_in "... an improvement within D002 is not" "$T/err" "line 3"
expect_eq "... and none of those records went in" "$(sql "$SA" "SELECT
    (SELECT count(*) FROM project WHERE code LIKE 'XM-K-99%') + (SELECT count(*) FROM post WHERE code LIKE 'XFG-99%')
    + (SELECT count(*) FROM pledge WHERE text = '越权承诺') + (SELECT count(*) FROM complaint WHERE code LIKE 'TS2026-00099%')
    + (SELECT count(*) FROM inspection WHERE code LIKE 'XJ-20261101-099%') + (SELECT count(*) FROM improvement WHERE title = '越权改进')")" 0
printf 'unit_code,kind,title,on_date\nD002,method,本区改进,2026-11-01\n' >"$T/sa-improvements-home.csv"
expect_rc "scoped admin: an improvement within D002 imports" 0 \
    "$XF" --config "$T/scoped-admin.cfg" import improvements "$T/sa-improvements-home.csv"
head -3 "$T/sa-units.csv" >"$T/sa-units-city.csv"
expect_rc "an unscoped admin imports the units refused above" 0 \
    "$XF" --config "$T/scope-admin.cfg" --db "$SA" import units "$T/sa-units-city.csv"

# Backup and restore: the whole city's database, not a scoped admin's.
expect_rc "scoped admin: backup refused" 1 "$XF" --config "$T/scoped-admin.cfg" backup "$T/sa-copy.db"
expect_in "... saying why and who may" "$T/err" \
    "it is the whole city's database, every unit's complainants' names and phones included"
expect_in "... an administrator without a unit scope" "$T/err" "ask an administrator without a unit scope"
expect_in "... naming the person as every refusal does" "$T/err" "区管理员 ($ME), admin, may not back up"
expect_eq "... and no copy made" "$([ -e "$T/sa-copy.db" ] && echo made || echo none)" none
"$XF" --config "$T/scope-admin.cfg" --db "$SA" backup "$T/sa-backup.db" >/dev/null
SA_HISTORY=$(sql "$SA" "SELECT count(*) FROM history")
expect_rc "scoped admin: restore refused" 1 \
    "$XF" --config "$T/scoped-admin.cfg" restore "$T/sa-backup.db" --yes
expect_in "... saying why" "$T/err" "ask an administrator without a unit scope"
expect_eq "... and nothing restored or kept aside" \
    "$(sql "$SA" "SELECT count(*) FROM history") $(ls "$SA".before-restore-* 2>/dev/null | wc -l)" \
    "$SA_HISTORY 0"

cat >"$T/typo.cfg" <<CFG
database = { path = "$SD"; };
users = ( { login = "$ME"; name = "管理员"; role = "admin"; },
          { login = "wang.fang"; name = "王芳"; role = "handler"; scopes = [ "D002", "D0O3" ]; } );
CFG
# (its exit status is the permissions': this temporary directory is not shared)
"$XF" --config "$T/typo.cfg" check >"$T/out" 2>"$T/err"
expect_in "check names the user and the unknown scope" "$T/out" "wang.fang's scope D0O3 names no unit"
expect_eq "check says nothing of the scopes that exist" "$(grep -c "scope D002" "$T/out")" "0"
sed 's/role = "admin"; }/role = "viewer"; }/' "$T/typo.cfg" >"$T/typo-viewer.cfg"
"$XF" --config "$T/typo-viewer.cfg" check >"$T/out" 2>"$T/err"
expect_not_in "a viewer's check says nothing of another user's scopes" "$T/out" "wang.fang"
{ echo "access = { service_account = \"$ME\"; };"; cat "$T/typo-viewer.cfg"; } >"$T/typo-svc.cfg"
"$XF" --config "$T/typo-svc.cfg" --login wang.fang check >"$T/out" 2>"$T/err"
expect_in "... the user's own typo is said to them" "$T/out" "wang.fang's scope D0O3 names no unit"
# The user whose only scope is a typo: their reports and exports are
# empty, and looked like the whole city's with nothing in it.
cat >"$T/typo-only.cfg" <<CFG
database = { path = "$SD"; };
users = ( { login = "$ME"; name = "错码"; role = "viewer"; scopes = [ "D9999" ]; } );
CFG
TYPO_SAID="Your units include D9999, which is no unit's code"
expect_rc "a scope naming no unit: report complaints" 0 "$XF" --config "$T/typo-only.cfg" report complaints
expect_eq "... titled with that scope, not as the city's" "$(head -1 "$T/out")" "Complaints by state — D9999"
expect_eq "... and warned of it on stderr, once" "$(grep -c "$TYPO_SAID" "$T/err")" "1"
expect_rc "... report units as CSV" 0 "$XF" --config "$T/typo-only.cfg" report units --format csv
expect_eq "... warned of it too" "$(grep -c "$TYPO_SAID" "$T/err")" "1"
expect_rc "... export posts" 0 "$XF" --config "$T/typo-only.cfg" export posts
expect_eq "... a header only" "$(wc -l <"$T/out")" "1"
expect_eq "... and the warning" "$(grep -c "$TYPO_SAID" "$T/err")" "1"
expect_rc "... export posts to a file" 0 "$XF" --config "$T/typo-only.cfg" export posts "$T/typo-posts.csv"
expect_in "... warned of it as well" "$T/err" "$TYPO_SAID"
# One of two scopes a typo: the title names both as configured.
cat >"$T/typo-one.cfg" <<CFG
database = { path = "$SD"; };
users = ( { login = "$ME"; name = "王芳"; role = "viewer"; scopes = [ "D002", "D0O3" ]; } );
CFG
expect_rc "one scope of two naming no unit: report pledges" 0 "$XF" --config "$T/typo-one.cfg" report pledges
expect_eq "... titled with both" "$(head -1 "$T/out")" \
    "Pledges by unit — $(sql "$SD" "SELECT name FROM unit WHERE code = 'D002'"), D0O3"
expect_in "... warned of the one" "$T/err" "Your units include D0O3, which is no unit's code"
expect_rc "a scope that names a unit: no warning" 0 "$XF" --config "$T/scoped.cfg" report complaints
expect_eq "... none" "$(grep -c "no unit's code" "$T/err")" "0"

# ---- history
expect_rc "history of one record" 0 "$XF" --config "$T/users.cfg" history --entity unit --id 1
expect_in "history names the actor" "$T/out" "$ME"
expect_in "... by name and login, as the interface does" "$T/out" "管理员 ($ME)"
expect_in "history shows the values" "$T/out" "name=市政务服务中心"
expect_rc "history of one record for a viewer" 0 "$XF" --config "$T/viewer.cfg" history --entity unit --id 1
expect_rc "whole history for an admin" 0 "$XF" --config "$T/users.cfg" history --user "$ME" --since 2000-01-01
expect_in "whole history names the record by its code" "$T/out" "unit D1"
expect_in "whole history says the action in words" "$T/out" "import units"
expect_rc "whole history as CSV" 0 "$XF" --config "$T/users.cfg" history --format csv
expect_in "history CSV header" "$T/out" "id,at,actor,client,entity,entity_id,action,changes,record,what"
expect_in "history CSV keeps the identifiers and adds words" "$T/out" "unit,1,import.units,"
expect_rc "whole history refused for a viewer" 1 "$XF" --config "$T/viewer.cfg" history
expect_in "history refusal names the permission" "$T/err" "whole history"
expect_in "... and says what they may read instead" "$T/err" \
    "you may read your own changes (--user "
expect_rc "... as CSV too" 1 "$XF" --config "$T/viewer.cfg" history --format csv --bom
expect_eq "... leaving no header that looks like an empty history" "$(wc -c <"$T/out")" 0
# What one did oneself anyone may list (the organiser could not see their
# own day's work).
expect_rc "history --user of one's own login for an organiser" 0 \
    "$XF" --config "$T/organiser.cfg" history --user "$ME"
expect_rc "... but not another user's" 1 \
    "$XF" --config "$T/organiser.cfg" history --user zhang.wei
expect_rc "... nor an unknown login's" 1 \
    "$XF" --config "$T/organiser.cfg" history --user nobody.here
expect_eq "... refused without first saying it would show it" \
    "$(grep -c 'showing what the history holds' "$T/err")" 0
expect_rc "history --entity without --id is exit 2" 2 "$XF" --config "$T/users.cfg" history --entity unit
expect_rc "history of an unknown kind is exit 2" 2 "$XF" --config "$T/users.cfg" history --entity nonsense --id 1
expect_rc "history with a bad date is exit 2" 2 "$XF" --config "$T/users.cfg" history --since 2026-13-01
expect_in "... naming the option as typed, as export and report do" "$T/err" "history: --since:"
expect_in "bad date names the option" "$T/err" "since"
expect_rc "history of a missing record" 1 "$XF" --config "$T/viewer.cfg" history --entity unit --id 999
expect_rc "history by code" 0 "$XF" --config "$T/users.cfg" history --entity unit --id D1
expect_in "history by code shows the record" "$T/out" "name=市政务服务中心"
expect_rc "history by the Chinese name of the kind" 0 "$XF" --config "$T/users.cfg" history --entity 单位 --id D1
expect_in "... the same record" "$T/out" "unit D1"
expect_rc "history in Chinese" 0 env LANG=C.UTF-8 LANGUAGE=zh_CN "$XF" --config "$T/users.cfg" history --entity unit --id D1
expect_in "Chinese: the kind and the action in words" "$T/out" "单位 D1  导入单位"
expect_in "Chinese: the column names translated" "$T/out" "单位名称：市政务服务中心"
# The CSV is read, not imported: its header in the user's language, as its
# values already were (and as a report's and the users list's are).
expect_rc "history as CSV in Chinese" 0 env LANG=C.UTF-8 LANGUAGE=zh_CN "$XF" --config "$T/users.cfg" history --format csv
expect_eq "Chinese: the CSV header in Chinese, as its values" "$(head -n 1 "$T/out" | tr -d '\r')" \
    "编号,时间,操作人,来源地址,记录类型,记录序号,操作代码,变更内容,记录,操作"
expect_in "... the identifiers kept for scripts, the words translated" "$T/out" "unit,1,import.units,"
expect_in "... the action in words" "$T/out" ",导入单位"
expect_rc "history of an unknown code" 1 "$XF" --config "$T/users.cfg" history --entity complaint --id TS2026-000258
expect_in "unknown code is named" "$T/err" "TS2026-000258"
expect_rc "history of a kind without codes given a code is exit 2" 2 "$XF" --config "$T/users.cfg" history --entity pledge --id P1
expect_in "... says to give the number" "$T/err" "no code"

# A complaint's step writes its row and a note-less event row (an import
# as much as a dispatch): the whole history and a user's show the step
# once, as the complaint's own history does.
HE="$T/hist-events.db"
XH() { "$XF" --db "$HE" --today 2026-05-01 "$@"; }
cat >"$T/he-units.csv" <<'CSV'
code,parent_code,name,kind
U1,,市政务服务中心,department
U2,U1,不动产登记窗口,window
CSV
cat >"$T/he-complaints.csv" <<'CSV'
code,received_at,source,kind,post_code,unit_code,category,text,complainant_name,complainant_phone,state,lead_unit_code,cohandler_codes,dispatched_at,sign_due,signed_at,reply_due,replied_at,reply_text,return_reason,callback_outcome,redo_count,closed_at,closed_on_time,reject_reason,merged_into_code,supervised
TS2026-000001,2026-04-28 09:00:00,hotline,complaint,,U2,,窗口工作人员态度生硬,张三丰,13812345678,received,,,,,,,,,,,0,,,,,0
TS2026-000002,2026-04-27 10:00:00,hotline,complaint,,U2,attitude,抵押登记超时未办结,李四,13900001111,dispatched,U2,,2026-04-27 11:00:00,2026-05-06,,,,,,,0,,,,,0
CSV
XH init >/dev/null && XH import units "$T/he-units.csv" >/dev/null &&
    XH import complaints "$T/he-complaints.csv" >/dev/null
expect_eq "fixture: each imported complaint has its row and a note-less event row" \
    "$(sql "$HE" "SELECT count(*) FROM history WHERE entity = 'complaint_event'") $(sql "$HE" \
        "SELECT count(*) FROM complaint_event WHERE coalesce(note, '') = ''")" "2 2"
expect_rc "whole history of the imported complaints" 0 XH history --format csv
expect_eq "... each complaint's import once, without its event row" \
    "$(cut -d, -f5 "$T/out" | grep -c '^complaint')" 2
expect_not_in "... no complaint event row" "$T/out" ",complaint_event,"
expect_rc "... the same for the user's history" 0 XH history --user "$(id -un)" --since 2026-01-01
expect_eq "... 2 complaints and 2 units" "$(grep -c '^#' "$T/out")" 4
expect_not_in "... no complaint event row there either" "$T/out" "complaint event"
expect_rc "... the complaint's own history as before" 0 XH history --entity complaint --id TS2026-000002
expect_eq "... its one row" "$(grep -c '^#' "$T/out")" 1

# A step writes its complaint's row and an event row: listed once, as the
# complaint's row, the event's note folded in, whether the event had a note
# (a call-back) or not (a sign-for). A step with a note was listed twice
# (the complaint's row and "complaint event … action=callback: …"), one
# without once. An event with no complaint row of its own (a note) stays.
HE_C=$(sql "$HE" "SELECT id FROM complaint WHERE code = 'TS2026-000002'")
HE_E=$(sql "$HE" "SELECT id FROM complaint_event WHERE complaint_id = $HE_C")
HE_U=$(sql "$HE" "SELECT id FROM unit WHERE code = 'U2'")
he_step() { # he_step ACTION EVENT-ACTION FROM TO NOTE
    sql "$HE" "INSERT INTO history(at,actor,client,entity,entity_id,action,before,after) VALUES
      ('2026-05-01 10:00:00','li.ming','','complaint',$HE_C,'complaint.$1',
       json_object('code','TS2026-000002','state','$3'),json_object('code','TS2026-000002','state','$4')),
      ('2026-05-01 10:00:00','li.ming','','complaint_event',$HE_E,'complaint.$1',NULL,
       json_object('complaint_id',$HE_C,'at','2026-05-01 10:00:00','actor','li.ming','action','$2',
                   'from_state','$3','to_state','$4','unit_id',$HE_U,'note','$5'))"
}
he_step sign sign dispatched signed ''
he_step callback callback_satisfied replied closed 回访满意
sql "$HE" "INSERT INTO history(at,actor,client,entity,entity_id,action,before,after) VALUES
  ('2026-05-01 11:00:00','li.ming','','complaint_event',$HE_E,'complaint.note',NULL,
   json_object('complaint_id',$HE_C,'action','note','from_state','closed','to_state','closed',
               'unit_id',$HE_U,'note','群众来电补充材料'))"
expect_rc "a user's complaint steps" 0 XH history --user li.ming
expect_eq "... one row per step: sign for, call back and the note" "$(grep -c '^#' "$T/out")" 3
expect_not_in "... no step's event row beside its complaint's" "$T/out" "complaint event TS2026-000002  call back"
expect_in "... the call-back's note on the complaint's row" "$T/out" "state: replied → closed; note: 回访满意"
expect_in "... the note with no complaint row said in words" "$T/out" \
    "unit 不动产登记窗口 (U2) · note: 群众来电补充材料"
expect_not_in "... no column names with =" "$T/out" "action="
expect_rc "... as CSV" 0 XH history --user li.ming --format csv
expect_eq "... the same three rows, the header kept" \
    "$(head -1 "$T/out" | tr -d '\r'),$(grep -c ',li.ming,' "$T/out")" \
    "id,at,actor,client,entity,entity_id,action,changes,record,what,3"
expect_rc "the complaint's own history" 0 XH history --entity complaint --id TS2026-000002
expect_eq "... each step once" "$(grep -c '  call back$' "$T/out") $(grep -c '  sign for$' "$T/out")" "1 1"
expect_in "... the note folded in there too" "$T/out" "note: 回访满意"
expect_rc "... in Chinese" 0 env LANGUAGE=zh_CN "$XF" --db "$HE" history --entity complaint --id TS2026-000002
expect_in "... the note folded in" "$T/out" "备注：回访满意"
expect_in "... the note step in words" "$T/out" "单位 不动产登记窗口（U2） · 备注：群众来电补充材料"

# ---- --remote: builds ssh's argv itself, no shell
mkdir -p "$T/fakebin"
cat >"$T/fakebin/ssh" <<'SH'
#!/bin/sh
for a in "$@"; do printf '[%s]\n' "$a"; done
exit "${FAKE_SSH_RC:-0}"
SH
chmod +x "$T/fakebin/ssh"
# A terminal (ssh -t) for the interface only: with one, a command's output
# came back with \r\r\n line ends and the remote stderr mixed into it.
PATH="$T/fakebin:$PATH" expect_rc "--remote runs ssh" 0 "$XF" --remote zhang.wei@srv -- report pledges
expect_eq "--remote argv: a command gets no terminal" "$(tr -d '\n' <"$T/out")" \
    "[zhang.wei@srv][xianfeng][report][pledges]"
PATH="$T/fakebin:$PATH" expect_rc "--remote without args" 0 "$XF" --remote srv
expect_eq "--remote opens the interface, on a terminal" "$(tr -d '\n' <"$T/out")" "[-t][srv][xianfeng]"
remote_argv() { PATH="$T/fakebin:$PATH" "$XF" --remote srv -- "$@" 2>&1 | tr -d '\n'; }
expect_eq "--remote: options alone open the interface" "$(remote_argv --db /srv/t.db)" \
    "[-t][srv][xianfeng][--db][/srv/t.db]"
expect_eq "--remote: ... whatever the option's value looks like" "$(remote_argv --config check)" \
    "[-t][srv][xianfeng][--config][check]"
expect_eq "--remote: ... or written --db=FILE" "$(remote_argv --db=/srv/t.db --today 2026-01-05)" \
    "[-t][srv][xianfeng][--db=/srv/t.db][--today][2026-01-05]"
expect_eq "--remote: a command after options" "$(remote_argv --db /srv/t.db check)" \
    "[srv][xianfeng][--db][/srv/t.db][check]"
expect_eq "--remote: export to standard output" "$(remote_argv export units -)" \
    "[srv][xianfeng][export][units][-]"
expect_eq "--remote: --help" "$(remote_argv --help)" "[srv][xianfeng][--help]"
expect_eq "--remote: -V" "$(remote_argv -V)" "[srv][xianfeng][-V]"
# ssh's own failures (host unreachable, refused key) are its exit status 255.
FAKE_SSH_RC=255 PATH="$T/fakebin:$PATH" expect_rc "--remote: ssh's exit status is xianfeng's" 255 \
    "$XF" --remote srv -- check
PATH="$T/fakebin:$PATH" expect_rc "--remote quotes for the remote shell" 0 "$XF" --remote srv -- export units "a b;\$(x)'"
expect_eq "--remote quoted argument" "$(tail -n 1 "$T/out")" "['a b;\$(x)'\\''']"
PATH="$T/fakebin:$PATH" expect_rc "--remote refuses a host starting with -" 2 "$XF" --remote -oProxyCommand=evil
[ ! -s "$T/out" ] && ok "refused --remote runs nothing" || bad "refused --remote runs nothing" "$(cat "$T/out")"
expect_rc "--remote without a host is exit 2" 2 "$XF" --remote

# ---- a command asked over ssh of a forced command ($SSH_ORIGINAL_COMMAND)
# sshd runs authorized_keys' command="xianfeng --login NAME" (or ForceCommand)
# and hands what the person typed after ssh over in SSH_ORIGINAL_COMMAND.
cat "$T/users.cfg" >"$T/svc.cfg"
echo "access = { service_account = \"$ME\"; };" >>"$T/svc.cfg"
forced() { # forced ASKED ARGS...: the forced command ARGS, with ASKED asked
    asked=$1; shift
    SSH_ORIGINAL_COMMAND="$asked" expect_rc "$FNAME" "$FRC" "$XF" --config "$T/svc.cfg" "$@"
}
FNAME="over ssh: a report asked of the forced command runs" FRC=0
forced "report pledges" --login zhang.wei </dev/null
expect_in "... and prints the report" "$T/out" "Pledges by unit"
FNAME="over ssh: the program's name may lead the words" FRC=0
forced "/usr/local/bin/xianfeng report pledges --depth 1" --login zhang.wei </dev/null
expect_in "... the same report" "$T/out" "Pledges by unit"
FNAME="over ssh: the forced command's identity stays (a supervisor may not list users)" FRC=1
forced "users" --login zhang.wei </dev/null
FNAME="over ssh: --login asked is refused" FRC=2
forced "--login $ME users" --login zhang.wei </dev/null
expect_in "... saying the server chooses it" "$T/err" "--login is the server's to choose"
FNAME="over ssh: --db asked is refused" FRC=2
forced "--db $T/elsewhere.db check" --login zhang.wei </dev/null
[ ! -e "$T/elsewhere.db" ] && ok "... and no database made there" || bad "... and no database made there"
FNAME="over ssh: --config asked is refused" FRC=2
forced "--config $T/users.cfg users" --login zhang.wei </dev/null
FNAME="over ssh: an export to a file on the server is refused" FRC=2
forced "export units $T/leak.csv" --login zhang.wei </dev/null
[ ! -e "$T/leak.csv" ] && ok "... and no file written" || bad "... and no file written"
expect_in "... saying how to get it" "$T/err" "export units > FILE"
FNAME="over ssh: an export to standard output runs" FRC=0
forced "export units -" --login zhang.wei </dev/null
expect_in "... the CSV comes back" "$T/out" "code,"
FNAME="over ssh: backup is refused" FRC=2
forced "backup $T/over-ssh.db" </dev/null
[ ! -e "$T/over-ssh.db" ] && ok "... and no copy made" || bad "... and no copy made"
FNAME="over ssh: import from a file on the server is refused" FRC=2
forced "import units /etc/passwd" </dev/null
FNAME="over ssh: shell syntax is refused, not run" FRC=2
forced "report pledges; touch $T/pwned" </dev/null
[ ! -e "$T/pwned" ] && ok "... nothing run" || bad "... nothing run"
expect_in "... naming the character" "$T/err" "“;” is shell syntax"
FNAME="over ssh: an unclosed quote is refused" FRC=2
forced "history --user 'zhang.wei" </dev/null
FNAME="over ssh: nothing asked opens the interface (which needs a terminal)" FRC=2
forced "xianfeng" --login zhang.wei </dev/null
expect_in "... saying so" "$T/err" "the interface needs a terminal"
# What --remote sends is split back into the same words: a kind with a
# space, a quote and shell syntax in it reaches export whole.
remote_words=$(PATH="$T/fakebin:$PATH" "$XF" --remote srv -- export "a b;\$(x)'" |
    sed -n 's/^\[\(.*\)\]$/\1/p' | tail -n +3 | tr '\n' ' ')
FNAME="over ssh: --remote's quoting comes through whole" FRC=2
forced "$remote_words" </dev/null
expect_in "... export names the kind as given" "$T/err" "a b;\$(x)'"

# ---- check: permission findings
expect_rc "check on a private database" 0 "$XF" --db "$A" check
# A new database is the group's and nobody else's whatever the umask:
# check has nothing to say about what init or demo made.
mkdir -p "$T/fresh" && chmod 700 "$T/fresh"
for c in init demo; do
    expect_rc "$c under umask 022" 0 sh -c 'umask 022 && exec "$@"' sh "$XF" --db "$T/fresh/$c.db" $c
    expect_eq "... makes the database 660" "$(mode "$T/fresh/$c.db")" "660"
    expect_rc "... and check passes it" 0 "$XF" --db "$T/fresh/$c.db" check
    expect_in "... without a word on permissions" "$T/out" "permissions: ok"
    expect_in "... every named post backed by a pass" "$T/out" "named posts: ok"
done
chmod 666 "$A"
expect_rc "check with a world-writable database still exits 0" 0 "$XF" --db "$A" check
expect_in "check reports the world-writable database" "$T/out" "writable by every account"
chmod 600 "$A"
mkdir -p "$T/shared" && chmod 700 "$T/shared"
"$XF" --config "$T/users.cfg" backup "$T/shared/x.db" >/dev/null
chmod 644 "$T/shared/x.db"
expect_rc "check exits 1 when others cannot write" 1 "$XF" --config "$T/users.cfg" --db "$T/shared/x.db" check
expect_in "check says the directory is not group-writable" "$T/out" "not group-writable"
expect_in "check gives the fix" "$T/out" "chmod 660"
chmod 2770 "$T/shared"
chmod 660 "$T/shared/x.db"
chgrp "$(id -gn)" "$T/shared" "$T/shared/x.db"
rm -f "$T/shared/x.db-wal" "$T/shared/x.db-shm" "$T/shared/x.db-lock"
if getent group xianfeng >/dev/null; then chgrp xianfeng "$T/shared" "$T/shared/x.db"; fi
expect_rc "check passes a shared layout" 0 "$XF" --config "$T/users.cfg" --db "$T/shared/x.db" check
expect_in "check says permissions ok" "$T/out" "permissions: ok"

# The service account is no user of its own: it is told to name one.
printf 'access = { service_account = "%s"; };\nusers = ( { login = "a1"; name = "甲"; role = "admin"; scopes = []; } );\n' \
    "$ME" >"$T/sa.cfg"
expect_rc "service account without --login: refused" 1 \
    "$XF" --config "$T/sa.cfg" --db "$T/shared/x.db" users
expect_in "... and told to say who they are" "$T/err" "say who you are with --login NAME"
expect_rc "service account with --login of a user: works" 0 \
    "$XF" --config "$T/sa.cfg" --login a1 --db "$T/shared/x.db" users
expect_rc "service account's init without --login: refused" 1 \
    "$XF" --config "$T/sa.cfg" --db "$T/shared/new.db" init
expect_eq "... and no database made (it said it failed, and made one)" \
    "$(ls "$T/shared/new.db" 2>/dev/null)" ""
expect_rc "service account's init with --login of an admin: works" 0 \
    "$XF" --config "$T/sa.cfg" --login a1 --db "$T/shared/new.db" init

# The holiday calendar: a year without public holidays listed counts 元旦
# and 春节 as working days in every deadline. check says so, for this year
# and, in December, for the next; exit status unchanged (a warning).
expect_rc "check in a year the calendar covers" 0 \
    "$XF" --config "$T/users.cfg" --db "$T/shared/x.db" --today 2026-11-27 check
expect_in "... says the calendar is fine" "$T/out" "calendar: ok (public holidays listed for 2026)"
expect_rc "check in December, next year not listed" 0 \
    "$XF" --config "$T/users.cfg" --db "$T/shared/x.db" --today 2026-12-15 check
expect_in "... warns ahead, counting the days" "$T/out" "listed yet for 2027, 17 days from now"
expect_rc "check in a year the calendar does not cover" 0 \
    "$XF" --config "$T/users.cfg" --db "$T/shared/x.db" --today 2027-01-04 check
expect_in "... warns that holidays count as working days" "$T/out" \
    "no public holidays are listed for 2027; deadlines count them as working days"

# Times are the server's: a TZ in one user's profile does not put their
# history hours away from everyone else's (it sorted ahead of later entries).
printf 'code,parent_code,name,kind\nTZ01,,时区测试单位,department\n' >"$T/tz.csv"
expect_rc "a write from a session with TZ set far east" 0 \
    env TZ='XYZ-9' "$XF" --config "$T/users.cfg" --db "$T/shared/x.db" import units "$T/tz.csv"
SERVER_NOW=$(env -u TZ date '+%Y-%m-%d %H:%M:%S')
expect_eq "... is stored in the server's time, not nine hours ahead" \
    "$(sql "$T/shared/x.db" "SELECT abs(strftime('%s', at) - strftime('%s', '$SERVER_NOW')) < 900
        FROM history WHERE entity = 'unit' ORDER BY id DESC LIMIT 1")" 1

# history and users as CSV for Excel: --bom, as export and report take it.
expect_rc "history as CSV with a byte-order mark" 0 \
    "$XF" --config "$T/users.cfg" --db "$T/shared/x.db" history --format csv --bom
expect_eq "... the file starts with the mark, then the header" \
    "$(head -c 12 "$T/out" | od -An -c | tr -s ' ' | head -1)" " 357 273 277 i d , a t , a c t"
expect_rc "users as CSV with a byte-order mark" 0 \
    "$XF" --config "$T/users.cfg" --db "$T/shared/x.db" users --format csv --bom
expect_eq "... the file starts with the mark" "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" "efbbbf"

# --user takes a login or the name colleagues know, as the History pane's
# filter does (a display name was refused: "--user takes a login"); a name
# several users have is refused, naming them; a login nobody has now is
# noted.
expect_rc "history --user by login" 0 "$XF" --config "$T/users.cfg" history --user zhang.wei
cp "$T/out" "$T/by-login.txt"
expect_rc "history --user with a display name" 0 "$XF" --config "$T/users.cfg" history --user 张伟
expect_eq "... lists that user's changes, as by login" "$(cmp -s "$T/out" "$T/by-login.txt"; echo $?)" 0
expect_not_in "... without a remark" "$T/err" "--user"
expect_rc "... in Chinese too" 0 env LANGUAGE=zh_CN "$XF" --config "$T/users.cfg" history --user 张伟
expect_eq "... with nothing on standard error" "$(wc -c <"$T/err")" 0
sed 's|^);|    ,{ login = "zhang.wei2"; name = "张伟"; role = "handler"; }\n);|' "$T/users.cfg" \
    >"$T/two-zhang.cfg"
expect_rc "history --user with a name two users have is bad usage" 2 \
    "$XF" --config "$T/two-zhang.cfg" history --user 张伟
expect_in "... naming both logins" "$T/err" "--user: 张伟 is the name of 2 users (zhang.wei, zhang.wei2): give the login"
expect_rc "... in Chinese too" 2 env LANGUAGE=zh_CN "$XF" --config "$T/two-zhang.cfg" history --user 张伟
expect_in "... naming both logins" "$T/err" "zhang.wei, zhang.wei2"
expect_rc "history --user with a login not configured still runs" 0 \
    "$XF" --config "$T/users.cfg" history --user left.office
expect_in "... noting it" "$T/err" "left.office is not a configured user"

# --today pretends another day, for tests and rehearsals: on the shared
# database (the configured one, by any path) nothing is saved under it, or
# a handler could date a late reply on time; looking is fine, and a copy
# takes changes.
printf 'code,parent_code,name,kind,trade,party_org,active\nD7,,市行政审批局,department,政务服务,,1\n' >"$T/today-units.csv"
UNITS_BEFORE=$(sql "$A" "SELECT count(*) FROM unit")
HIST_BEFORE=$(sql "$A" "SELECT count(*) FROM history")
expect_rc "--today on the shared database: an import is refused" 1 \
    "$XF" --config "$T/users.cfg" --today 2026-01-05 import units "$T/today-units.csv"
expect_in "... saying why and what to do" "$T/err" \
    "nothing is saved while --today pretends it is 2026-01-05"
expect_in "... naming the copy to rehearse on" "$T/err" "xianfeng backup FILE"
expect_in "... and the setting that marks a rehearsal database" "$T/err" \
    "database.rehearsal = true"
expect_eq "... nothing changed" "$(sql "$A" "SELECT count(*) FROM unit") $(sql "$A" \
    "SELECT count(*) FROM history")" "$UNITS_BEFORE $HIST_BEFORE"
ln -sf "$A" "$T/shared-link.db"
expect_rc "... also through another path to the same file" 1 \
    "$XF" --config "$T/users.cfg" --db "$T/shared-link.db" --today 2026-01-05 import units \
    "$T/today-units.csv"
expect_rc "... and under XIANFENG_TODAY" 1 env XIANFENG_TODAY=2026-01-05 \
    "$XF" --config "$T/users.cfg" import units "$T/today-units.csv"
KEPT_BEFORE=$(ls "$A".before-restore-* 2>/dev/null | wc -l)
expect_rc "--today on the shared database: a restore is refused" 1 \
    "$XF" --config "$T/users.cfg" --today 2026-01-05 restore "$T/admin-copy.db" --yes
expect_in "... saying why" "$T/err" "nothing is saved while --today pretends it is 2026-01-05"
expect_eq "... the database as it was, no copy set aside" "$(sql "$A" "SELECT count(*) FROM unit") $(sql \
    "$A" "SELECT count(*) FROM history") $(ls "$A".before-restore-* 2>/dev/null | wc -l)" \
    "$UNITS_BEFORE $HIST_BEFORE $KEPT_BEFORE"
expect_rc "--today on the shared database: looking is allowed" 0 \
    "$XF" --config "$T/users.cfg" --today 2026-01-05 report units
"$XF" --config "$T/users.cfg" --today 2026-01-05 check >"$T/out" 2>&1
expect_in "... check says why the search index is not checked: --today, not the file" \
    "$T/out" "nothing is written while --today pretends another day"
expect_rc "--today on a copy: saved" 0 sh -c '"$1" --config "$2" backup "$3" &&
    "$1" --config "$2" --db "$3" --today 2026-01-05 import units "$4"' sh \
    "$XF" "$T/users.cfg" "$T/rehearsal.db" "$T/today-units.csv"
expect_eq "... in the copy" "$(sql "$T/rehearsal.db" "SELECT count(*) FROM unit WHERE code='D7'")" 1
# A database the config marks as a rehearsal copy takes changes under --today.
printf 'database = { path = "%s"; rehearsal = true; };\n' "$T/rehearsal.db" >"$T/rehearsal.cfg"
printf 'code,parent_code,name,kind,trade,party_org,active\nD8,,市医保局,department,政务服务,,1\n' >"$T/today-units2.csv"
expect_rc "--today on a database marked database.rehearsal: saved" 0 \
    "$XF" --config "$T/rehearsal.cfg" --today 2026-01-05 import units "$T/today-units2.csv"
expect_eq "... in it" "$(sql "$T/rehearsal.db" "SELECT count(*) FROM unit WHERE code='D8'")" 1
