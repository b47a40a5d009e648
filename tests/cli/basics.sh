# Sourced by run.sh: usage, config, database refusals, backup.

expect_rc "--version exits 0" 0 "$XF" --version
expect_in "--version names the program" "$T/out" "xianfeng "
expect_rc "--help exits 0" 0 "$XF" --help
expect_in "--help lists import" "$T/out" "import KIND FILE"
expect_rc "unknown command is exit 2" 2 "$XF" frobnicate
expect_rc "unknown option is exit 2" 2 "$XF" --frob init
expect_rc "bad --today is exit 2" 2 "$XF" --today 2026-02-30 check
expect_in "bad --today names the option" "$T/err" "--today"
expect_rc "missing argument is exit 2" 2 "$XF" import units

# Configuration errors: file, line and what is wrong; exit 2.
printf 'rules = {\n  pass_score = 180.0;\n};\n' >"$T/bad.cfg"
expect_rc "out-of-range config value is exit 2" 2 "$XF" --config "$T/bad.cfg" --db "$T/x.db" init
expect_in "config error names file and line" "$T/err" "bad.cfg:2: "
expect_in "config error names the key" "$T/err" "pass_score"
printf 'rules = { pass_score = 80.0 \n' >"$T/syntax.cfg"
expect_rc "config syntax error is exit 2" 2 "$XF" --config "$T/syntax.cfg" init
expect_in "syntax error names the line" "$T/err" "2"
XIANFENG_CONFIG="$T/bad.cfg" expect_rc "XIANFENG_CONFIG is read" 2 "$XF" --db "$T/x.db" init
expect_rc "explicit missing config is exit 2" 2 "$XF" --config "$T/nope.cfg" init
# A relative database.path is the config file's neighbour, wherever the
# program is started from.
mkdir -p "$T/relcfg"
printf 'database = { path = "rel.db"; };\n' >"$T/relcfg/rel.cfg"
expect_rc "a relative database.path: init" 0 sh -c 'cd / && exec "$@"' sh "$XF" --config "$T/relcfg/rel.cfg" init
[ -s "$T/relcfg/rel.db" ] && ok "... made beside the config" || bad "... made beside the config"
mkdir -p "$T/cfgdir"
expect_rc "a directory given as the config is exit 2" 2 "$XF" --config "$T/cfgdir" init
expect_in "... saying it is a directory" "$T/err" "is a directory"
[ ! -e "$T/x.db" ] && ok "bad config creates no database" || bad "bad config creates no database"

# init, then refusals.
expect_rc "init creates a database" 0 "$XF" --db "$T/a.db" init
expect_eq "schema version set" "$(sql "$T/a.db" 'PRAGMA user_version')" "17"
expect_in "... saying it made one" "$T/out" "database created: $T/a.db"
expect_rc "init on an existing database is harmless" 0 "$XF" --db "$T/a.db" init
expect_in "... saying it was there and nothing changed" "$T/out" \
    "database already exists: $T/a.db (nothing changed)"
expect_rc "missing database is a failure" 1 "$XF" --db "$T/missing.db" check
expect_in "missing database says how to create one" "$T/err" "xianfeng init"
# The path came from --db: naming database.path sent people to a
# configuration that names another file.
expect_in "... naming --db, where the path came from" "$T/err" "xianfeng: --db: no database at $T/missing.db"
expect_rc "missing database from --db, in a report" 1 "$XF" --db "$T/missing.db" report complaints
expect_in "... names --db too" "$T/err" "xianfeng: --db: no database at"
printf 'database = { path = "%s/cfg-missing.db"; };\n' "$T" >"$T/missing.cfg"
expect_rc "missing database from the configuration" 1 "$XF" --config "$T/missing.cfg" report complaints
expect_in "... names database.path" "$T/err" "xianfeng: database.path: no database at $T/cfg-missing.db"
printf 'not a database, just text that goes on for a while..........' >"$T/junk.db"
expect_rc "a file that is not a database is refused" 1 "$XF" --db "$T/junk.db" check
expect_in "... naming the file" "$T/err" "$T/junk.db is not a xianfeng database"
sql "$T/other.db" 'CREATE TABLE t(x);'
expect_rc "another program's database is refused" 1 "$XF" --db "$T/other.db" check
expect_in "another program's database is named" "$T/err" "another program"
cp "$T/a.db" "$T/newer.db"
sql "$T/newer.db" 'PRAGMA user_version=42;'
expect_rc "a newer schema is refused" 1 "$XF" --db "$T/newer.db" check
expect_in "a newer schema says upgrade" "$T/err" "newer xianfeng"

# backup
expect_rc "backup succeeds" 0 "$XF" --db "$T/a.db" backup "$T/a-copy.db"
expect_eq "backup is a sound database" "$(sql "$T/a-copy.db" 'PRAGMA integrity_check')" "ok"
expect_rc "backup never overwrites" 1 "$XF" --db "$T/a.db" backup "$T/a-copy.db"

# make run's demo database (scripts/demo-db.sh): made once, left alone when
# it opens, moved aside and made again when this build cannot open it.
DEMO_SH="$HERE/../../scripts/demo-db.sh"
expect_rc "demo-db makes the demo database" 0 sh "$DEMO_SH" "$XF" "$T/demo/xianfeng.db"
expect_eq "demo-db fills it" "$(sql "$T/demo/xianfeng.db" 'SELECT count(*) > 0 FROM complaint')" "1"
sql "$T/demo/xianfeng.db" "INSERT INTO meta(key, value) VALUES ('demo-db-test', 'kept')"
expect_rc "demo-db leaves a good one alone" 0 sh "$DEMO_SH" "$XF" "$T/demo/xianfeng.db"
expect_eq "demo-db kept its rows" "$(sql "$T/demo/xianfeng.db" "SELECT value FROM meta WHERE key='demo-db-test'")" "kept"
sql "$T/demo/xianfeng.db" "DROP TABLE overview_tally"
expect_rc "demo-db replaces one this build refuses" 0 sh "$DEMO_SH" "$XF" "$T/demo/xianfeng.db"
expect_in "demo-db says why" "$T/err" "earlier development build"
expect_eq "demo-db made a new one" "$(sql "$T/demo/xianfeng.db" "SELECT count(*) FROM meta WHERE key='demo-db-test'")" "0"
expect_eq "demo-db moved the old one aside" "$(ls "$T/demo" | grep -c '^xianfeng.db.unusable-[0-9-]*$')" "1"

# The demo's history tells what its screens show, by the demo's users: a
# complaint's steps by those who took them (its history said "no history"
# beside a timeline), the award ranking by an organiser, not by whoever
# ran the demo.
DD="$T/demo/xianfeng.db"
DC=$(sql "$DD" "SELECT c.code FROM complaint c WHERE c.state = 'closed' ORDER BY c.id LIMIT 1")
DC_FIRST=$(sql "$DD" "SELECT e.actor FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id
                      WHERE c.code = '$DC' ORDER BY e.id LIMIT 1")
expect_rc "demo: a complaint's history" 0 "$XF" --db "$DD" history --entity complaint --id "$DC"
expect_not_in "... is not empty" "$T/out" "no history"
expect_eq "... one row per step of its timeline" "$(grep -c "complaint event $DC" "$T/out")" \
    "$(sql "$DD" "SELECT count(*) FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id
                  WHERE c.code = '$DC'")"
# ... by name with the login, as the timeline names them (it gave the login
# alone: the demo's staff are in no configuration).
expect_eq "... received by the supervisor the timeline names" \
    "$(tail -2 "$T/out" | head -1 | grep -c "  [^ ]* ($DC_FIRST)  complaint event $DC  receive")" 1
# Each step in words, as in Chinese (it read "action=callback: satisfied;
# from state=replied; to state=closed; unit=D…").
expect_in "... a call-back in words" "$T/out" "callback: satisfied · replied → closed · unit "
expect_not_in "... no column names with =" "$T/out" "action="
expect_rc "demo: a complaint's history in Chinese" 0 env LANGUAGE=zh_CN "$XF" --db "$DD" history --entity complaint --id "$DC"
expect_in "... a call-back in words" "$T/out" "回访：满意 · 已答复 → 已办结 · 单位 "
expect_eq "demo: every step of every complaint in the history, by its actor at its time" \
    "$(sql "$DD" "SELECT count(*) FROM complaint_event e LEFT JOIN history h
                  ON h.entity = 'complaint_event' AND h.entity_id = e.id
                  AND h.actor = e.actor AND h.at = e.at WHERE h.id IS NULL")" 0
# Its other records have one entry per table: said as the interface says it
# (a bare "no history" read as a fault).
DP=$(sql "$DD" "SELECT code FROM post ORDER BY id LIMIT 1")
expect_rc "demo: a post's history" 0 "$XF" --db "$DD" history --entity post --id "$DP"
expect_in "... says it was generated in bulk" "$T/out" "generated in bulk as demo data"
expect_not_in "... not a bare no history" "$T/out" "no history"
expect_eq "demo: the award ranking is an organiser's" \
    "$(sql "$DD" "SELECT DISTINCT actor || ' ' || action FROM history WHERE entity = 'award'")" \
    "zz_lihua award.rank"

# An empty file is not a database: only init makes one there.
: >"$T/zero.db"
expect_rc "an empty file is refused" 1 "$XF" --db "$T/zero.db" report posts
expect_in "... saying so" "$T/err" "is an empty file, not a database"
expect_eq "... and left empty" "$(wc -c <"$T/zero.db" | tr -d ' ')" "0"
expect_rc "init makes a database there" 0 "$XF" --db "$T/zero.db" init
expect_in "... and says it made it" "$T/out" "database created:"
expect_rc "--depth 0 is a usage error" 2 "$XF" --db "$T/zero.db" report pledges --depth 0
expect_rc "--depth that is no number is a usage error" 2 "$XF" --db "$T/zero.db" report pledges --depth x
# A demo seed that is no number, or past the generator's range, built
# another database than the one asked for (strtoul made "x" 0).
for seed in x 99999999999999999999 -1 4294967296 "" 7x; do
    expect_rc "demo --seed '$seed' is a usage error" 2 "$XF" --db "$T/seed.db" demo --seed "$seed"
    expect_in "... naming --seed and its range" "$T/err" "--seed takes a whole number from 0 to 4294967295"
done
[ ! -e "$T/seed.db" ] && ok "... and makes no database" || bad "... and makes no database"
expect_rc "demo --seed 4294967295, the last seed, works" 0 "$XF" --db "$T/seed.db" demo --seed 4294967295
# An option a command does not take is refused, not quietly ignored.
expect_rc "check --format csv is a usage error" 2 "$XF" --db "$T/zero.db" check --format csv
expect_in "... saying check does not take it" "$T/err" "check does not take --format"
expect_rc "report evaluations --quarter 2026q3: a small q is a Q" 0 \
    "$XF" --db "$T/zero.db" report evaluations --quarter 2026q3 --format csv
expect_rc "report evaluations --quarter 2026X3 is a usage error" 2 \
    "$XF" --db "$T/zero.db" report evaluations --quarter 2026X3
expect_rc "report units --quarter is a usage error" 2 "$XF" --db "$T/zero.db" report units --quarter 2026Q3
expect_in "... naming the option" "$T/err" "does not take --quarter"
expect_rc "report pledges --since is a usage error" 2 "$XF" --db "$T/zero.db" report pledges --since 2026-01-01
expect_in "... naming --since itself" "$T/err" "report pledges does not take --since"
expect_rc "report posts --until is a usage error" 2 "$XF" --db "$T/zero.db" report posts --until 2026-01-01
expect_in "... naming --until" "$T/err" "report posts does not take --until"
expect_rc "backup --force is a usage error" 2 "$XF" --db "$T/zero.db" backup "$T/never.db" --force
[ ! -e "$T/never.db" ] && ok "... and makes no backup" || bad "... and makes no backup"
expect_rc "a command's --help exits 0" 0 "$XF" import --help
expect_in "... with that command's usage" "$T/out" "xianfeng [OPTIONS] import KIND FILE"
expect_in "... and the kinds it takes" "$T/out" "improvements"
# ... and, for import, where the columns are told (a new administrator
# had to find them in the manual or in an error message)
expect_in "... and where the columns are told" "$T/out" "as 'xianfeng export KIND' writes them"
expect_rc "export --help" 0 "$XF" export --help
expect_in "... says where the CSV goes without FILE" "$T/out" "the CSV goes to standard output"
if grep -q "Commands:" "$T/out"; then bad "... not the whole help"; else ok "... not the whole help"; fi
"$XF" --help >"$T/out" 2>&1
if grep -q ' $' "$T/out"; then bad "--help lines carry no trailing spaces"; else ok "--help lines carry no trailing spaces"; fi
