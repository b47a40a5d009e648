# Sourced by run.sh: a database with pages overwritten by garbage, a file
# that is not a database, another program's database and one from a newer
# xianfeng. Each gives one message and exit 1; check reports the damage.
C="$T/damaged.db"
S="$T/sound.db"
"$XF" --db "$S" init >/dev/null 2>&1
# The schema this build knows: what a fresh database is made at.
KNOWN=$(sql "$S" "PRAGMA user_version" 2>/dev/null)
units_csv "$T/sound-units.csv" S 5
"$XF" --db "$S" import units "$T/sound-units.csv" >/dev/null 2>&1
"$XF" --db "$C" init >/dev/null 2>&1
"$XF" --db "$C" demo >/dev/null 2>&1
# Garbage over pages of the pledge table (found with dbstat), never the
# header or the schema: the file still opens and the damage shows when the
# pledges are read. (Damage to the schema itself is the "cannot open" case
# below.)
first=$(sql "$C" "SELECT min(pageno) FROM dbstat WHERE name='pledge' AND pagetype='leaf'")
head -c $((20 * 4096)) /dev/urandom >"$T/garbage"
dd if="$T/garbage" of="$C" bs=4096 seek=$((first + 4)) count=20 conv=notrunc 2>/dev/null
expect_rc "damaged: check exits 1" 1 "$XF" --db "$C" check
expect_in "damaged: check reports integrity problems" "$T/out" "integrity: PROBLEMS"
expect_rc "damaged: an export fails with exit 1" 1 "$XF" --db "$C" export pledges "$T/p.csv"
expect_in "damaged: says restore from a backup" "$T/err" \
    "the database file is damaged; restore it from a backup"
one_message "damaged: one message"
[ ! -e "$T/p.csv" ] && ok "damaged: no partial export file" || bad "damaged: no partial export file"
expect_rc "damaged: restore refuses it as a source" 1 "$XF" --db "$S" restore "$C" --yes
expect_in "damaged: restore says it is damaged" "$T/err" "is damaged and cannot be restored"
# A backup of it would be damaged too (restore refuses such a copy): none
# is kept, and the nightly job hears of it.
expect_rc "damaged: backup exits 1" 1 "$XF" --db "$C" backup "$T/damaged-bk.db"
expect_in "damaged: backup says the database is damaged" "$T/err" "the database is damaged"
expect_in "damaged: ... and to run check" "$T/err" "run xianfeng check"
one_message "damaged: backup gives one message"
[ -z "$(ls "$T"/damaged-bk.db* 2>/dev/null)" ] && ok "damaged: backup keeps no copy" ||
    bad "damaged: backup keeps no copy" "$(ls "$T"/damaged-bk.db*)"

# The header itself overwritten: not a database any more.
cp "$S" "$T/nohead.db"
head -c 4096 /dev/urandom | dd of="$T/nohead.db" bs=4096 count=1 conv=notrunc 2>/dev/null
head -c 100000 /dev/urandom >"$T/random.db"
printf 'code,name\nD1,x\n' >"$T/text.db"
sql "$T/other.db" "CREATE TABLE t(x)"
cp "$S" "$T/newer.db"
sql "$T/newer.db" "PRAGMA user_version=99"
for f in nohead random text other newer; do
    case $f in
        other) msg="is an SQLite database of another program" ;;
        newer) msg="was written by a newer xianfeng (schema 99, this one knows $KNOWN); upgrade xianfeng" ;;
        *) msg="not a xianfeng database" ;;
    esac
    before=$(md5sum <"$T/$f.db")
    for cmd in "report units" "check" "init" "import units $T/sound-units.csv"; do
        # shellcheck disable=SC2086
        expect_rc "$f.db: ${cmd%% *} exits 1" 1 "$XF" --db "$T/$f.db" $cmd
        expect_in "$f.db: ${cmd%% *} says why" "$T/err" "$msg"
        one_message "$f.db: ${cmd%% *} gives one message"
    done
    expect_eq "$f.db: file untouched" "$(md5sum <"$T/$f.db")" "$before"
done
