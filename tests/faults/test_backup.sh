# Sourced by run.sh: backups taken while another process keeps importing
# are sound and hold whole imports only (a prefix of them); restore puts a
# backup back into the live database, keeps the old one, records it, and
# refuses non-admins, bad files, and scripts that did not say --yes.
W="$T/live.db"
"$XF" --db "$W" init >/dev/null 2>&1
"$XF" --db "$W" demo >/dev/null 2>&1
IMPORTS=40
i=1
while [ "$i" -le "$IMPORTS" ]; do
    units_csv "$T/w$i.csv" "W${i}x" 5
    i=$((i + 1))
done
( i=1; while [ "$i" -le "$IMPORTS" ]; do
      "$XF" --db "$W" import units "$T/w$i.csv" >/dev/null 2>&1 || echo "import $i failed" >>"$T/writer-errors"
      i=$((i + 1))
  done ) &
WRITER=$!
PIDS="$PIDS $WRITER"
during=0
for b in 1 2 3 4 5 6; do
    "$XF" --db "$W" backup "$T/bk$b.db" >"$T/bk$b.out" 2>&1 || echo "backup $b failed: $(cat "$T/bk$b.out")" >>"$T/backup-errors"
    kill -0 "$WRITER" 2>/dev/null && during=$((during + 1))
    sleep 0.05
done
wait "$WRITER"
[ ! -s "$T/backup-errors" ] && ok "backup: six backups while imports run" ||
    bad "backup: six backups while imports run" "$(cat "$T/backup-errors")"
[ ! -s "$T/writer-errors" ] && ok "backup: the imports all worked meanwhile" ||
    bad "backup: the imports all worked meanwhile" "$(cat "$T/writer-errors")"
[ "$during" -ge 1 ] && ok "backup: $during backups overlapped the writer" ||
    bad "backup: backups overlapped the writer" "the writer had finished before the first"
# The imports each backup holds: 1..k, five rows each, nothing else.
imports_in() {
    sql "$1" "SELECT count(*) || ' ' || coalesce(group_concat(n, ','), '-') FROM (
                SELECT CAST(substr(code, 2, instr(code, 'x') - 2) AS INT) n, count(*) c
                FROM unit WHERE code GLOB 'W*x*' GROUP BY n ORDER BY n) WHERE c = 5;
              SELECT count(*) FROM unit WHERE code GLOB 'W*x*';"
}
prefix_ok=0
seen=""
for b in 1 2 3 4 5 6; do
    f="$T/bk$b.db"
    [ -e "$f" ] || continue
    [ "$(integrity "$f")" = "ok" ] || { bad "backup $b passes integrity_check" "$(integrity "$f")"; continue; }
    set -- $(imports_in "$f")
    k=$1; list=$2; rows=$3
    seen="$seen $k"
    # A backup taken before the first import holds none: "-" stands for it.
    whole=-
    [ "$k" -gt 0 ] && whole=$(seq -s, 1 "$k")
    if [ "${rows:-x}" = $((k * 5)) ] && [ "${list:-}" = "${whole:-}" ]; then
        prefix_ok=$((prefix_ok + 1))
    else
        bad "backup $b holds whole imports 1..k" "k=$k imports=[$list] rows=$rows"
    fi
done
expect_eq "backup: every backup is sound and holds imports 1..k whole" "$prefix_ok" "6"
echo "     (imports held by the six backups, of $IMPORTS:$seen)"
# It holds personal data: never for others, and no more than the umask
# allows (the database here is 660).
expect_eq "backup: file mode 660 less the umask, nothing for others" "$(stat -c %a "$T/bk1.db")" \
    "$(printf '%o' $((0660 & ~0$(umask))))"
[ ! -e "$T/bk1.db-wal" ] && [ ! -e "$T/bk1.db-shm" ] && ok "backup: one self-contained file" ||
    bad "backup: one self-contained file"
expect_rc "backup: refuses to overwrite a file" 1 "$XF" --db "$W" backup "$T/bk1.db"

# ---- restore
live_units() { sql "$1" "SELECT count(*), group_concat(code) FROM (SELECT code FROM unit ORDER BY id)"; }
src="$T/bk1.db"
before=$(fingerprint "$W")
expect_rc "restore: without --yes and without a terminal it refuses (exit 2)" 2 \
    "$XF" --db "$W" restore "$src" </dev/null
expect_in "restore: says to confirm on a terminal or use --yes" "$T/err" "--yes"
expect_eq "restore: refused means untouched" "$(fingerprint "$W")" "$before"
expect_rc "restore: not a database is refused" 1 "$XF" --db "$W" restore "$T/random.db" --yes
expect_in "restore: says it is not a xianfeng database" "$T/err" "not a xianfeng database"
expect_rc "restore: a newer version is refused" 1 "$XF" --db "$W" restore "$T/newer.db" --yes
expect_in "restore: says newer" "$T/err" "newer xianfeng"
expect_rc "restore: another program's database is refused" 1 "$XF" --db "$W" restore "$T/other.db" --yes
expect_rc "restore: the database itself is refused" 1 "$XF" --db "$W" restore "$W" --yes
expect_rc "restore: a missing file is refused" 1 "$XF" --db "$W" restore "$T/missing.db" --yes
expect_eq "restore: refusals change nothing" "$(fingerprint "$W")" "$before"
ls "$W".before-restore-* >/dev/null 2>&1 && bad "restore: refusals keep no copy" || ok "restore: refusals keep no copy"

ME=$(id -un)
cat >"$T/users.cfg" <<CFG
database = { path = "$W"; };
access = { service_account = "$ME"; };
users = (
    { login = "boss"; name = "管理员"; role = "admin"; },
    { login = "li"; name = "李"; role = "organiser"; }
);
CFG
expect_rc "restore: a non-admin is refused" 1 "$XF" --config "$T/users.cfg" --login li restore "$src" --yes
expect_in "restore: the refusal says why" "$T/err" "may not"
expect_eq "restore: the refusal changes nothing" "$(fingerprint "$W")" "$before"

# A backup changed with the sqlite3 shell after it was taken (the history's
# protection dropped, rows of it deleted) is not restored: the protection
# would stay gone in the live database.
cp "$src" "$T/tampered.db"
sql "$T/tampered.db" "DROP TRIGGER history_no_delete; DELETE FROM history WHERE id = (SELECT min(id) FROM history);"
expect_rc "restore: a backup whose history protection was dropped is refused" 1 \
    "$XF" --config "$T/users.cfg" --login boss restore "$T/tampered.db" --yes
expect_in "restore: ... naming the trigger" "$T/err" "trigger history_no_delete"
expect_eq "restore: ... and nothing changes" "$(fingerprint "$W")" "$before"
# check finds the same in a live database changed so.
cp "$W" "$T/unguarded.db"
sql "$T/unguarded.db" "DROP TRIGGER h_unit_upd;"
expect_rc "check: a database without a history trigger is a problem (exit 1)" 1 \
    "$XF" --db "$T/unguarded.db" check
expect_in "check: ... naming the trigger" "$T/out" "the trigger h_unit_upd that keeps the history is missing"

backed_up=$(live_units "$src")
live_top=$(sql "$W" "SELECT max(version) FROM unit")
bk_last=$(sql "$src" "SELECT at FROM history ORDER BY id DESC LIMIT 1")
# the changes after the backup's last, by id: a time compared missed those
# of the backup's last second
bk_top=$(sql "$src" "SELECT max(id) FROM history")
later=$(sql "$W" "SELECT count(*) FROM history WHERE id > $bk_top")
live_history_top=$(sql "$W" "SELECT max(id) FROM history")
# What a restore killed midway left: its staging copy, its process gone.
echo stale >"$W.restoring-999999999"
expect_rc "restore: an admin restores with --yes" 0 "$XF" --config "$T/users.cfg" --login boss restore "$src" --yes
# A form opened before the restore holds a version the restored row must
# not come back to (an edit after the restore would make it match, and the
# stale form's save would overwrite that edit unseen).
expect_eq "restore: every restored unit's version is above any the live one had" \
    "$(sql "$W" "SELECT min(version) > $live_top FROM unit")" 1
expect_eq "restore: ... and the lift wrote no history rows: the backup's and the restore's one" \
    "$(sql "$W" "SELECT count(*) FROM history")" "$(($(sql "$src" "SELECT count(*) FROM history") + 1))"
expect_eq "restore: the backed-up rows are back" "$(live_units "$W")" "$backed_up"
[ ! -e "$W.restoring-999999999" ] && ok "restore: a killed restore's staging copy is cleared away" ||
    bad "restore: a killed restore's staging copy is cleared away"
[ -z "$(ls "$W".restoring-* 2>/dev/null)" ] && ok "restore: ... and its own is gone too" ||
    bad "restore: ... and its own is gone too" "$(ls "$W".restoring-*)"
expect_eq "restore: the live database passes integrity_check" "$(integrity "$W")" "ok"
expect_eq "restore: the database stays in WAL mode" "$(sql "$W" "PRAGMA journal_mode")" "wal"
kept=$(ls "$W".before-restore-* 2>/dev/null | head -1)
[ -n "$kept" ] && ok "restore: the old database is kept beside it" || bad "restore: the old database is kept beside it"
expect_in "restore: says where the old one is" "$T/out" "before-restore-"
expect_in "restore: says when the backup's last change was" "$T/out" \
    "The backup's last recorded change: $(echo "$bk_last" | cut -c1-16)"
expect_in "restore: ... and how many changes since it takes away ($later)" "$T/out" \
    "$later change"
[ -n "$kept" ] && expect_eq "restore: the kept copy holds what was there" "$(fingerprint "$kept")" "$before"
# Its row is numbered after the live history's last: a number names one
# change, in the kept copy or here (the next change took the number of one
# the restore had taken away).
expect_eq "restore: its history row comes after every number the live history used" \
    "$(sql "$W" "SELECT max(id) > $live_history_top FROM history WHERE action = 'database.restore'")" 1
expect_eq "restore: history records it" \
    "$(sql "$W" "SELECT actor || ' ' || entity || ' ' || action FROM history ORDER BY id DESC LIMIT 1")" \
    "boss database database.restore"
expect_rc "restore: check passes afterwards" 0 "$XF" --db "$W" check
# The history says in words where from and where the old one went, with
# whole paths (it is read later, from anywhere).
expect_rc "restore: the admin's history" 0 "$XF" --config "$T/users.cfg" --login boss history --user boss
expect_in "restore: ... names the backup restored, by its whole path" "$T/out" "restored from=/"
expect_in "restore: ... and the kept copy" "$T/out" "database as it was, kept as=/"
# Twice in one second (a script, or a second thought at once): the second
# keeps its copy under a name of its own, not refused for the first's.
expect_rc "restore: again at once" 0 "$XF" --config "$T/users.cfg" --login boss restore "$src" --yes
expect_rc "restore: and again" 0 "$XF" --config "$T/users.cfg" --login boss restore "$src" --yes
n_kept=$(ls "$W".before-restore-* | wc -l)
[ "$n_kept" -ge 3 ] && ok "restore: each restore kept its own copy ($n_kept)" ||
    bad "restore: each restore kept its own copy" "$(ls "$W".before-restore-*)"
# The kept copy holds the same data for the same people: the database's
# group and mode, whatever the restoring admin's group and umask (a group
# of its own needs root; otherwise the mode alone is seen to follow).
grp=$(id -gn)
if [ "$(id -u)" -eq 0 ] && getent group nogroup >/dev/null; then grp=nogroup; fi
chgrp "$grp" "$W" && chmod 660 "$W"
rm -f "$W".before-restore-*
expect_rc "restore: under umask 077" 0 sh -c 'umask 077 && exec "$@"' sh \
    "$XF" --config "$T/users.cfg" --login boss restore "$src" --yes
kept=$(ls "$W".before-restore-* | head -1)
expect_eq "restore: the kept copy has the database's group and mode" \
    "$(stat -c '%G %a' "$kept")" "$grp 660"
expect_eq "restore: ... and the database keeps them" "$(stat -c '%G %a' "$W")" "$grp 660"
