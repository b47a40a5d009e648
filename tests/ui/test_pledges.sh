# Sourced by run.sh with lib.sh loaded: the Pledge progress pane. An
# organiser opens the tree, expands a department, drills down to a member's
# open pledge and marks it kept; the unit's counts and bar and the Overview
# follow. A member who is also an organiser may not verify their own
# pledge. The database is built by the CLI and only read here.
DB="$UI_TMP/pledges.db"
CFG="$UI_TMP/pledges.cfg"
ME=$(id -un)
TODAY=2026-11-26
ORG=zz_test

"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "pledges: demo database built through the CLI" [ $? -eq 0 ]

q() { sqlite3 -batch -noheader "$DB" "$1"; }
# line_has TEXT...: one screen line holds every TEXT.
line_has() {
    ui_screen | awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i]; ARGC = 1 }
        { hit = 1; for (i = 1; i <= n; i++) if (index($0, want[i]) == 0) hit = 0; if (hit) f = 1 }
        END { exit !f }' "$@"
}
last_line_has() { ui_screen | tail -1 | grep -qF -- "$1"; }
# Retries a check for up to 5 s: the screen may not have caught up yet.
soon() { i=0; while ! "$@"; do [ $i -ge 50 ] && return 1; sleep 0.1; i=$((i + 1)); done; }
not_on_screen() { ! ui_screen | grep -qF -- "$1"; }
exited_with() { ui_exited 5 && [ "$UI_RC" = "$1" ]; }

# A member with a login and an open pledge they made, for the refusal.
SELF_MEMBER=$(q "SELECT m.id FROM member m JOIN pledge p ON p.member_id = m.id
    WHERE m.login IS NOT NULL AND p.status = 'open' AND p.due_on >= '$TODAY'
    ORDER BY m.id LIMIT 1")
SELF_LOGIN=$(q "SELECT login FROM member WHERE id = $SELF_MEMBER")
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "$ORG"; name = "李组织"; role = "organiser"; scopes = []; },
    { login = "$SELF_LOGIN"; name = "党员"; role = "organiser"; scopes = []; },
    { login = "zz_viewer"; name = "王领导"; role = "viewer"; scopes = []; }
);
EOF

# ---- the keys that lead from the top of the tree to a pledge ----------------
# Units are listed by code under their parent, members by (name, id),
# pledges by id: the same orders the pane uses, read here with sqlite3.

# rank_unit ID: how many siblings come before unit ID.
rank_unit() {
    q "SELECT count(*) FROM unit s, unit u WHERE u.id = $1
       AND s.parent_id IS u.parent_id AND s.code < u.code"
}
# Members are listed in pinyin order: by the sort key stored beside the name.
rank_member() {
    q "SELECT count(*) FROM member s, member m WHERE m.id = $1 AND s.unit_id = m.unit_id
       AND (s.name_key < m.name_key OR (s.name_key = m.name_key AND s.id < m.id))"
}
rank_pledge() {
    q "SELECT count(*) FROM pledge s, pledge p WHERE p.id = $1
       AND s.member_id = p.member_id AND s.id < p.id"
}
press_j() { g_n=$1; while [ "$g_n" -gt 0 ]; do ui_keys j; g_n=$((g_n - 1)); done; }

# goto_pledge PLEDGE_ID: from the tree's first row to the pledge's row.
goto_pledge() {
    g_pid=$1
    mid=$(q "SELECT member_id FROM pledge WHERE id = $g_pid")
    unit=$(q "SELECT unit_id FROM member WHERE id = $mid")
    path=$(q "SELECT trim(path, '/') FROM unit WHERE id = $unit" | tr '/' ' ')
    first=1 prev=
    for u in $path; do
        # Under a unit with pledges of its own, its "(own)" row comes first.
        if [ $first = 1 ]; then press_j "$(rank_unit "$u")"; first=0
        else press_j $(($(rank_unit "$u") + 1 + $(q "SELECT count(*) > 0 FROM pledge WHERE unit_id = $prev"))); fi
        prev=$u
        g_name=$(q "SELECT name FROM unit WHERE id = $u")
        if [ "$u" != "$unit" ]; then
            ui_keys +
            wait_for "▾ $g_name" 5 || return 1
        fi
    done
    # m on a unit with sub-units lists the whole subtree: its own members
    # are under its "(own)" row, the first below it.
    if [ "$(q "SELECT count(*) FROM unit WHERE parent_id = $unit")" -gt 0 ]; then
        ui_keys +
        wait_for "▾ $g_name" 5 || return 1
        ui_keys j
    fi
    ui_keys m
    wait_for "Members of $(q "SELECT name FROM unit WHERE id = $unit")" 5 || return 1
    # The unit's responsibility letters, when it has any, are the first row.
    press_j $(($(rank_member "$mid") + $(q "SELECT count(*) > 0 FROM pledge
        WHERE unit_id = $unit AND member_id IS NULL")))
    ui_keys Enter
    wait_for "Pledges of $(q "SELECT name FROM member WHERE id = $mid")" 5 || return 1
    press_j "$(rank_pledge "$g_pid")"
}

# The kept and progress cells of a unit's tree row: "kept pct".
# (not a title naming the unit as what a pane is linked to, nor an empty
# pane saying it has nothing for that unit)
row_of() { ui_screen | grep -F -- "$1" | grep -v "linked to\|chosen in another pane" | head -1; }
kept_cell() { row_of "$1" | awk '{ print $(NF-4) }'; }
pct_cell() { row_of "$1" | awk '{ print $NF }'; }

# The organiser's pledge: an open, overdue pledge of a member without a
# login, in a unit below a department.
PLEDGE=$(q "SELECT p.id FROM pledge p JOIN member m ON m.id = p.member_id
    JOIN unit u ON u.id = m.unit_id
    WHERE p.status = 'open' AND p.due_on < '$TODAY' AND m.login IS NULL AND u.depth = 1
      AND p.unit_id = m.unit_id ORDER BY p.id LIMIT 1")
P_UNIT=$(q "SELECT unit_id FROM pledge WHERE id = $PLEDGE")
P_UNIT_NAME=$(q "SELECT name FROM unit WHERE id = $P_UNIT")
P_TEXT=$(q "SELECT substr(text, 1, 4) FROM pledge WHERE id = $PLEDGE")
U_KEPT=$(q "SELECT count(*) FROM pledge p JOIN unit u ON u.id = p.unit_id
    WHERE u.path LIKE (SELECT path FROM unit WHERE id = $P_UNIT) || '%' AND p.status = 'kept'")
U_BASE=$(q "SELECT count(*) FROM pledge p JOIN unit u ON u.id = p.unit_id
    WHERE u.path LIKE (SELECT path FROM unit WHERE id = $P_UNIT) || '%'
      AND p.status <> 'withdrawn'")
pct() { awk -v k="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * k / b }'; }
PCT_BEFORE=$(pct "$U_KEPT" "$U_BASE")
PCT_AFTER=$(pct $((U_KEPT + 1)) "$U_BASE")
T_KEPT=$(q "SELECT count(*) FROM pledge WHERE status = 'kept'")
T_OVERDUE=$(q "SELECT count(*) FROM pledge WHERE status = 'open' AND due_on < '$TODAY'")

# ---- 80x24: the journey, then the Overview ------------------------------------
ui_start 80 24 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
check "80x24: the interface opens as the organiser" wait_for "李组织"
ui_keys 1
check "80x24: Overview before" line_has "Pledges" "kept $T_KEPT" "overdue $T_OVERDUE"
ui_keys 3
check "80x24: Pledge progress shows the departments" wait_for "Pledge progress —"
check "80x24: the first department is listed collapsed" \
    wait_for "▸ $(q "SELECT name FROM unit WHERE parent_id IS NULL ORDER BY code LIMIT 1")"
check "80x24: the tree shows progress bars" line_has "█" "%"
check "80x24: organiser actions are offered" wait_for "n new pledge"
check "80x24: keys reach the pledge" goto_pledge "$PLEDGE"
ui_keys Escape
check "80x24: back to the members" wait_for "Members of $P_UNIT_NAME"
ui_keys Escape
check "80x24: back in the tree" wait_for "Pledge progress —"
check "80x24: the unit's row before: kept $U_KEPT" [ "$(kept_cell "$P_UNIT_NAME")" = "$U_KEPT" ]
check "80x24: the unit's bar before: $PCT_BEFORE" [ "$(pct_cell "$P_UNIT_NAME")" = "$PCT_BEFORE" ]
ui_keys m
check "80x24: m shows the unit's members again" wait_for "Members of $P_UNIT_NAME"
MID=$(q "SELECT member_id FROM pledge WHERE id = $PLEDGE")
check "80x24: the cursor came back to the member" line_has "$(q "SELECT code FROM member WHERE id = $MID")"
ui_keys Enter
check "80x24: Enter shows the member's pledges" wait_for "Pledges of"
ui_keys Home
press_j "$(rank_pledge "$PLEDGE")"
check "80x24: the pledge is overdue" line_has "$P_TEXT" "overdue"
ui_keys Enter
P_MEMBER_NAME=$(q "SELECT name FROM member WHERE id = $MID")
P_DUE=$(q "SELECT due_on FROM pledge WHERE id = $PLEDGE")
check "80x24: Enter shows the pledge in full" wait_for "Any key closes"
# Titled as people know it (whose, what, when due), not by the row's id.
check "80x24: ... titled by the member, the text and the due day" \
    line_has "$P_MEMBER_NAME's pledge “$P_TEXT" ", due $P_DUE"
check "80x24: ... no internal id" not_on_screen "#$PLEDGE"
ui_keys q
check "80x24: a key closes the detail" wait_gone "Any key closes"
ui_keys K
check "80x24: K opens the kept form" wait_for "Mark the pledge kept"
check "80x24: kept date defaults to today" line_has "Kept on" "$TODAY"
check "80x24: the verifier is the organiser" line_has "Verified by" "$ORG"
first_line_of() { ui_screen | grep -nF -- "$1" | head -1 | cut -d: -f1; }
evidence_first() { [ "$(first_line_of "Evidence*")" -lt "$(first_line_of "Kept on*")" ]; }
check "80x24: evidence comes first, where the form opens" evidence_first
# The date as a Chinese clerk writes it: 年 and 月 type as -, 日 adds
# nothing, and leaving the field writes it out (it became 20261126).
ui_keys Tab C-u
ui_text "2026年11月26日"
check "80x24: a date typed 2026年11月26日 reads 2026-11-26 as typed" \
    wait_cond line_has "Kept on" "2026-11-26"
ui_keys C-u
ui_text "2026/11/2"
ui_keys Tab
check "80x24: 2026/11/2 is written out as 2026-11-02 on leaving the field" \
    wait_cond line_has "Kept on" "2026-11-02"
check "80x24: ... and taken" absent "a real date"
# A month and day alone (11月2日) is that day of this year.
ui_keys BTab C-u
ui_text "11月2日"
ui_keys Tab
check "80x24: 11月2日 is written out as ${TODAY%%-*}-11-02" \
    wait_cond line_has "Kept on" "${TODAY%%-*}-11-02"
ui_keys BTab C-u
ui_text "$TODAY"
ui_keys Tab
ui_keys F2
check "80x24: evidence is required, said beside the field" wait_for "↑ required"
ui_keys -l "群众回访满意，台账已归档"
ui_keys F2
check "80x24: the form closes on save" wait_gone "Mark the pledge kept"
check "80x24: the pledge shows kept, today, by the organiser, named" \
    line_has "$P_TEXT" "kept" "$TODAY" "李组织"
ui_keys Escape; wait_for "Members of"; ui_keys Escape
check "80x24: back in the tree" wait_for "Pledge progress —"
i=0; while [ "$(kept_cell "$P_UNIT_NAME")" != $((U_KEPT + 1)) ] && [ $i -lt 30 ]; do
    sleep 0.1; i=$((i + 1)); done
check "80x24: the unit's kept count went up to $((U_KEPT + 1))" \
    [ "$(kept_cell "$P_UNIT_NAME")" = $((U_KEPT + 1)) ]
check "80x24: the unit's bar moved to $PCT_AFTER" [ "$(pct_cell "$P_UNIT_NAME")" = "$PCT_AFTER" ]
ui_keys 1
check "80x24: Overview kept went up by one" \
    soon line_has "Pledges" "kept $((T_KEPT + 1))" "overdue $((T_OVERDUE - 1))"
check "80x24: the status line's overdue pledges went down" \
    soon last_line_has "Overdue pledges $((T_OVERDUE - 1))"

check "db: the pledge is kept" [ "$(q "SELECT status FROM pledge WHERE id = $PLEDGE")" = kept ]
check "db: verified by the organiser" \
    [ "$(q "SELECT verified_by FROM pledge WHERE id = $PLEDGE")" = $ORG ]
check "db: kept today with the evidence" [ "$(q "SELECT kept_on || '|' || evidence FROM pledge
    WHERE id = $PLEDGE")" = "$TODAY|群众回访满意，台账已归档" ]
check "db: one history row by the organiser" [ "$(q "SELECT count(*) FROM history
    WHERE entity = 'pledge' AND entity_id = $PLEDGE AND action = 'pledge.keep'
      AND actor = '$ORG'")" = 1 ]
check "db: history before says open, after says kept" [ "$(q "SELECT
    json_extract(before, '\$.status') || '>' || json_extract(after, '\$.status') FROM history
    WHERE entity = 'pledge' AND entity_id = $PLEDGE AND action = 'pledge.keep'")" = "open>kept" ]
check "80x24: q quits" quit_with 0

# ---- 200x50: the same journey on another pledge of the same unit ----------------
PLEDGE2=$(q "SELECT p.id FROM pledge p JOIN member m ON m.id = p.member_id
    WHERE p.status = 'open' AND m.login IS NULL AND m.unit_id = $P_UNIT
      AND p.unit_id = m.unit_id ORDER BY p.id LIMIT 1")
P2_TEXT=$(q "SELECT substr(text, 1, 6) FROM pledge WHERE id = $PLEDGE2")
P2_OVERDUE=$(q "SELECT due_on < '$TODAY' FROM pledge WHERE id = $PLEDGE2")
T_KEPT=$(q "SELECT count(*) FROM pledge WHERE status = 'kept'")
T_OVERDUE=$(q "SELECT count(*) FROM pledge WHERE status = 'open' AND due_on < '$TODAY'")
U_KEPT=$((U_KEPT + 1))
PCT_AFTER=$(pct $((U_KEPT + 1)) "$U_BASE")

# A long position is shown whole where the screen has room (it was cut
# to ten cells beside a half-empty name column).
db_raw "$DB" "UPDATE member SET position = '四级主任科员，窗口负责人'
    WHERE id = (SELECT member_id FROM pledge WHERE id = $PLEDGE2);"
ui_start 200 50 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
check "200x50: the interface opens as the organiser" wait_for "$ORG"
ui_keys 3
check "200x50: Pledge progress shows the departments" wait_for "Pledge progress —"
check "200x50: keys reach the second pledge" goto_pledge "$PLEDGE2"
check "200x50: the pledge is open" line_has "$P2_TEXT" "$(q "SELECT due_on FROM pledge
    WHERE id = $PLEDGE2")"
ui_keys K
check "200x50: the kept form" wait_for "Mark the pledge kept"
ui_keys -l "现场核查属实"
ui_keys C-s
check "200x50: saved with Ctrl-S" wait_gone "Mark the pledge kept"
check "200x50: kept by the organiser, named" line_has "$P2_TEXT" "kept" "李组织"
ui_keys Escape; wait_for "Members of"
check "200x50: the member's long position whole" wait_for "四级主任科员，窗口负责人"
ui_keys Escape
check "200x50: back in the tree" wait_for "Pledge progress —"
i=0; while [ "$(kept_cell "$P_UNIT_NAME")" != $((U_KEPT + 1)) ] && [ $i -lt 30 ]; do
    sleep 0.1; i=$((i + 1)); done
check "200x50: the unit's kept count went up to $((U_KEPT + 1))" \
    [ "$(kept_cell "$P_UNIT_NAME")" = $((U_KEPT + 1)) ]
check "200x50: the unit's bar moved to $PCT_AFTER" [ "$(pct_cell "$P_UNIT_NAME")" = "$PCT_AFTER" ]
ui_keys 1
check "200x50: Overview kept went up" soon line_has "kept $((T_KEPT + 1))" \
    "overdue $((T_OVERDUE - P2_OVERDUE))"
check "db: the second pledge is kept by the organiser" [ "$(q "SELECT status || verified_by
    FROM pledge WHERE id = $PLEDGE2")" = "kept$ORG" ]
check "200x50: q quits" quit_with 0

# ---- a new order is read from its top -------------------------------------------------
# With the cursor at the last department, "lowest progress first" shows
# the lowest at the top of the list, not the cursor's unit with the ones
# that now rank above it scrolled out of sight.
MIN_PCT=$("$XF" --db "$DB" --today $TODAY report pledges --depth 1 --format csv |
    tr -d '\r' | awk -F, 'NR > 1 && $7 != "" && (m == "" || $7 + 0 < m + 0) { m = $7 }
                         END { print m "%" }')
first_pct_is() { [ "$(ui_screen | grep -m1 -E "^ ?(▸|▾) " | awk '{ print $NF }')" = "$1" ]; }
ui_start 80 24 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —"
ui_keys End s s
check "sort: lowest progress first" wait_for "Units sorted lowest progress first."
check "sort: the list starts at the lowest ($MIN_PCT)" wait_cond first_pct_is "$MIN_PCT"
check "sort: q quits" quit_with 0

# ---- filter, search, collapse ----------------------------------------------------------
ui_start 80 24 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
check "tree: opens" wait_for "Pledge progress —"
DEPT=$(q "SELECT name FROM unit WHERE parent_id IS NULL ORDER BY code LIMIT 1")
ui_keys Right
check "Right expands the first department" wait_for "▾ $DEPT"
# The pledges made at the department itself have a row of their own, so
# the rows under it add up to it.
OWN=$(q "SELECT count(*) FROM pledge p JOIN unit u ON u.id = p.unit_id
         WHERE u.code = (SELECT code FROM unit WHERE parent_id IS NULL ORDER BY code LIMIT 1)")
check "the department's own pledges have their row ($OWN made)" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | grep -F "$2 (own)" | awk -v n="$3" "\$(NF-5) == n { f = 1 } END { exit !f }"' \
    sh "$XF_SOCK" "$DEPT" "$OWN"
ui_keys Left
check "Left collapses it" wait_for "▸ $DEPT"
# f turns "overdue only" on and off, at once (no form to swallow the
# second f), also after a visit to a unit's members (m, then q).
ui_keys m
check "m shows the first department's members" wait_for "Members of $DEPT"
ui_keys q
check "q returns to the tree" wait_for "Pledge progress —"
ui_keys f
check "f after m and q turns the overdue filter on" wait_for "[overdue only]"
check "... and says so in a sentence" \
    wait_for "Showing only the units and members with overdue pledges."
NO_OD=$(q "SELECT count(*) FROM unit u WHERE u.parent_id IS NULL AND NOT EXISTS (
    SELECT 1 FROM pledge p JOIN unit v ON v.id = p.unit_id
    WHERE v.path LIKE u.path || '%' AND p.status = 'open' AND p.due_on < '$TODAY')")
check "every department shown has overdue pledges ($NO_OD without are hidden)" \
    sh -c "! tmux -L '$XF_SOCK' capture-pane -p -t xf | sed -n '4,22p' | awk 'NF > 5 { if (\$(NF-2) == \"0\") f = 1 } END { exit !f }'"
ui_keys f
check "f again turns the filter off" wait_gone "[overdue only]"
ui_keys f
check "and on again" wait_for "[overdue only]"
# Esc takes a list's filter away before it goes back; q goes back at once
# (as in every list).
ui_keys m
check "m with the filter on: the members, filtered" wait_cond line_has "Members of" "[overdue only]"
check "... the hints say Esc clears and q goes back" wait_cond line_has "Esc show all" "q back"
ui_keys Escape
check "Esc in the members clears the filter first" wait_gone "[overdue only]"
check "... and stays in the members" wait_for "Members of"
ui_keys f
wait_for "[overdue only]"
ui_keys q
check "q goes back to the tree at once" wait_for "Pledge progress —"
check "... the filter still on" wait_for "[overdue only]"
check "... the tree's hints say Esc clears it" wait_for "Esc show all"
ui_keys Escape
check "Esc in the tree clears the filter" wait_gone "[overdue only]"
check "... saying so" wait_for "Showing all units and members."
check "... and asks nothing" absent "Quit xianfeng?"
# Two characters: a term the trigram index cannot hold, answered by LIKE.
UNIT3=$(q "SELECT name FROM unit WHERE depth = 2 ORDER BY id LIMIT 1")
TERM=$(q "SELECT substr(name, 1, 2) FROM unit WHERE depth = 2 ORDER BY id LIMIT 1")
HITS=$(q "SELECT (SELECT count(*) FROM unit WHERE instr(name, '$TERM') > 0 OR instr(code, '$TERM') > 0)
          + (SELECT count(*) FROM member WHERE active = 1 AND (instr(name, '$TERM') > 0
             OR instr(code, '$TERM') > 0 OR instr(position, '$TERM') > 0))")
FIRST=$(q "SELECT name FROM unit WHERE instr(name, '$TERM') > 0 OR instr(code, '$TERM') > 0
    ORDER BY id LIMIT 1")
FIRST_ID=$(q "SELECT id FROM unit WHERE instr(name, '$TERM') > 0 OR instr(code, '$TERM') > 0
    ORDER BY id LIMIT 1")
FIRST_PARENT=$(q "SELECT p.name FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.id = $FIRST_ID")
ui_keys /
check "/ asks for a unit or member" wait_for "Search units and members"
ui_keys -l "$TERM"
ui_keys Enter
check "the search lists the $HITS matching units and members" \
    wait_for "Units and members matching “$TERM” ($HITS)"
check "the first match is listed" line_has "$FIRST"
check "... under its parent's name (many units share a name)" line_has "$FIRST_PARENT › $FIRST"
ui_keys Enter
check "Enter opens the tree down to the unit" wait_for "Pledge progress —"
check "its parent is expanded" wait_for "▾ $FIRST_PARENT"
check "the found unit is shown in the tree" line_has "$FIRST" "%"
# A term matching more than a search shows: the count is not the total.
ui_keys /
wait_for "Search units" && ui_keys -l "M0" && ui_keys Enter
check "a search of more than 500 says it shows the first 500" \
    wait_for "(the first 500: type more to narrow it)"
ui_keys Escape
wait_for "Pledge progress —"
ui_keys /
check "the search form opens again" wait_for "Search units"
ui_keys C-u
ui_keys -l "no-such-unit-xyz"
ui_keys Enter
check "a search without matches says so beside the field" \
    wait_for "no unit's or member's name or code"
ui_keys Escape
check "Esc leaves the search prompt at once" wait_gone "Search units"
check "... without asking" absent "Discard your changes?"
# An organiser looks for a member by name, not for the member's unit.
# One at a unit below a department, named with its department (every
# department has a 服务大厅).
MNAME=$(q "SELECT name FROM member m WHERE active = 1 AND (SELECT count(*) FROM member o
           WHERE instr(o.name, m.name) > 0) = 1 AND EXISTS (SELECT 1 FROM pledge p
           WHERE p.member_id = m.id) AND (SELECT depth FROM unit WHERE id = m.unit_id) = 1
           AND EXISTS (SELECT 1 FROM member o WHERE o.unit_id = m.unit_id AND o.name_key < m.name_key)
           ORDER BY id LIMIT 1")
MCODE=$(q "SELECT code FROM member WHERE name = '$MNAME'")
MUNIT=$(q "SELECT d.name || ' › ' || u.name FROM member m JOIN unit u ON u.id = m.unit_id
           JOIN unit d ON d.id = u.parent_id WHERE m.name = '$MNAME'")
MTEXT=$(q "SELECT substr(p.text, 1, 6) FROM pledge p JOIN member m ON m.id = p.member_id
           WHERE m.name = '$MNAME' ORDER BY p.id LIMIT 1")
ui_keys /
wait_for "Search units and members"
ui_keys -l "$MNAME"
ui_keys Enter
highlighted() {
    tmx capture-pane -p -e -t xf | sed '$d' | grep -F "$1" | grep -q "\[7m\|\[4[0-8]m"
}
check "member search: $MNAME is found, with the unit" wait_cond line_has "$MNAME · $MUNIT" "member"
check "member search: the hint says Enter shows the member's pledges" wait_for "Enter pledges"
# e on a found member: the member's menu (it said "no unit #-…").
ui_keys e
check "member search: e opens the member's menu" wait_for "edit this member"
check "... no internal error" absent "#-"
ui_keys Escape
wait_gone "edit this member"
# m: the member's unit's members, the cursor on them; Esc back to the results.
ui_keys m
check "member search: m shows the unit's members" wait_for "Members of $MUNIT"
check "... the cursor on $MNAME" wait_cond highlighted "$MCODE"
ui_keys Escape
check "... Esc goes back to the results" wait_cond line_has "$MNAME · $MUNIT" "member"
ui_keys Enter
check "member search: Enter shows the member's pledges" wait_for "Pledges of $MNAME"
check "... the pledges listed" wait_for "$MTEXT"
ui_keys Escape
check "member search: Esc goes to the unit's members" wait_for "Members of $MUNIT"
check "member search: ... the cursor on $MNAME, not the first member" wait_cond highlighted "$MCODE"
ui_keys Escape
check "member search: Esc again goes back to the results" \
    wait_cond line_has "$MNAME · $MUNIT" "member"
check "member search: ... the cursor on $MNAME" wait_cond highlighted "$MNAME · $MUNIT"
# n on a found member: their pledge, at their unit (the form named the
# member as the unit and found no member).
ui_keys n
check "member search: n opens a pledge of $MNAME" wait_for "$MNAME ($MCODE)"
ui_keys -l "查找后新作的承诺"
ui_keys Tab Tab Tab
ui_keys -l "2027-06-30"
ui_keys F2
check "... saved as $MNAME's, at their unit" db_wait "SELECT count(*) FROM pledge p
    JOIN member m ON m.id = p.member_id AND m.unit_id = p.unit_id
    WHERE m.code = '$MCODE' AND p.text = '查找后新作的承诺'" 1
ui_keys Escape
wait_for "Pledge progress —"
check "q quits" quit_with 0

# ---- a viewer is offered no actions ------------------------------------------------------
ui_start 80 24 --config "$CFG" --login zz_viewer --db "$DB" --today $TODAY
ui_keys 3
check "viewer: the tree opens" wait_for "Pledge progress —"
check "viewer: no new-pledge action offered" not_on_screen "new pledge"
ui_keys n
check "viewer: n is refused with a message" wait_for "may not change pledges"
dismiss
ui_keys K
check "viewer: K in the tree says the role may not, not where to go" \
    wait_for "organisers and administrators do"
absent "Choose a pledge first"
dismiss
check "viewer: q quits" quit_with 0

# ---- a member may not verify their own pledge ------------------------------------------
SELF_PLEDGE=$(q "SELECT id FROM pledge WHERE member_id = $SELF_MEMBER AND status = 'open'
    AND due_on >= '$TODAY' ORDER BY id LIMIT 1")
SELF_TEXT=$(q "SELECT substr(text, 1, 4) FROM pledge WHERE id = $SELF_PLEDGE")
BEFORE=$(q "SELECT status || '|' || version || '|' || coalesce(verified_by, '') FROM pledge
    WHERE id = $SELF_PLEDGE")
HIST=$(q "SELECT count(*) FROM history")
ui_start 80 24 --config "$CFG" --login "$SELF_LOGIN" --db "$DB" --today $TODAY
ui_keys 3
check "self: the tree opens" wait_for "Pledge progress —"
check "self: keys reach the member's own pledge" goto_pledge "$SELF_PLEDGE"
ui_keys K
# Said at once, before any evidence is typed (the form used to open, and
# refuse only at save).
check "self: K is refused at once: the member cannot verify their own pledge" \
    wait_for "cannot verify"
check "self: ... naming them as colleagues know them" wait_for "党员 ($SELF_LOGIN) made this pledge"
check "self: no form opened" absent "Mark the pledge kept"
check "self: the pledge is still open" line_has "$SELF_TEXT" "open"
check "db: the member's pledge did not change" [ "$(q "SELECT status || '|' || version || '|' ||
    coalesce(verified_by, '') FROM pledge WHERE id = $SELF_PLEDGE")" = "$BEFORE" ]
check "db: no history row was written" [ "$(q "SELECT count(*) FROM history")" = "$HIST" ]
ui_keys q q q # the first closes the refusal, shown whole over the screen
check "self: q quits" quit_with 0

# ---- new pledge, then withdraw it ------------------------------------------------------
ui_start 80 24 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
check "new: the tree opens" wait_for "Pledge progress —"
check "new: keys reach the member" goto_pledge "$PLEDGE"
ui_keys Escape
check "new: the member's unit" wait_for "Members of $P_UNIT_NAME"
MADE=$(q "SELECT count(*) FROM pledge WHERE member_id = $MID")
ui_keys n
check "new: n opens the form" wait_for "New pledge"
check "new: the member is filled in" line_has "Member" "$(q "SELECT code FROM member WHERE id = $MID")"
check "new: made on defaults to today" line_has "Made on" "$TODAY"
ui_keys -l "办件材料一次告知清楚"
ui_keys Tab Right Tab Tab
ui_keys -l "2026-11-01"
ui_keys Enter
check "new: a due date before the made date is refused beside it" wait_for "is before the pledge was made"
check "new: ... the whole message, wrapped under the field" wait_for "($TODAY)"
check "new: nothing was saved" [ "$(q "SELECT count(*) FROM pledge WHERE member_id = $MID")" = "$MADE" ]
ui_keys BSpace BSpace BSpace BSpace BSpace
ui_keys -l "12-31"
ui_keys Enter
check "new: the form closes on save" wait_gone "New pledge"
NEW=$(q "SELECT max(id) FROM pledge WHERE member_id = $MID")
check "new: the member's count went up" \
    [ "$(q "SELECT count(*) FROM pledge WHERE member_id = $MID")" = $((MADE + 1)) ]
check "db: the new pledge as entered" [ "$(q "SELECT kind || '|' || text || '|' || category || '|'
    || made_on || '|' || due_on || '|' || status || '|' || created_by FROM pledge
    WHERE id = $NEW")" = "member|办件材料一次告知清楚|time_limit|$TODAY|2026-12-31|open|$ORG" ]
check "db: its history row" [ "$(q "SELECT count(*) FROM history WHERE entity = 'pledge'
    AND entity_id = $NEW AND action = 'pledge.make' AND actor = '$ORG'")" = 1 ]
# The same pledge entered again (a second clerk, a form saved twice) would
# count twice in every figure.
ui_keys n
wait_for "New pledge"
ui_keys -l "办件材料一次告知清楚"
ui_keys Tab Right Tab Tab
ui_keys -l "2026-12-31"
ui_keys Enter
check "new again: the repeat is refused, naming the pledge it repeats" wait_for "repeats pledge #$NEW"
check "db: ... and not saved" \
    [ "$(q "SELECT count(*) FROM pledge WHERE member_id = $MID")" = $((MADE + 1)) ]
ui_keys Escape
wait_for "Discard your changes?" && ui_keys y
check "new again: the form is left" wait_gone "New pledge"
# A unit's letter with the member the form was opened with is refused
# beside the member (the member was dropped without a word).
ui_keys n
wait_for "New pledge" && ui_keys BTab BTab Right
wait_for "‹ unit responsibility letter ›" && ui_keys Tab Tab
ui_keys -l "单位年度目标：窗口满意率百分之九十五"
ui_keys Tab Tab Tab
ui_keys -l "2026-12-31"
ui_keys F2
check "letter: a member on a unit's letter is refused, beside it" wait_for "letter belongs to the unit, not to"
check "db: ... nothing saved" \
    [ "$(q "SELECT count(*) FROM pledge WHERE text LIKE '单位年度目标：窗口满意率%'")" = 0 ]
ui_keys BSpace F2
check "letter: the member cleared, it saves" wait_gone "New pledge"
check "db: the unit's letter, with no member" \
    [ "$(q "SELECT kind || '|' || coalesce(member_id, 'none') FROM pledge
            WHERE text LIKE '单位年度目标：窗口满意率%'")" = "unit_target|none" ]
ui_keys Enter
check "new: the member's pledges" wait_for "Pledges of"
ui_keys End
check "new: the new pledge is listed, open" line_has "办件材料" "open"
ui_keys W
check "withdraw: W opens the form" wait_for "Withdraw the pledge"
ui_keys -l "重复录入"
ui_keys F2
check "withdraw: asks to confirm" wait_for "This cannot be undone."
check "... naming the pledge by its text, not its number" wait_for "Withdraw pledge “$(q "SELECT substr(text, 1, 4) FROM pledge WHERE id = $NEW")"
check "withdraw: nothing says it is saving while it asks" absent "Saving…"
ui_keys n
check "withdraw: n keeps it, the form says so" wait_for "Not withdrawn."
check "db: still open" [ "$(q "SELECT status FROM pledge WHERE id = $NEW")" = open ]
ui_keys F2
check "withdraw: asks again" wait_for "This cannot be undone."
ui_keys y
check "withdraw: the form closes" wait_gone "Withdraw the pledge"
check "withdraw: the pledge shows withdrawn" line_has "办件材料" "withdrawn"
check "db: withdrawn today with the reason" [ "$(q "SELECT status || '|' || withdrawn_on || '|'
    || withdraw_reason FROM pledge WHERE id = $NEW")" = "withdrawn|$TODAY|重复录入" ]
ui_keys K
check "withdraw: a withdrawn pledge cannot be marked kept" wait_for "withdrawn already"
ui_keys q q
check "new: q quits" quit_with 0

# ---- narrowed by another pane: the title says so, L shows all again ----------
ui_start 80 24 --db "$DB" --today "$TODAY"
wait_for "1 Overview" && ui_keys 2
check "link: the Posts pane" wait_for "Posts"
ui_keys j
ui_keys 3
check "link: the pledge tree says it is narrowed" wait_for "· linked to"
# A unit found outside it says why it is not shown, and how to see all
# (it said only "outside the units shown here").
LPOST_DEPT=$(q "SELECT substr(u.path, 1, instr(substr(u.path, 2), '/') + 1) FROM post p
                JOIN unit u ON u.id = p.unit_id ORDER BY p.code LIMIT 1 OFFSET 1")
OTHER=$(q "SELECT name FROM unit WHERE parent_id IS NULL AND path <> '$LPOST_DEPT'
           ORDER BY code LIMIT 1")
ui_keys /
wait_for "Search units and members" && ui_text "$OTHER" && ui_keys Enter
wait_cond line_has "$OTHER" "department" && ui_keys Enter
check "link: a unit outside the linked one: says how to see all" \
    wait_for "$OTHER is outside the unit chosen in another pane; L shows all."
ui_keys L
check "link: L shows the whole tree again" wait_gone "· linked to"
check "link: q quits" quit_with 0

# ---- a department's own pledges: its members and its letters -------------------
# The letters (pledges of no member) are the first row of the unit's
# members; Enter lists them (they were counted in the tree, shown nowhere).
ui_start 100 30 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —"
DEPT1=$(q "SELECT name FROM unit WHERE parent_id IS NULL ORDER BY code LIMIT 1")
LETTERS=$(q "SELECT count(*) FROM pledge p JOIN unit u ON u.id = p.unit_id
             WHERE u.code = (SELECT code FROM unit WHERE parent_id IS NULL ORDER BY code LIMIT 1)
               AND p.member_id IS NULL")
ui_keys +
wait_for "▾ $DEPT1"
ui_keys j Enter
check "own: Enter on the (own) row lists the department's own members" wait_for "Members of $DEPT1 (own)"
check "own: the unit's letters are the first row, counted ($LETTERS)" \
    wait_cond sh -c 'tmux -L "$1" capture-pane -p -t xf | sed -n 4p | grep -F "letters)" | awk -v n="$2" "\$(NF-3) == n { f = 1 } END { exit !f }"' \
    sh "$XF_SOCK" "$LETTERS"
ui_keys Enter
check "own: Enter lists the letters" wait_for "Responsibility letters of $DEPT1 (own)"
check "own: ... as many as counted" \
    wait_cond sh -c '[ "$(tmux -L "$1" capture-pane -p -t xf | sed -n "4,28p" | grep -c "20[0-9][0-9]-")" = "$2" ]' \
    sh "$XF_SOCK" "$LETTERS"
# n among the letters makes one more letter, not a member's pledge.
ui_keys n
check "own: n among the letters offers a unit letter" wait_for "‹ unit responsibility letter ›"
ui_keys Escape
ui_keys q q
check "own: q quits" quit_with 0

# ---- at 120 columns a verifier's login is shown whole --------------------------------
LONGV=$(q "SELECT p.id FROM pledge p JOIN member m ON m.id = p.member_id
    JOIN unit u ON u.id = m.unit_id
    WHERE p.status = 'kept' AND length(p.verified_by) >= 12 AND u.depth = 1
      AND p.unit_id = m.unit_id ORDER BY p.id LIMIT 1")
check "fixture: a pledge kept and verified by a 12-character login" [ -n "$LONGV" ]
VBY=$(q "SELECT verified_by FROM pledge WHERE id = $LONGV")
# The list names people as colleagues know them, the demo's staff too (it
# showed their logins, which no configuration names): by name, whole.
case $VBY in
zz_lihua) VBY=李华 ;; zz_zhaoqiang) VBY=赵强 ;; zz_sunli) VBY=孙丽 ;; zz_zhouyan) VBY=周燕 ;;
esac
ui_start 120 40 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —"
check "120: keys reach the kept pledge" goto_pledge "$LONGV"
check "120: its verifier whole ($VBY)" wait_for "$VBY"
ui_quit
ui_start 80 24 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —"
check "80: keys reach the kept pledge" goto_pledge "$LONGV"
check "80: its verifier whole too ($VBY)" wait_for "$VBY"
ui_quit

# ---- a narrow terminal (a phone's, 60 columns) -----------------------------------------
# The units' names stay readable: Withdrawn gives way, and a name too long
# for the column is cut after its start (every department showed as "…局").
ui_start 60 20 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
check "60x20: the tree shows the departments by name" wait_for "▸ 市质监局"
check "60x20: ... and the unit column is not cut to its last character" absent " …局 "
check "60x20: Withdrawn gives way to the names" absent "Withdrawn"
ui_keys Home Right
check "60x20: expanded, a child keeps its marker and name" wait_for "▸ 服务大厅"
# Narrower still, the counts give way to the names; the rate stays.
ui_resize 45 20
check "45x20: the names still read" wait_for "▸ 市质监局"
check "45x20: ... beside the rate" wait_cond line_has "▸ 市质监局" "%"
# ... and so do the members below (every name read "…").
ui_keys Home m
check "45x20: the members are listed by name" wait_for "Members of "
check "45x20: ... a member's name readable" \
    wait_cond eval 'ui_screen | grep -E "^ [^ …][^ ]+ +M[0-9]{7}" >/dev/null'
ui_keys Escape
ui_resize 60 20
wait_for "Made"
ui_quit

# ---- siblings whose long names differ at the end stay apart at 80 columns ------------
# (coded AW1, AW2: the first two of the tree, by code)
LONG="江北大队机动车驾驶人考试及车辆管理综合业务"
printf 'code,parent_code,name,kind\nAW1,,%s第1号服务窗口,department\nAW2,,%s第2号服务窗口,department\n' \
    "$LONG" "$LONG" >"$UI_TMP/long-units.csv"
printf 'id,kind,member_code,unit_code,text,category,made_on,due_on,status,kept_on,evidence,verified_by\n%s,unit_target,,AW1,年度目标一,other,2026-11-01,2026-12-30,open,,,\n%s,unit_target,,AW2,年度目标二,other,2026-11-01,2026-12-30,open,,,\n' \
    "$(($(q 'SELECT max(id) FROM pledge') + 1))" "$(($(q 'SELECT max(id) FROM pledge') + 2))" \
    >"$UI_TMP/long-pledges.csv"
"$XF" --db "$DB" --today $TODAY import units "$UI_TMP/long-units.csv" >/dev/null &&
    "$XF" --db "$DB" --today $TODAY import pledges "$UI_TMP/long-pledges.csv" >/dev/null
check "fixture: two departments named alike but for their end" [ $? -eq 0 ]
ui_start 80 24 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —"
check "80: the first keeps the start and the end of its name" \
    wait_cond line_has "江北大队" "…" "1号服务窗口"
check "80: ... and so does the second: they read apart" line_has "江北大队" "…" "2号服务窗口"
ui_quit

# ---- a member named exactly as searched comes first -------------------------------------
EXACT=$(q "SELECT a.name || '|' || a.code || '|' || b.code FROM member a JOIN member b
           ON b.name LIKE a.name || '_%' AND b.code < a.code
           WHERE a.active AND b.active AND length(a.name) = 2 ORDER BY a.code LIMIT 1")
check "fixture: a member whose name begins another's, listed after it by code" [ -n "$EXACT" ]
EN=$(echo "$EXACT" | cut -d'|' -f1) EC=$(echo "$EXACT" | cut -d'|' -f2) OC=$(echo "$EXACT" | cut -d'|' -f3)
ui_start 80 24 --config "$CFG" --login $ORG --db "$DB" --today $TODAY
ui_keys 3
wait_for "Pledge progress —" && ui_keys /
wait_for "Search units and members" && ui_text "$EN" && ui_keys Enter
check "search: the member named $EN is found" wait_for "$EC"
check "search: ... above $OC, whose name only begins so" \
    [ "$(ui_line_of "$EC")" -lt "$(ui_line_of "$OC")" ]
ui_quit
