# Sourced by run.sh with lib.sh loaded: hostile text in every input path
# (CSV import of every kind, the config file, typed and pasted keys,
# command-line arguments) is refused with a message naming the field and
# the line, or (the config, keys, text already in the database) shown
# sanitised; never run as SQL, never drawn raw.
#
# The program's raw output is recorded through the pty from its first byte
# (the program waits at a gate until tmux pipe-pane is attached) and every
# escape in it must be one ncurses writes itself: CSI (ESC [), the
# charset designations ESC ( B and ESC ) 0, and ESC 7 / 8 / = / > / M.
# No OSC, DCS, SOS, PM or APC, no C1 byte, no BEL, no DEL, no bidi or
# zero-width character may reach the terminal.
#
# CSV export is data, not a display: it keeps the text byte for byte as it
# was stored (an import then refuses it, naming the line); `report` text
# output is for a terminal and is sanitised.
DB="$UI_TMP/h.db"
CFG="$UI_TMP/h.cfg"
ME=$(id -un)
TODAY=2026-05-01

# Every hostile piece at once (99 characters, under the 100 the longest
# text columns allow): CSI screen clear and colour, OSC 52 (clipboard)
# ended by BEL, OSC 8 (hyperlink) ended by ST, DCS, the one-byte C1 CSI and
# OSC introducers, BEL, BS, CR, DEL, RLO, LRI, ZWSP, BOM and SQL
# metacharacters. What a terminal would show of it is VIS.
H=$(printf '甲\033[2J乙\033[31m丙\033]52;c;SGk=\007丁\033]8;;http://x\033\\链\033]8;;\033\\戊\033Pq\033\\己\302\233m庚\302\2350;t\007\007\010\015\177壬\342\200\256癸\342\201\246\342\200\213\357\273\277寅'"'"'; DROP TABLE unit; --%%_\\')
VIS="甲乙丙丁链戊己庚壬癸寅'; DROP TABLE unit; --%_\\"
# A shorter one for columns limited to 50 characters.
HS=$(printf '热线\033]52;c;SGk=\007一\302\233m二\342\200\256三\033[2J四')

cat >"$CFG" <<CFGEOF
database = { path = "$DB"; rehearsal = true; };  # a scratch copy: --today saves
access = { service_account = "$ME"; };
users = ( { login = "$ME"; name = "管理员"; role = "admin"; scopes = []; } );
complaints = {
    categories = (
        { name = "attitude"; label = "态度\\x1b]52;c;SGk=\\x07标\\xc2\\x9b31m签\\xe2\\x80\\xae尾"; sign_days = 1; reply_days = 5; },
        { name = "other"; label = "其他"; sign_days = 1; reply_days = 10; }
    );
};
inspections = {
    checklists = (
        { name = "unannounced"; kind = "unannounced";
          items = (
            { label = "公示\\x1b[2J牌\\x1bP1\\x1b\\\\悬挂\\xe2\\x81\\xa6到位"; critical = true; },
            { label = "姓名公开"; critical = true; },
            { label = "承诺兑现"; critical = false; },
            { label = "办理时限"; critical = false; },
            { label = "服务态度"; critical = false; }
          ); }
    );
};
CFGEOF

q() { printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')"; }
# Imports refuse control characters (below), so each kind is written twice:
# with the hostile text, to be refused, and with placeholders, to be
# imported and then given the hostile text in SQL — as old data or a
# direct edit would have left it — for the screens, reports and exports
# below, which must sanitise whatever the database holds.
HQ=$(q "$H")
HSQ=$(q "$HS")
P=占位文本
PS=0451-12345
F=$UI_TMP
csvs() { # csvs TEXT SHORT SUFFIX: the fixture files, TEXT in every text column
    { echo code,parent_code,name,kind,trade,party_org,active
      echo "U1,,市局,department,,,1"
      echo "U2,U1,$1,window,$1,$1,1"; } >"$F/units$3.csv"
    { echo code,unit_code,name,position,is_leader,login,active
      echo "M1,U2,$1,$1,0,,1"; } >"$F/members$3.csv"
    { echo code,unit_code,project_code,title,holder_member_code,holder_name,position,scope,hotline,commit_standard,commit_time_limit,commit_quality,commit_attitude,status,published_on,named_on,named_level,revoked_on,revoke_reason
      echo "G1,U2,,$1,M1,$1,$1,$1,$2,$1,$1,$1,$1,published,2026-01-05,,,,"; } >"$F/posts$3.csv"
    { echo id,kind,member_code,unit_code,text,category,made_on,due_on,status,kept_on,evidence,verified_by,withdrawn_on,withdraw_reason,created_by
      echo "1,member,M1,U2,$1,other,2026-01-10,2026-12-10,open,,,,,,"
      echo "2,member,M1,U2,$1,other,2026-01-10,2026-02-10,kept,2026-02-01,$1,zz,,,"; } >"$F/pledges$3.csv"
    { echo code,received_at,source,kind,post_code,unit_code,category,text,complainant_name,complainant_phone,state,lead_unit_code,cohandler_codes,dispatched_at,sign_due,signed_at,reply_due,replied_at,reply_text,return_reason,callback_outcome,redo_count,closed_at,closed_on_time,reject_reason,merged_into_code,supervised
      echo "TS2026-000001,2026-04-29 09:00:00,media,complaint,G1,U2,attitude,$1,赵六,13600003333,received,,,,,,,,,,,0,,,,,0"; } >"$F/complaints$3.csv"
    { echo code,kind,template,post_code,unit_code,inspector,on_date,samples_checked,samples_failed,findings,items,result,rect_due_on,rect_status,rect_done_on,rect_done_note,rect_verified_by,rect_verified_on
      echo "JC-000001,unannounced,unannounced,G1,U2,$2,2026-04-18,0,0,$1,fail;pass;pass;pass;pass,fail,2026-05-10,open,,,,"; } >"$F/inspections$3.csv"
    { echo post_code,quarter,deputies_score,deputies_respondents,recipients_score,recipients_respondents,public_score,public_respondents
      echo "G1,2026Q1,86.2,20,82.8,68,79.5,163"; } >"$F/evaluations$3.csv"
}
csvs "$HQ" "$HSQ" -hostile
# The complaint's placeholder keeps the SQL text, so that the search index
# (built from it) finds what is searched for below.
csvs "$P" "$PS" ""
sed -i "s/,$P,赵六,/,$P'; DROP TABLE unit; --%_\\\\,赵六,/" "$F/complaints.csv"

X() { "$XF" --config "$CFG" --db "$DB" --today $TODAY "$@"; }
sql() { sqlite3 "$DB" "$1"; }
# no_esc FILE: FILE holds no ESC, no C1 introducer and no BEL.
no_esc() { ! LC_ALL=C grep -q "$(printf '[\033\007]\|\302[\200-\237]')" "$1"; }

X init >/dev/null
for k in units members posts pledges complaints inspections evaluations; do
    X import $k "$F/$k-hostile.csv" >"$F/out" 2>"$F/err"
    rc=$?
    if [ $k = evaluations ]; then # no text column: imported as it is
        check "import $k: imported" [ $rc -eq 0 ]
        continue
    fi
    check "import $k with hostile text: refused" [ $rc -ne 0 ]
    check "import $k with hostile text: the message names the line" grep -qE "line [23]: " "$F/err"
    check "import $k with hostile text: ... and says why" grep -qF "control character" "$F/err"
    check "import $k with hostile text: the message is sanitised" no_esc "$F/err"
    X import $k "$F/$k.csv" >"$F/out" 2>"$F/err"
    check "import $k with placeholders: imported" [ $? -eq 0 ]
done
check "db: nothing of the refused imports is stored" \
    [ "$(sql "SELECT count(*) FROM unit WHERE name LIKE '%DROP%'")" = 0 ]

# The hostile text in SQL (db_raw), every placeholder replaced, the
# history's JSON too.
printf '%s' "$H" >"$F/h.txt"
printf '%s' "$HS" >"$F/hs.txt"
h="CAST(readfile('$F/h.txt') AS TEXT)"
hs="CAST(readfile('$F/hs.txt') AS TEXT)"
hj="substr(json_quote($h), 2, length(json_quote($h)) - 2)"
TRIGGERS=$(sql "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
db_raw "$DB" "
  UPDATE unit SET name = $h, trade = $h, party_org = $h WHERE code = 'U2';
  UPDATE member SET name = $h, position = $h WHERE code = 'M1';
  UPDATE post SET title = $h, holder_name = $h, position = $h, scope = $h, hotline = $hs,
      commit_standard = $h, commit_time_limit = $h, commit_quality = $h,
      commit_attitude = $h WHERE code = 'G1';
  UPDATE pledge SET text = $h;
  UPDATE pledge SET evidence = $h WHERE id = 2;
  UPDATE complaint SET text = $h WHERE code = 'TS2026-000001';
  UPDATE inspection SET inspector = $hs, findings = $h WHERE code = 'JC-000001';
  UPDATE history SET after = replace(after, '$P', $hj), before = replace(before, '$P', $hj);"
check "db: the hostile text written in SQL" [ $? -eq 0 ]
check "db: the unit name is stored as written, byte for byte" \
    [ "$(sql "SELECT hex(name) FROM unit WHERE code='U2'")" = "$(printf '%s' "$H" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ]
check "db: the triggers are back" \
    [ "$(sql "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")" = "$TRIGGERS" ]
check "db: the SQL in the text did not run (the unit table is there)" \
    [ "$(sql "SELECT count(*) FROM unit")" = 2 ]

# CSV read on a terminal (script(1) gives the command one): the data
# cannot drive it; to a pipe or a file it is the data as stored.
ESC=$(printf '\033')
X export complaints >"$F/pipe.csv"
check "export to a pipe: the text as stored, escapes and all" grep -qF "$ESC[2J" "$F/pipe.csv"
script -qec "X() { '$XF' --config '$CFG' --db '$DB' --today $TODAY \"\$@\"; }
             X export complaints; X history --format csv; X report units --format csv" \
    /dev/null </dev/null >"$F/tty.csv" 2>&1
check "export, history, report to a terminal: the rows are there" \
    [ "$(grep -c "甲.*乙.*丙" "$F/tty.csv")" -ge 3 ]
check "... with no escape, BEL, backspace or DEL" \
    sh -c '! tr -d "\r\n" <"$1" | LC_ALL=C grep -q "[[:cntrl:]]"' sh "$F/tty.csv"
check "... nor a C1 control or a bidi override" \
    sh -c '! grep -qF -e "$(printf "\302\233")" -e "$(printf "\342\200\256")" "$1"' sh "$F/tty.csv"

# ---- rejected input: the message names the line and the field ----------------
E=$(printf 'x\033]52;c;SGk=\007y\302\233m\033[2J')
reject() { # reject NAME WANT KIND CSV-LINES...: import fails naming WANT
    rj=$1; want=$2; kind=$3; shift 3
    printf '%s\n' "$@" >"$F/bad.csv"
    X import "$kind" "$F/bad.csv" >"$F/out" 2>"$F/err"
    rc=$?
    check "reject $rj: refused" [ $rc -ne 0 ]
    check "reject $rj: the message says '$want'" grep -qF -- "$want" "$F/err"
    check "reject $rj: the message is sanitised" no_esc "$F/err"
    check "reject $rj: nothing imported" [ "$(sql "SELECT count(*) FROM unit")" = 2 ]
}
reject "unknown column" "line 1: unknown column 'xy" units "code,parent_code,name,kind,$E" "U9,,a,department,1"
reject "unknown code" "line 2: parent_code: there is no unit with the code 'xy" units \
    "code,parent_code,name,kind" "U9,$E,a,department"
reject "bad kind value" "line 2: kind:" units "code,parent_code,name,kind" "U9,,a,$E"
reject "invalid UTF-8" "line 2:" units "code,parent_code,name,kind" "$(printf 'U9,,a\377\376b,department')"
reject "1 MB field" "line 2: name: column 3 is longer" units "code,parent_code,name,kind" \
    "U9,,\"$(head -c 1048576 /dev/zero | tr '\0' x)\",department"
reject "escape in a unit code" "line 2: code:" units "code,parent_code,name,kind" "$E,,a,department"
reject "escape in a login" "line 2: login:" members "code,unit_code,name,position,is_leader,login,active" \
    "M9,U2,a,b,0,$E,1"
reject "escape in a post code" "line 2: code:" posts "$(head -1 "$F/posts.csv")" \
    "$(sed -n 2p "$F/posts.csv" | sed "s/^G1,/Z$(printf '\033')[2J,/")"
reject "escape in a complaint code" "line 2: code:" complaints "$(head -1 "$F/complaints.csv")" \
    "$(sed -n 2p "$F/complaints.csv" | sed "s/^TS2026-000001,/Z$(printf '\033')[2J,/")"
reject "escape in an inspection code" "line 2: code:" inspections "$(head -1 "$F/inspections.csv")" \
    "$(sed -n 2p "$F/inspections.csv" | sed "s/^JC-000001,/Z$(printf '\033')[2J,/")"
reject "control in a complainant name" "line 2: complainant_name:" complaints "$(head -1 "$F/complaints.csv")" \
    "$(sed -n 2p "$F/complaints.csv" | sed "s/^TS2026-000001,/TS2026-000009,/; s/赵六/$(printf '赵\033[2J六')/")"
reject "escape in a pledge member code" "line 2: member_code:" pledges "$(head -1 "$F/pledges.csv")" \
    "3,member,$E,U2,a,other,2026-01-10,2026-12-10,open,,,,,,"
reject "escape in an evaluation quarter" "line 2: quarter" evaluations "$(head -1 "$F/evaluations.csv")" \
    "G1,$E,86.2,20,82.8,68,79.5,163"

# ---- the command line ------------------------------------------------------------
cli_clean() { # cli_clean NAME ARGS...: stdout and stderr carry no escape
    cc=$1; shift
    "$XF" "$@" >"$F/out" 2>"$F/err"
    check "cli $cc: stderr sanitised" no_esc "$F/err"
    check "cli $cc: stdout sanitised" no_esc "$F/out"
}
for r in complaints units inspections evaluations posts pledges; do
    case $r in # the options each report takes
    pledges) opt="--depth 3" ;;
    evaluations) opt="--quarter 2026Q1" ;;
    *) opt="" ;;
    esac
    cli_clean "report $r (text)" --config "$CFG" --db "$DB" --today $TODAY $opt report $r
done
check "cli report pledges: the unit name is shown sanitised" grep -qF "$VIS" "$F/out"
check "cli report pledges: the column is as wide as the clean text, not the raw" \
    sh -c "grep -F \"\$1\" \"\$2\" | sed 's/.*[\\\\]//' | grep -qE '^ {1,8}2 '" sh "$VIS" "$F/out"
cli_clean "check" --config "$CFG" --db "$DB" --today $TODAY check
cli_clean "history" --config "$CFG" --db "$DB" history
cli_clean "unknown command" --config "$CFG" --db "$DB" "$E"
cli_clean "unknown option" --config "$CFG" --db "$DB" "--$E"
cli_clean "unknown report" --config "$CFG" --db "$DB" report "$E"
cli_clean "unknown import kind" --config "$CFG" --db "$DB" import "$E" "$F/units.csv"
cli_clean "unknown export kind" --config "$CFG" --db "$DB" export "$E"
cli_clean "missing import file" --config "$CFG" --db "$DB" import units "$F/no$E.csv"
cli_clean "unwritable export file" --config "$CFG" --db "$DB" export units "$F/no$E/x.csv"
cli_clean "--login" --config "$CFG" --db "$DB" --login "$E" report posts
cli_clean "--today" --config "$CFG" --db "$DB" --today "$E" report posts
cli_clean "--config" --config "$F/no$E.cfg" report posts
cli_clean "--db in a missing directory" --config "$CFG" --db "$F/no$E/x.db" init
cli_clean "--db init" --config "$CFG" --db "$F/d$E.db" init
cli_clean "demo" --config "$CFG" --db "$F/d$E.db" demo
cli_clean "backup" --config "$CFG" --db "$DB" backup "$F/b$E.db"
cli_clean "export to a file" --config "$CFG" --db "$DB" export units "$F/e$E.csv"
cli_clean "history --user" --config "$CFG" --db "$DB" history --user "$E"
X export posts >"$F/posts-out.csv"
check "export keeps the stored text byte for byte (data, not a display)" \
    env LC_ALL=C grep -qF "$(printf '\033]52;c;SGk=')" "$F/posts-out.csv"
rm -f "$DB.rt"
"$XF" --config "$CFG" --db "$DB.rt" init >/dev/null
X export units >"$F/rt-units.csv"
"$XF" --config "$CFG" --db "$DB.rt" --today $TODAY import units "$F/rt-units.csv" >"$F/out" 2>"$F/err"
check "exported hostile text is refused by the next import" [ $? -ne 0 ]
check "... naming its line and field" grep -qF "line 3: name:" "$F/err"

# ---- the interface -------------------------------------------------------------------
# The program waits for $GATE so that pipe-pane sees its very first byte.
cat >"$F/gate.sh" <<'GATEEOF'
while [ ! -e "$GATE" ]; do sleep 0.05; done
exec "$@"
GATEEOF
start_recorded() { # start_recorded W H: the interface, its output in $F/raw
    rm -f "$F/gate" "$F/raw"
    UI_ENV="GATE=$F/gate sh $F/gate.sh" ui_start "$1" "$2" --config "$CFG" --db "$DB" --today $TODAY
    tmx pipe-pane -t xf -o "cat >>'$F/raw'"
    : >"$F/gate"
    wait_for "1 Overview" 10
}
# raw_ok: every escape in the recording is one ncurses writes itself.
raw_ok() {
    LC_ALL=C perl -0777 -ne '
        my @bad;
        push @bad, "OSC (ESC ])" if /\e\]/;
        push @bad, "DCS/SOS/PM/APC" if /\e[PX^_]/;
        push @bad, "BEL" if /\x07/;
        push @bad, "DEL" if /\x7f/;
        push @bad, "C1 control" if /\xc2[\x80-\x9f]/;
        push @bad, "U+202E" if /\xe2\x80\xae/;
        push @bad, "U+2066" if /\xe2\x81\xa6/;
        push @bad, "U+200B" if /\xe2\x80\x8b/;
        push @bad, "U+FEFF" if /\xef\xbb\xbf/;
        s/\e\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]//g;
        s/\e[()][0B]//g;
        s/\e[78=>M]//g;
        if (/\e(.{0,12})/s) { push @bad, "other escape: ESC " . join(" ", map { sprintf "%02x", ord } split //, $1) }
        print join("; ", @bad), "\n" if @bad;
        exit(@bad ? 1 : 0);' "$F/raw"
}
# in_order TEXT: the screen (lines joined) shows TEXT.
shows() { wait_for "$1" 5; }

# back_to TEXT: one q, then TEXT must be on screen (a level up, not out).
back_to() { ui_keys q; wait_for "$1" 5; }
back_to_tree() {
    ui_keys q
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -qE "Pledge progress (—|· linked to)"' \
        sh "$XF_SOCK"
}
# quit_all: q until the program asks to quit (each level closes with one
# q), then y; the program must have left.
quit_all() {
    n=0
    while [ $n -lt 8 ]; do
        ui_keys q
        if wait_asked; then
            ui_keys y
            ui_exited 5
            return
        fi
        n=$((n + 1))
    done
    return 1
}
# wait_asked: up to a second for the quit question (a level that closes
# shows its parent instead).
wait_asked() {
    t=10
    while [ $t -gt 0 ]; do quit_asked && return 0; sleep 0.1; t=$((t - 1)); done
    return 1
}

for size in "80 24" "200 50"; do
    set -- $size
    W=$1 HT=$2
    start_recorded "$W" "$HT"
    check "${W}x$HT: the interface starts" [ $? -eq 0 ]

    ui_keys 2
    check "${W}x$HT Posts list: the title shows its visible part" shows "甲乙丙"
    ui_keys Enter
    check "${W}x$HT Posts card: the visible characters in order" shows "甲乙丙丁链戊己庚壬癸寅"
    check "${W}x$HT Posts card: the SQL text is shown as text" shows "DROP TABLE unit; --%_\\"
    check "${W}x$HT Posts card: the hotline's visible characters" shows "热线一二三四"
    check "${W}x$HT Posts card: closes" back_to "Posts · sort"

    ui_keys 3
    check "${W}x$HT Pledge progress: the tree, its title naming the linked unit" shows "linked to 甲乙丙"
    ui_keys + j
    check "${W}x$HT Pledge progress: the hostile unit in the tree" shows "甲乙丙"
    ui_keys m
    check "${W}x$HT Pledge progress: members of the unit, title in order" shows "Members of $VIS"
    ui_keys Enter
    check "${W}x$HT Pledge progress: the member's pledges" shows "Pledges of $VIS"
    ui_keys Enter
    check "${W}x$HT Pledge progress: the pledge in order" shows "$VIS"
    check "${W}x$HT Pledge detail: closes" back_to "Pledges of"
    check "${W}x$HT Pledges: back to members" back_to "Members of"
    # Linked to the hostile post's unit (the card was open on it): at 80
    # columns the formula gives way to the link's note.
    check "${W}x$HT Members: back to the tree" back_to_tree

    ui_keys 4
    check "${W}x$HT Complaints list: the text" shows "甲乙丙丁"
    # (below 90 columns the category's cells go to the text)
    [ "$W" -lt 90 ] ||
        check "${W}x$HT Complaints list: the category label from the config" shows "态度标"
    ui_keys Enter
    check "${W}x$HT Complaints detail: the visible characters in order" shows "$VIS"
    check "${W}x$HT Complaints detail: the category label in order" shows "态度标签尾"
    check "${W}x$HT Complaints detail: no link target on screen" sh -c "! tmux -L '$XF_SOCK' capture-pane -p -t xf | grep -qF 'http://x'"
    check "${W}x$HT Complaints detail: closes" back_to "Complaints — by code"

    ui_keys 5
    check "${W}x$HT Inspections list: the inspector" shows "热线一"
    ui_keys Enter
    check "${W}x$HT Inspections detail: the findings in order" shows "$VIS"
    check "${W}x$HT Inspections detail: the checklist label from the config" shows "公示牌悬挂到位"
    check "${W}x$HT Inspections detail: closes" back_to "Inspections ·"

    ui_keys 6
    check "${W}x$HT Evaluations: the quarter" shows "2026Q1"
    ui_keys Enter
    check "${W}x$HT Evaluations: the post title in the quarter" shows "甲乙丙丁"
    check "${W}x$HT Evaluations: back to the quarters" back_to "Evaluations by quarter"

    ui_keys 7
    check "${W}x$HT History: the changes are listed" shows "History · newest"
    ui_keys G k Enter
    check "${W}x$HT History entry: the unit's name in order" shows "name=$VIS"
    check "${W}x$HT History entry: closes" back_to "History · newest"

    # Typed text: the field refuses control, C1, bidi and zero-width
    # characters as they are typed; SQL and LIKE metacharacters are text.
    ui_keys 4
    ui_keys /
    check "${W}x$HT search form opens" shows "Search complaints"
    ui_text "$(printf "'; DROP\302\233 TABLE\342\200\256 unit;\342\200\213 --%%_\\\\")"
    check "${W}x$HT search: the typed text without its controls" shows "'; DROP TABLE unit; --%_\\"
    ui_keys Enter
    check "${W}x$HT search: the SQL text finds the complaint" shows "TS2026-000001"
    if [ "$W" -gt 80 ]; then
        # its start: the link's shortest form beside it names the unit
        check "${W}x$HT search: the title shows the query" \
            wait_cond line_has "/'; DROP TABLE unit; --%" "(1) · linked to 甲乙"
    else # beside the link: cut, its count and the link's key kept
        check "${W}x$HT search: the title shows the query's start, its count, the link" \
            wait_cond line_has "/'; D" "… (1) · linked to 甲乙" "(L clears)"
    fi
    for pat in "甲%" "_乙"; do
        ui_keys /
        wait_for "Search complaints"
        ui_keys End
        n=0; while [ $n -lt 40 ]; do ui_keys BSpace; n=$((n + 1)); done
        ui_text "$pat"
        ui_keys Enter
        check "${W}x$HT search '$pat': % and _ are not wildcards" shows "/$pat (0)"
    done
    # Pasted escape sequences: a CSI one (ESC [ 2 J) is dropped whole, as
    # an unknown key's; another ESC arrives with the key after it (an Alt
    # key the field ignores); BEL and the C1 introducer are refused; the
    # printable rest is typed text. Nothing is drawn raw.
    ui_keys /
    wait_for "Search complaints"
    ui_keys End
    n=0; while [ $n -lt 40 ]; do ui_keys BSpace; n=$((n + 1)); done
    ui_text "$(printf 'a\033[2J\033]52;c;SGk=\007b\302\233m')"
    check "${W}x$HT pasted escapes: only printable keys reach the field" shows "Search  a52;c;SGk=bm"
    ui_keys Escape
    check "${W}x$HT pasted escapes: Esc leaves the search at once" wait_gone "Search complaints"
    check "${W}x$HT pasted escapes: ... without asking" absent "Discard your changes?"
    ui_keys C-l
    check "${W}x$HT pasted escapes: the form is gone, the tab bar still drawn" wait_gone "Search complaints"
    check "${W}x$HT pasted escapes: the screen was redrawn whole" shows "1 Overview"

    quit_all
    check "${W}x$HT: the session ends with status 0" [ "${UI_RC:-x}" = 0 ]
    tmx pipe-pane -t xf
    check "${W}x$HT raw: output was recorded from the start" [ -s "$F/raw" ]
    check "${W}x$HT raw: every escape came from ncurses" raw_ok
done
check "db: still two units, the SQL never ran" [ "$(sql "SELECT count(*) FROM unit")" = 2 ]
