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
