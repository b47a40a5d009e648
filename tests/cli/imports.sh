# Sourced by run.sh: import refuses what the program refuses everywhere
# else, naming the line and the field, and imports nothing from the file.
I="$T/imports.db"
"$XF" --db "$I" --today 2026-11-26 demo >/dev/null 2>&1
count() { sql "$I" "SELECT count(*) FROM $1"; }

# Members: one login, one active member, as when a member is added by hand.
members_before=$(count member)
LOGIN=$(sql "$I" "SELECT login FROM member WHERE active = 1 AND login IS NOT NULL ORDER BY code LIMIT 1")
LOGIN_OF=$(sql "$I" "SELECT code FROM member WHERE active = 1 AND login = '$LOGIN'")
printf 'code,unit_code,name,position,is_leader,login,active\nM9100001,D001,张三,科员,0,,1\nM9100002,D001,张四,科员,0,%s,1\n' \
    "$LOGIN" >"$T/login-taken.csv"
expect_rc "import members: a login already in use is refused" 1 \
    "$XF" --db "$I" import members "$T/login-taken.csv"
expect_in "... naming the line, the field and the member" "$T/err" \
    "line 3: login: the login $LOGIN already belongs to member $LOGIN_OF"
expect_in "... and that nothing was imported" "$T/err" "nothing was imported"
expect_eq "... no member added" "$(count member)" "$members_before"
printf 'code,unit_code,name,position,is_leader,login,active\nM9100011,D001,张三,科员,0,zz_new,1\nM9100012,D001,张四,科员,0,zz_new,1\n' \
    >"$T/login-twice.csv"
expect_rc "import members: two rows with one login are refused" 1 \
    "$XF" --db "$I" import members "$T/login-twice.csv"
expect_in "... naming the second row" "$T/err" \
    "line 3: login: the login zz_new already belongs to member M9100011"
expect_eq "... no member added" "$(count member)" "$members_before"
# An inactive member may keep a login someone now uses (deactivating a
# member frees the login by hand too).
printf 'code,unit_code,name,position,is_leader,login,active\nM9100003,D001,张五,科员,0,%s,0\n' \
    "$LOGIN" >"$T/login-inactive.csv"
expect_rc "import members: an inactive member sharing a login is taken" 0 \
    "$XF" --db "$I" import members "$T/login-inactive.csv"

# Spaces a spreadsheet keeps around cells are not kept: a name padded with
# a space could not be found, and a code with one was refused as bad.
printf 'code,unit_code,name,position,is_leader,login,active\nM9100021 , D001,王小二 ,科员\343\200\200,0,,1\n' \
    >"$T/padded.csv"
expect_rc "import members: cells padded with spaces are taken" 0 \
    "$XF" --db "$I" import members "$T/padded.csv"
expect_eq "... without the spaces" "$(sql "$I" "SELECT '[' || name || '|' || position || ']'
    FROM member WHERE code = 'M9100021'")" "[王小二|科员]"

# A code twice in one file is named as such (it said the code was "already
# used by member 孙悦", sending the clerk to look in the database); a unit
# listed before its parent is told the order the file needs.
printf 'code,unit_code,name,position,is_leader,login,active\nM9100031,D001,孙悦,科员,0,,1\nM9100032,D001,李四,科员,0,,1\nM9100031,D001,赵丽,科员,0,,1\n' \
    >"$T/code-twice.csv"
expect_rc "import members: a code twice in the file is refused" 1 \
    "$XF" --db "$I" import members "$T/code-twice.csv"
expect_in "... naming both lines" "$T/err" \
    "line 4: code: the code M9100031 is already on line 2 of this file"
# A clerk's file in any order (sorted by name): a unit before its parent,
# two levels deep, goes in once the parent has; a parent the file and the
# database lack is refused by the line that names it, and nothing goes in.
printf 'code,parent_code,name,kind,trade,party_org,active\nQ99-01-01,Q99-01,第1号窗口,window,,,1\nQ98-01,Q98,无此上级,office,,,1\nQ99-01,Q99,综合科,office,,,1\nQ99,,某区政务服务中心,department,,,1\n' \
    >"$T/child-first.csv"
expect_rc "import units: a parent missing from the file and the database is refused" 1 \
    "$XF" --db "$I" import units "$T/child-first.csv"
expect_in "... naming its line" "$T/err" \
    "line 3: parent_code: there is no unit with the code 'Q98' in the database, nor one in this file"
expect_not_in "... and only it: the units whose parents come later are not refused" "$T/err" "line 2:"
expect_eq "... nothing imported" "$(sql "$I" "SELECT count(*) FROM unit WHERE code LIKE 'Q9%'")" 0
# Two units each the other's parent: told as such a possibility, not that
# the unit (on the next line) is nowhere in the file.
printf 'code,parent_code,name,kind,trade,party_org,active\nZ11,Z12,甲处,office,,,1\nZ12,Z11,乙处,office,,,1\n' \
    >"$T/cycle.csv"
expect_rc "import units: parents naming each other are refused" 1 \
    "$XF" --db "$I" import units "$T/cycle.csv"
expect_in "... saying parents in the file may name each other" "$T/err" \
    "do parents in the file name each other?"
grep -v '^Q98' "$T/child-first.csv" >"$T/child-first-ok.csv"
expect_rc "import units: children before their parents go in" 0 \
    "$XF" --db "$I" import units "$T/child-first-ok.csv"
expect_eq "... each under its parent" \
    "$(sql "$I" "SELECT group_concat(c.code || '<' || p.code, ' ') FROM (SELECT * FROM unit
                 WHERE code LIKE 'Q99-%' ORDER BY code) c JOIN unit p ON p.id = c.parent_id")" \
    "Q99-01<Q99 Q99-01-01<Q99-01"

# Pledges: the same owner's same text on the same day is one pledge, in
# the database or earlier in the file; a file imported twice is refused.
pledges_before=$(count pledge)
PH=id,kind,member_code,unit_code,text,category,made_on,due_on,status,kept_on,evidence,verified_by,withdrawn_on,withdraw_reason,created_by
TWIN=$(sql "$I" "SELECT p.id || '|' || m.code || '|' || p.text || '|' || p.made_on || '|' || p.due_on
                 FROM pledge p JOIN member m ON m.id = p.member_id
                 WHERE p.kind = 'member' AND p.text NOT LIKE '%,%' ORDER BY p.id LIMIT 1")
TWIN_ID=$(echo "$TWIN" | cut -d'|' -f1); TWIN_M=$(echo "$TWIN" | cut -d'|' -f2)
TWIN_TEXT=$(echo "$TWIN" | cut -d'|' -f3); TWIN_MADE=$(echo "$TWIN" | cut -d'|' -f4)
TWIN_DUE=$(echo "$TWIN" | cut -d'|' -f5)
{ echo "$PH"
  echo ",member,$TWIN_M,,另一项新承诺,other,$TWIN_MADE,$TWIN_DUE,open,,,,,,"
  echo ",member,$TWIN_M,,$TWIN_TEXT,other,$TWIN_MADE,$TWIN_DUE,open,,,,,,"
} >"$T/pledge-again.csv"
expect_rc "import pledges: a pledge already recorded is refused" 1 \
    "$XF" --db "$I" import pledges "$T/pledge-again.csv"
expect_in "... naming the line, the field and the pledge it repeats" "$T/err" \
    "line 3: text: repeats pledge #$TWIN_ID: member $TWIN_M made a pledge with the same text on $TWIN_MADE"
expect_in "... and that nothing was imported" "$T/err" "nothing was imported"
expect_eq "... no pledge added" "$(count pledge)" "$pledges_before"
{ echo "$PH"
  echo ",member,$TWIN_M,,同一文件两次,other,$TWIN_MADE,$TWIN_DUE,open,,,,,,"
  echo ",member,$TWIN_M,,同一文件两次,other,$TWIN_MADE,$TWIN_DUE,open,,,,,,"
} >"$T/pledge-twice.csv"
expect_rc "import pledges: two identical rows in one file are refused" 1 \
    "$XF" --db "$I" import pledges "$T/pledge-twice.csv"
expect_in "... naming the second row" "$T/err" "line 3: text: repeats pledge #"
expect_eq "... no pledge added" "$(count pledge)" "$pledges_before"
# A member off the roll makes no new pledge, as in the form (M9100003 was
# imported inactive above); an exported one, with its id, still comes back.
{ echo "$PH"
  echo ",member,M9100003,,离岗后的新承诺,other,2026-11-02,2026-12-31,open,,,,,,"
} >"$T/pledge-inactive.csv"
expect_rc "import pledges: a new pledge of an inactive member is refused" 1 \
    "$XF" --db "$I" import pledges "$T/pledge-inactive.csv"
expect_in "... naming the line, the field and the member" "$T/err" \
    "line 2: member_code: 张五 (M9100003) is no longer an active member"
expect_eq "... no pledge added" "$(count pledge)" "$pledges_before"
{ echo "$PH"
  echo "9900001,member,M9100003,D001,离岗前的承诺,other,2026-11-02,2026-12-31,open,,,,,,"
} >"$T/pledge-inactive-kept.csv"
expect_rc "import pledges: an exported pledge of an inactive member comes back" 0 \
    "$XF" --db "$I" import pledges "$T/pledge-inactive-kept.csv"
pledges_before=$(count pledge)
# A unit's letter: the same unit, text and day.
LU=$(sql "$I" "SELECT code FROM unit WHERE active = 1 ORDER BY code LIMIT 1")
{ echo "$PH"
  echo ",unit_target,,$LU,年度目标责任书,other,2026-01-05,2026-12-31,open,,,,,,"
} >"$T/letter.csv"
expect_rc "import pledges: a unit's letter" 0 "$XF" --db "$I" import pledges "$T/letter.csv"
LETTER_ID=$(sql "$I" "SELECT id FROM pledge WHERE text = '年度目标责任书'")
letters=$(count pledge)
expect_rc "import pledges: the same letter again is refused" 1 \
    "$XF" --db "$I" import pledges "$T/letter.csv"
expect_in "... naming the letter it repeats" "$T/err" \
    "line 2: text: repeats pledge #$LETTER_ID: unit $LU has a letter with the same text made on 2026-01-05"
expect_eq "... no pledge added" "$(count pledge)" "$letters"
# The same text another day, or by another member, is another pledge.
OTHER_M=$(sql "$I" "SELECT code FROM member WHERE active = 1 AND code <> '$TWIN_M' ORDER BY code LIMIT 1")
{ echo "$PH"
  echo ",member,$OTHER_M,,$TWIN_TEXT,other,$TWIN_MADE,$TWIN_DUE,open,,,,,,"
  echo ",member,$TWIN_M,,$TWIN_TEXT,other,2026-01-02,2026-12-31,open,,,,,,"
} >"$T/pledge-other.csv"
expect_rc "import pledges: the same text by another member or on another day is taken" 0 \
    "$XF" --db "$I" import pledges "$T/pledge-other.csv"

# Inspections: the post and the unit must agree, as for complaints.
"$XF" --db "$I" export inspections "$T/insp-all.csv" >/dev/null 2>&1
inspections_before=$(count inspection)
PU=$(sql "$I" "SELECT p.code || ',' || u.code FROM post p JOIN unit u ON u.id = p.unit_id
               WHERE u.code NOT LIKE 'D001%' ORDER BY p.code LIMIT 1")
P_CODE=$(echo "$PU" | cut -d, -f1); P_UNIT=$(echo "$PU" | cut -d, -f2)
{ head -1 "$T/insp-all.csv"
  echo "XJ-20260619-9001,unannounced,unannounced,$P_CODE,$P_UNIT,jc_wuhao,2026-06-19,0,0,公示规范,pass;pass;pass;pass;pass,pass,,,,,,,"
  echo "XJ-20260619-9002,unannounced,unannounced,$P_CODE,D001,jc_wuhao,2026-06-19,0,0,公示规范,pass;pass;pass;pass;pass,pass,,,,,,,"
} >"$T/insp-elsewhere.csv"
expect_rc "import inspections: a post outside the unit named is refused" 1 \
    "$XF" --db "$I" import inspections "$T/insp-elsewhere.csv"
expect_in "... naming the line, the field, the post and the unit" "$T/err" \
    "line 3: unit_code: post $P_CODE does not belong to unit D001"
expect_in "... and that nothing was imported" "$T/err" "nothing was imported"
expect_eq "... no inspection added" "$(count inspection)" "$inspections_before"
# The complaint's refusal is the same sentence (one shared check).
{ echo "code,received_at,source,post_code,unit_code,text,state"
  echo "TS2026-050001,2026-06-19,hotline,$P_CODE,D001,态度差,received"
} >"$T/complaint-elsewhere.csv"
expect_rc "import complaints: a post outside the unit named is refused" 1 \
    "$XF" --db "$I" import complaints "$T/complaint-elsewhere.csv"
expect_in "... with the same sentence" "$T/err" \
    "line 2: post_code: post $P_CODE does not belong to unit D001"
# A received_at written right that is no day is said to be no day.
{ echo "code,received_at,source,unit_code,text,state"
  echo "TS2026-050002,2026-02-30,hotline,D001,态度差,received"
  echo "TS2026-050003,2026-02-30 09:15:00,hotline,D001,态度差,received"
} >"$T/complaint-feb30.csv"
expect_rc "import complaints: 2026-02-30 is refused" 1 \
    "$XF" --db "$I" import complaints "$T/complaint-feb30.csv"
expect_in "... as no real date, the day said back" "$T/err" \
    "line 2: received_at: “2026-02-30” is not a real date"
expect_in "... with a time too" "$T/err" "line 3: received_at: “2026-02-30” is not a real date"
# A phone number is checked as a number an office can call, not only its
# characters: 138-0000 has 7 digits. The line, the column and the forms
# it takes are said; valid ones (a mobile, a landline with its area code,
# +86, an extension) are taken.
{ echo "code,received_at,source,unit_code,text,complainant_phone,state"
  echo "TS2026-050004,2026-06-19,hotline,D001,态度差,138-0000,received"
  echo "TS2026-050005,2026-06-19,hotline,D001,态度差,abc,received"
  echo "TS2026-050006,2026-06-19,hotline,D001,态度差,0451-123,received"
} >"$T/complaint-phone.csv"
complaints_before=$(count complaint)
expect_rc "import complaints: a phone of 7 digits is refused" 1 \
    "$XF" --db "$I" import complaints "$T/complaint-phone.csv"
expect_in "... naming the line, the column and the number" "$T/err" \
    "line 2: complainant_phone: complainant's phone 138-0000 is not a phone number"
expect_in "... and the forms a phone number takes" "$T/err" \
    "11 digits from 1 (13812345678) or a landline with its area code (0451-86123456"
expect_in "... letters still refused as letters" "$T/err" \
    "line 3: complainant_phone: complainant's phone may hold only digits"
expect_in "... a landline too short" "$T/err" "line 4: complainant_phone: complainant's phone 0451-123 is not"
expect_eq "... nothing imported" "$(count complaint)" "$complaints_before"
{ echo "code,received_at,source,unit_code,text,complainant_phone,state"
  echo "TS2026-050007,2026-06-19,hotline,D001,态度差,138 1234 5678,received"
  echo "TS2026-050008,2026-06-19,hotline,D001,态度差,+86 451 8612 3456,received"
  echo "TS2026-050009,2026-06-19,hotline,D001,态度差,0451-86123456 转 801,received"
} >"$T/complaint-phone-ok.csv"
expect_rc "import complaints: a mobile, a landline after +86, one with an extension" 0 \
    "$XF" --db "$I" import complaints "$T/complaint-phone-ok.csv"
expect_eq "... all three taken" "$(count complaint)" "$((complaints_before + 3))"
# A row without a code is told the form a code takes, in its year.
{ echo "code,received_at,source,unit_code,text,state"
  echo ",2025-12-19,hotline,D001,态度差,received"
} >"$T/complaint-nocode.csv"
expect_rc "import complaints: a row without a code is refused" 1 \
    "$XF" --db "$I" import complaints "$T/complaint-nocode.csv"
expect_in "... saying the form, in the row's year" "$T/err" \
    "line 2: code: code is required: TS, the year of receipt, '-' and 6 digits, such as TS2025-000001"
# The post's own unit, or one above it, is fine.
P_DEPT=$(echo "$P_UNIT" | cut -d- -f1)
{ head -1 "$T/insp-all.csv"
  echo "XJ-20260619-9003,unannounced,unannounced,$P_CODE,$P_DEPT,jc_wuhao,2026-06-19,0,0,公示规范,pass;pass;pass;pass;pass,pass,,,,,,,"
} >"$T/insp-above.csv"
expect_rc "import inspections: the post's department as the unit is taken" 0 \
    "$XF" --db "$I" import inspections "$T/insp-above.csv"
# An inspection code has a code's characters, as a unit's or a post's: a
# space (or a Chinese character) is refused, named by line and column; a
# full-width one typed in a Chinese input mode is folded, as every code.
inspections_before=$(count inspection)
{ head -1 "$T/insp-all.csv"
  echo "XJ 20260619 9004,unannounced,unannounced,$P_CODE,$P_UNIT,jc_wuhao,2026-06-19,0,0,公示规范,pass;pass;pass;pass;pass,pass,,,,,,,"
  echo "XJ-20260619-9005,unannounced,unannounced,$P_CODE,$P_UNIT,jc_wuhao,2026-06-19,0,0,公示规范,pass;pass;pass;pass;pass,pass,,,,,,,"
  echo "检查-9006,unannounced,unannounced,$P_CODE,$P_UNIT,jc_wuhao,2026-06-19,0,0,公示规范,pass;pass;pass;pass;pass,pass,,,,,,,"
} >"$T/insp-space.csv"
expect_rc "import inspections: a code with a space is refused" 1 \
    "$XF" --db "$I" import inspections "$T/insp-space.csv"
expect_in "... naming the line, the column and the code" "$T/err" \
    "line 2: code: 'XJ 20260619 9004' is not an inspection code"
expect_in "... saying what a code may hold" "$T/err" \
    "a code may contain only the letters A-Z and a-z, digits, '_', '.' and '-'"
expect_in "... and a Chinese character too" "$T/err" \
    "line 4: code: '检查-9006' is not an inspection code"
expect_not_in "... the good row is no mistake" "$T/err" "line 3:"
expect_in "... nothing imported" "$T/err" "nothing was imported"
expect_eq "... no inspection added" "$(count inspection)" "$inspections_before"
{ head -1 "$T/insp-all.csv"
  echo "ＸＪ-20260619-9007,unannounced,unannounced,$P_CODE,$P_UNIT,jc_wuhao,2026-06-19,0,0,公示规范,pass;pass;pass;pass;pass,pass,,,,,,,"
} >"$T/insp-fullwidth.csv"
expect_rc "import inspections: a full-width code is taken, folded" 0 \
    "$XF" --db "$I" import inspections "$T/insp-fullwidth.csv"
expect_eq "... as XJ-20260619-9007" \
    "$(sql "$I" "SELECT count(*) FROM inspection WHERE code = 'XJ-20260619-9007'")" 1

# Posts: a published or named post's notice is complete, commitments
# included, as publishing one in the interface demands.
posts_before=$(count post)
POSTH=code,unit_code,project_code,title,holder_member_code,holder_name,position,scope,hotline,commit_standard,commit_time_limit,commit_quality,commit_attitude,status,published_on,named_on,named_level,revoked_on,revoke_reason
{ echo "$POSTH"
  echo "XFG-90001,D001,,窗口先锋岗,,王芳,科员,业务受理,0451-12345,一次性告知,三日办结,零差错,微笑服务,published,2026-03-01,,,,"
  echo "XFG-90002,D001,,窗口先锋岗,,王芳,科员,业务受理,0451-12345,一次性告知,,,,published,2026-03-01,,,,"
} >"$T/post-published.csv"
expect_rc "import posts: a published post without its commitments is refused" 1 \
    "$XF" --db "$I" import posts "$T/post-published.csv"
expect_in "... naming the line, the first missing field and all that is missing" "$T/err" \
    "line 3: commit_time_limit: the public notice is incomplete: time limit, service quality, service attitude missing"
expect_in "... and that nothing was imported" "$T/err" "nothing was imported"
expect_eq "... no post added" "$(count post)" "$posts_before"
{ echo "$POSTH"
  echo "XFG-90003,D001,,窗口先锋岗,,王芳,科员,业务受理,0451-12345,一次性告知,三日办结,零差错,,named,2026-03-01,2026-06-01,市委,,"
} >"$T/post-named.csv"
expect_rc "import posts: a named post without its attitude commitment is refused" 1 \
    "$XF" --db "$I" import posts "$T/post-named.csv"
expect_in "... naming the field" "$T/err" "line 2: commit_attitude: the public notice is incomplete"
expect_eq "... no post added" "$(count post)" "$posts_before"
# Named with no evaluation yet: taken as it stands (evaluations come after
# posts in a restore); a proposed post may still lack its commitments.
{ echo "$POSTH"
  echo "XFG-90004,D001,,窗口先锋岗,,王芳,科员,业务受理,0451-12345,一次性告知,三日办结,零差错,微笑服务,named,2026-03-01,2026-06-01,市委,,"
  echo "XFG-90005,D001,,窗口先锋岗,,,,,,,,,,proposed,,,,,"
} >"$T/post-ok.csv"
expect_rc "import posts: a complete named post and a bare proposed one are taken" 0 \
    "$XF" --db "$I" import posts "$T/post-ok.csv"
# ... and check lists it for review, saying it has no evaluation at all
# (it said "any more (one was corrected to a fail)", sending people after
# a correction nobody made).
expect_rc "check with a post named without an evaluation" 0 "$XF" --db "$I" check
expect_in "... lists it, saying it has none" "$T/out" \
    "posts: warning: XFG-90004, named on 2026-06-01, has no evaluation at all"
expect_not_in "... not as a correction" "$T/out" "XFG-90004, named on 2026-06-01, has no passing"

# Files as spreadsheets leave them: headers typed with capitals and
# spaces, an emptied column without a name, rows of empty cells after the
# data (Excel keeps ",,,,,," for rows once used).
members_before=$(count member)
printf 'Code, Unit_Code ,NAME,position,is_leader,login,active,\r\nM9200001,D001,赵六,科员,0,,1,\r\nM9200002,D001,钱七,科员,0,,1,\r\n,,,,,,,\r\n , ,,,,,,\r\n' \
    >"$T/sheet.csv"
expect_rc "import members: a spreadsheet's header and empty rows" 0 \
    "$XF" --db "$I" import members "$T/sheet.csv"
expect_in "... two members, the empty rows not counted" "$T/out" "2 rows"
expect_eq "... both there" "$(sql "$I" "SELECT group_concat(name, ',') FROM (SELECT name FROM member
    WHERE code IN ('M9200001', 'M9200002') ORDER BY code)")" "赵六,钱七"
printf 'code,unit_code,name,position,is_leader,login,active,\nM9200003,D001,孙八,科员,0,,1,备注\n' \
    >"$T/unnamed.csv"
expect_rc "import members: a value under a column without a name is refused" 1 \
    "$XF" --db "$I" import members "$T/unnamed.csv"
expect_in "... naming the line and the column" "$T/err" "line 2: column 8 has no name in the header"
expect_eq "... nothing added" "$(count member)" "$((members_before + 2))"
# Excel's "Unicode Text" is UTF-16: said so, with what to save instead.
printf 'code,unit_code,name\n' | iconv -t UTF-16 >"$T/u16.csv"
expect_rc "import members: a UTF-16 file is refused" 1 "$XF" --db "$I" import members "$T/u16.csv"
expect_in "... saying what it is and what to save" "$T/err" "is UTF-16"
expect_in "... and how to save it" "$T/err" "CSV UTF-8"

# Posts: the card's holder name is the member's when a member is named, and
# what the file says happened has happened (no date after today).
posts_before=$(count post)
HM=$(sql "$I" "SELECT m.code || ',' || u.code || ',' || m.name FROM member m JOIN unit u ON u.id = m.unit_id
               WHERE m.active = 1 ORDER BY m.code LIMIT 1")
HM_CODE=$(echo "$HM" | cut -d, -f1); HM_UNIT=$(echo "$HM" | cut -d, -f2); HM_NAME=$(echo "$HM" | cut -d, -f3)
"$XF" --db "$I" export posts "$T/posts-all.csv" >/dev/null 2>&1
PHEAD=$(head -1 "$T/posts-all.csv" | tr -d '\r')
{ echo "$PHEAD"
  echo "XFG-T9001,$HM_UNIT,,测试先锋岗,$HM_CODE,某某某,科员,咨询,0451-1234567,一次告知,五日办结,满意率95%,热情,proposed,,,,,"
} >"$T/post-holder.csv"
expect_rc "import posts: a holder name that is not the member's is refused" 1 \
    "$XF" --db "$I" import posts "$T/post-holder.csv"
expect_in "... naming the member's name" "$T/err" "line 2: holder_name: member $HM_CODE is $HM_NAME, not 某某某"
{ echo "$PHEAD"
  echo "XFG-T9002,$HM_UNIT,,测试先锋岗,,李明,科员,咨询,0451-1234567,一次告知,五日办结,满意率95%,热情,published,2027-03-01,,,,"
} >"$T/post-future.csv"
expect_rc "import posts: a publication date after today is refused" 1 \
    "$XF" --db "$I" --today 2026-11-26 import posts "$T/post-future.csv"
expect_in "... naming the field" "$T/err" "line 2: published_on: 2027-03-01 is after today (2026-11-26)"
expect_eq "... no post added" "$(count post)" "$posts_before"

# Every bad row is named in one round, not only the first (a file with
# five mistakes took five rounds); the good rows around them are not kept.
printf 'code,unit_code,name,position,is_leader,login,active\nM9100041,D001,张三,科员,0,,1\nM9100042,NOPE,张四,科员,0,,1\nM9100043,D001,,科员,0,,1\nM9100044,D001,李五,科员,0,,1\nM9100045,D001,赵七,科员,2,,1\n' \
    >"$T/three-bad.csv"
members_before=$(count member)
history_before=$(count history)
expect_rc "import members: a file with three bad rows is refused" 1 \
    "$XF" --db "$I" import members "$T/three-bad.csv"
expect_in "... naming the first" "$T/err" "line 3: unit_code: there is no unit with the code 'NOPE'"
expect_in "... the second" "$T/err" "line 4: name:"
expect_in "... and the third" "$T/err" "line 6: is_leader:"
expect_in "... counting them" "$T/err" "3 rows have mistakes"
expect_eq "... no member added" "$(count member)" "$members_before"
expect_eq "... no history written" "$(count history)" "$history_before"
{
    printf 'code,unit_code,name,position,is_leader,login,active\n'
    for i in $(seq 10 39); do printf 'M91001%s,NOPE,名,科员,0,,1\n' "$i"; done
} >"$T/thirty-bad.csv"
expect_rc "import members: thirty bad rows are refused" 1 \
    "$XF" --db "$I" import members "$T/thirty-bad.csv"
expect_eq "... twenty of them shown" "$(grep -c 'unit_code: there is no unit' "$T/err")" 20
expect_in "... the count says thirty" "$T/err" "30 rows have mistakes"
expect_in "... and that the first twenty mistakes are shown" "$T/err" \
    "the first 20 of their 30 mistakes are shown above"

# A cell a spreadsheet would run as a formula (a complaint's text, a
# phone written +86) is exported with an apostrophe before it, which Excel
# hides; an import takes it off again. Plain numbers are left alone.
{ echo "code,received_at,source,unit_code,text,complainant_name,complainant_phone,state"
  echo 'TS2026-050101,2026-06-19,hotline,D001,"=HYPERLINK(""http://example.com"",""点此"")",@王五,+86 139 0000 1111,received'
} >"$T/formula.csv"
expect_rc "import complaints: cells that look like formulas are taken" 0 \
    "$XF" --db "$I" import complaints "$T/formula.csv"
expect_rc "export complaints with them" 0 "$XF" --db "$I" export complaints "$T/formula-out.csv"
expect_in "... the text guarded by an apostrophe" "$T/formula-out.csv" \
    "\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点此\"\")\",\"'@王五\",\"'+86 139 0000 1111\""
F="$T/formula.db"
"$XF" --db "$F" init >/dev/null
"$XF" --db "$I" export units "$T/formula-units.csv" >/dev/null 2>&1
"$XF" --db "$F" import units "$T/formula-units.csv" >/dev/null 2>&1
grep -e '^code' -e '^TS2026-050101' "$T/formula-out.csv" >"$T/formula-back.csv"
expect_rc "... and imported elsewhere" 0 "$XF" --db "$F" import complaints "$T/formula-back.csv"
expect_eq "... without the apostrophes" "$(sql "$F" "SELECT text || '|' || complainant_name || '|' ||
    complainant_phone FROM complaint WHERE code = 'TS2026-050101'")" \
    '=HYPERLINK("http://example.com","点此")|@王五|+86 139 0000 1111'

# Zero-width characters, which a form never lets in, are taken out of an
# import's cells: a code with one looked like another and was never found.
printf 'code,parent_code,name,kind,trade,party_org,active\nZW\342\200\213-01,,\357\273\277零宽\342\201\240字,department,,,1\n' \
    >"$T/zero-width.csv"
expect_rc "import units: cells with zero-width characters" 0 \
    "$XF" --db "$I" import units "$T/zero-width.csv"
expect_eq "... stored without them" \
    "$(sql "$I" "SELECT code || '|' || name FROM unit WHERE code LIKE 'ZW%'")" "ZW-01|零宽字"

# An endless or huge file is refused once it passes what any import needs
# (import of /dev/zero took all the server's memory).
if [ -r /dev/zero ]; then
    expect_rc "import of /dev/zero is refused" 1 "$XF" --db "$I" import units /dev/zero
    expect_in "... saying the file is too large to be an import" "$T/err" "larger than 256 MB"
fi

# A roster with its office's own Chinese column names is read as the
# English ones (it was "unknown column '编码'").
printf '编码,所属单位编码,姓名,职务,处级以上领导,登录名,在用\nM9100051,D001,钱多多,科员,否,,是\n' \
    >"$T/chinese-header.csv"
expect_rc "import members: Chinese column names" 0 \
    "$XF" --db "$I" import members "$T/chinese-header.csv"
expect_eq "... each cell in its column" \
    "$(sql "$I" "SELECT u.code || '|' || m.name || '|' || m.position || '|' || m.is_leader || '|' || m.active
                 FROM member m JOIN unit u ON u.id = m.unit_id WHERE m.code = 'M9100051'")" \
    "D001|钱多多|科员|0|1"
printf '编码,code,所属单位编码,姓名\nM9100052,M9100052,D001,孙\n' >"$T/both-header.csv"
expect_rc "import members: a column named twice, once in Chinese, is refused" 1 \
    "$XF" --db "$I" import members "$T/both-header.csv"
expect_in "... as named twice" "$T/err" "code: column appears twice in the header"
printf '编码,上级编码,名称,类型\nQZ1,D001,政务服务窗口甲,窗口\n' >"$T/chinese-values.csv"
expect_rc "import units: a kind written in words (窗口)" 0 \
    "$XF" --db "$I" import units "$T/chinese-values.csv"
expect_eq "... read as its code" "$(sql "$I" "SELECT kind FROM unit WHERE code = 'QZ1'")" "window"
# A clerk's sheet of members' pledges as Excel keeps it: its own 序号
# column, no kind column (or kind in words), a code typed in full-width
# letters, a date written 2026年12月31日 (each refused, the sheet mended).
M1=$(sql "$I" "SELECT code FROM member WHERE active = 1 ORDER BY code LIMIT 1")
M2=$(sql "$I" "SELECT code FROM member WHERE active = 1 ORDER BY code LIMIT 1 OFFSET 1")
M1FW=$(python3 -c 'import sys; print("".join(chr(ord(c) + 0xFEE0) for c in sys.argv[1]))' "$M1")
PLEDGES_BEFORE=$(count pledge)
# (numbered further than filled in: rows 3 and 4 hold their number alone)
printf '%s\n' '序号,党员编码,承诺内容,类别,承诺日期,完成期限' \
    "1,$M1FW,窗口业务当日办结,工作时限,2026/11/2,2026年12月31日" \
    "2,$M2,首问负责不推诿,服务态度,2026-11-02,2026-13-01" '3,,,,,' '4,,,,,' \
    >"$T/clerk-pledges.csv"
expect_rc "import pledges: a clerk's sheet with a bad date" 1 \
    "$XF" --db "$I" import pledges "$T/clerk-pledges.csv"
expect_in "... naming the column as the sheet heads it" "$T/err" "line 3: 完成期限 (due_on):"
expect_eq "... the first row (序号, full-width code, 年月日 date) no mistake" \
    "$(grep -c 'line 2' "$T/err")" 0
sed -i 's/2026-13-01/2026-12-31/' "$T/clerk-pledges.csv"
expect_rc "import pledges: the sheet mended" 0 "$XF" --db "$I" import pledges "$T/clerk-pledges.csv"
expect_eq "... two pledges, members' pledges, the full-width code read" \
    "$(sql "$I" "SELECT count(*) || '|' || min(p.kind) || '|' || max(p.kind) || '|' || min(p.due_on)
                 FROM pledge p JOIN member m ON m.id = p.member_id
                 WHERE p.id > (SELECT max(id) - 2 FROM pledge) AND m.code IN ('$M1', '$M2')")" \
    "2|member|member|2026-12-31"
expect_eq "... and no more" "$(count pledge)" "$((PLEDGES_BEFORE + 2))"
printf '%s\n' '党员编码,类型,承诺内容,类别,承诺日期,完成期限' \
    "$M2,党员承诺,主动服务上门办,服务质量,2026-11-03,2026-12-31" >"$T/kind-words.csv"
expect_rc "import pledges: the kind in the form's own words (党员承诺)" 0 \
    "$XF" --db "$I" import pledges "$T/kind-words.csv"
printf '编码,所属单位编码,\343\200\200姓名\343\200\200\nM9100053,D001,周全\n' >"$T/spaced-header.csv"
expect_rc "import members: a column name padded with ideographic spaces" 0 \
    "$XF" --db "$I" import members "$T/spaced-header.csv"

# Evaluations: as the form, only of a post whose notice was up. A revoked
# post keeps the quarters open for evaluation (from the first day of
# their last month) by its revocation; one revoked before its quarter's
# last month never had that quarter evaluated.
EH=post_code,quarter,deputies_score,deputies_respondents,recipients_score,recipients_respondents,public_score,public_respondents,correction_note
RV=$(sql "$I" "SELECT code || ',' || revoked_on || ',' || substr(revoked_on, 1, 4) || 'Q' ||
               ((CAST(substr(revoked_on, 6, 2) AS INTEGER) + 2) / 3)
               || ',' || substr(revoked_on, 1, 4) || '-' ||
               printf('%02d', ((CAST(substr(revoked_on, 6, 2) AS INTEGER) + 2) / 3) * 3) || '-01'
               FROM post WHERE status = 'revoked' AND CAST(substr(revoked_on, 6, 2) AS INTEGER) % 3 != 0
               ORDER BY code LIMIT 1")
RV_CODE=$(echo "$RV" | cut -d, -f1); RV_ON=$(echo "$RV" | cut -d, -f2); RV_Q=$(echo "$RV" | cut -d, -f3)
RV_OPENS=$(echo "$RV" | cut -d, -f4)
PROPOSED=$(sql "$I" "SELECT code FROM post WHERE status = 'proposed' ORDER BY code LIMIT 1")
evaluations_before=$(count evaluation)
{ echo "$EH"; echo "$RV_CODE,$RV_Q,70,10,70,10,70,10,"; } >"$T/eval-revoked.csv"
expect_rc "import evaluations: the quarter a post was revoked in is refused" 1 \
    "$XF" --db "$I" import evaluations "$T/eval-revoked.csv"
expect_in "... naming the line, the field and the revocation" "$T/err" \
    "line 2: quarter: post $RV_CODE was revoked on $RV_ON, before $RV_Q opened for evaluation ($RV_OPENS)"
expect_in "... and that nothing was imported" "$T/err" "nothing was imported"
{ echo "$EH"; echo "$PROPOSED,2026Q2,70,10,70,10,70,10,"; } >"$T/eval-proposed.csv"
expect_rc "import evaluations: a post never published is refused" 1 \
    "$XF" --db "$I" import evaluations "$T/eval-proposed.csv"
expect_in "... naming the line and the field" "$T/err" \
    "line 2: post_code: post $PROPOSED was never published"
expect_eq "... no evaluation added" "$(count evaluation)" "$evaluations_before"
# A row with several bad cells is refused with every one of them, left
# to right, every bad row said, and nothing goes in (a bad score hid the
# post code that did not exist; the file was fixed and refused again on
# the same line).
GOOD=$(sql "$I" "SELECT code FROM post WHERE status IN ('published', 'named')
                 AND published_on <= '2026-07-01' AND id NOT IN
                 (SELECT post_id FROM evaluation WHERE quarter = '2026Q3') ORDER BY code LIMIT 1")
{ echo "$EH"; echo "NOPE-1,2026Q3,ninety,10,70,10,70,10,"; echo "$GOOD,2026Q3,70,10,70,10,70,10,"
  echo "$GOOD,2026Q9,90,1.5,180,10,70,10,"; echo "$GOOD,2026Q2,90,10,180,x,70,10,"; } \
    >"$T/eval-many.csv"
expect_rc "import evaluations: rows with several bad cells are refused" 1 \
    "$XF" --db "$I" import evaluations "$T/eval-many.csv"
expect_in "... the post code first, not the score after it" "$T/err" \
    "line 2: post_code: there is no post with the code 'NOPE-1'"
expect_in "... the quarter before the respondents and the score" "$T/err" \
    "line 4: quarter: write the quarter as year, Q and 1-4"
expect_in "... a score before the respondents after it" "$T/err" \
    "line 5: recipients_score: a satisfaction score is between 0 and 100"
expect_in "... and the score after it, on the same line" "$T/err" \
    "line 2: deputies_score: 'ninety' is not a number"
expect_eq "... the post code said before the score" \
    "$(grep -n 'line 2: ' "$T/err" | head -1 | grep -c post_code)" 1
expect_not_in "... the good row is not refused" "$T/err" "line 3:"
expect_in "... and nothing was imported" "$T/err" "nothing was imported"
expect_eq "... not even the good row" "$(count evaluation)" "$evaluations_before"

# Pledges: the member who made a pledge does not verify it, named by login
# or by member code (the code was taken).
MK=$(sql "$I" "SELECT code || ',' || login || ',' || name FROM member
               WHERE active = 1 AND login IS NOT NULL ORDER BY code LIMIT 1 OFFSET 2")
MK_CODE=$(echo "$MK" | cut -d, -f1); MK_LOGIN=$(echo "$MK" | cut -d, -f2); MK_NAME=$(echo "$MK" | cut -d, -f3)
pledges_before=$(count pledge)
# ... and full-width, as a Chinese input mode types it (Ｍ0000003 passed)
MK_WIDE=$(printf '%s' "$MK_CODE" | python3 -c 'import sys; print("".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in sys.stdin.read()))')
for who in "$MK_LOGIN" "$MK_CODE" "$MK_WIDE"; do
    { echo "$PH"; echo ",member,$MK_CODE,,自己核实的承诺,other,2026-01-05,2026-06-30,kept,2026-03-01,已兑现,$who,,,"; } \
        >"$T/pledge-self.csv"
    expect_rc "import pledges: verified by its maker, named as $who, is refused" 1 \
        "$XF" --db "$I" import pledges "$T/pledge-self.csv"
    expect_in "... naming the line, the field and the maker" "$T/err" "line 2: verified_by: "
    expect_in "... as the one who made it" "$T/err" "made this pledge and cannot verify it"
done
expect_in "... by name and code when named by code" "$T/err" "$MK_NAME ($MK_CODE) made this pledge"
expect_eq "... no pledge added" "$(count pledge)" "$pledges_before"

# Each file's own code column under its natural Chinese name (党员编码 in
# a roster, 项目编码 in a list of projects, 先锋岗编码 in a list of
# posts), while in other files the same name still refers to another
# record (a post's 项目编码 is its project); and the interface's words for
# a project's category and a complaint's source, a category's label.
printf '党员编码,所属单位编码,姓名\nM9100061,D001,吴用\n' >"$T/own-code-members.csv"
expect_rc "import members: the code headed 党员编码" 0 \
    "$XF" --db "$I" import members "$T/own-code-members.csv"
expect_eq "... read as the code" "$(sql "$I" "SELECT name FROM member WHERE code = 'M9100061'")" "吴用"
printf '项目编码,项目名称,类别,主办单位编码\nXM-K-901,松花江大桥维修项目,重点项目,D001\nXM-R-901,二环路桥改造项目,路桥,D001\nXM-L-901,老旧小区改造项目,惠民项目,D001\n' \
    >"$T/own-code-projects.csv"
expect_rc "import projects: the code headed 项目编码, categories in words" 0 \
    "$XF" --db "$I" import projects "$T/own-code-projects.csv"
expect_eq "... read as the code and the categories" \
    "$(sql "$I" "SELECT group_concat(code || ':' || category, ' ') FROM (SELECT code, category
                 FROM project WHERE code LIKE 'XM-_-901' ORDER BY code)")" \
    "XM-K-901:key XM-L-901:livelihood XM-R-901:road_bridge"
{ echo '先锋岗编码,所属单位编码,项目编码,岗位名称,状态'
  echo 'XFG-91001,D001,XM-K-901,大桥维修先锋岗,拟设'
} >"$T/own-code-posts.csv"
expect_rc "import posts: the code headed 先锋岗编码, the project 项目编码" 0 \
    "$XF" --db "$I" import posts "$T/own-code-posts.csv"
expect_eq "... each in its column" "$(sql "$I" "SELECT p.title || '|' || j.code FROM post p
    JOIN project j ON j.id = p.project_id WHERE p.code = 'XFG-91001'")" "大桥维修先锋岗|XM-K-901"
{ echo 'code,received_at,source,unit_code,category,text,state'
  echo 'TS2026-050201,2026-06-19,12345,D001,服务态度,窗口人员态度生硬,received'
  echo 'TS2026-050202,2026-06-19,万人评政风,D001,time_limit,办件超期,received'
} >"$T/complaint-words.csv"
expect_rc "import complaints: source 12345 and a category by its label" 0 \
    "$XF" --db "$I" import complaints "$T/complaint-words.csv"
expect_eq "... read as their codes" "$(sql "$I" "SELECT group_concat(source || ':' || category, ' ')
    FROM (SELECT source, category FROM complaint WHERE code LIKE 'TS2026-0502__' ORDER BY code)")" \
    "hotline:attitude appraisal:time_limit"

# Import adds records and changes none: an updated roster imported again
# is refused on every row, each refusal saying so (it said only that the
# code was used by a member, as if the clerk had typed a wrong code).
"$XF" --db "$I" export members "$T/roster.csv" >/dev/null 2>&1
head -3 "$T/roster.csv" >"$T/roster-again.csv"
R1=$(sed -n 2p "$T/roster.csv" | cut -d, -f1,3)
members_before=$(count member)
expect_rc "import members: a roster imported again is refused" 1 \
    "$XF" --db "$I" import members "$T/roster-again.csv"
expect_in "... saying import only adds records and where to change them" "$T/err" \
    "line 2: code: the code ${R1%,*} is already used by ${R1#*,}; import adds new records only, existing ones are changed in the interface"
expect_eq "... on each row" "$(grep -c 'import adds new records only' "$T/err")" 2
expect_eq "... no member added" "$(count member)" "$members_before"
"$XF" --db "$I" export complaints "$T/complaints-all.csv" >/dev/null 2>&1
head -2 "$T/complaints-all.csv" >"$T/complaints-again.csv"
C1=$(sed -n 2p "$T/complaints-all.csv" | cut -d, -f1)
expect_rc "import complaints: one imported again is refused" 1 \
    "$XF" --db "$I" import complaints "$T/complaints-again.csv"
expect_in "... saying the same" "$T/err" \
    "line 2: code: $C1 is already in the database; import adds new records only, existing ones are changed in the interface"

# Codes that differ in case alone name one record to a reader (history,
# search and people find either by the other): a project, post or unit
# coded xm-k-901 beside XM-K-901 is refused.
printf '项目编码,项目名称,类别,主办单位编码\nxm-k-901,另一个项目,重点项目,D001\n' >"$T/case-twin-project.csv"
expect_rc "import projects: a code differing in case alone is refused" 1 \
    "$XF" --db "$I" import projects "$T/case-twin-project.csv"
expect_in "... naming the code it repeats" "$T/err" \
    "the code xm-k-901 differs only in upper and lower case from XM-K-901"
M_TWIN=$(sql "$I" "SELECT code FROM member ORDER BY code LIMIT 1")
M_LOWER=$(printf '%s' "$M_TWIN" | tr 'A-Z' 'a-z')
printf 'code,unit_code,name\n%s,D001,另一党员\n' "$M_LOWER" >"$T/case-twin-member.csv"
expect_rc "import members: a code differing in case alone is refused" 1 \
    "$XF" --db "$I" import members "$T/case-twin-member.csv"
expect_in "... naming the member code it repeats" "$T/err" \
    "the code $M_LOWER differs only in upper and lower case from $M_TWIN"
printf 'code,unit_code,title,status\nxfg-91001,D001,另一先锋岗,proposed\n' >"$T/case-twin-post.csv"
expect_rc "import posts: a code differing in case alone is refused" 1 \
    "$XF" --db "$I" import posts "$T/case-twin-post.csv"
expect_in "... naming it" "$T/err" "from XFG-91001"
printf 'code,parent_code,name,kind\nd001-01,D001,另一单位,office\n' >"$T/case-twin-unit.csv"
expect_rc "import units: a code differing in case alone is refused" 1 \
    "$XF" --db "$I" import units "$T/case-twin-unit.csv"
expect_in "... naming it" "$T/err" "from D001-01"

# In a list of units, the unit each belongs to (所属单位编码) is its parent
# (it was refused as an unknown column).
printf '单位编码,所属单位编码,单位名称,类型\nQ88,,某县政务服务中心,单位\nQ88-01,Q88,综合窗口,窗口\n' \
    >"$T/belongs-units.csv"
expect_rc "import units: 所属单位编码 is the parent" 0 "$XF" --db "$I" import units "$T/belongs-units.csv"
expect_eq "... the window under its centre" \
    "$(sql "$I" "SELECT p.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.code = 'Q88-01'")" "Q88"

# Who verified or entered a record is a login, and an exported file goes
# back to a terminal: an escape sequence there is refused like anywhere
# else (it went in, and `export pledges` then cleared the screen).
pledges_before=$(count pledge)
{ echo "$PH"
  printf ',member,%s,,核实人带控制符,other,2026-01-05,2026-12-31,kept,2026-02-01,已兑现,"\033[2Jx",,,\n' "$OTHER_M"
  printf ',member,%s,,录入人带控制符,other,2026-01-05,2026-12-31,open,,,,,,"\033[41mC"\n' "$OTHER_M"
} >"$T/pledge-esc-login.csv"
expect_rc "import pledges: an escape sequence in verified_by or created_by is refused" 1 \
    "$XF" --db "$I" import pledges "$T/pledge-esc-login.csv"
expect_in "... naming verified_by and its line" "$T/err" \
    "line 2: verified_by: character 1 is U+001B, a control character (the escape that starts a terminal escape sequence)"
expect_in "... naming created_by and its line" "$T/err" \
    "line 3: created_by: character 1 is U+001B, a control character"
expect_eq "... no pledge added" "$(count pledge)" "$pledges_before"
"$XF" --db "$I" export inspections >"$T/insp-all.csv" 2>/dev/null
VLINE=$(awk -F, 'NR > 1 && !/"/ && $14 == "verified" && $17 != "" { print; exit }' "$T/insp-all.csv")
if [ -z "$VLINE" ]; then
    bad "import inspections: the demo has a verified rectification to edit"
else
    VCODE=$(echo "$VLINE" | cut -d, -f1)
    { head -1 "$T/insp-all.csv"
      echo "$VLINE" | awk -F, -v OFS=, -v e="$(printf '\033]0;x\007')" \
          '{ $1 = $1 "-ESC"; $17 = e; print }'
    } >"$T/insp-esc-verifier.csv"
    expect_rc "import inspections: an escape sequence in rect_verified_by is refused" 1 \
        "$XF" --db "$I" import inspections "$T/insp-esc-verifier.csv"
    expect_in "... naming rect_verified_by and its line" "$T/err" \
        "line 2: rect_verified_by: character 1 is U+001B, a control character"
    expect_eq "... no inspection added" \
        "$(sql "$I" "SELECT count(*) FROM inspection WHERE code = '$VCODE-ESC'")" 0
fi

# A closed complaint's on-time flag is what its dates say, as closing
# decides it: the on-time rates are counted from it (a reply five months
# late went in "on time"). A deadline is not before what starts its clock.
"$XF" --db "$I" export complaints >"$T/compl-all.csv" 2>/dev/null
# edit_complaint OUT FIELD=VALUE...: the first closed complaint that was
# late (closed_on_time 0) as a new one (its code changed), with FIELDs set
edit_complaint() {
    out=$1; shift
    python3 - "$T/compl-all.csv" "$out" "$@" <<'PY'
import csv, sys
src, out, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = list(csv.DictReader(open(src, encoding="utf-8-sig", newline="")))
row = next(r for r in rows if r["state"] == "closed" and r["closed_on_time"] == "0"
           and r["replied_at"] > r["reply_due"] and not r["merged_into_code"])
row["code"] = row["code"][:-4] + "9" + row["code"][-3:]
for s in sets:
    k, v = s.split("=", 1)
    row[k] = v
w = csv.DictWriter(open(out, "w", encoding="utf-8", newline=""), fieldnames=list(rows[0].keys()))
w.writeheader()
w.writerow(row)
print(row["code"])
PY
}
complaints_before=$(count complaint)
LATE=$(edit_complaint "$T/late-on-time.csv" closed_on_time=1)
expect_rc "fixture: a late closed complaint, marked on time" 0 test -n "$LATE"
expect_rc "import complaints: a late reply marked closed on time is refused" 1 \
    "$XF" --db "$I" import complaints "$T/late-on-time.csv"
expect_in "... naming closed_on_time, the dates and what to write" "$T/err" \
    "line 2: closed_on_time: closed_on_time is 1, but it was signed for on"
expect_in "... which says late" "$T/err" "late; write 0"
expect_eq "... no complaint added" "$(count complaint)" "$complaints_before"
edit_complaint "$T/sign-due-early.csv" sign_due=2020-01-01 >/dev/null
expect_rc "import complaints: a sign-for deadline before the dispatch is refused" 1 \
    "$XF" --db "$I" import complaints "$T/sign-due-early.csv"
expect_in "... naming sign_due" "$T/err" "line 2: sign_due: sign_due 2020-01-01 is before the dispatch"
edit_complaint "$T/reply-due-early.csv" reply_due=2020-01-02 >/dev/null
expect_rc "import complaints: a reply deadline before the signing is refused" 1 \
    "$XF" --db "$I" import complaints "$T/reply-due-early.csv"
expect_in "... naming reply_due" "$T/err" "line 2: reply_due: reply_due 2020-01-02 is before it was signed for"
expect_eq "... no complaint added" "$(count complaint)" "$complaints_before"
edit_complaint "$T/late-as-late.csv" >/dev/null
expect_rc "import complaints: the same complaint, late and marked so, goes in" 0 \
    "$XF" --db "$I" import complaints "$T/late-as-late.csv"
# A deadline moved later after it had passed (missed_due, 逾期后延期)
# makes a complaint late whatever its dates: marked on time it is refused,
# saying so; marked late it goes in, the missed deadline kept and exported.
extended_on_time() {
    python3 - "$T/compl-all.csv" "$1" "$2" <<'PY'
import csv, sys
src, out, flag = sys.argv[1], sys.argv[2], sys.argv[3]
rows = list(csv.DictReader(open(src, encoding="utf-8-sig", newline="")))
row = next(r for r in rows if r["state"] == "closed" and r["closed_on_time"] == "1"
           and not r["merged_into_code"])
row["code"] = row["code"][:-4] + "8" + row["code"][-3:]
row["missed_due"] = row["sign_due"]
row["closed_on_time"] = flag
w = csv.DictWriter(open(out, "w", encoding="utf-8", newline=""), fieldnames=list(rows[0].keys()))
w.writeheader()
w.writerow(row)
print(row["code"] + "," + row["missed_due"])
PY
}
EXT=$(extended_on_time "$T/ext-on-time.csv" 1)
expect_rc "fixture: a closed complaint extended after its deadline, marked on time" 0 test -n "$EXT"
expect_rc "import complaints: extended after overdue and marked on time is refused" 1 \
    "$XF" --db "$I" import complaints "$T/ext-on-time.csv"
expect_in "... naming closed_on_time and the deadline missed" "$T/err" \
    "line 2: closed_on_time: closed_on_time is 1, but its deadline ${EXT#*,} was moved later after it had passed"
extended_on_time "$T/ext-late.csv" 0 >/dev/null
expect_rc "import complaints: ... marked late, it goes in" 0 \
    "$XF" --db "$I" import complaints "$T/ext-late.csv"
expect_eq "... the deadline it missed kept" \
    "$(sql "$I" "SELECT missed_due || ',' || closed_on_time FROM complaint WHERE code = '${EXT%,*}'")" \
    "${EXT#*,},0"
"$XF" --db "$I" export complaints 2>/dev/null | tr -d '\r' >"$T/compl-ext.csv"
expect_rc "... and exported (missed_due, last)" 0 \
    grep -q "^${EXT%,*},.*,${EXT#*,}\$" "$T/compl-ext.csv"

# Dates as a Chinese input mode types them (full-width digits) and as a
# spreadsheet writes a date cell (with midnight) are the day; another
# time in a day's column is refused, the value said back.
{ echo "$PH"
  echo ",member,$OTHER_M,,全角日期的承诺,other,２０２６－０１－０５,2026/12/31 0:00,open,,,,,,"
  echo ",member,$OTHER_M,,带零点的日期,other,2026-01-06 00:00:00,2026-12-30,open,,,,,,"
} >"$T/pledge-wide-dates.csv"
expect_rc "import pledges: full-width digits and a midnight time are the day" 0 \
    "$XF" --db "$I" import pledges "$T/pledge-wide-dates.csv"
expect_eq "... stored as days" "$(sql "$I" "SELECT made_on || '|' || due_on FROM pledge
    WHERE text IN ('全角日期的承诺', '带零点的日期') ORDER BY made_on")" \
    "2026-01-05|2026-12-31
2026-01-06|2026-12-30"
{ echo "$PH"
  echo ",member,$OTHER_M,,带时间的日期,other,2026-01-07,2026-12-31 10:30:00,open,,,,,,"
  echo ",member,$OTHER_M,,全角的错日期,other,２０２６－１３－０５,2026-12-31,open,,,,,,"
} >"$T/pledge-bad-dates.csv"
expect_rc "import pledges: a time of day in a day's column is refused" 1 \
    "$XF" --db "$I" import pledges "$T/pledge-bad-dates.csv"
expect_in "... naming due_on and saying the value" "$T/err" \
    "line 2: due_on: “2026-12-31 10:30:00” is not a real date"
expect_in "... a full-width wrong date said back too" "$T/err" \
    "line 3: made_on: “2026-13-05” is not a real date"

# Mistakes are told in the file's order: a row put off until the rows
# after it were read (its parent might come later) was told after them.
printf 'code,parent_code,name,kind\nQ96-01,Q96,无此上级的窗口,window\nQ95,,某单位,nonsense\nQ94,,,department\n' \
    >"$T/order-units.csv"
expect_rc "import units: three bad rows" 1 "$XF" --db "$I" import units "$T/order-units.csv"
expect_eq "... told by line: 2, 3, 4" \
    "$(grep -oE 'line [0-9]+' "$T/err" | tr '\n' ' ')" "line 2 line 3 line 4 "

# A list of posts headed as the sign reads (姓名, 职务): the holder's name
# (姓名 was refused as an unknown column in a list of posts).
printf '编码,单位编码,岗位名称,姓名,职务\nXFG-93001,D001,咨询服务先锋岗,刘晓红,科员\n' >"$T/sign-words.csv"
expect_rc "import posts: 姓名 is the holder's name" 0 "$XF" --db "$I" import posts "$T/sign-words.csv"
expect_eq "... stored as the holder" \
    "$(sql "$I" "SELECT holder_name || '|' || position FROM post WHERE code = 'XFG-93001'")" "刘晓红|科员"

# A new office's first files (a district adopting xianfeng from nothing).
# A comma typed at the end of one line: "7 fields where the header has 6"
# did not tell the clerk which field was too many.
printf 'code,parent_code,name,kind\r\nOF1,,区政府,department,\r\nOF1-01,OF1,综合窗口,window\r\nOF1-01-1,OF1-01,一号窗,window\r\n' \
    >"$T/office-units.csv"
expect_rc "import units: a trailing comma is refused" 1 \
    "$XF" --db "$I" import units "$T/office-units.csv"
expect_in "... saying the extra field is empty and to delete the comma" "$T/err" \
    "line 2: 5 fields where the header has 4: the row ends in an empty field; delete the comma at the end of the line"
# The rows below the refused one were told "there is no unit with the code
# 'OF1' ... nor one in this file", while OF1 stood on line 2.
expect_in "... a row under it names the refused line" "$T/err" \
    "line 3: parent_code: OF1 is on line 2 of this file, which has a mistake of its own"
expect_in "... and one two levels under it the line above it" "$T/err" \
    "line 4: parent_code: OF1-01 is on line 3 of this file, which has a mistake of its own"
expect_eq "... nothing imported" "$(sql "$I" "SELECT count(*) FROM unit WHERE code LIKE 'OF1%'")" 0
# A parent named nowhere keeps its own message.
printf 'code,parent_code,name,kind\nOF2,OF9,某窗口,window\n' >"$T/office-orphan.csv"
expect_rc "import units: an unknown parent" 1 "$XF" --db "$I" import units "$T/office-orphan.csv"
expect_in "... says there is none" "$T/err" "there is no unit with the code 'OF9'"

# 2026-02-30 is written YYYY-MM-DD: the message says which month is short.
printf 'code,unit_code,title,status,published_on\nOFG-1,D001,综合受理先锋岗,published,2026-02-30\n' \
    >"$T/office-posts.csv"
expect_rc "import posts: a day the month lacks" 1 "$XF" --db "$I" import posts "$T/office-posts.csv"
expect_in "... says the month has 28 days" "$T/err" \
    "line 2: published_on: “2026-02-30” is not a real date: 2026-02 has only 28 days"

# The workbook chosen instead of the CSV saved from it: "contains a NUL
# byte" told the clerk nothing.
printf 'PK\003\004\024\000\006\000\010\000\000\000!\000' >"$T/office-units.xlsx"
expect_rc "import units: an .xlsx workbook is refused" 1 \
    "$XF" --db "$I" import units "$T/office-units.xlsx"
expect_in "... saying it is a workbook and to save it as CSV" "$T/err" \
    "the file is a spreadsheet workbook (.xlsx or .xls), not CSV; save it as \"CSV UTF-8 (Comma delimited)\""
printf '\320\317\021\340\241\261\032\341\000\000\000\000' >"$T/office-units.xls"
expect_rc "import units: an .xls workbook is refused" 1 \
    "$XF" --db "$I" import units "$T/office-units.xls"
expect_in "... the same way" "$T/err" "the file is a spreadsheet workbook"

# A list of complaints from the 12345 system, headed in Chinese without a
# 状态 column: complaints just received, taken as such (it was refused).
printf '编号,受理时间,来源,单位编码,投诉内容\nTS2026-060101,2026-11-03 09:05,12345,D001,窗口态度生硬\n' \
    >"$T/office-complaints.csv"
expect_rc "import complaints without a state column" 0 \
    "$XF" --db "$I" import complaints "$T/office-complaints.csv"
expect_eq "... taken as received" \
    "$(sql "$I" "SELECT state FROM complaint WHERE code = 'TS2026-060101'")" "received"
# A row further on than receipt (dispatched) still needs its state: the
# refusal says what to add, by the row's line; a blank cell there is not
# further on.
printf 'code,received_at,source,unit_code,text,dispatched_at\nTS2026-060102,2026-11-03 09:05,hotline,D001,窗口态度生硬,\nTS2026-060103,2026-11-03 09:05,hotline,D001,窗口态度生硬,2026-11-03 10:00:00\n' \
    >"$T/office-dispatched.csv"
expect_rc "import complaints dispatched without a state column" 1 \
    "$XF" --db "$I" import complaints "$T/office-dispatched.csv"
expect_in "... says to add a column headed state or 状态" "$T/err" \
    "line 3: state: required column is missing from the header; add a column headed state or 状态"
expect_not_in "... only for the dispatched row" "$T/err" "line 2:"
expect_eq "... nothing imported" \
    "$(sql "$I" "SELECT count(*) FROM complaint WHERE code IN ('TS2026-060102', 'TS2026-060103')")" 0
# With it, written as the reports write a state (受理, 已办结 were refused
# as "not one of: received, …"), and the source 热线, the kind 投诉.
printf '编号,受理时间,来源,类型,单位编码,投诉内容,状态\nTS2026-060001,2026-11-03 09:05,热线,投诉,D001,窗口态度生硬,受理\n' \
    >"$T/office-complaints.csv"
expect_rc "import complaints: 状态 受理, 来源 热线, 类型 投诉" 0 \
    "$XF" --db "$I" import complaints "$T/office-complaints.csv"
expect_eq "... read as received, hotline, complaint" \
    "$(sql "$I" "SELECT state || '|' || source || '|' || kind FROM complaint WHERE code = 'TS2026-060001'")" \
    "received|hotline|complaint"

# A date column formatted "General" in the spreadsheet saves its day
# numbers: said as such, with the day it most likely is.
printf 'code,unit_code,title,status,published_on\nOFG-2,D001,综合受理先锋岗,published,46082\n' \
    >"$T/office-serial.csv"
expect_rc "import posts: a spreadsheet's day number for a date" 1 \
    "$XF" --db "$I" import posts "$T/office-serial.csv"
expect_in "... said as one, with its day" "$T/err" \
    "line 2: published_on: “46082” is a spreadsheet's day number (2026-03-01?), not a date"

# A pledge kept, in a file headed in Chinese with no 兑现日期 column: the
# refusal names the column as that file would head it (it said only
# "kept_on", a column the clerk's file does not have).
KEPT_MEMBER=$(sql "$I" "SELECT code FROM member WHERE active = 1 ORDER BY code LIMIT 1")
printf '党员编码,承诺内容,类别,承诺日期,完成期限,状态\n%s,企业开办一个工作日内办结,工作时限,2026-03-01,2026-12-31,已兑现\n' \
    "$KEPT_MEMBER" >"$T/office-kept.csv"
expect_rc "import pledges: kept, with no column for the day" 1 \
    "$XF" --db "$I" import pledges "$T/office-kept.csv"
expect_in "... names the column by its Chinese heading" "$T/err" \
    "line 2: 兑现日期 (kept_on): a kept pledge needs the day it was kept"
# ... and in Chinese with full-width brackets, as Chinese text writes them
# (it read "兑现日期 (kept_on)").
expect_rc "import pledges in Chinese: kept, with no column for the day" 1 \
    env LANG=C.UTF-8 LANGUAGE=zh_CN "$XF" --db "$I" import pledges "$T/office-kept.csv"
expect_in "... names the column with （）" "$T/err" "兑现日期（kept_on）"

# A pledge the list shows as kept late (逾期兑现), in a sheet made from
# the list: read as kept, as 已兑现 is.
printf '党员编码,承诺内容,类别,承诺日期,完成期限,状态,兑现日期,兑现情况,核实人\n%s,企业开办逾期办结,工作时限,2026-03-01,2026-04-30,逾期兑现,2026-05-10,已办结,%s\n' \
    "$KEPT_MEMBER" "$MK_LOGIN" >"$T/office-kept-late.csv"
expect_rc "import pledges: 逾期兑现, the list's word for kept late" 0 \
    "$XF" --db "$I" import pledges "$T/office-kept-late.csv"
expect_eq "... read as kept, on its day" \
    "$(sql "$I" "SELECT status || '|' || kept_on FROM pledge WHERE text = '企业开办逾期办结'")" \
    "kept|2026-05-10"

# A unit kind it does not know is quoted, as other values are.
printf 'code,parent_code,name,kind\nX91,D001,测试科,科室\n' >"$T/office-kind.csv"
expect_rc "import units: a kind it does not know" 1 \
    "$XF" --db "$I" import units "$T/office-kind.csv"
expect_in "... quotes it" "$T/err" \
    "line 2: kind: the kind must be department, office, outlet or window, not '科室'"

# A complaint's code is one the program could have given it: TS, the year
# of receipt, six digits, within reach of the year's register (codes such
# as X1, a formula, TS2030-… received in 2026 and a code in small letters
# beside its capitals went in).
printf 'code,received_at,source,kind,unit_code,text,state\nX1,2026-11-20 10:00:00,hotline,complaint,D001,编码随意,received\n"=cmd|'"'"' /C calc'"'"'!A0",2026-11-20 10:00:00,hotline,complaint,D001,公式,received\nTS2030-000001,2026-11-20 10:00:00,hotline,complaint,D001,年份不符,received\nts2026-000400,2026-11-20 10:00:00,hotline,complaint,D001,小写,received\nTS2026-999999,2026-11-20 10:00:00,hotline,complaint,D001,最大编号,received\n' \
    >"$T/complaint-codes.csv"
complaints_before=$(count complaint)
expect_rc "import complaints: codes not in the complaint format are refused" 1 \
    "$XF" --db "$I" --today 2026-11-28 import complaints "$T/complaint-codes.csv"
expect_in "... a code of another form, by line and field" "$T/err" \
    "line 2: code: 'X1' is not a complaint code: a complaint code is TS, the year of receipt, '-' and 6 digits, such as TS2026-000123"
expect_in "... a formula" "$T/err" "line 3: code: '=cmd|' /C calc'!A0' is not a complaint code"
expect_in "... another year's" "$T/err" \
    "line 4: code: TS2030-000001 is numbered in 2030, but the complaint was received in 2026"
expect_in "... small letters" "$T/err" "line 5: code: 'ts2026-000400' is not a complaint code: a complaint code is TS in capitals"
expect_in "... a number far beyond the year's register" "$T/err" \
    "line 6: code: TS2026-999999 is"
expect_eq "... nothing imported" "$(count complaint)" "$complaints_before"
zh_env() { env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=zh_CN "$@"; }
expect_rc "... in Chinese too" 1 \
    zh_env "$XF" --db "$I" --today 2026-11-28 import complaints "$T/complaint-codes.csv"
expect_in "... naming line and field" "$T/err" "第 4 行：code：TS2030-000001 的编号年份是 2030"

# An invisible character is named, with its place and the words before it
# ("text: text contains control characters" left the clerk nothing to
# look for).
printf 'code,received_at,source,kind,unit_code,text,complainant_name,state\nTS2026-000400,2026-11-20 10:00:00,hotline,complaint,D001,abc\342\200\256evil 多行,张三,received\n' \
    >"$T/complaint-bidi.csv"
expect_rc "import complaints: a bidi override in the text is refused" 1 \
    "$XF" --db "$I" --today 2026-11-28 import complaints "$T/complaint-bidi.csv"
expect_in "... naming the character and where it is" "$T/err" \
    "line 2: text: character 4 is U+202E, an invisible control character that changes the direction of the text; delete it and try again (it comes after “abc”)"

# A roster's 状态 (在职, 离职) is whether the member is active, and 是否领导
# is is_leader (both were unknown columns, though the README names 状态);
# an unknown column's refusal lists the headings the kind takes.
printf '党员编码,所属单位编码,姓名,职务,是否领导,状态\nM9100901,D001,李明,科员,否,在职\nM9100902,D001,张三,科长,是,离职\n' \
    >"$T/roster-status.csv"
expect_rc "import members: 状态 and 是否领导 are read" 0 \
    "$XF" --db "$I" import members "$T/roster-status.csv"
expect_eq "... as active and is_leader" "$(sql "$I" "SELECT group_concat(code || ':' || is_leader || active, ' ')
    FROM (SELECT * FROM member WHERE code IN ('M9100901', 'M9100902') ORDER BY code)")" \
    "M9100901:01 M9100902:10"
printf '党员编码,所属单位编码,名字\nM9100903,D001,王五\n' >"$T/roster-unknown.csv"
expect_rc "import members: an unknown column" 1 "$XF" --db "$I" import members "$T/roster-unknown.csv"
expect_in "... lists the columns with their Chinese headings" "$T/err" \
    "line 1: unknown column '名字' for members; its columns are code/党员编码, unit_code/单位编码, name/名称, position/职务, is_leader/处级以上领导, login/登录名, active/在用"

# An answer date in 2027 with only 2026's holidays listed: check names the
# year the deadlines fall in (it said "calendar: ok" until December).
CAL="$T/calendar.db"
cp "$I" "$CAL"
printf 'code,received_at,source,kind,unit_code,text,state,answer_due\nTS2026-000410,2026-11-20 10:00:00,hotline,complaint,D001,年后答复,received,2027-01-05\nTS2026-000411,2026-11-20 10:00:00,hotline,complaint,D001,后年答复,received,2028-03-01\n' \
    >"$T/due-2027.csv"
expect_rc "import complaints with answer dates in 2027 and 2028" 0 \
    "$XF" --db "$CAL" --today 2026-11-27 import complaints "$T/due-2027.csv"
expect_rc "check with deadlines in years without holidays" 0 \
    "$XF" --db "$CAL" --today 2026-11-27 check
expect_in "... names those years" "$T/out" \
    "calendar: warning: no public holidays are listed for 2027, 2028, where deadlines of open complaints fall"
expect_not_in "... and does not say the calendar is fine" "$T/out" "calendar: ok"
expect_rc "check in December" 0 "$XF" --db "$CAL" --today 2026-12-15 check
expect_in "... says next year's as before" "$T/out" "listed yet for 2027, 17 days from now"
expect_in "... and the year after, as a deadline falls in it" "$T/out" \
    "no public holidays are listed for 2028, where deadlines"
expect_rc "check without such deadlines" 0 "$XF" --db "$I" --today 2026-11-27 check
expect_in "... says the calendar is fine" "$T/out" "calendar: ok (public holidays listed for 2026)"

# Every column a complaint's state needs is named at once (a file lacking
# lead_unit_code and sign_due was mended in one run per column).
printf 'code,received_at,source,kind,unit_code,category,text,state,lead_unit_code,dispatched_at\nTS2026-000420,2026-11-20 10:00:00,hotline,complaint,D001,attitude,缺多列,dispatched,,2026-11-20 11:00:00\n' \
    >"$T/needs-two.csv"
expect_rc "import complaints: a dispatched one without lead unit and sign-for deadline" 1 \
    "$XF" --db "$I" --today 2026-11-28 import complaints "$T/needs-two.csv"
expect_in "... names both in one message" "$T/err" \
    "line 2: lead_unit_code: a complaint in state dispatched needs lead_unit_code, sign_due"

# Every independent mistake of a row is said at once, each on its own
# line with the row's line and column: a clerk mended line 2's evidence,
# ran the import again, and only then learnt that its verifier was
# missing too. A check needing a valid cell (a withdrawal date against a
# status that is no status) still waits for it.
ALL_M=$(sql "$I" "SELECT code FROM member WHERE active = 1 AND is_leader = 0 ORDER BY code LIMIT 1")
{ echo "$PH"
  echo ",member,$ALL_M,,按时办结,other,2026-10-01,2026-12-01,kept,2026-11-01,,,,,"
  echo ",member,NOPE,,,colour,2026-02-30,2026-12-01,open,,,,,,"
  echo ",boss,$ALL_M,,窗口提速,other,2026-10-01,tomorrow,maybe,,,,2026-11-01,,"
} >"$T/pledge-all.csv"
pledges_before=$(count pledge)
expect_rc "import pledges: rows with several mistakes each are refused" 1 \
    "$XF" --db "$I" import pledges "$T/pledge-all.csv"
expect_in "... a kept pledge's missing evidence" "$T/err" \
    "line 2: evidence: evidence is required"
expect_in "... and its missing verifier, in the same run" "$T/err" \
    "line 2: verified_by: the verifier is required"
expect_in "... an unknown member" "$T/err" "line 3: member_code: no member with code 'NOPE'"
expect_in "... the text left empty" "$T/err" "line 3: text: text is required"
expect_in "... a category not listed" "$T/err" "line 3: category: category must be standard"
expect_in "... and a day that does not exist" "$T/err" \
    "line 3: made_on: “2026-02-30” is not a real date"
expect_in "... a kind not listed" "$T/err" "line 4: kind: kind must be member"
expect_in "... a due date that is no date" "$T/err" "line 4: due_on:"
expect_in "... and a status not listed" "$T/err" "line 4: status: status must be open"
expect_not_in "... not the withdrawal date, which needs a valid status" "$T/err" "withdrawn_on"
expect_eq "... each mistake on a line of its own" "$(grep -c ': line [234]: ' "$T/err")" 9
expect_in "... the rows counted" "$T/err" "3 rows have mistakes"
expect_eq "... no pledge added" "$(count pledge)" "$pledges_before"
printf 'code,unit_code,name,position,is_leader,login,active\nM91 0051,NOPE,张三,科员,2,,1\nM9100052,D001,,科员,0,bad login!,maybe\n' \
    >"$T/members-all.csv"
members_before=$(count member)
expect_rc "import members: rows with three mistakes each are refused" 1 \
    "$XF" --db "$I" import members "$T/members-all.csv"
expect_in "... a code with a space" "$T/err" "line 2: code: a code may contain only"
expect_in "... an unknown unit" "$T/err" "line 2: unit_code: there is no unit with the code 'NOPE'"
expect_in "... a leader flag that is no flag" "$T/err" "line 2: is_leader: '2' is not a yes/no value"
expect_in "... a name left empty" "$T/err" "line 3: name: name is required"
expect_in "... a login with a space and a '!'" "$T/err" "line 3: login: a login may contain only"
expect_in "... an active flag that is no flag" "$T/err" "line 3: active: 'maybe' is not a yes/no"
expect_eq "... no member added" "$(count member)" "$members_before"
printf 'code,received_at,source,kind,unit_code,text,state\nTS2026-050201,2026-02-30,telepathy,complaint,NOPE,,received\nTS2026-050202,2026-06-19,hotline,rant,D001,态度差,flying\n' \
    >"$T/complaints-all.csv"
complaints_before=$(count complaint)
expect_rc "import complaints: rows with several mistakes each are refused" 1 \
    "$XF" --db "$I" import complaints "$T/complaints-all.csv"
expect_in "... a received day that does not exist" "$T/err" \
    "line 2: received_at: “2026-02-30” is not a real date"
expect_in "... a source not listed" "$T/err" "line 2: source: source must be hotline"
expect_in "... an unknown unit" "$T/err" "line 2: unit_code: there is no unit with the code NOPE"
expect_in "... the text left empty" "$T/err" "line 2: text: text is required"
expect_in "... a kind not listed" "$T/err" "line 3: kind: kind must be complaint or suggestion"
expect_in "... and a state not listed" "$T/err" "line 3: state: 'flying' is not one of"
expect_eq "... no complaint added" "$(count complaint)" "$complaints_before"
# The same in Chinese, as a Chinese clerk reads them.
zh_all() { env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=zh_CN "$@"; }
expect_rc "zh: import pledges with several mistakes a row" 1 \
    zh_all "$XF" --db "$I" import pledges "$T/pledge-all.csv"
expect_in "zh: ... the evidence" "$T/err" "第 2 行：evidence：兑现依据为必填项"
expect_in "zh: ... and the verifier of the same row" "$T/err" "第 2 行：verified_by：必须填写验证人"
expect_in "zh: ... the unknown member" "$T/err" "第 3 行：member_code：没有代码为“NOPE”的党员"
expect_in "zh: ... and the day that does not exist" "$T/err" \
    "第 3 行：made_on：“2026-02-30”不是真实存在的日期"
expect_in "zh: ... the rows counted" "$T/err" "3 行有错误"
expect_rc "zh: import members with three mistakes a row" 1 \
    zh_all "$XF" --db "$I" import members "$T/members-all.csv"
expect_in "zh: ... the unknown unit" "$T/err" "第 2 行：unit_code：没有代码为“NOPE”的单位"
expect_in "zh: ... and the leader flag of the same row" "$T/err" "第 2 行：is_leader：“2”不是是/否值"
expect_in "zh: ... the empty name" "$T/err" "第 3 行：name：姓名为必填项"
expect_in "zh: ... and the active flag of the same row" "$T/err" "第 3 行：active：“maybe”不是是/否值"
expect_rc "zh: import complaints with several mistakes a row" 1 \
    zh_all "$XF" --db "$I" import complaints "$T/complaints-all.csv"
expect_in "zh: ... the source" "$T/err" "第 2 行：source：来源须为"
expect_in "zh: ... and the empty text of the same row" "$T/err" "第 2 行：text：内容为必填项"
expect_in "zh: ... the kind" "$T/err" "第 3 行：kind：类型须为 投诉 或 意见建议"
expect_in "zh: ... and the state of the same row" "$T/err" "第 3 行：state：“flying”不是以下之一"
# Twenty shown are twenty mistakes, however many rows they are on.
{ echo "$PH"
  for i in $(seq 1 8); do echo ",member,NOPE,,,colour,2026-02-30,2026-12-01,open,,,,,,"; done
} >"$T/pledge-many.csv"
expect_rc "import pledges: eight rows of four mistakes" 1 \
    "$XF" --db "$I" import pledges "$T/pledge-many.csv"
expect_eq "... twenty mistakes shown" "$(grep -c ': line [0-9]*: ' "$T/err")" 20
expect_in "... the rows counted" "$T/err" "8 rows have mistakes"
expect_in "... and the mistakes" "$T/err" "the first 20 of their 32 mistakes are shown above"
