# Sourced by run.sh: demo data, reports against plain SQL, CSV round trips
# and import refusals.
D="$T/demo.db"
expect_rc "demo on a fresh database" 0 "$XF" --db "$D" --today 2026-11-26 demo
expect_rc "demo twice is refused" 1 "$XF" --db "$D" demo
expect_eq "demo data is sound" "$(sql "$D" 'PRAGMA integrity_check')" "ok"
expect_eq "demo leaves no foreign key problem" "$(sql "$D" 'PRAGMA foreign_key_check' | wc -l)" "0"
expect_rc "check passes on the demo" 0 "$XF" --db "$D" --today 2026-11-26 check
expect_in "check reports integrity" "$T/out" "ok"
# A department's members are paged from member_dept (schema 17): check
# notices when it no longer follows the members.
cp "$D" "$T/md.db" && sql "$T/md.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
sql "$T/md.db" "UPDATE member_dept SET dept_id = dept_id + 1
                WHERE member_id = (SELECT min(member_id) FROM member_dept)"
expect_rc "check notices member_dept gone wrong" 1 "$XF" --db "$T/md.db" --today 2026-11-26 check
expect_in "... naming it" "$T/out" "members by department: PROBLEM: 2 rows differ"

# The pledge report's totals equal plain counts over the same file.
expect_rc "report pledges as CSV" 0 "$XF" --db "$D" --today 2026-11-26 report pledges --format csv
sum_col() { awk -F, -v c="$1" 'NR > 1 && $1 != "" { s += $c } END { print s + 0 }' "$T/out"; }
expect_eq "report: made equals SQL" "$(sum_col 3)" "$(sql "$D" 'SELECT count(*) FROM pledge')"
expect_eq "report: kept equals SQL" "$(sum_col 4)" \
    "$(sql "$D" "SELECT count(*) FROM pledge WHERE status='kept'")"
expect_eq "report: withdrawn equals SQL" "$(sum_col 5)" \
    "$(sql "$D" "SELECT count(*) FROM pledge WHERE status='withdrawn'")"
expect_eq "report: overdue equals SQL" "$(sum_col 6)" \
    "$(sql "$D" "SELECT count(*) FROM pledge WHERE status='open' AND due_on < '2026-11-26'")"
expect_rc "report pledges as text" 0 "$XF" --db "$D" --today 2026-11-26 report pledges
expect_in "text report shows a unit" "$T/out" "市"
for r in complaints units inspections evaluations posts; do
    expect_rc "report $r" 0 "$XF" --db "$D" --today 2026-11-26 report "$r"
done
expect_rc "unknown report is exit 2" 2 "$XF" --db "$D" report nonsense
# "Called back, to close" is no step's outcome now (a callback closes):
# no row for it, in text or CSV, while no complaint is left there.
expect_rc "report complaints as CSV" 0 "$XF" --db "$D" --today 2026-11-26 report complaints --format csv
expect_not_in "... no row for a state no step reaches" "$T/out" "called back"
expect_eq "... a row for each other state and the total" "$(wc -l <"$T/out")" 11
# Late closures: closed, the last round not signed for or replied to by
# its deadline (as the units report's on-time closure has it).
LATE=$(sql "$D" "SELECT count(*) FROM complaint WHERE state = 'closed' AND closed_on_time = 0")
expect_in "... a column of closures that came late" "$T/out" "State,Complaints,Overdue,Supervised now,Closed late"
[ "$LATE" -gt 0 ] && ok "... the demo has late closures ($LATE)" || bad "... the demo has late closures" "none"
# (CSV lines end in CR LF)
late_of() { tr -d '\r' <"$T/out" | awk -F, -v s="$1" '$1 == s { print $5 }'; }
expect_eq "... the closed row counts them" "$(late_of closed)" "$LATE"
expect_eq "... and the total" "$(late_of total)" "$LATE"
expect_eq "... no other state has any" \
    "$(tr -d '\r' <"$T/out" | awk -F, 'NR > 1 && $1 != "closed" && $1 != "total" { s += $5 } END { print s + 0 }')" 0
expect_rc "report complaints as text" 0 "$XF" --db "$D" --today 2026-11-26 report complaints
expect_in "... headed with it too" "$T/out" "Closed late"
NOV_LATE=$(sql "$D" "SELECT count(*) FROM complaint WHERE state = 'closed' AND closed_on_time = 0
    AND substr(received_at, 1, 10) BETWEEN '2026-11-01' AND '2026-11-30'")
expect_rc "report complaints of November as CSV" 0 \
    "$XF" --db "$D" report complaints --since 2026-11-01 --until 2026-11-30 --format csv
expect_eq "... late closures of those received in November" "$(late_of total)" "$NOV_LATE"
# A deadline moved after it had passed (逾期后延期) is not overdue now,
# but the report must not hide it: a column of its own, by state.
EXT_DB="$T/ext.db"
printf 'code,parent_code,name,kind\nU1,,市政务服务中心,department\nU2,U1,不动产登记窗口,window\n' >"$T/ext-units.csv"
{
    echo "code,received_at,source,kind,post_code,unit_code,category,text,complainant_name,complainant_phone,state,lead_unit_code,cohandler_codes,dispatched_at,sign_due,signed_at,reply_due,replied_at,reply_text,return_reason,callback_outcome,redo_count,closed_at,closed_on_time,reject_reason,merged_into_code,supervised,answer_due,missed_due"
    echo "TS2026-000001,2026-06-01 09:00:00,hotline,complaint,,U2,attitude,逾期未答复,赵六,13800000004,signed,U2,,2026-06-01 10:00:00,2026-06-03,2026-06-02 09:00:00,2026-06-20,,,,,0,,,,,0,,"
    echo "TS2026-000002,2026-06-01 09:00:00,hotline,complaint,,U2,attitude,逾期后延期,钱七,13800000005,signed,U2,,2026-06-01 10:00:00,2026-06-03,2026-06-02 09:00:00,2026-07-10,,,,,0,,,,,0,2026-07-10,2026-06-20"
    echo "TS2026-000003,2026-06-01 09:00:00,hotline,complaint,,U2,attitude,延期后又逾期,孙八,13800000006,signed,U2,,2026-06-01 10:00:00,2026-06-03,2026-06-02 09:00:00,2026-06-25,,,,,0,,,,,0,2026-06-25,2026-06-10"
} >"$T/ext.csv"
expect_rc "fixture: one overdue, one extended after overdue, one overdue again after it" 0 \
    sh -c '"$1" --db "$2" init && "$1" --db "$2" import units "$3" &&
           "$1" --db "$2" import complaints "$4"' sh "$XF" "$EXT_DB" "$T/ext-units.csv" "$T/ext.csv"
expect_rc "report complaints with an extension after overdue" 0 \
    "$XF" --db "$EXT_DB" --today 2026-06-30 report complaints --format csv
expect_in "... a column for those extended after overdue" "$T/out" \
    "State,Complaints,Overdue,Supervised now,Closed late,Extended after overdue"
col_of() { tr -d '\r' <"$T/out" | awk -F, -v s="$1" -v c="$2" '$1 == s { print $c }'; }
expect_eq "... signed: two overdue now (one of them after an extension)" "$(col_of "signed for" 3)" 2
expect_eq "... and the one extended and not overdue now counted apart" "$(col_of "signed for" 6)" 1
expect_eq "... in the total too" "$(col_of total 6)" 1
expect_rc "report complaints as text" 0 "$XF" --db "$EXT_DB" --today 2026-06-30 report complaints
expect_in "... headed the same" "$T/out" "Extended after overdue"
# check counts them as the Overview does, not the overdue ones alone.
expect_rc "check with an extension after overdue" 0 "$XF" --db "$EXT_DB" --today 2026-06-30 check
expect_in "... counts it beside the overdue ones, in the Overview's words" "$T/out" \
    "complaints: 3 open, 2 overdue (and 1 extended after overdue), 0 supervised"

# Export every kind, import into a fresh database, export again: identical.
R="$T/round.db"
"$XF" --db "$R" init >/dev/null
for k in units members projects posts evaluations pledges complaints inspections improvements; do
    expect_rc "export $k" 0 "$XF" --db "$D" export "$k" "$T/$k.csv"
    expect_rc "import $k into a fresh database" 0 "$XF" --db "$R" import "$k" "$T/$k.csv"
    "$XF" --db "$R" export "$k" "$T/$k.again.csv" 2>/dev/null
    if cmp -s "$T/$k.csv" "$T/$k.again.csv"; then ok "round trip $k is identical"; else
        bad "round trip $k is identical" "$(diff "$T/$k.csv" "$T/$k.again.csv" | head -5)"; fi
done
expect_eq "round trip keeps every pledge" "$(sql "$R" 'SELECT count(*) FROM pledge')" \
    "$(sql "$D" 'SELECT count(*) FROM pledge')"

# --bom: for Excel, the file starts with the UTF-8 byte-order mark and
# still imports; without it, no mark.
B="$T/bom.db"
"$XF" --db "$B" init >/dev/null
expect_rc "export --bom" 0 "$XF" --db "$D" export units "$T/units-bom.csv" --bom
expect_eq "export --bom: the file starts with EF BB BF" \
    "$(head -c 3 "$T/units-bom.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
expect_eq "export without --bom: no mark" "$(head -c 4 "$T/units.csv")" "code"
expect_rc "the --bom file imports" 0 "$XF" --db "$B" import units "$T/units-bom.csv"
expect_eq "... every unit" "$(sql "$B" 'SELECT count(*) FROM unit')" \
    "$(sql "$D" 'SELECT count(*) FROM unit')"
expect_rc "report --format csv --bom" 0 "$XF" --db "$D" report units --format csv --bom
expect_eq "report --bom: the mark, then the header" \
    "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" "efbbbf"

# Import refusals: one bad row rejects the whole file, naming the line.
E="$T/empty.db"
"$XF" --db "$E" init >/dev/null
units_before=$(sql "$E" 'SELECT count(*) FROM unit')
printf 'code,parent_code,name,kind,trade,party_org,active\r\nU1,,市政务服务中心,department,政务服务,,1\r\nU2,U1,审批处,office,政务服务,,1\r\nU3,NOPE,第3号窗口,window,政务服务,,1\r\n' >"$T/bad-parent.csv"
expect_rc "unknown parent unit is refused" 1 "$XF" --db "$E" import units "$T/bad-parent.csv"
expect_in "refusal names line 4" "$T/err" "line 4"
expect_in "refusal names the column" "$T/err" "parent_code"
expect_eq "refused import changes nothing" "$(sql "$E" 'SELECT count(*) FROM unit')" "$units_before"
expect_eq "refused import leaves no history" "$(sql "$E" 'SELECT count(*) FROM history')" "0"

# A name is one line: a line break inside its quotes is refused, naming
# the record's line and the field; one in a pledge's text is kept.
printf 'code,parent_code,name,kind,trade,party_org,active\nU1,,"服务大厅\n二楼",department,城建,,1\n' >"$T/nl.csv"
expect_rc "a line break in a unit's name is refused" 1 "$XF" --db "$E" import units "$T/nl.csv"
expect_in "... naming the line" "$T/err" "line 2"
expect_in "... and the field" "$T/err" "name"
expect_in "... saying why" "$T/err" "one line"
expect_eq "... and nothing is stored" "$(sql "$E" 'SELECT count(*) FROM unit')" "$units_before"
printf '\357\273\277code,parent_code,name,kind,trade,party_org,active\nU1,,"市城建委, 城建",department,城建,,1\nU2,U1,"服务""大厅""二楼",outlet,城建,,1\n' >"$T/bom.csv"
expect_rc "BOM and quotes import" 0 "$XF" --db "$E" import units "$T/bom.csv"
expect_eq "doubled quotes kept" "$(sql "$E" "SELECT count(*) FROM unit WHERE name='服务\"大厅\"二楼'")" "1"
printf 'id,kind,member_code,unit_code,text,category,made_on,due_on,status,kept_on,evidence,verified_by,withdrawn_on,withdraw_reason,created_by\n,unit_target,,U1,"限时办结\n当日答复",time_limit,2026-02-10,2026-12-31,open,,,,,,\n' >"$T/nlpledge.csv"
expect_rc "a line break in a pledge's text imports" 0 "$XF" --db "$E" import pledges "$T/nlpledge.csv"
expect_eq "... and is kept" "$(sql "$E" "SELECT count(*) FROM pledge WHERE text='限时办结
当日答复'")" "1"

printf 'code,parent_code,name,kind,trade,party_org,active\nG1,,哈尔滨市质监局,department,质监,,1\n' | iconv -f UTF-8 -t GB18030 >"$T/gb.csv"
expect_rc "GB18030 file imports" 0 "$XF" --db "$E" import units "$T/gb.csv"
expect_eq "GB18030 converted to UTF-8" "$(sql "$E" "SELECT name FROM unit WHERE code='G1'")" "哈尔滨市质监局"

printf 'code,parent_code,name,kind,trade,party_org,active\nX1,,\377\376bad,department,,,1\n' >"$T/badutf.csv"
expect_rc "invalid UTF-8 is refused" 1 "$XF" --db "$E" import units "$T/badutf.csv"
expect_in "invalid UTF-8 names the line" "$T/err" "line 2"

head -c 11000000 /dev/zero | tr '\0' 'x' >"$T/big"
{ printf 'code,parent_code,name,kind,trade,party_org,active\nB1,,'; cat "$T/big"; printf ',department,,,1\n'; } >"$T/big.csv"
expect_rc "10 MB field is refused" 1 "$XF" --db "$E" import units "$T/big.csv"
expect_in "over-long field names the line" "$T/err" "line 2"

printf 'code,unit_code,name,position,is_leader,login,active\nM1,U1,王芳,科员,maybe,,1\n' >"$T/badbool.csv"
expect_rc "bad boolean is refused" 1 "$XF" --db "$E" import members "$T/badbool.csv"
expect_in "bad boolean names the column" "$T/err" "is_leader"

printf 'id,kind,member_code,unit_code,text,category,made_on,due_on,status,kept_on,evidence,verified_by,withdrawn_on,withdraw_reason,created_by\n1,unit_target,,U1,限时办结,time_limit,2026-02-30,2026-12-31,open,,,,,,\n' >"$T/baddate.csv"
expect_rc "impossible date is refused" 1 "$XF" --db "$E" import pledges "$T/baddate.csv"
expect_in "impossible date names the column" "$T/err" "made_on"
expect_in "... and the value" "$T/err" "2026-02-30"

printf 'code,parent_code,name,kind,trade,party_org,active,colour\nZ1,,市医保局,department,,,1,red\n' >"$T/extra.csv"
expect_rc "unknown column is refused" 1 "$XF" --db "$E" import units "$T/extra.csv"
expect_in "unknown column is named" "$T/err" "colour"

printf 'code,source,text\nT1,hotline,"\033[2J\033]52;c;aGk=\007窗口态度差"\n' >"$T/esc.csv"
expect_rc "complaint missing required columns is refused" 1 "$XF" --db "$E" import complaints "$T/esc.csv"
if grep -q "$(printf '\033')" "$T/err"; then bad "error output carries no raw ESC"; else ok "error output carries no raw ESC"; fi

# An escape sequence in any stored text is refused with field and line,
# not stored to come back out in exports: here an improvement's title.
"$XF" --db "$E" import units "$T/bom.csv" >/dev/null 2>&1
printf 'unit_code,kind,title,on_date,days_before,days_after,national_limit_days\nU1,method,"\033]0;x\007上门服务",2026-09-08,,,\n' >"$T/escimp.csv"
expect_rc "improvement title with an escape sequence is refused" 1 \
    "$XF" --db "$E" import improvements "$T/escimp.csv"
expect_in "... naming the line" "$T/err" "line 2"
expect_in "... and the field" "$T/err" "title"
expect_eq "... and nothing is stored" "0" "$(sql "$E" "SELECT count(*) FROM improvement")"

# export never replaces the database (a slip: "export units demo.db"),
# another database, or an existing file without --force; its temporary
# file is always a new one (a planted FILE.tmp link is not written through).
expect_rc "export onto the database itself is refused" 1 "$XF" --db "$D" export units "$D"
expect_in "... saying it is the database" "$T/err" "is the database itself"
expect_eq "... which is still a sound database" "$(sql "$D" 'PRAGMA integrity_check')" "ok"
expect_rc "export onto the -wal file is refused" 1 \
    sh -c '"$1" --db "$2" export units "$2-wal"' sh "$XF" "$D"
expect_rc "... and onto a -journal file that is not there (yet)" 1 \
    sh -c '"$1" --db "$2" export units "$2-journal"' sh "$XF" "$D"
[ ! -e "$D-journal" ] && ok "... which is not made" || bad "... which is not made"
expect_rc "export onto another database is refused, --force or not" 1 \
    "$XF" --db "$D" --force export units "$E"
expect_in "... saying it is a database" "$T/err" "is a database"
"$XF" --db "$D" export units "$T/once.csv" >/dev/null 2>&1
expect_rc "export onto an existing file is refused" 1 "$XF" --db "$D" export units "$T/once.csv"
expect_in "... naming --force" "$T/err" "--force"
expect_rc "... and replaces it with --force" 0 "$XF" --db "$D" --force export units "$T/once.csv"
expect_eq "... a whole export" "$(head -1 "$T/once.csv" | cut -d, -f1)" "code"
echo keep >"$T/target.txt"
ln -s "$T/target.txt" "$T/planted.csv.tmp"
expect_rc "a FILE.tmp left there (here a planted link) is not in the way" 0 \
    "$XF" --db "$D" export units "$T/planted.csv"
expect_eq "... nor written through: the link's target untouched" "$(cat "$T/target.txt")" "keep"
expect_eq "... the export is whole" "$(head -1 "$T/planted.csv" | cut -d, -f1)" "code"
if ls "$T"/planted.csv.tmp.* >/dev/null 2>&1; then bad "... no temporary file left"; else ok "... no temporary file left"; fi
# A file size limit stops the export (SIGXFSZ used to kill it and leave
# its temporary file): it says so, and leaves neither file behind.
cp "$D" "$T/limit.db" && sql "$T/limit.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
expect_rc "an export over the file size limit fails" 1 \
    sh -c 'ulimit -f 400 && exec "$1" --db "$2" export pledges "$3"' sh "$XF" "$T/limit.db" "$T/limit.csv"
expect_in "... saying it could not write" "$T/err" "write error"
[ ! -e "$T/limit.csv" ] && ok "... no partial export" || bad "... no partial export"
if ls "$T"/limit.csv.tmp.* >/dev/null 2>&1; then bad "... nor its temporary file"; else ok "... nor its temporary file"; fi

# A row the rules refuse (a pledge verified by its own maker) is the
# file's fault: the message names its line and says nothing was imported.
ML=$(sql "$D" "SELECT m.code || ',' || u.code || ',' || m.login FROM member m
               JOIN unit u ON u.id = m.unit_id WHERE m.login IS NOT NULL LIMIT 1")
{ echo "id,kind,member_code,unit_code,text,category,made_on,due_on,status,kept_on,evidence,verified_by,withdrawn_on,withdraw_reason,created_by"
  echo ",member,$(echo "$ML" | cut -d, -f1),$(echo "$ML" | cut -d, -f2),按时办结,time_limit,2026-01-10,2026-02-10,kept,2026-02-01,台账,$(echo "$ML" | cut -d, -f3),,,"
} >"$T/selfkept.csv"
expect_rc "a pledge verified by its maker is refused" 1 "$XF" --db "$D" import pledges "$T/selfkept.csv"
expect_in "... naming the line and the field" "$T/err" "line 2: verified_by:"
expect_in "... and that nothing was imported" "$T/err" "nothing was imported"

# A new kept pledge's verifier is a user of the config who may verify
# (an organiser or an administrator), as K in the interface: any text
# (nobody_xyz) counted the pledge as kept.
cp "$D" "$T/verify.db"
cat >"$T/verify.cfg" <<CFG
users = (
    { login = "$(id -un)"; name = "管理员"; role = "admin"; },
    { login = "li.org"; name = "李组织"; role = "organiser"; },
    { login = "zhang.wei"; name = "张伟"; role = "supervisor"; }
);
CFG
MO=$(sql "$D" "SELECT m.code || ',' || u.code FROM member m JOIN unit u ON u.id = m.unit_id
               WHERE m.login IS NULL AND m.active LIMIT 1")
verify_csv() {
    { echo "id,kind,member_code,unit_code,text,category,made_on,due_on,status,kept_on,evidence,verified_by,withdrawn_on,withdraw_reason,created_by"
      echo ",member,$MO,核实人$1,time_limit,2026-01-10,2026-02-10,kept,2026-02-01,台账,$1,,,"
    } >"$T/verify-$1.csv"
}
vcount() { sql "$T/verify.db" "SELECT count(*) FROM pledge WHERE text LIKE '核实人%'"; }
verify_csv nobody_xyz
expect_rc "a verifier who is no user is refused" 1 \
    "$XF" --config "$T/verify.cfg" --db "$T/verify.db" import pledges "$T/verify-nobody_xyz.csv"
expect_in "... naming the line and the column" "$T/err" "line 2: verified_by:"
expect_in "... and the login" "$T/err" "'nobody_xyz' is not a user in the config"
verify_csv zhang.wei
expect_rc "a verifier whose role may not verify is refused" 1 \
    "$XF" --config "$T/verify.cfg" --db "$T/verify.db" import pledges "$T/verify-zhang.wei.csv"
expect_in "... saying who and why" "$T/err" "张伟 (zhang.wei) is a supervisor and may not verify"
expect_eq "... nothing imported" "$(vcount)" "0"
verify_csv li.org
expect_rc "an organiser verifies" 0 \
    "$XF" --config "$T/verify.cfg" --db "$T/verify.db" import pledges "$T/verify-li.org.csv"
expect_eq "... imported" "$(vcount)" "1"
ln -s "$D" "$T/link.db"
expect_rc "export onto the -journal name beside a linked database is refused" 1 \
    sh -c '"$1" --db "$2" export units "$3-journal"' sh "$XF" "$T/link.db" "$D"
[ ! -e "$D-journal" ] && ok "... which is not made" || bad "... which is not made"

# A date as Excel saves it ("2026/3/7") is taken as the forms take it, and
# stored as YYYY-MM-DD.
UC=$(sql "$D" "SELECT code FROM unit WHERE active = 1 ORDER BY code LIMIT 1")
printf 'unit_code,kind,title,on_date\r\n%s,method,表格日期,2026/3/7\r\n' "$UC" >"$T/excel.csv"
expect_rc "an Excel date (2026/3/7) is imported" 0 "$XF" --db "$D" import improvements "$T/excel.csv"
expect_eq "... and stored as 2026-03-07" \
    "$(sql "$D" "SELECT on_date FROM improvement WHERE title = '表格日期'")" "2026-03-07"

# A report with no rows says so under its heads (alone they read as a failure).
rm -f "$T/norows.db"
"$XF" --db "$T/norows.db" init >/dev/null 2>&1
expect_rc "report evaluations on an empty database" 0 "$XF" --db "$T/norows.db" report evaluations
expect_in "... says there is nothing yet" "$T/out" "(nothing yet)"
# A report with a total row has it whatever the rows above it.
expect_rc "report units on an empty database" 0 "$XF" --db "$T/norows.db" report units --format csv
expect_eq "... is its heads and a total of nothing" "$(sed 1d "$T/out" | tr -d '\r')" ",Total,0,,,,0,"

# history --id: a bare number meant for a complaint's code (282 for
# TS2026-000282) named another record, the one numbered 282, without a
# word; the code, or #N for the number, says which.
set -- $(sql "$D" "SELECT id, code FROM complaint WHERE CAST(substr(code, 8) AS INTEGER) <> id
    ORDER BY id LIMIT 1" | tr '|' ' ')
C_ID=$1 C_CODE=$2
expect_rc "history --id with a complaint's number that is not its code is exit 2" 2 \
    "$XF" --db "$D" history --entity complaint --id "$C_ID"
expect_in "... naming the complaint of that number and the ways to say each" "$T/err" \
    "no complaint has the code $C_ID, and the complaint numbered $C_ID is $C_CODE: give the code as shown on screen, or #$C_ID for the number"
expect_rc "history --id #N takes the number" 0 "$XF" --db "$D" history --entity complaint --id "#$C_ID"
expect_rc "history --id CODE takes the code" 0 "$XF" --db "$D" history --entity complaint --id "$C_CODE"

# export --since/--until: a week's complaints for the leader (it said
# "export does not take --since").
WEEK=$(sql "$D" "SELECT count(*) FROM complaint WHERE substr(received_at,1,10)
    BETWEEN '2026-11-09' AND '2026-11-15'")
expect_rc "export complaints of one week" 0 \
    "$XF" --db "$D" export complaints --since 2026-11-09 --until 2026-11-15
[ "$WEEK" -gt 0 ] && ok "... the demo has complaints that week ($WEEK)" ||
    bad "... the demo has complaints that week" "none: choose another week"
expect_eq "... the complaints received that week, and the header" "$(wc -l <"$T/out")" "$((WEEK + 1))"
expect_eq "... none from another day" "$(tail -n +2 "$T/out" | cut -d, -f2 |
    awk '$0 < "2026-11-09" || $0 >= "2026-11-16"' | wc -l)" 0
expect_rc "export --since a date that does not exist is exit 2" 2 \
    "$XF" --db "$D" export complaints --since 2026-02-30
expect_in "... naming the option as typed" "$T/err" "--since: “2026-02-30” is not a real date"
expect_rc "export units --since is exit 2" 2 "$XF" --db "$D" export units --since 2026-11-01
expect_in "... saying what takes a period" "$T/err" "units have no date to choose them by"

expect_rc "export with the period backwards is exit 2" 2 \
    "$XF" --db "$D" export complaints --since 2026-11-15 --until 2026-11-09
expect_in "... saying so" "$T/err" "until: the period ends (2026-11-09) before it begins (2026-11-15)"

# export evaluations --quarter: one quarter's evaluations (a leader's
# list; "evaluations have no date to choose them by").
Q3=$(sql "$D" "SELECT count(*) FROM evaluation WHERE quarter = '2026Q3'")
expect_rc "export evaluations of one quarter" 0 "$XF" --db "$D" export evaluations --quarter 2026q3
[ "$Q3" -gt 0 ] && ok "... the demo has some ($Q3)" || bad "... the demo has some" "none"
expect_eq "... that quarter's, and the header" "$(wc -l <"$T/out")" "$((Q3 + 1))"
expect_eq "... none of another" "$(tail -n +2 "$T/out" | cut -d, -f2 | sort -u)" "2026Q3"
expect_rc "export complaints --quarter is exit 2" 2 "$XF" --db "$D" export complaints --quarter 2026Q3
expect_in "... saying what takes it" "$T/err" "only evaluations take --quarter"

# report --since/--until: the figures of what came in that month (a leader
# had only all-time totals).
NOV=$(sql "$D" "SELECT count(*) FROM complaint WHERE substr(received_at,1,10)
    BETWEEN '2026-11-01' AND '2026-11-30'")
ALL=$(sql "$D" "SELECT count(*) FROM complaint")
expect_rc "report complaints of November" 0 \
    "$XF" --db "$D" report complaints --since 2026-11-01 --until 2026-11-30
expect_in "... the title says which complaints" "$T/out" "Complaints by state, received 2026-11-01 – 2026-11-30"
[ "$NOV" -gt 0 ] && [ "$NOV" -lt "$ALL" ] && ok "... the demo has some, not all, in November ($NOV)" ||
    bad "... the demo has some, not all, in November" "$NOV of $ALL"
expect_eq "... the total is November's" "$(awk '$1 == "total" { print $2 }' "$T/out")" "$NOV"
expect_rc "report complaints with the days written as the forms take them" 0 \
    "$XF" --db "$D" report complaints --since 2026/11/1 --until 2026年11月30日
expect_in "... read as the same days" "$T/out" "received 2026-11-01 – 2026-11-30"
# A Chinese input method types full-width digits and hyphens, which the
# interface's date fields take.
expect_rc "report complaints with full-width hyphens and digits" 0 \
    "$XF" --db "$D" report complaints --since 2026－11－01 --until ２０２６-１１-３０
expect_in "... read as the same days" "$T/out" "received 2026-11-01 – 2026-11-30"
# A month for a day: --since its first, --until its last.
expect_rc "report complaints of a month written as one" 0 \
    "$XF" --db "$D" report complaints --since 2026-11 --until 2026/11
expect_in "... from its first day to its last" "$T/out" "received 2026-11-01 – 2026-11-30"
expect_rc "... 年月 and full-width too" 0 \
    "$XF" --db "$D" report complaints --since 2026年11月 --until ２０２６－１１
expect_in "... the same days" "$T/out" "received 2026-11-01 – 2026-11-30"
expect_rc "--until February of a leap year" 0 "$XF" --db "$D" report inspections --until 2028-02
expect_in "... ends on the 29th" "$T/out" "until 2028-02-29"
expect_rc "--until February of another year" 0 "$XF" --db "$D" report inspections --until 2026-2
expect_in "... ends on the 28th" "$T/out" "until 2026-02-28"
expect_rc "export takes a month too" 0 "$XF" --db "$D" export complaints --since 2026-11
expect_rc "a month that does not exist is exit 2" 2 "$XF" --db "$D" report units --since 2026-13
expect_in "... naming it" "$T/err" "since: “2026-13” is not a real date"
expect_rc "--today takes no month" 2 "$XF" --db "$D" --today 2026-11 check
expect_rc "--help" 0 "$XF" --help
expect_in "... tells how a month is read" "$T/out" "a month (2026-11, 2026年11月) stands for its first day after --since"
expect_rc "history --since a full-width 年月日 date" 0 \
    "$XF" --db "$D" history --since ２０２６年１１月１日 --until 2026／11／30
expect_rc "a full-width day that does not exist is exit 2" 2 \
    "$XF" --db "$D" report units --until ２０２６-１１-３１
expect_in "... saying so, and what was given" "$T/err" "--until: “２０２６-１１-３１” is not a real date"
NOV_LED=$(sql "$D" "SELECT count(*) FROM complaint WHERE lead_unit_id IS NOT NULL
    AND substr(received_at,1,10) BETWEEN '2026-11-01' AND '2026-11-30'")
expect_rc "report units of November as CSV" 0 \
    "$XF" --db "$D" report units --since 2026-11-01 --until 2026-11-30 --format csv
expect_eq "... dispatched adds up to November's" \
    "$(tail -n +2 "$T/out" | awk -F, '$1 != "" { n += $3 } END { print n + 0 }')" "$NOV_LED"
expect_eq "... and the total row says so" \
    "$(awk -F, '$1 == "" && $2 == "Total" { print $3 }' "$T/out")" "$NOV_LED"
JUNE=$(sql "$D" "SELECT count(*) FROM inspection WHERE on_date <= '2026-06-30'")
expect_rc "report inspections until June" 0 "$XF" --db "$D" report inspections --until 2026-06-30
expect_in "... titled so" "$T/out" "Inspections made until 2026-06-30"
expect_eq "... counting those" "$(awk '$1 == "All" { print $2 }' "$T/out")" "$JUNE"
# The year's awards, for publication: every kind by rank with its decision.
expect_rc "report awards of 2026" 0 "$XF" --db "$D" --today 2026-11-26 report awards --year 2026 --format csv
expect_in "... headed" "$T/out" "Award,Rank,Post,Title,Unit,Holder,Score,Decision"
expect_eq "... one row for each candidate of the year" "$(($(wc -l <"$T/out") - 1))" \
    "$(sql "$D" "SELECT count(*) FROM award WHERE year = 2026")"
expect_eq "... the first window as ranked" "$(sed -n 2p "$T/out" | cut -d, -f2-3)" \
    "1,$(sql "$D" "SELECT p.code FROM award a JOIN post p ON p.id = a.post_id WHERE a.year = 2026
                   AND a.kind = 'satisfaction_window' AND a.rank = 1")"
expect_rc "report awards --year in full-width digits, as typed in Chinese" 0 \
    "$XF" --db "$D" report awards --year ２０２６
expect_in "... read as 2026" "$T/out" "Annual awards 2026"
expect_rc "report awards: this year by default" 0 "$XF" --db "$D" --today 2026-11-26 report awards
expect_in "... titled so" "$T/out" "Annual awards 2026"
expect_rc "report awards --year 206 is exit 2" 2 "$XF" --db "$D" report awards --year 206
expect_in "... saying what it takes" "$T/err" "--year takes a year such as 2026"
expect_rc "--year is for report awards only" 2 "$XF" --db "$D" report posts --year 2026
expect_in "... said so" "$T/err" "report posts does not take --year"

# The sample batches checked and failed, added up (the seed's "1487 批次").
expect_rc "report inspections as CSV" 0 "$XF" --db "$D" report inspections --format csv
expect_in "... with the sample columns" "$T/out" "Samples checked,Samples failed"
expect_eq "... the batches of the sample checks, summed" \
    "$(grep '^Sample check,' "$T/out" | cut -d, -f6-7)" \
    "$(sql "$D" "SELECT sum(samples_checked) || ',' || sum(samples_failed) FROM inspection
                 WHERE kind = 'sample'")"
expect_eq "... and the All row adds every kind's" \
    "$(grep '^All,' "$T/out" | cut -d, -f6-7)" \
    "$(sql "$D" "SELECT sum(samples_checked) || ',' || sum(samples_failed) FROM inspection")"
# Reported done and not yet verified is the Overview's "to verify": a
# report without it read as if every rectification were closed.
expect_in "... with the rectifications to verify" "$T/out" \
    "Open rectifications,Overdue rectifications,Rectifications to verify"
TO_VERIFY=$(sql "$D" "SELECT count(*) FROM rectification WHERE status = 'done'")
expect_eq "... as many as are reported done, not verified" \
    "$(grep '^All,' "$T/out" | cut -d, -f10 | tr -d '\r')" "$TO_VERIFY"
expect_eq "... and the demo has some" "$([ "$TO_VERIFY" -gt 0 ] && echo some || echo none)" "some"
expect_eq "... each kind its own" \
    "$(grep -v '^All,' "$T/out" | sed 1d | cut -d, -f10 | tr -d '\r' | paste -sd,)" \
    "$(sql "$D" "SELECT count(*) FILTER (WHERE i.kind = 'unannounced' AND r.status = 'done') || ','
                 || count(*) FILTER (WHERE i.kind = 'sample' AND r.status = 'done')
                 FROM rectification r JOIN inspection i ON i.id = r.inspection_id")"
expect_rc "check" 0 "$XF" --db "$D" check
expect_in "... counts the rectifications to verify as well" "$T/out" \
    "overdue, $TO_VERIFY to verify"
expect_rc "report inspections as text" 0 "$XF" --db "$D" report inspections
expect_eq "... the to-verify figure last on the All row" "$(awk '$1 == "All" { print $NF }' "$T/out")" \
    "$TO_VERIFY"
expect_rc "report with a date that does not exist is exit 2" 2 \
    "$XF" --db "$D" report units --until 2026-11-31
expect_in "... naming it" "$T/err" "until: “2026-11-31” is not a real date"

# ---- check: confirmed awards whose post failed since; units by name ----
# A year's awards are confirmed in the January after it. A failing 2026Q4
# entered then (and 2027Q1 later) left the confirmation standing without a
# word, and check listed the revocation candidates by unit code.
AW="$T/awards.db"
expect_rc "awards: a copy of the demo" 0 "$XF" --db "$D" backup "$AW"
# The organiser's `c` on the first window, as it leaves the row (the audit
# triggers call the program's own functions: set aside meanwhile).
award_raw() {
    { echo "BEGIN;"
      sql "$AW" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master
                 WHERE type = 'trigger' AND tbl_name = 'award'"
      printf '%s\n' "$1"
      sql "$AW" "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'award'"
      echo "COMMIT;"; } | sqlite3 -bail "$AW"
}
AW_POST=$(sql "$AW" "SELECT p.code FROM award a JOIN post p ON p.id = a.post_id
                     WHERE a.year = 2026 AND a.kind = 'satisfaction_window' AND a.rank = 1")
AW_UNIT=$(sql "$AW" "SELECT u.name FROM post p JOIN unit u ON u.id = p.unit_id
                     WHERE p.code = '$AW_POST'")
AW_UCODE=$(sql "$AW" "SELECT u.code FROM post p JOIN unit u ON u.id = p.unit_id
                      WHERE p.code = '$AW_POST'")
award_raw "UPDATE award SET status = 'confirmed', decided_by = 'liu.yang', version = version + 1,
           updated_at = '2027-01-07 16:00:00' WHERE year = 2026 AND rank = 1
           AND kind = 'satisfaction_window';"
expect_rc "awards: check with a confirmed award" 0 "$XF" --db "$AW" --today 2027-01-08 check
expect_in "... says the awards are fine" "$T/out" "awards: ok"
AW_H=post_code,quarter,deputies_score,deputies_respondents,recipients_score,recipients_respondents,public_score,public_respondents
{ echo "$AW_H"; echo "$AW_POST,2026Q4,60,10,60,50,60,100"; } >"$T/aw-fail.csv"
expect_rc "awards: a failing 2026Q4 for the winner, entered in January" 0 \
    "$XF" --db "$AW" --today 2027-01-08 import evaluations "$T/aw-fail.csv"
expect_rc "awards: check after it" 0 "$XF" --db "$AW" --today 2027-01-08 check
expect_in "... lists the confirmed awards to review" "$T/out" "Confirmed awards to review"
expect_eq "... the winner, its year and what befell it" \
    "$(awk -v c="$AW_POST" '$0 ~ c { print $1 "|" $NF }' "$T/out")" "2026|2026Q4"
expect_in "... with its unit's name" "$T/out" "$AW_UNIT"
expect_not_in "... no longer saying the awards are fine" "$T/out" "awards: ok"
# A second failure makes it a revocation candidate: its unit by name too.
{ echo "$AW_H"; echo "$AW_POST,2027Q1,60,10,60,50,60,100"; } >"$T/aw-fail2.csv"
expect_rc "awards: a failing 2027Q1 as well" 0 \
    "$XF" --db "$AW" --today 2027-03-02 import evaluations "$T/aw-fail2.csv"
expect_rc "awards: check in March" 0 "$XF" --db "$AW" --today 2027-03-02 check
expect_eq "... both failures since the confirmation listed" \
    "$(awk -v c="$AW_POST" '$0 ~ c && $1 == "2026" { print $NF }' "$T/out")" "2026Q4,2027Q1"
expect_eq "... the revocation candidate's row names its unit, not its code" \
    "$(awk -v c="$AW_POST" '$1 == c' "$T/out" | grep -cF -- "$AW_UNIT")" "1"
expect_eq "... (no unit code in it)" \
    "$(awk -v c="$AW_POST" '$1 == c' "$T/out" | grep -cw -- "$AW_UCODE")" "0"
# Its heads in sentence case, as the reports' (they were lower case).
expect_eq "... the table's heads as the reports have them" \
    "$(grep -A1 "^Posts proposed for revocation" "$T/out" | tail -1 | tr -s ' ')" \
    "Post Title Unit Status Failures Failed quarters"
# Reviewed and kept: taken back and confirmed again, later than the
# failures: settled.
award_raw "UPDATE award SET version = version + 2, updated_at = '2027-03-03 10:00:00'
           WHERE year = 2026 AND rank = 1 AND kind = 'satisfaction_window';"
expect_rc "awards: check after it is confirmed again" 0 "$XF" --db "$AW" --today 2027-03-03 check
expect_in "... says the awards are fine again" "$T/out" "awards: ok"
# The winner's holder is the first exemplar: confirmed before the failures
# of the post he holds, it is listed to review as the window was (check
# listed windows alone).
AW_HOLDER=$(sql "$AW" "SELECT count(*) FROM award a JOIN post p ON p.holder_member_id = a.member_id
                       WHERE a.year = 2026 AND a.kind = 'exemplar' AND a.rank = 1
                       AND p.code = '$AW_POST'")
expect_eq "awards: the first exemplar holds the winning window" "$AW_HOLDER" "1"
award_raw "UPDATE award SET status = 'confirmed', decided_by = 'liu.yang', version = version + 1,
           updated_at = '2027-01-07 16:00:00' WHERE year = 2026 AND rank = 1
           AND kind = 'exemplar';"
expect_rc "awards: check with the exemplar confirmed before the failures" 0 \
    "$XF" --db "$AW" --today 2027-03-03 check
expect_eq "... lists the exemplar with the failures of his post" \
    "$(awk -v c="$AW_POST" '$0 ~ c && $1 == "2026" && /exemplar/ { print $NF }' "$T/out")" \
    "2026Q4,2027Q1"
expect_not_in "... and the awards are not fine" "$T/out" "awards: ok"

# Output that cannot be written is a failure (a report to a full disk
# exited 0, and cron heard nothing).
if [ -w /dev/full ]; then
    for c in "report units" "check" "history"; do
        # shellcheck disable=SC2086
        "$XF" --db "$D" $c >/dev/full 2>"$T/err"
        rc=$?
        expect_eq "$c to a full disk exits 1" "$rc" 1
        expect_in "... saying the output could not be written" "$T/err" "cannot write the output"
    done
fi
