# Sourced by run.sh with lib.sh loaded: what an inspector's first day ran
# into, each checked as a person sees it and in the database.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/day.cfg"
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "li.na"; name = "李娜"; role = "inspector"; scopes = []; },
    { login = "wang.fang"; name = "王芳"; role = "handler"; scopes = []; },
    { login = "gao.li"; name = "高丽"; role = "admin"; scopes = []; }
);
EOF
# apart A B: both on screen, on different lines.
apart() { ui_screen | grep -qF -- "$1" && ui_screen | grep -qF -- "$2" && ! line_has "$1" "$2"; }
DB="$UI_TMP/day.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "day: demo database built" [ $? -eq 0 ]

# A post to inspect, found in the picker by its code.
POST=$(dbq "SELECT code FROM post WHERE status IN ('published','named') ORDER BY code LIMIT 1")

# ---- a check logged for an earlier day: the cursor is on it ------------------
# Dated back, it sorts below newer checks; the cursor stayed on the top
# row, someone else's, where Enter, r and e then acted.
ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today $TODAY
check "day: opens as li.na" wait_for "李娜"
ui_keys 5
wait_for "Inspections · newest first"
TOP=$(dbq "SELECT code FROM inspection ORDER BY on_date DESC, id DESC LIMIT 1")
ui_keys n
wait_for "New inspection"
ui_text "$POST"
wait_for "$POST"
ui_keys Enter
ui_keys Tab Tab C-u
ui_text "2026-11-02"
ui_keys F2
check "day: back-dated check: the checklist comes up" wait_for "公示牌悬挂到位"
ui_keys f a Enter
wait_for "Findings*"
# Two findings, one a line: Enter starts the second (it went on to the
# deadline, and the second finding was typed into the date).
ui_text "1.公示牌缺失"
ui_keys Enter
ui_text "2.投诉电话未公开"
check "day: findings: the second on a line of its own in the form" \
    wait_cond apart "1.公示牌缺失" "2.投诉电话未公开"
ui_keys F2
check "day: back-dated check: logged" wait_for "logged."
NEW=$(dbq "SELECT code FROM inspection WHERE on_date = '2026-11-02' AND inspector = 'li.na'")
check "db: the back-dated check is stored for 2026-11-02" [ -n "$NEW" ]
DUE0=$(dbq "SELECT r.due_on FROM rectification r JOIN inspection i ON i.id = r.inspection_id
            WHERE i.code = '$NEW'")
# The deadline the unit is to be told, said when it is logged (it said
# only "logged.").
check "day: logged, saying the rectification deadline ($DUE0)" \
    wait_for "Unannounced inspection of $POST logged. Rectify by $DUE0."
check "db: ... with its findings on two lines" \
    db_wait "SELECT findings = '1.公示牌缺失' || char(10) || '2.投诉电话未公开' FROM inspection
             WHERE code = '$NEW'" 1
ui_keys Enter
check "day: Enter opens the check just logged, not the top row ($TOP)" wait_for "$NEW ·"
check "day: the detail shows the second finding on its own line" \
    wait_for "2.投诉电话未公开"
check "day: ... not run on after the first" apart "1.公示牌缺失" "2.投诉电话未公开"
ui_keys q
wait_gone "$NEW ·"
# The correction keeps the lines (the field joined them into one, and a
# save wrote them back so).
ui_keys e
check "day: e opens the correction with the findings" wait_for "2.投诉电话未公开"
check "day: ... still on two lines" apart "1.公示牌缺失" "2.投诉电话未公开"
ui_keys Escape
dismiss_discard() { ui_screen | grep -qF "Discard your changes?" && ui_keys y; return 0; }
dismiss_discard
wait_gone "Why corrected"
check "day: q quits" quit_with 0

# ---- a deadline moved when the rectification is sent back -------------------
DUE=$(dbq "SELECT r.due_on FROM rectification r JOIN inspection i ON i.id = r.inspection_id
           WHERE i.code = '$NEW'")
ui_start 80 24 --config "$CFG" --login wang.fang --db "$DB" --today $TODAY
wait_for "王芳"
ui_keys 5
wait_for "Inspections · newest first"
ui_keys /
wait_for "Search findings"
ui_text "$NEW"
ui_keys Enter
wait_for "/$NEW"
ui_keys r
check "handler: r asks what was put right" wait_for "What was put right"
# ... under what was found, which the unit reports on (it showed only in
# the inspection's detail).
check "handler: ... showing the findings" wait_cond line_has "Findings" "1.公示牌缺失"
check "handler: ... line by line, as written" wait_cond apart "1.公示牌缺失" "2.投诉电话未公开"
ui_text "已补挂公示牌"
ui_keys Enter
check "handler: reported done" wait_for "reported done"
check "handler: q quits" quit_with 0

ui_start 200 50 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜"
ui_keys 5
wait_for "Inspections · newest first"
ui_keys /
wait_for "Search findings"
ui_text "$NEW"
ui_keys Enter
wait_for "/$NEW"
ui_keys r
wait_for "Send back: not put right"
ui_keys 2
wait_for "What is still wrong"
ui_text "公示牌位置不醒目"
ui_keys Tab C-u
ui_text "2026-12-18"
ui_keys F2
check "200x50: sent back" wait_for "sent back: open again"
check "db: the new deadline" \
    db_wait "SELECT r.due_on FROM rectification r JOIN inspection i ON i.id = r.inspection_id
             WHERE i.code = '$NEW'" 2026-12-18
ui_keys Enter
check "200x50: the timeline gives the first deadline" wait_for "log inspection → open, due $DUE"
# (the line wraps in the detail's width, before the dates)
check "200x50: ... and the deadline moved when it was sent back" \
    line_has "send rectification back → sent back, deadline moved from"
check "200x50: ... from the first to the new one, before the reason" \
    wait_for "$DUE to 2026-12-18: 公示牌位置不醒目"
ui_keys q
check "200x50: q quits" quit_with 0
# In Chinese the note follows a full-width colon (an ASCII one read as a
# typo in the sentence).
CFGZH="$UI_TMP/zh.cfg"
{ cat "$CFG"; echo 'interface = { language = "zh_CN"; };'; } >"$CFGZH"
ui_start 200 50 --config "$CFGZH" --login li.na --db "$DB" --today $TODAY
wait_for "李娜"
ui_keys 5
wait_for "检查"
ui_keys /
ui_text "$NEW"
ui_keys Enter
wait_for "/$NEW"
ui_keys Enter
wait_for "检查员：李娜" && ui_keys End
check "200x50, Chinese: the note after a full-width colon" wait_for "待验收：已补挂公示牌"
check "200x50, Chinese: ... after a moved deadline too" wait_for "改为 2026-12-18：公示牌"
ui_keys q
check "200x50, Chinese: q quits" quit_with 0

# ---- c on the list says where a complaint is raised ---------------------------
# (It said "c does nothing here", while c works in the detail.)
PASSED=$(dbq "SELECT code FROM inspection WHERE result = 'pass' AND items_failed = 0
              AND samples_failed = 0 ORDER BY id LIMIT 1")
ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜"
ui_keys 5
wait_for "Inspections · newest first"
ui_keys /
wait_for "Search findings"
ui_text "$NEW"
ui_keys Enter
wait_for "/$NEW"
ui_keys c
check "80x24: c on a failed check: where, and how" \
    wait_for "A complaint is raised in the detail: Enter, then c."
check "80x24: ... not \"does nothing\"" absent "does nothing here"
check "80x24: ... whole on the status line" \
    sh -c 'printf "%s\n" "$1" | tail -1 | grep -qF "A complaint is raised in the detail: Enter, then c."' sh "$(ui_screen)"
ui_keys Enter
check "80x24: ... and there it is offered" wait_for "c raise a complaint"
ui_keys q
wait_gone "c raise a complaint"
ui_keys /
wait_for "Search findings"
ui_keys C-u
ui_text "$PASSED"
ui_keys Enter
wait_for "/$PASSED"
ui_keys c
check "80x24: c on a passed check: as its detail says it" \
    wait_for "This inspection passed: a complaint is raised from a failed one."
# e on a colleague's check: the refusal speaks to the user (it named them
# by their login, as if someone else).
ui_keys e
check "80x24: e on a colleague's check: \"You may not\"" \
    wait_for "You may not correct inspection $PASSED"
check "80x24: ... not li.na by login" absent "li.na may not"
dismiss
check "80x24: q quits" quit_with 0

# ---- the search says how many it found ----------------------------------------
# (Complaints' search did; this one did not, with more than a screen.)
MANY=$(dbq "SELECT count(*) FROM inspection WHERE findings LIKE '%公示牌规范%'")
check "db: the demo has more than a screen of checks with 公示牌规范 ($MANY)" [ "$MANY" -gt 20 ]
check "db: ... and no post or unit is named so" \
    [ "$(dbq "SELECT (SELECT count(*) FROM post WHERE title LIKE '%公示牌规范%')
                   + (SELECT count(*) FROM unit WHERE name LIKE '%公示牌规范%')")" = 0 ]
ui_start 80 24 --config "$CFG" --login li.na --db "$DB" --today $TODAY
wait_for "李娜"
ui_keys 5
wait_for "Inspections · newest first"
ui_keys /
wait_for "Search findings"
# The prompt says inspectors are searched too (they were, unsaid).
check "80x24: the search prompt names the inspectors" wait_for "units, inspectors (empty: all)"
ui_text "公示牌规范"
ui_keys Enter
check "80x24: the search shows its count, more than a screen" wait_for "/公示牌规范 ($MANY)"
ui_keys /
wait_for "Search findings"
ui_keys C-u
ui_text "$NEW"
ui_keys Enter
check "80x24: ... and one match: (1)" wait_for "/$NEW (1)"
ui_keys /
wait_for "Search findings"
ui_keys C-u
ui_text "没有这样的检查"
ui_keys Enter
check "80x24: ... and none: (0)" wait_for "/没有这样的检查 (0)"
# The hotline on the post's notice board, read out with the country code.
HOT=$(dbq "SELECT hotline FROM post WHERE code = '$POST'")
HOTN=$(dbq "SELECT count(*) FROM inspection i JOIN post p ON p.id = i.post_id
            WHERE replace(p.hotline, '-', '') = replace('$HOT', '-', '')")
HOT86="+86 $(printf '%s' "$HOT" | sed 's/^0//')"
ui_keys /
wait_for "Search findings"
ui_keys C-u
ui_text "$HOT86"
ui_keys Enter
check "80x24: the post's hotline ($HOT86) finds its checks ($HOTN)" wait_for "/$HOT86 ($HOTN)"
check "80x24: ... the back-dated one among them" line_has "2026-11-02"
ui_keys /
wait_for "Search findings"
ui_keys C-u
ui_text "李娜"
ui_keys Enter
check "80x24: ... and an inspector by name: her checks" \
    wait_for "/李娜 ($(dbq "SELECT count(*) FROM inspection WHERE inspector = 'li.na'"))"
check "80x24: q quits" quit_with 0

# ---- K is not offered to who recorded the pledge ----------------------------
# (Four eyes: the organiser who recorded a pledge may not mark it kept; K
# was offered to them all the same, and refused when pressed.)
KM=$(dbq "SELECT m.code FROM member m WHERE m.active = 1 AND (SELECT count(*) FROM pledge p
          WHERE p.member_id = m.id) = 1 AND EXISTS (SELECT 1 FROM pledge p WHERE
          p.member_id = m.id AND p.status = 'open') ORDER BY m.id LIMIT 1")
KNAME=$(dbq "SELECT name FROM member WHERE code = '$KM'")
REC=$(dbq "SELECT p.created_by FROM pledge p JOIN member m ON m.id = p.member_id WHERE m.code = '$KM'")
OTHER=$(dbq "SELECT created_by FROM pledge WHERE created_by <> '$REC' LIMIT 1")
check "db: an open pledge of $KM recorded by $REC, another organiser $OTHER" \
    [ -n "$KM" ] && [ -n "$REC" ] && [ -n "$OTHER" ]
cat >"$UI_TMP/org.cfg" <<EOF2
access = { service_account = "$ME"; };
users = (
    { login = "$REC"; name = "录入人"; role = "organiser"; },
    { login = "$OTHER"; name = "另一人"; role = "organiser"; }
);
EOF2
pledges_of() { # LOGIN: the pledges of $KM, in Pledge progress
    ui_start 80 24 --config "$UI_TMP/org.cfg" --login "$1" --db "$DB" --today $TODAY
    wait_for "$1"
    ui_keys 3
    wait_for "Pledge progress"
    ui_keys /
    wait_for "Search units and members"
    ui_text "$KM"
    ui_keys Enter
    wait_for "$KNAME"
    ui_keys Enter
    wait_for "Pledges of $KNAME"
}
# q goes back a level at a time; at the top it asks, y ends the session.
quit_from_pledges() {
    i=0
    while ! quit_asked && [ $i -lt 5 ]; do
        ui_keys q
        wait_cond quit_asked
        i=$((i + 1))
    done
    ui_keys y
    ui_exited 5 && [ "$UI_RC" = 0 ]
}
pledges_of "$REC"
check "recorder: the pledge's hints offer W" wait_for "W withdraw"
check "recorder: ... but not K, which they may not" absent "K kept"
ui_keys K
check "recorder: K says why" wait_for "recorded this pledge and cannot verify it"
dismiss
check "recorder: q quits" quit_from_pledges
pledges_of "$OTHER"
check "another organiser: K is offered" wait_for "K kept"
check "another organiser: q quits" quit_from_pledges
