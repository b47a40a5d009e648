# Sourced by run.sh: a file size limit (ulimit -f, as a cron job may run
# under). A write past it fails with exit 1 and a message naming the limit;
# SIGXFSZ kills nothing, and no partial file is left to trip the next run.
if ! command -v prlimit >/dev/null 2>&1; then
    skipped "file size limit" "prlimit (util-linux) is not installed"
else
# limited BYTES CMD...: CMD with a file size limit of BYTES (prlimit takes
# bytes; ulimit -f counts blocks of 512 or 1024 bytes, by shell).
limited() { b=$1; shift; prlimit --fsize="$b" "$@"; }
FS="$T/fsize"
mkdir -p "$FS"
L="$FS/live.db"
"$XF" --db "$L" init >/dev/null 2>&1
"$XF" --db "$L" demo >/dev/null 2>&1
"$XF" --db "$L" backup "$FS/full.db" >/dev/null 2>&1
"$XF" --db "$FS/empty.db" init >/dev/null 2>&1
"$XF" --db "$FS/empty.db" backup "$FS/small.db" >/dev/null 2>&1
LIVE_SIZE=$(stat -c %s "$L")
SMALL_SIZE=$(stat -c %s "$FS/small.db")
# Above the small backup, below the demo database.
LIMIT=$(((SMALL_SIZE + LIVE_SIZE) / 4))
before=$(fingerprint "$L")
leftovers() { ls "$FS" | grep -vxE 'live\.db(-wal|-shm|-lock)?|full\.db|small\.db|empty\.db(-lock)?' | tr '\n' ' '; }

expect_rc "file size limit: backup exits 1 (not killed by SIGXFSZ)" 1 \
    limited "$LIMIT" "$XF" --db "$L" backup "$FS/night.db"
expect_in "file size limit: backup names the limit" "$T/err" "file size limit (ulimit -f)"
one_message "file size limit: backup gives one message"
expect_eq "file size limit: backup leaves no partial file or journal" "$(leftovers)" ""
expect_rc "file size limit: the next backup to that name works" 0 \
    "$XF" --db "$L" backup "$FS/night.db"
expect_eq "file size limit: ... and is sound" "$(integrity "$FS/night.db")" "ok"
rm -f "$FS/night.db"

# The backup is copied beside the database first: that copy passes the limit.
expect_rc "file size limit: restore exits 1 (not killed by SIGXFSZ)" 1 \
    limited "$LIMIT" "$XF" --db "$L" restore "$FS/full.db" --yes
expect_in "file size limit: restore names the limit" "$T/err" "file size limit (ulimit -f)"
expect_in "file size limit: ... and says nothing was restored" "$T/err" "nothing was restored"
expect_eq "file size limit: restore leaves no staging copy or journal" "$(leftovers)" ""
# A small backup is copied, but the copy kept of the live database is not.
expect_rc "file size limit: restore whose kept copy fails exits 1" 1 \
    limited "$LIMIT" "$XF" --db "$L" restore "$FS/small.db" --yes
expect_in "file size limit: ... saying it could not keep a copy" "$T/err" \
    "could not keep a copy of the current database"
expect_eq "file size limit: ... and leaves no partial kept copy" "$(leftovers)" ""
expect_eq "file size limit: the database is as it was" "$(fingerprint "$L")" "$before"
expect_eq "file size limit: ... and sound" "$(integrity "$L")" "ok"

# An import whose transaction passes the limit saves nothing.
units_csv "$FS/big-units.csv" FZ 6000 "（用于测试文件大小限制的较长名称）"
expect_rc "file size limit: an import too big for it exits 1" 1 \
    limited "$((LIVE_SIZE / 8))" "$XF" --db "$L" import units "$FS/big-units.csv"
expect_in "file size limit: ... naming the limit" "$T/err" "file size limit (ulimit -f): nothing was saved"
expect_eq "file size limit: ... and nothing was saved" "$(fingerprint "$L")" "$before"
# A save whose commit passes it (the interface's saves are such): room for
# the -shm file (32 KB), not for the commit's pages in the WAL.
cp "$FS/full.db" "$FS/commit.db"
units_csv "$FS/one-unit.csv" FC 1
expect_rc "file size limit: an import whose commit passes it exits 1" 1 \
    limited 36000 "$XF" --db "$FS/commit.db" import units "$FS/one-unit.csv"
expect_in "file size limit: ... naming the limit" "$T/err" "file size limit (ulimit -f): nothing was saved"
expect_eq "file size limit: ... and nothing was saved" \
    "$(sql "$FS/commit.db" "SELECT count(*) FROM unit WHERE code GLOB 'FC*'")" "0"
rm -f "$FS"/commit.db*

# Once an import has committed, what fails after it is no failure of the
# import: the checkpoint at close that would grow the file past the limit
# (the rows stay in the WAL until a later one), or its output to a log
# already past the limit.
unit=$(sql "$L" "SELECT code FROM unit ORDER BY id LIMIT 1")
awk -v u="$unit" 'BEGIN { print "code,unit_code,name,position,is_leader,login,active"
    for (i = 1; i <= 3000; i++) printf "FM%05d,%s,党员%d,科员,0,,1\n", i, u, i }' >"$FS/members.csv"
members=$(sql "$L" "SELECT count(*) FROM member")
expect_rc "file size limit: an import whose checkpoint passes it exits 0" 0 \
    limited "$((LIVE_SIZE + 4096))" "$XF" --db "$L" import members "$FS/members.csv"
expect_in "file size limit: ... after saying it imported" "$T/out" "imported members: 3000 rows"
expect_eq "file size limit: ... and the rows are there" \
    "$(sql "$L" "SELECT count(*) FROM member")" "$((members + 3000))"
expect_eq "file size limit: ... in a sound database" "$(integrity "$L")" "ok"
units_csv "$FS/few-units.csv" FL 5
head -c 1048576 /dev/zero >"$FS/cron.log"
expect_rc "file size limit: an import whose output cannot be written exits 0" 0 \
    limited 1048576 sh -c 'exec "$@" >>"$0"' "$FS/cron.log" \
    "$XF" --db "$L" import units "$FS/few-units.csv"
expect_in "file size limit: ... warning that the output was lost" "$T/err" \
    "warning: cannot write the output"
expect_eq "file size limit: ... and the rows are there" \
    "$(sql "$L" "SELECT count(*) FROM unit WHERE code GLOB 'FL*'")" "5"
fi
