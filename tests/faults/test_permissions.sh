# Sourced by run.sh: a database file the user may only read, and a
# database directory the user may not write (no -wal/-shm can be made).
# Root ignores file modes, so these run as nobody via setpriv.
if [ -z "$NOBODY" ]; then
    skipped "read-only database" "needs root and setpriv to act as an unprivileged user"
    skipped "directory without write permission" "needs root and setpriv"
else
    P="$T/perm"
    mkdir -p "$P/ro" "$P/nd"
    "$XF" --db "$P/base.db" init >/dev/null 2>&1
    units_csv "$T/perm-units.csv" P 5
    "$XF" --db "$P/base.db" import units "$T/perm-units.csv" >/dev/null 2>&1
    units_csv "$T/perm-more.csv" Q 3
    chmod 644 "$T/perm-units.csv" "$T/perm-more.csv"
    chmod 755 "$P"
    printf 'database = { path = "%s/ro/r.db"; };\n' "$P" >"$P/ro.cfg"
    printf 'database = { path = "%s/nd/n.db"; };\n' "$P" >"$P/nd.cfg"
    chmod 644 "$P/ro.cfg" "$P/nd.cfg"

    # A read-only file (mode 444) in a directory the user may write.
    cp "$P/base.db" "$P/ro/r.db"
    chown nobody "$P/ro" "$P/ro/r.db" # no users listed: its owner's own database
    chmod 444 "$P/ro/r.db"
    before=$(fingerprint "$P/ro/r.db")
    ro() { $NOBODY env XIANFENG_CONFIG="$P/ro.cfg" "$XFN" "$@"; }
    expect_rc "read-only file: a report works" 0 ro report units
    expect_rc "read-only file: an export works" 0 ro export units
    expect_in "read-only file: the export has the rows" "$T/out" "P4,"
    expect_rc "read-only file: check works" 0 ro check
    expect_in "read-only file: check says integrity ok" "$T/out" "integrity: ok"
    expect_rc "read-only file: an import is refused with exit 1" 1 ro import units "$T/perm-more.csv"
    expect_in "read-only file: says it is read-only for you" "$T/err" "the database is read-only for you"
    one_message "read-only file: one message"
    expect_eq "read-only file: nothing changed" "$(fingerprint "$P/ro/r.db")" "$before"

    # No users listed: only the database's owner gets in (SPEC §5), even
    # where the file's mode would let others write.
    cp "$P/base.db" "$P/ro/other.db"
    chmod 666 "$P/ro/other.db"
    expect_rc "no users listed: someone else's database is refused" 1 \
        $NOBODY "$XFN" --config "$P/ro.cfg" --db "$P/ro/other.db" report units
    expect_in "no users listed: ... saying why" "$T/err" "only the owner of the database"
    expect_rc "no users listed: its owner (root) gets in" 0 \
        "$XF" --config "$P/ro.cfg" --db "$P/ro/other.db" report units

    # A writable file in a directory the user cannot write: SQLite cannot
    # create the -wal and -shm files next to it.
    cp "$P/base.db" "$P/nd/n.db"
    chown nobody "$P/nd/n.db"
    chmod 555 "$P/nd"
    nd() { $NOBODY env XIANFENG_CONFIG="$P/nd.cfg" "$XFN" "$@"; }
    for cmd in "report units" "check" "init"; do
        # shellcheck disable=SC2086
        expect_rc "directory without write: $cmd exits 1" 1 nd $cmd
        expect_in "directory without write: $cmd names the directory" "$T/err" "cannot create files in $P/nd"
        one_message "directory without write: $cmd gives one message"
    done
    expect_rc "directory without write: import exits 1" 1 nd import units "$T/perm-more.csv"
    expect_in "directory without write: import names the directory" "$T/err" "$P/nd"
    expect_eq "directory without write: nothing changed" "$(fingerprint "$P/nd/n.db")" "$(fingerprint "$P/base.db")"
    chmod 755 "$P/nd"

    # A folder on the way the user may not enter (not yet in the group):
    # the database is there, so "no database at ..." sent the
    # administrator to look for a wrong path.
    mkdir -p "$P/closed"
    cp "$P/base.db" "$P/closed/c.db"
    chmod 700 "$P/closed"
    expect_rc "closed folder: report units exits 1" 1 \
        $NOBODY "$XFN" --db "$P/closed/c.db" report units
    expect_in "closed folder: says it cannot reach the database" "$T/err" \
        "cannot reach $P/closed/c.db: Permission denied (a folder on the way is closed to you"
    expect_eq "closed folder: ... not that there is none" "$(grep -c "no database at" "$T/err")" 0
    chmod 755 "$P/closed"
fi
