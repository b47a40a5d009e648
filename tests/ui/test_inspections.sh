# Sourced by run.sh with lib.sh loaded: the Inspections pane.
# The inspector journey, at 80x24 and at 200x50: an inspector (--login
# li.na, role inspector) opens Inspections, starts a new spot check, picks
# a post by typing part of its Chinese title, fails a critical item, writes
# findings, sees FAIL and the rectification deadline field, submits; the
# new inspection is at the top of the list, failed with an open
# rectification, and the database holds it, its items and its
# rectification. Then the rectification is reported done by a handler and
# verified by the inspector.
#
# Keystrokes of the journey (counted by the test as it sends them; typed
# text counts one per character):
#   n                          new inspection
#   <part of the title>        opens the post picker and narrows it (2 chars here)
#   Enter                      picks the first match
#   Tab Enter Enter            keeps the default checklist and today's date
#   f                          item 1 (critical) fails, the cursor moves on
#   a                          every other item passes; the details form opens
#   <findings>                 5 characters here
#   Tab                        to "Rectify by" (default: rectify_days working days
#                              on; Enter in the findings starts a new line)
#   Enter                      submits
# = 10 keys besides the text (n, Enter, Tab, Enter, Enter, f, a, Enter,
# Tab, Enter, plus the picker Enter), 17 with the text; the test checks <= 10.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/insp.cfg"
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; },
    { login = "zhao.min"; name = "赵敏"; role = "inspector"; scopes = []; },
    { login = "wang.fang"; name = "王芳"; role = "handler"; scopes = []; },
    { login = "zhou.jian"; name = "周健"; role = "supervisor"; scopes = []; },
    { login = "gao.li"; name = "高丽"; role = "admin"; scopes = []; },
    { login = "sun.jian"; name = "孙检"; role = "inspector"; scopes = [ "D001" ]; }
);
EOF

q() { sqlite3 "$DB" "$1"; }
bottom_has() { ui_screen | tail -1 | grep -qF -- "$1"; }

wait_sql() {
    tries=50
    while [ $tries -gt 0 ]; do
        [ "$(q "$1")" = "$2" ] && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    echo "     | $1 -> $(q "$1") (want $2)"
    return 1
}

line_has() {
    ui_screen | awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i]; ARGC = 1 }
        { hit = 1; for (i = 1; i <= n; i++) if (index($0, want[i]) == 0) hit = 0; if (hit) f = 1 }
        END { exit !f }' "$@"
}
# soon_line TEXT...: polls (5 s) until one line holds every TEXT.
soon_line() {
    tries=50
    while [ $tries -gt 0 ]; do
        line_has "$@" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}
# row_has N TEXT...: screen line N holds every TEXT.
row_has() {
    n=$1; shift
    ui_screen | sed -n "${n}p" | awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i]; ARGC = 1 }
        { for (i = 1; i <= n; i++) if (index($0, want[i]) == 0) exit 1 }' "$@"
}
exited_with() { ui_exited 5 && [ "$UI_RC" = "$1" ]; }
no_new_offered() { ! ui_screen | grep -qF "n new inspection"; }

# Keys sent during a journey: k for keys, t for text (one per character).
KEYS=0
TEXT=0
k() { ui_keys "$@"; KEYS=$((KEYS + $#)); }
t() { ui_text "$1"; TEXT=$((TEXT + $(printf '%s' "$1" | wc -m))); }

DB="$UI_TMP/insp.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "inspections: demo database built through the CLI" [ $? -eq 0 ]

# Two posts to inspect, found by the first four characters of their titles
# (titles repeat across units: any match will do, the picker shows them).
TITLE1=$(q "SELECT title FROM post WHERE status IN ('published','named') ORDER BY code LIMIT 1")
PART1=$(printf '%s' "$TITLE1" | cut -c1-6)   # 2 CJK characters (3 bytes each)
TITLE2=$(q "SELECT title FROM post WHERE status IN ('published','named')
            AND substr(title,1,2) <> substr('$TITLE1',1,2) ORDER BY code LIMIT 1")
PART2=$(printf '%s' "$TITLE2" | cut -c1-6)
DUE=$(q "SELECT '2026-12-10'")   # 10 working days after 2026-11-26
BEFORE=$(q "SELECT count(*) FROM inspection")

# journey W H PART FINDINGS: the spot check, asserting on each screen.
journey() {
    w=$1; h=$2; part=$3; findings=$4
    KEYS=0; TEXT=0
    ui_start "$w" "$h" --config "$CFG" --login li.na --db "$DB" --today $TODAY
    check "${w}x$h: the interface opens as li.na (李娜)" wait_for "李娜"
    check "${w}x$h: the status line shows the role whole" wait_cond bottom_has "inspector"
    check "${w}x$h: ... and the inspector's own work: rectifications to verify" \
        wait_cond bottom_has "Rectifications to verify $(q "SELECT count(*) FROM rectification
            WHERE status = 'done'")"
    ui_keys 5
    check "${w}x$h: the Inspections pane lists the demo's checks" wait_for "Inspections · newest first"
    check "${w}x$h: column headers" line_has "Date" "Kind" "Post / unit" "Result" "Rectif." "Due"
    # the kind in the word of the config and the CSV, cut short as
    # "Rectif." is (it was "spot": 抽查, another thing than an unannounced
    # inspection)
    check "${w}x$h: the kind is called unannounced" wait_cond line_has " unann. " "pass"
    check "${w}x$h: ... never spot" absent " spot "
    check "${w}x$h: the inspector is offered a new spot check" wait_for "n new inspection"
    # e on a colleague's inspection: refused at once, saying who may;
    # ?: what an inspector may do.
    if [ "$w" = 80 ]; then # (at 200x50 the top row is li.na's own, from 80x24)
        check "${w}x$h: a colleague's inspection is not offered for correcting" absent "e correct"
        ui_keys e   # (not counted: not part of the journey)
        check "${w}x$h: e says who may correct it" wait_for "or an administrator may"
        dismiss
    fi
    ui_keys '?'
    wait_for "Help: keys"
    help_line() { ui_screen | grep -F -- "$1"; }
    check "${w}x$h: help: raising a complaint is the inspector's" \
        sh -c '! printf "%s" "$1" | grep -q "not for your role"' sh "$(help_line "raise a complaint")"
    check "${w}x$h: help: ... and correcting one's inspections" \
        sh -c '! printf "%s" "$1" | grep -q "not for your role"' sh \
        "$(help_line "correct an inspection you logged")"
    ui_keys q
    wait_gone "Help: keys"
    k n
    check "${w}x$h: n opens the spot-check form" wait_for "New inspection"
    t "$part"
    check "${w}x$h: typing part of the title lists matching posts" wait_for "$part"
    # Posts of one title in one window differ by their holder: named.
    first=$(q "SELECT code || ' ' || title || ' ' || holder_name FROM post
               WHERE status IN ('published','named') AND title LIKE '$part%' ORDER BY code LIMIT 1")
    check "${w}x$h: ... each with its holder" wait_for "$first"
    k Enter
    check "${w}x$h: the post is picked" soon_line "Post or unit*" "$part"
    k Tab Enter Enter
    check "${w}x$h: the checklist comes up" wait_for "公示牌悬挂到位"
    check "${w}x$h: critical items are marked" line_has "公示牌悬挂到位" "critical"
    check "${w}x$h: nothing ticked yet: no result, the items to tick" wait_for "5 items to tick"
    check "${w}x$h: ... not a PASS" absent "Result so far: PASS"
    ui_keys Enter # a mistake, not part of the journey's count
    check "${w}x$h: Enter before all are ticked says so in the window" \
        wait_for "Tick every item first: 5 left."
    k f
    check "${w}x$h: failing a critical item shows FAIL at once" wait_for "FAIL whatever the rest: a critical item failed (4 items to tick)"
    check "${w}x$h: the failed item shows FAIL" line_has "公示牌悬挂到位" "FAIL"
    k a
    check "${w}x$h: every item ticked: the checklist stays, saying Enter goes on" \
        wait_for "Result: FAIL · Enter goes on"
    check "${w}x$h: ... the details form not yet open" absent "unannounced inspection of"
    k Enter
    check "${w}x$h: the details form says FAIL" wait_for "FAIL — unannounced inspection of"
    check "${w}x$h: the rectification deadline field appears, with its default" \
        line_has "Rectify by" "$DUE"
    check "${w}x$h: a failed check needs its findings" line_has "Findings*"
    t "$findings"
    k Tab
    k Enter
    check "${w}x$h: the form closes and says it was logged" wait_for "logged."
    check "${w}x$h: keys besides the text: at most 10 (got $KEYS)" [ "$KEYS" -le 10 ]
    check "${w}x$h: the whole journey is short (got $((KEYS + TEXT)) with the text)" \
        [ $((KEYS + TEXT)) -le 20 ]
    # tab bar, title, header: the first row is line 4. It names the
    # post's department ("治安许可…审批处" joined the title to the unit):
    # at 80 columns in place of the title, which has no room left.
    dept=$(q "SELECT substr(d.name, 1, 2) FROM inspection i JOIN unit u ON u.id = i.unit_id
              JOIN unit d ON u.path LIKE d.path || '%' AND d.parent_id IS NULL
              WHERE i.id = (SELECT max(id) FROM inspection)")
    [ "$w" -ge 100 ] || part=$dept
    check "${w}x$h: the new check is at the top, failed, rectification open" \
        row_has 4 "$TODAY" "$part" "$dept" "fail" "open" "$DUE"
    check "${w}x$h: the top row is li.na's, by her name" row_has 4 "李娜"
}

check_db() {
    n=$1; part=$2; findings=$3
    ID=$(q "SELECT max(id) FROM inspection")
    check "db: inspection #$n logged ($((BEFORE + n)) in all)" \
        wait_sql "SELECT count(*) FROM inspection" "$((BEFORE + n))"
    check "db: result fail, inspector li.na, today, findings" \
        wait_sql "SELECT result||'|'||inspector||'|'||on_date||'|'||findings||'|'||critical_failed
                  FROM inspection WHERE id=$ID" "fail|li.na|$TODAY|$findings|1"
    check "db: the post picked by its title" \
        wait_sql "SELECT instr(p.title,'$part')=1 FROM inspection i JOIN post p ON p.id=i.post_id
                  WHERE i.id=$ID" "1"
    check "db: its five checklist items, the first (critical) failed" \
        wait_sql "SELECT group_concat(outcome||critical,',') FROM (SELECT outcome, critical
                  FROM inspection_item WHERE inspection_id=$ID ORDER BY item_no)" \
        "fail1,pass1,pass0,pass0,pass0"
    check "db: the rectification is open with its due date" \
        wait_sql "SELECT status||'|'||due_on FROM rectification WHERE inspection_id=$ID" "open|$DUE"
    check "db: the audit trail names li.na" \
        wait_sql "SELECT count(*) FROM history WHERE entity='inspection' AND entity_id=$ID
                  AND actor='li.na' AND action='inspection.log'" "1"
}

# ---- 80x24 -------------------------------------------------------------------
journey 80 24 "$PART1" "公示牌缺失"
check_db 1 "$PART1" "公示牌缺失"

# The detail of the new check.
ui_keys g Enter
check "80x24: Enter opens the detail, offering its inspector to correct it" \
    wait_for "Inspection · e correct · c raise a complaint · ? help · q closes"
check "80x24: the detail names the checklist by its kind, not its key" \
    wait_for "Checklist: unannounced inspection"
check "80x24: the detail shows the failed critical item" line_has "FAIL" "公示牌悬挂到位" "[critical]"
check "80x24: the detail shows the findings" wait_for "公示牌缺失"
check "80x24: the detail shows the open rectification" wait_for "open, due $DUE"
ui_keys '?'
check "80x24: ? in the detail shows the help" wait_for "Help: keys"
ui_keys q
check "80x24: ... and closing it returns to the detail" wait_for "c raise a complaint · ? help"
# The inspector who found it raises the complaint (SPEC §2.6).
BEFORE_C=$(q "SELECT count(*) FROM complaint")
ui_keys c
check "80x24: c, from the inspector, opens the receive form" wait_for "inspection finding"
ui_keys C-s
check "80x24: ... and the complaint is received" wait_for "Complaint received from inspection"
check "db: the inspector's complaint, an inspection finding" \
    wait_sql "SELECT source || '|' || (SELECT actor FROM history WHERE entity = 'complaint'
              AND entity_id = complaint.id ORDER BY id LIMIT 1) FROM complaint
              WHERE id = (SELECT max(id) FROM complaint)" "inspection|li.na"
check "db: one more complaint" wait_sql "SELECT count(*) - $BEFORE_C FROM complaint" 1
check "db: the link to its inspection leaves a history row, the inspector's" \
    wait_sql "SELECT h.actor FROM history h JOIN inspection_complaint l
              ON h.entity = 'inspection_complaint' AND h.entity_id = l.id
              WHERE l.complaint_id = (SELECT max(id) FROM complaint)" "li.na"

# Filter: failed only, open rectifications.
ui_keys f
check "80x24: f opens the filter" wait_for "Filter inspections"
ui_keys Right Right Tab Tab Right F2
check "80x24: the filter shows in the title" wait_for "rectification open"
check "80x24: the filtered list still has the new check on top" row_has 4 "$TODAY" "fail" "open"
ui_keys /
check "80x24: / opens the search" wait_for "Search findings"
ui_text "公示牌缺失"
ui_keys Enter
check "80x24: the search shows in the title" wait_for "/公示牌缺失"
check "80x24: the search finds the new check by its findings" row_has 4 "$TODAY" "fail" "open"
ui_keys s
check "80x24: s sorts by unit" wait_for "by unit"
check "80x24: sorted by unit, the new check is still listed" wait_cond line_has "$TODAY" "李娜" "fail"
# By unit, a row names the unit's department and its own name (a post's
# title after the unit pushed the department out: "第1号窗口 · 企业…").
UNIT_OWN=$(q "SELECT u.name FROM inspection i JOIN unit u ON u.id = i.unit_id
              WHERE i.id = (SELECT max(id) FROM inspection WHERE inspector = 'li.na')")
DEPT2=$(q "SELECT substr(d.name, 1, 2) FROM inspection i JOIN unit u ON u.id = i.unit_id
           JOIN unit d ON u.path LIKE d.path || '%' AND d.parent_id IS NULL
           WHERE i.id = (SELECT max(id) FROM inspection WHERE inspector = 'li.na')")
check "80x24: sorted by unit, the row names the department ($DEPT2…) and $UNIT_OWN" \
    line_has "$TODAY" "李娜" "$DEPT2" "$UNIT_OWN"
# Esc takes the search away, then the filter; the order stays.
check "80x24: the hints offer Esc while narrowed" wait_for "Esc clear"
ui_keys Escape
check "80x24: Esc clears the search" wait_gone "/公示牌缺失"
check "80x24: ... and says so" wait_for "Search cleared."
check "80x24: ... the filter stays" wait_for "rectification open"
check "80x24: ... the order stays" wait_for "by unit"
ui_keys Escape
check "80x24: Esc again clears the filter" wait_gone "rectification open"
check "80x24: ... and says so" wait_for "Filter cleared: every inspection again."
check "80x24: ... the passed checks are back" wait_for " pass "
check "80x24: ... no Esc hint left" wait_gone "Esc clear"
ui_keys Escape
check "80x24: Esc with nothing narrowed: nothing to close" wait_for "Nothing to close here; q quits."
check "80x24: q quits" quit_with 0

# ---- 200x50 ------------------------------------------------------------------
journey 200 50 "$PART2" "承诺未兑现"
check_db 2 "$PART2" "承诺未兑现"
# Two panes of 99 or 100 columns: the post or unit keeps the room the code
# would take (it had 17 cells); the code is in the detail, and in the list
# from 120 columns.
check "200x50: no code column in a pane of 100 columns" \
    sh -c '! tmux -L "$1" capture-pane -p -t xf | sed -n 3p | grep -q "Date       Code"' sh "$XF_SOCK"
check "200x50: the new check shows its post and unit" row_has 4 "$TODAY" "$PART2" "…"
check "200x50: q quits" quit_with 0

# ---- the rectification: done by a handler, verified by another inspector -------
ID=$(q "SELECT max(id) FROM inspection")
ui_start 80 24 --config "$CFG" --login wang.fang --db "$DB" --today $TODAY
check "handler: opens" wait_for "王芳"
ui_keys 5
check "handler: Inspections opens" wait_for "Inspections · newest first"
check "handler: no new spot check is offered" no_new_offered
ui_keys n
check "handler: n is refused with a reason" wait_for "Only inspectors log inspections."
ui_keys r
check "handler: r asks what was put right" wait_for "What was put right"
# (A report longer than a menu's title: the inspector reads it whole.)
ui_text "  已补挂公示牌，重新校准计量器具并张贴检定合格证，组织窗口人员学习首问负责制　" # spaces around, ASCII and ideographic: not saved
ui_keys Enter
check "handler: the rectification is reported done" wait_for "reported done"
check "db: the rectification is done with the note" \
    wait_sql "SELECT status||'|'||done_note FROM rectification WHERE inspection_id=$ID" \
    "done|已补挂公示牌，重新校准计量器具并张贴检定合格证，组织窗口人员学习首问负责制"
check "handler: q quits" quit_with 0

ui_start 80 24 --config "$CFG" --login zhao.min --db "$DB" --today $TODAY
check "inspector 2: opens" wait_for "赵敏"
ui_keys 5
check "inspector 2: the row shows it waits to be verified (not \"done\")" wait_cond line_has "$DUE" "to verify"
ui_keys r
check "inspector 2: r offers to verify" wait_for "Verify: the finding is put right"
check "inspector 2: ... showing what the unit reported" wait_for "Reported done: 已补挂公示牌"
check "inspector 2: ... to its end, at 80 columns" wait_for "学习首问负责制"
check "inspector 2: ... or to send it back" wait_for "Send back: not put right"
ui_keys 2
check "inspector 2: sending back asks why" wait_for "What is still wrong"
check "inspector 2: ... with a new deadline" line_has "New deadline" "$DUE"
ui_keys F2
check "inspector 2: a reason is required" wait_for "required"
ui_text "公示牌位置不醒目"
# Resized with the form open (the list below is read again): the save
# must not use the list's old rows (it did, and crashed).
ui_resize 60 20
wait_cond sh -c '[ "$(tmux -L "$1" display -p -t xf "#{window_width}")" = 60 ]' sh "$XF_SOCK"
ui_resize 80 24
wait_for "What is still wrong"
ui_keys F2
check "inspector 2: sent back" wait_for "sent back: open again"
check "inspector 2: the row says sent back, not open like a new one" line_has "$DUE" "sent back"
ui_keys f
wait_for "Filter inspections"
ui_keys Tab Tab Left Left F2
check "inspector 2: a filter finds what was sent back" wait_for "rectification sent back"
check "inspector 2: ... and the row is there" line_has "$DUE" "sent back"
ui_keys f
wait_for "Filter inspections"
ui_keys Tab Tab Right F2
check "inspector 2: a filter for verified ones" wait_for "rectification verified"
check "inspector 2: ... which this is not" absent "$DUE"
# their dates are the days verified: headed so, not Due
check "inspector 2: ... the date column headed Verified" \
    wait_cond line_has "Date" "Rectif." "Verified"
no_due_head() { ! ui_screen | grep -F "Rectif." | grep -q " Due"; }
check "inspector 2: ... not Due" no_due_head
# The filter cleared with Esc, the cursor stays on the verified check it
# was on (it went back to the first row); g goes to the top. (A filter
# chosen in the form shows its first result at the top.)
ui_keys Escape
wait_for "Inspections · newest first"
ui_keys Enter
check "inspector 2: a filter cleared keeps the cursor on its check (a verified one)" \
    wait_for "Verified on"
ui_keys q
wait_gone "Inspector:" && ui_keys g
check "db: open again, the report cleared, the reason and deadline kept" \
    wait_sql "SELECT status||'|'||coalesce(done_on,'-')||'|'||returned_note||'|'||due_on
              FROM rectification WHERE inspection_id=$ID" "open|-|公示牌位置不醒目|$DUE"
check "db: the history names who sent it back" \
    wait_sql "SELECT actor FROM history WHERE entity='rectification'
              AND action='rectification.return' ORDER BY id DESC LIMIT 1" "zhao.min"
ui_keys Enter
check "inspector 2: the detail says why it was sent back" wait_for "Sent back: 公示牌位置不醒目"
check "inspector 2: the inspector by name and login" wait_for "Inspector: 李娜 (li.na)"
ui_keys End
check "inspector 2: the timeline says it in words" wait_for "send rectification back"
ui_keys q
check "inspector 2: q quits" quit_with 0

ui_start 80 24 --config "$CFG" --login wang.fang --db "$DB" --today $TODAY
ui_keys 5
wait_for "Inspections · newest first"
ui_keys r
check "handler: reports it done again" wait_for "What was put right"
check "handler: ... the form says why it was sent back" wait_cond line_has "Sent back" "公示牌位置不醒目"
ui_text "公示牌移至大厅入口"
ui_keys Enter
wait_for "reported done"
quit_with 0

ui_start 80 24 --config "$CFG" --login zhao.min --db "$DB" --today $TODAY
ui_keys 5
wait_for "Inspections · newest first"
# This time from the inspection's detail, where the report can be read.
ui_keys Enter
wait_for "Inspection · ? help · q closes"
ui_keys r
check "inspector 2: r in the detail offers the same step" wait_for "Verify: the finding is put right"
ui_keys 1
check "inspector 2: 1 asks to verify" wait_for "Verify the rectification"
ui_keys y
check "inspector 2: the detail shows it verified" wait_for "verified, due $DUE"
ui_keys End
check "inspector 2: ... by whom, by name" wait_for "Verified on $TODAY by 赵敏 (zhao.min)"
ui_keys q
check "inspector 2: verified" wait_for "verified."
check "db: verified by zhao.min" \
    wait_sql "SELECT status||'|'||verified_by FROM rectification WHERE inspection_id=$ID" \
    "verified|zhao.min"
check "inspector 2: q quits" quit_with 0

# ---- a unit checked as a whole (SPEC §2.6: "a check of a post or unit") ----------
UNIT_NAME=$(q "SELECT name FROM unit WHERE code = 'D002'")
ui_start 100 30 --config "$CFG" --login li.na --db "$DB" --today $TODAY
ui_keys 5
wait_for "Inspections · newest first"
ui_keys n
check "unit check: the form" wait_for "New inspection"
check "unit check: ... whose F2 goes on to the checklist, as its hint says" \
    wait_for "F2 or Ctrl-S continue"
ui_text "D002"
check "unit check: the picker offers the unit as a whole" wait_for "D002 $UNIT_NAME · the whole unit"
check "unit check: the picker says what it finds" wait_for "Find: Post or unit"
check "picker: five matches, no hint of more" absent "more: type to narrow"
ui_keys BSpace BSpace BSpace BSpace
check "picker: every post offered, more than fit: says so" wait_for "more: type to narrow"
ui_text "D002"
check "picker: narrowed again, the hint goes" wait_gone "more: type to narrow"
check "picker: ... the unit offered again" wait_for "D002 $UNIT_NAME · the whole unit"
ui_keys Tab
check "unit check: Tab picks the unit" soon_line "Post or unit*" "D002 $UNIT_NAME"
ui_keys Enter Enter
check "unit check: the checklist comes up" wait_for "5 items to tick"
ui_keys n n n n n
check "unit check: every item n.a. is not a check: said before Enter" \
    wait_for "Every item is n.a.: mark at least one pass or fail."
check "unit check: ... no PASS promised" absent "Result: PASS"
ui_keys Enter
check "unit check: ... and Enter says so" \
    wait_for "Every item is n.a.: mark at least one pass or fail."
check "unit check: ... and stays in the checklist" absent "unannounced inspection of D002"
ui_keys p
wait_for "Enter goes on"
ui_keys Enter
check "unit check: the details form" wait_for "unannounced inspection of D002"
ui_keys C-s
check "unit check: logged" wait_for "logged."
check "db: an inspection of the unit, with no post" \
    wait_sql "SELECT coalesce(i.post_id, 0) || '|' || u.code || '|' || i.inspector
              FROM inspection i JOIN unit u ON u.id = i.unit_id
              WHERE i.id = (SELECT max(id) FROM inspection)" "0|D002|li.na"
check "unit check: q quits" quit_with 0

# ---- a sample check changes its mind; Esc after the checklist asks first -----
ui_start 100 30 --config "$CFG" --login li.na --db "$DB" --today $TODAY
ui_keys 5
wait_for "Inspections · newest first"
ui_keys n
wait_for "New inspection"
ui_text "$PART1"
wait_for "$PART1"
ui_keys Enter Tab Right
check "sample: the sample checklist chosen" wait_for "sample check"
ui_keys Enter Enter
# Her own second visit today is asked too (the inspector trial logged a
# post twice by mistake with no word); y goes on.
check "sample: her own second visit today is asked, naming her first" \
    wait_for "You already inspected"
check "sample: ... not as a colleague's" absent "was already inspected"
ui_keys y
check "sample: y goes on to the checklist" wait_for "items to tick"
check "sample: the checklist is titled a sample check" wait_for "Sample check: "
ui_keys a
wait_for "Enter goes on"
ui_keys Enter
check "sample: the details ask for the samples" wait_for "Samples checked"
check "sample: before any count, no result (it read PASS)" wait_for "No result yet — sample check of"
ui_text "20"
ui_keys Tab C-u
ui_text "10"
check "sample: half the samples failed: FAIL at once" wait_for "FAIL — sample check of"
check "sample: ... with the rectification deadline" wait_for "Rectify by"
ui_keys BTab BTab Tab Tab
check "sample: ... and findings required" line_has "Findings*"
# More failed than checked, and no findings: one save names both, and
# takes the focus to the first (the samples failed).
ui_keys C-u
ui_text "30"
ui_keys F2
check "sample: one save: more failed than checked" \
    wait_for "samples failed must be between 0 and the 20 samples"
check "sample: ... and findings required, at once" wait_for "↑ required"
check "sample: nothing logged" \
    db_wait "SELECT count(*) FROM inspection WHERE samples_checked=20 AND samples_failed=30" 0
ui_keys C-u
ui_text "0"
check "sample: none failed after all: PASS at once" wait_for "PASS — sample check of"
check "sample: the deadline is gone" wait_gone "Rectify by"
check "sample: findings no longer required" wait_gone "Findings*"
ui_keys C-u
ui_text "1.5"
check "sample: 1.5 failed: no result (not that of 1)" wait_for "No result yet — sample check of"
check "sample: ... no PASS or FAIL in the title" absent "PASS — sample check of"
ui_keys C-u
ui_text "0"
check "sample: 0 again: PASS" wait_for "PASS — sample check of"
# The 0 there is none yet: a digit typed takes its place (it read 05).
ui_text "5"
failed_reads() { ui_screen | grep -qE "Samples failed\*? +$1 "; }
check "sample: 5 typed over the 0 reads 5" wait_cond failed_reads 5
ui_keys Escape
check "sample: Esc in the details asks first" wait_for "Discard your changes?"
ui_keys n
check "sample: n: the details stay" wait_gone "Discard your changes?"
ui_keys Escape
wait_for "Discard your changes?"
ui_keys y
check "sample: Esc, y: back to the checklist" wait_for "Enter continue · Esc back"
# The details discarded are gone when the checklist goes on again (they
# came back, and findings typed again were saved twice).
ui_keys Enter
check "sample: Enter: the details again" wait_for "Samples checked"
check "sample: ... the count discarded is not back" absent "Samples checked* 20"
# A count longer than the field holds is not cut to its first digits.
ui_text "99999999999999999999"
check "sample: a count too long: said at once" wait_for "at most 9"
check "sample: ... and no result worked out" wait_for "No result yet — sample check of"
N_INSP=$(q "SELECT count(*) FROM inspection")
ui_keys F2
check "sample: ... F2 keeps the form open" wait_for "Samples checked"
check "db: ... nothing logged" db_wait "SELECT count(*) FROM inspection" "$N_INSP"
ui_keys BSpace
check "sample: ... one digit less: the reason goes" wait_gone "at most 9"
ui_keys C-u
ui_text "20"
ui_keys Escape
wait_for "Discard your changes?"
ui_keys y
wait_for "Enter continue · Esc back"
ui_keys Escape
check "sample: Esc: back to where and what" wait_for "New inspection: where and what"
check "sample: ... the chosen post still reads from its code" line_has "Post or unit" "XFG-"
ui_keys C-c
check "sample: Ctrl-C there asks too: the ticks would be lost" wait_for "Discard your changes?"
ui_keys y
check "sample: y: gone, nothing logged" wait_gone "New inspection"
# A critical item failed: FAIL before any count (samples can only make
# it worse), with the deadline (it read "No result yet").
ui_keys n
wait_for "New inspection"
ui_text "$PART1"
wait_for "$PART1"
ui_keys Enter Tab Right
wait_for "sample check" && ui_keys Enter Enter
wait_for "You already inspected" && ui_keys y
wait_for "items to tick" && ui_keys f a
wait_for "Result: FAIL" && ui_keys Enter
check "sample: a critical item failed: FAIL before any count" wait_for "FAIL — sample check of"
check "sample: ... with the rectification deadline" wait_for "Rectify by"
check "sample: ... not \"no result\"" absent "No result yet"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_for "Enter continue · Esc back" && ui_keys Escape
wait_for "New inspection: where and what" && ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_gone "New inspection"
check "sample: q quits" quit_with 0

# ---- a failed check raises a complaint (SPEC §2.6), from its detail ----------
FAILED=$(q "SELECT code FROM inspection WHERE result = 'fail' AND inspector = 'li.na'
            ORDER BY id DESC LIMIT 1")
BEFORE_C=$(q "SELECT count(*) FROM complaint")
ui_start 100 30 --config "$CFG" --login zhou.jian --db "$DB" --today $TODAY
ui_keys 5
wait_for "Inspections · newest first"
ui_keys /
wait_for "Search" && ui_text "$FAILED"
ui_keys Enter
wait_for "$FAILED"
ui_keys Enter
check "supervisor: the failed check's detail offers a complaint" wait_for "c raise a complaint"
ui_keys c
check "c: the receive form, source inspection finding" wait_for "inspection finding"
check "c: the text says which check and what failed" wait_for "Inspection $FAILED"
ui_keys C-s
check "c: received" wait_for "Complaint received from inspection $FAILED."
check "db: the complaint, from the inspection, about its post" \
    wait_sql "SELECT c.source || '|' || (c.post_id = i.post_id) FROM complaint c, inspection i
              WHERE i.code = '$FAILED' AND c.id = (SELECT max(id) FROM complaint)" "inspection|1"
check "db: one more complaint" wait_sql "SELECT count(*) - $BEFORE_C FROM complaint" 1
# The inspection has raised its complaint: its detail names it, and a
# second c makes no duplicate dispatch.
RAISED=$(q "SELECT code FROM complaint WHERE id = (SELECT max(id) FROM complaint)")
wait_gone "inspection finding"
ui_keys Enter
check "detail: names the complaint the inspection raised" wait_for "Raised as complaint $RAISED."
check "detail: ... and no longer offers another" absent "c raise a complaint"
ui_keys c
check "c again: says it was raised already" \
    wait_for "This inspection raised complaint $RAISED already."
check "db: no second complaint" wait_sql "SELECT count(*) - $BEFORE_C FROM complaint" 1
ui_keys q
check "supervisor: q quits" quit_with 0

# A rectification past its deadline says "overdue" in its column, in words:
# with NO_COLOR or a monochrome terminal "open" read as on time.
OPEN_DUE=$(q "SELECT max(due_on) FROM rectification WHERE status = 'open'")
LATER=$(q "SELECT date('$OPEN_DUE', '+1 day')")
NO_COLOR=1 ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today "$LATER"
wait_for "5 Inspections" && ui_keys 5
wait_for "Inspections · newest first"
check "a day after the deadline: the open rectification says overdue" \
    wait_cond line_has "fail" "overdue" "$OPEN_DUE"
check "... and no open one is left that is due before today" \
    sh -c '! tmux -L "$1" capture-pane -p -t xf | grep -F "$2" | grep -q " open "' sh "$XF_SOCK" "$OPEN_DUE"
check "inspector: q quits" quit_with 0

# c on a passed check says why nothing happens (it was silent).
PASSED=$(q "SELECT code FROM inspection WHERE result = 'pass' AND inspector = 'li.na' ORDER BY id LIMIT 1")
ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today "$TODAY"
wait_for "5 Inspections" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search" && ui_text "$PASSED" && ui_keys Enter
wait_for "newest first · /$PASSED" && ui_keys Enter
wait_for "Inspection ·" && ui_keys c
check "c on a passed check: says a complaint comes from a failed one" \
    wait_for "This inspection passed: a complaint is raised from a failed one."
ui_keys q
check "inspector: q quits" quit_with 0

# At 64 columns (a phone's terminal) the kind and samples give way, and
# the post or unit keeps room to tell the rows apart (it was all "…").
ui_start 64 20 --config "$CFG" --login li.na --db "$DB" --today "$TODAY"
wait_for "5 Insp" && ui_keys 5
check "64x20: the list header keeps the post or unit" wait_cond line_has "Date" "Post / unit" "Due"
check "... without the samples column" absent "Bad/all"
check "... and its rows show the place, not an ellipsis alone" \
    sh -c 'tmux -L "$1" capture-pane -p -t xf | sed -n 4p | awk "{ exit !(length(\$2) > 4) }"' sh "$XF_SOCK"
check "64x20: q quits" quit_with 0

# A post chosen in Posts fills the new inspection's post as the picker
# labels it, with its place (two windows of one name were told apart only
# once the picker was opened).
PCODE=$(q "SELECT code FROM post WHERE status IN ('published','named') ORDER BY code LIMIT 1 OFFSET 2")
PTITLE=$(q "SELECT title FROM post WHERE code = '$PCODE'")
ui_start 120 30 --config "$CFG" --login li.na --db "$DB" --today "$TODAY"
wait_for "2 Posts" && ui_keys 2
wait_for "Posts · sort: code" && ui_keys /
wait_for "Search posts" && ui_text "$PCODE" && ui_keys Enter
wait_for "/ $PCODE (1)"
ui_keys 5
check "linked: Inspections narrowed to the post" wait_for "linked to $PTITLE ($PCODE)"
ui_keys n
check "linked: the form names the post with its place" wait_for "$PCODE $PTITLE · "
ui_keys Escape
wait_gone "New inspection"
check "linked: q quits" quit_with 0

# A colleague at the same window the same day: li.na inspected this post
# today (the 80x24 journey); zhao.min is told before the checklist, and
# goes on only if she means a second inspection.
ui_start 100 30 --config "$CFG" --login zhao.min --db "$DB" --today "$TODAY"
wait_for "5 Insp" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys n
wait_for "New inspection"
ui_text "$PART1"
wait_for "$PART1"
ui_keys Enter Tab Enter Enter
check "colleague: the post inspected today already is said first" \
    wait_for "was already inspected on $TODAY"
check "colleague: ... naming the inspection and who made it" wait_for "by 李娜"
ui_keys n
check "colleague: n: back to where and what" wait_for "New inspection: where and what"
check "colleague: ... no checklist" absent "items to tick"
ui_keys F2
wait_for "was already inspected on $TODAY"
ui_keys y
check "colleague: y: the checklist" wait_for "items to tick"
ui_keys Escape
wait_for "New inspection: where and what" && ui_keys Escape
wait_gone "New inspection"
check "colleague: q quits" quit_with 0

# A form title cut short at 60 columns still ends in a space before the
# border (it ran into it: "…第1号窗…─┐").
ui_start 60 24 --config "$CFG" --login li.na --db "$DB" --today "$TODAY"
wait_for "5 Insp" && ui_keys 5
wait_for "Inspections"
# The post and unit keep room to be read: the inspector gives way.
check "60x24: the list has no Inspector column" absent "Inspector"
check "... the post and unit column is there" wait_for "Post / unit"
ui_keys n
wait_for "New inspection"
ui_text "$PART2"
wait_for "$PART2"
ui_keys Enter F2
# her own inspection of it today: asked first
wait_for "You already inspected" && ui_keys y
wait_for "items to tick" && ui_keys a Enter
check "60x24: the details form's title is cut" wait_for "unannounced inspection of"
check "60x24: ... and ends in a space, not against the border" \
    sh -c '! tmux -L "$1" capture-pane -p -t xf | grep "unannounced inspection of" | grep -q "…─┐"' sh "$XF_SOCK"
ui_keys Escape
wait_gone "unannounced inspection of" && ui_keys Escape
wait_for "where and what" && ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_gone "New inspection"
check "60x24: q quits" quit_with 0

# Who reported a rectification done (an admin may do both steps) is not
# offered to verify it, only to send it back, and is told why before
# choosing (the choice was refused after the question).
OPEN_CODE=$(q "SELECT i.code FROM inspection i JOIN rectification r ON r.inspection_id = i.id
               WHERE r.status = 'open' ORDER BY i.id LIMIT 1")
check "fixture: an open rectification" [ -n "$OPEN_CODE" ]
ui_start 100 30 --config "$CFG" --login gao.li --db "$DB" --today "$TODAY"
wait_for "5 Insp" && ui_keys 5
wait_for "Inspections" && ui_keys /
wait_for "Search" && ui_text "$OPEN_CODE" && ui_keys Enter
wait_for "$OPEN_CODE" && ui_keys Home r
check "admin: r asks what was put right" wait_for "What was put right"
ui_text "已重新张贴公示牌" && ui_keys Enter
check "admin: reported done" wait_for "reported done"
ui_keys r
check "admin: r offers to send it back" wait_for "Send back: not put right"
check "admin: ... not to verify it" absent "Verify: the finding is put right"
check "admin: ... saying why, above the choice" wait_for "cannot also verify it"
check "admin: ... naming them as colleagues know them" wait_for "高丽 (gao.li) reported"
ui_keys Escape
wait_gone "Send back: not put right"
check "admin: q quits" quit_with 0

# A fail with no critical item failed says why at once (two items of five
# gave "Result: FAIL" and nothing more).
ui_start 100 30 --config "$CFG" --login li.na --db "$DB" --today "$TODAY"
wait_for "5 Insp" && ui_keys 5
wait_for "Inspections" && ui_keys n
wait_for "New inspection"
ui_text "$PART2"
wait_for "$PART2"
ui_keys Enter F2
wait_for "You already inspected" && ui_keys y
wait_for "items to tick" && ui_keys p p f f p
check "two ordinary items failed: FAIL, saying the share over the limit" \
    wait_for "Result: FAIL (40.0% of the items failed, above the 20.0% allowed)"
ui_keys Escape
wait_for "where and what" && ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_gone "New inspection"
check "fail reason: q quits" quit_with 0

# ---- correcting a logged inspection --------------------------------------------
# A sample check logged with 3 batches for 4 and a typing error in its
# findings: li.na, who logged it, corrects both, saying why. Her first
# check of the day, whose rectification the unit reported done, can no
# longer be corrected to a pass; a wrong fail whose rectification is open
# can: it is then no longer needed (cancelled). A colleague is refused.
FIX_POST=$(q "SELECT code FROM post WHERE status IN ('published','named') ORDER BY code LIMIT 1")
printf 'code,kind,template,post_code,inspector,on_date,samples_checked,samples_failed,findings,items,rect_due_on\nXJ-FIX-1,sample,sample,%s,li.na,2026-11-25,3,0,大米抽枪3批次,pass;pass;pass,\nXJ-FIX-2,unannounced,unannounced,%s,li.na,2026-11-25,0,0,公示牌缺失,fail;pass;pass;pass;pass,%s\n' \
    "$FIX_POST" "$FIX_POST" "$DUE" >"$UI_TMP/fix.csv"
"$XF" import inspections "$UI_TMP/fix.csv" --db "$DB" --config "$CFG" --login gao.li \
    --today $TODAY >/dev/null
check "fix: a sample check of li.na's imported" wait_sql "SELECT count(*) FROM inspection WHERE code='XJ-FIX-1'" 1
FIX_ID=$(q "SELECT id FROM inspection WHERE code='XJ-FIX-1'")
WRONG_ID=$(q "SELECT id FROM inspection WHERE code='XJ-FIX-2'")
WRONG=XJ-FIX-2
check "fix: the wrong fail is failed, its rectification open" \
    wait_sql "SELECT i.result||'|'||r.status||'|'||r.due_on
              FROM inspection i JOIN rectification r ON r.inspection_id=i.id WHERE i.id=$WRONG_ID" \
    "fail|open|$DUE"
# li.na's first check of the day: its rectification reported done since.
DONE=$(q "SELECT i.code FROM inspection i JOIN rectification r ON r.inspection_id=i.id
          WHERE i.inspector='li.na' AND i.on_date='$TODAY' AND r.status='done' ORDER BY i.id LIMIT 1")
check "fix: one of li.na's has its rectification reported done" [ -n "$DONE" ]

ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search findings" && ui_text "XJ-FIX-1" && ui_keys Enter
check "fix: the sample check is listed" soon_line "2026-11-25" "李娜" "0/3"
check "fix: its inspector is offered to correct it" wait_for "e correct"
ui_keys e
check "fix: e opens the correction form, prefilled" wait_for "Correct XJ-FIX-1 · result PASS (recorded pass)"
check "fix: ... the items as logged" line_has "定量包装净含量" "[critical]" "pass"
check "fix: ... the samples" line_has "Samples checked" "3"
check "fix: ... the findings" line_has "Findings" "大米抽枪3批次"
check "fix: ... and why, required" line_has "Why corrected*"
check "fix: a passed check has no deadline to set" absent "Rectify by"
ui_keys Tab Tab Tab C-u
ui_text "4"
ui_keys Tab Tab C-u
ui_text "大米抽检4批次"
ui_keys F2
check "fix: saving without a reason is refused" wait_for "required"
ui_text "样本数录错"
ui_keys F2
check "fix: saved, and said" wait_for "Inspection XJ-FIX-1 corrected."
check "fix: the row shows 4 samples" soon_line "2026-11-25" "李娜" "0/4"
check "db: the samples and findings corrected, with the reason" \
    wait_sql "SELECT samples_checked||'|'||findings||'|'||result||'|'||correction_note
              FROM inspection WHERE id=$FIX_ID" "4|大米抽检4批次|pass|样本数录错"
check "db: one history row, li.na's, with the values before and after" \
    wait_sql "SELECT count(*) FROM history WHERE entity='inspection' AND entity_id=$FIX_ID
              AND action='inspection.correct' AND actor='li.na'
              AND json_extract(before,'\$.samples_checked')=3
              AND json_extract(after,'\$.samples_checked')=4
              AND json_extract(before,'\$.findings')='大米抽枪3批次'" 1
ui_keys Enter
check "fix: the detail says it was corrected, by whom and why" \
    wait_for "by 李娜 (li.na): 样本数录错"
check "fix: ... and shows the samples as corrected" wait_for "Samples: 4 checked, 0 failed"
ui_keys q
wait_gone "Corrected on"

# Reported done by the unit: the result can no longer be corrected to a pass.
ui_keys /
wait_for "Search findings" && ui_keys C-u && ui_text "$DONE" && ui_keys Enter
wait_for "Inspections · newest first · /$DONE"
ui_keys e
check "fix: a check whose rectification was reported done: the form opens" \
    wait_for "Correct $DONE · result FAIL"
check "fix: ... without its deadline, which the unit has acted on" absent "Rectify by"
ui_keys Left Tab Tab Tab Tab Tab Tab
ui_text "误判"
ui_keys F2
check "fix: ... a pass is refused, saying why" wait_for "can no longer pass"
check "fix: ... in the form's message line, as a sentence" \
    wait_said "The unit reported the rectification of $DONE done on"
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_gone "Correct $DONE"
check "db: it stays failed, its rectification done" \
    wait_sql "SELECT i.result||'|'||r.status FROM inspection i JOIN rectification r
              ON r.inspection_id=i.id WHERE i.code='$DONE'" "fail|done"

# Meanwhile the unit (王芳, a handler) opens the rectification's report
# on the wrong fail: once li.na's correction cancels it, the report is
# refused saying so (it was said to have been reported done).
ui_open b --config "$CFG" --login wang.fang --db "$DB" --today $TODAY
UI_T=b
wait_for "王芳" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search findings" && ui_text "$WRONG" && ui_keys Enter
wait_for "Inspections · newest first · /$WRONG"
ui_keys r
check "race: the unit's report of the rectification is open" wait_for "Rectification of $WRONG done"
ui_text "已补挂公示牌"
UI_T=xf

# The wrong fail, from the detail.
ui_keys /
wait_for "Search findings" && ui_keys C-u && ui_text "$WRONG" && ui_keys Enter
wait_for "Inspections · newest first · /$WRONG"
ui_keys Enter
check "fix: the failed check's detail offers e" wait_for "Inspection · e correct ·"
ui_keys e
check "fix: e in the detail opens the form" wait_for "Correct $WRONG · result FAIL (recorded fail)"
check "fix: ... the failed item shows FAIL" line_has "公示牌悬挂到位" "FAIL"
check "fix: ... the deadline as set" line_has "Rectify by" "$DUE"
ui_keys Left
check "fix: the item passed: PASS at once" wait_for "result PASS (recorded fail)"
check "fix: ... and no deadline" absent "Rectify by"
ui_keys Tab Tab Tab Tab Tab Tab
ui_text "误判：公示牌在侧墙"
ui_keys F2
check "fix: back in the detail, now passed" wait_for "Result: PASS"
check "fix: ... saying the rectification is no longer needed" \
    wait_for "Cancelled: not needed since the inspection was corrected"
ui_keys q
check "fix: the row: passed, rectification cancelled" soon_line "2026-11-25" "pass" "cancelled"
check "db: passed, the item passed, the rectification cancelled (not deleted)" \
    wait_sql "SELECT i.result||'|'||it.outcome||'|'||r.status||'|'||i.correction_note
              FROM inspection i JOIN inspection_item it ON it.inspection_id=i.id AND it.item_no=1
              JOIN rectification r ON r.inspection_id=i.id WHERE i.id=$WRONG_ID" \
    "pass|pass|cancelled|误判：公示牌在侧墙"
check "db: the rectification's history row, the correction's" \
    wait_sql "SELECT json_extract(before,'\$.status')||'>'||json_extract(after,'\$.status')
              FROM history WHERE entity='rectification' AND action='inspection.correct'
              AND entity_id=(SELECT id FROM rectification WHERE inspection_id=$WRONG_ID)" \
    "open>cancelled"
UI_T=b
ui_keys F2
check "race: the unit's report is refused: the inspection was corrected to a pass" \
    wait_for "corrected to a pass meanwhile"
check "race: ... not said to have been reported done" absent "reported done meanwhile"
ui_keys Escape
wait_gone "Rectification of $WRONG done"
# The form could no longer save: Esc closed it without asking, and what
# was typed is shown whole, to copy, not lost with it.
check "race: what was typed is shown to copy" soon_line "to copy:" "已补挂公示牌"
dismiss
check "db: the rectification stays cancelled, no report taken" \
    wait_sql "SELECT status||'|'||coalesce(done_on,'-') FROM rectification
              WHERE inspection_id=$WRONG_ID" "cancelled|-"
check "race: the unit's session quits" quit_with 0
UI_T=xf
ui_keys r
check "fix: r on the cancelled rectification says why there is nothing to do" \
    wait_for "was cancelled: the inspection was"
check "fix: ... not that it was verified" absent "is verified"
check "fix: q quits" quit_with 0

# A colleague may read it, not correct it: said at once, naming who may.
ui_start 80 24 --config "$CFG" --login zhao.min --db "$DB" --today $TODAY
wait_for "赵敏" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search findings" && ui_text "XJ-FIX-1" && ui_keys Enter
soon_line "2026-11-25" "0/4"
check "colleague: no e offered" absent "e correct"
ui_keys e
check "colleague: e refused, naming who may" wait_for "or an administrator may"
check "colleague: ... li.na, who logged it" wait_for "may not correct inspection XJ-FIX-1: only 李娜"
dismiss
check "colleague: no form opened" absent "Why corrected"
check "db: nothing changed by the colleague" \
    wait_sql "SELECT count(*) FROM history WHERE actor='zhao.min' AND action='inspection.correct'" 0
check "colleague: q quits" quit_with 0

# Below 30x6 a detail view or a picker waits for a larger screen: the
# detail was closed by its own resize, and the q meant for it then quit
# the program at "Terminal too small"; a picker was closed, its query lost.
ui_start 100 30 --config "$CFG" --login li.na --db "$DB" --today "$TODAY"
wait_for "5 Insp" && ui_keys 5
wait_for "Inspections" && ui_keys Enter
wait_for "q closes"
ui_resize 20 4
check "20x4 over the detail: make it larger" wait_for "make it larger"
ui_keys q
sleep 0.3 # (a key that must do nothing: no condition to wait on)
ui_resize 100 30
check "... and back: the detail is still open" wait_for "q closes"
check "... the program did not quit" [ ! -s "$UI_TMP/rc" ]
ui_keys q
wait_gone "q closes" && ui_keys n
wait_for "New inspection"
ui_text "$PART2"
wait_for "Find: "
ui_resize 29 6
wait_for "make it larger"
ui_resize 100 30
query_line() { ui_screen | grep -qF "│$PART2 "; }
check "29x6 over a picker and back: the picker is still there" wait_for "Find: Post or unit"
check "... with its query" wait_cond query_line
ui_keys Escape
wait_gone "Find: "
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
wait_gone "New inspection"
check "too small over views: q quits" quit_with 0

# A scoped inspector looking for a post of another department is told the
# picker offers their units' only (it read as no such post).
OTHER=$(q "SELECT p.code FROM post p JOIN unit u ON u.id = p.unit_id
           WHERE p.status IN ('published','named') AND u.path NOT LIKE
           (SELECT path FROM unit WHERE code = 'D001') || '%' ORDER BY p.code LIMIT 1")
ui_start 80 24 --config "$CFG" --login sun.jian --db "$DB" --today $TODAY
wait_for "孙检" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys n
wait_for "New inspection" && ui_keys Enter
ui_text "$OTHER"
check "scoped inspector: another department's post ($OTHER): not offered, saying why" \
    wait_for "your units."
ui_keys Escape Escape
wait_gone "New inspection" || { wait_for "Discard your changes?" && ui_keys y; }
check "scoped inspector: q quits" quit_with 0
