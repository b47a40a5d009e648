# Sourced by run.sh with lib.sh loaded: service improvements (SPEC §2.7),
# `I` from the Overview. An organiser records an approval time cut (a
# longer time after the cut is refused beside the field), corrects it and
# reads its history; a viewer reads the list but may change nothing.
DB="$UI_TMP/improvements.db"
CFG="$UI_TMP/improvements.cfg"
ME=$(id -un)
TODAY=2026-11-26
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "liu.yang"; name = "刘洋"; role = "organiser"; scopes = []; },
    { login = "wang.lei"; name = "王磊"; role = "viewer"; scopes = []; }
);
EOF
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "improvements: demo database built through the CLI" [ $? -eq 0 ]

NEWEST=$(dbq "SELECT title FROM improvement ORDER BY on_date DESC, id DESC LIMIT 1")
CUT=$(dbq "SELECT title FROM improvement WHERE kind = 'time_cut'
           ORDER BY on_date DESC, id DESC LIMIT 1")
UNIT=$(dbq "SELECT code FROM unit WHERE parent_id IS NULL AND active = 1 ORDER BY code LIMIT 1")
COUNT=$(dbq "SELECT count(*) FROM improvement")
CUTS=$(dbq "SELECT count(*) FROM improvement WHERE kind = 'time_cut'")

ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "1 Overview"
check "Overview: says where the improvements are" wait_for "I lists the improvements"
ui_keys I
check "I: the improvements, newest first" wait_for "Service improvements · every kind"
check "I: the newest one first" wait_cond line_has "${NEWEST%%：*}" "20"
ui_keys Right Right Right Right
check "→: the time cuts only" wait_for "Service improvements · approval time cut"
check "→: their days before and after" wait_cond line_has "$(printf %.8s "$CUT")" "→"
ui_keys Left Left Left Left
check "←: every kind again" wait_for "Service improvements · every kind"

ui_keys n
check "n: the form" wait_for "New service improvement"
# A unit below a department is offered with its department: every
# department has a 审批处.
SUB=$(dbq "SELECT u.code FROM unit u WHERE u.parent_id IS NOT NULL AND u.active = 1
           ORDER BY u.code LIMIT 1")
SUBLINE=$(dbq "SELECT d.name || ' › ' || u.name FROM unit u JOIN unit d ON d.id = u.parent_id
               WHERE u.code = '$SUB'")
ui_text "$SUB"
check "n: the finder names a unit with its department" wait_cond line_has "$SUB" "$SUBLINE"
# The finder follows a resize (it stayed clipped to the smaller screen,
# its hint wrapped onto the status line).
picker_whole() { ui_screen | grep -F "Esc back" | grep -q "┘"; }
ui_resize 50 15
sleep 0.3 # (the small size drawn before the next: no condition to wait on)
ui_resize 100 30
check "resize: the finder is drawn again, whole" wait_cond picker_whole
check "... its search kept" wait_cond line_has "$SUB" "$SUBLINE"
ui_keys Escape
wait_gone "Find: "
check "resize: the form is drawn again beneath it" wait_for "New service improvement"
ui_text "$UNIT"
check "n: the picker finds the unit" wait_for "$UNIT  "
ui_keys Enter
wait_cond line_has "Unit*" "$UNIT "
check "n: an improved method asks for no days" absent "Days before the cut"
ui_keys Tab Right Right Right
check "n: an approval time cut does" wait_for "Days before the cut"
ui_keys Tab
ui_text "排水许可审批时限由20个工作日压缩至8个工作日"
# A screen too small for any form (3 columns) and back: the form and what
# was typed are still there (they were thrown away without a word).
ui_resize 3 5
wait_cond sh -c '[ "$(tmux -L "$1" display -p -t xf "#{window_width}")" = 3 ]' sh "$XF_SOCK"
sleep 0.3 # (the tiny size taken in before the next: no condition to wait on)
ui_resize 100 30
check "3 columns and back: the form is there, what was typed kept" \
    wait_cond line_has "Improvement*" "排水许可审批时限由20个工作日"
# Below 30x6 the form is not drawn and takes no key: typed blind, q and F2
# went into it (and saved it) under a notice saying q quits.
ui_resize 25 5
check "25x5: the notice alone, saying to make it larger" wait_for "make it larger to go on"
check "... the form not drawn over it" absent "New service improvement"
ui_keys q q F2
sleep 0.3 # (keys that must do nothing: no condition to wait on)
ui_resize 100 30
check "... and back: the form, the keys typed meanwhile not in it" \
    wait_cond line_has "Improvement*" "排水许可审批时限由20个工作日压缩至8个工作日"
check "... not q" absent "工作日qq"
# Resized under "Discard your changes?": the form beneath is laid out for
# the new size at once (it stayed in its old shape, or blank).
ui_keys Escape
wait_for "Discard your changes?"
ui_resize 60 20
wait_cond sh -c '[ "$(tmux -L "$1" display -p -t xf "#{window_width}")" = 60 ]' sh "$XF_SOCK"
sleep 0.3 # (the small size drawn before the next: no condition to wait on)
ui_resize 100 30
form_whole() { ui_screen | grep -F "New service improvement" | grep -q "┐"; }
check "resized under the question: the form beneath is whole again" wait_cond form_whole
check "... the question above it" line_has "Discard your changes?"
ui_keys n
check "n: the form, what was typed kept" \
    wait_cond line_has "Improvement*" "排水许可审批时限由20个工作日"
ui_keys Tab Tab
ui_text "20"
ui_keys Tab
ui_text "28"
ui_keys Tab
ui_text "1e3"
ui_keys Tab
check "n: a number written otherwise than in days is refused" \
    wait_for "a number of days, such as 3 or 2.5"
ui_keys BTab C-u
tmx send-keys -t xf -l -- "-5"
ui_keys Tab
check "n: a negative number of days is said to be one" wait_for "days cannot be negative"
ui_keys BTab C-u
ui_text "３０" # full-width digits, as a Chinese input method types them
ui_keys F2
check "F2: a longer time after the cut is refused beside the field" \
    wait_for "is longer than"
check "db: nothing saved" db_wait "SELECT count(*) FROM improvement" "$COUNT"
ui_keys C-u
ui_text "8"
ui_keys F2
check "F2: recorded" wait_for "Improvement recorded."
check "the list shows it, with its figures" wait_cond line_has "排水许可审批时限" "20 → 8"
check "db: the improvement, as entered" \
    db_wait "SELECT i.kind || '|' || i.on_date || '|' || i.days_before || '|' || i.days_after
              || '|' || i.national_limit_days || '|' || u.code
              FROM improvement i JOIN unit u ON u.id = i.unit_id ORDER BY i.id DESC LIMIT 1" \
    "time_cut|$TODAY|20.0|8.0|30.0|$UNIT"
# The next form does not open under the last save's "recorded.": a save
# refused beside a field read as done.
ui_keys n
wait_for "New service improvement"
check "n again: the last save's message is gone with the new form" wait_gone "Improvement recorded."
ui_keys Escape
wait_gone "New service improvement"

# Correct it: the national limit was 45 days.
ui_keys /
check "/: asks what to search" wait_for "Search improvements"
ui_text "排水许可审批时限"
ui_keys Enter
check "/: found" wait_for "排水许可审批时限"
ui_keys e
check "e: the correction form" wait_for "Correct improvement #"
ui_keys Tab Tab Tab Tab Tab Tab C-u
ui_text "45"
ui_keys F2
check "F2: corrected" wait_for "Improvement corrected."
check "the list follows" wait_cond line_has "排水许可审批时限" "45"
check "db: the new limit, version 2, nothing added" \
    db_wait "SELECT national_limit_days || '|' || version || '|' ||
              (SELECT count(*) FROM improvement) FROM improvement ORDER BY id DESC LIMIT 1" \
    "45.0|2|$((COUNT + 1))"
ui_keys H
check "H: the history of the correction" wait_for "correct improvement"
check "H: what it changed, its days as the screens write them" wait_for "30 → 45"
check "H: ... not as stored (30.0)" absent "30.0"
ui_keys q q
check "q: back in the Overview" wait_for "I lists the improvements"
check "the Overview counts the new time cut" wait_cond line_has "time cuts" "$((CUTS + 1))"
ui_quit
check "organiser: exit status 0" [ "$UI_RC" = 0 ]

ui_start 100 30 --config "$CFG" --login wang.lei --db "$DB" --today $TODAY
wait_for "1 Overview" && ui_keys I
check "viewer: reads the improvements" wait_for "排水许可审批时限"
check "viewer: is offered no write keys" absent "n new"
ui_keys n
check "viewer: may not record one" wait_for "may not record or correct improvements"
ui_keys e
check "viewer: nor correct one" wait_for "may not record or correct improvements"
check "db: the viewer changed nothing" \
    db_wait "SELECT count(*) FROM history WHERE entity = 'improvement' AND actor = 'wang.lei'" 0
# A key that does nothing here says so, as at the panes; a move is quiet.
ui_keys z
check "viewer: z does nothing here, and says so" wait_for "z does nothing here; ? lists the keys."
ui_keys k
check "viewer: a move takes the message away, saying nothing" wait_gone "does nothing here"
# Esc takes the search away, then the kind, before it closes the view, as
# in every list; q closes it at once.
ui_keys Right /
wait_for "Search improvements"
ui_text "排水"
ui_keys Enter
wait_for "· / 排水"
check "viewer: the hints say Esc clears" wait_for "Esc clear · q back"
ui_keys Escape
check "Esc: the search cleared first" wait_gone "· / 排水"
check "... the kind still chosen" absent "every kind"
ui_keys Escape
check "Esc again: every kind" wait_for "Service improvements · every kind"
ui_keys Left /
wait_for "Search improvements"
ui_text "排水"
ui_keys Enter
wait_for "· / 排水"
ui_keys q
check "q closes the view at once, a search and a kind on" wait_for "I lists the improvements"
ui_quit

# At 80 columns, in Chinese: the key hints are whole (the days legend
# gives way), and the limit column's header fits.
UI_ENV="LANGUAGE=zh_CN" ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "概览" && ui_keys I
check "80x24 zh: the view" wait_for "服务改进"
check "80x24 zh: the hint line ends whole" wait_for "H 历史 · q 返回"
check "80x24 zh: the limit column's header is whole" wait_cond line_has "天数" "时限"
ui_keys q
ui_quit
check "80x24 zh: exit status 0" [ "$UI_RC" = 0 ]
UI_ENV=

# A unit below a department is listed with its department: every
# department has a 审批处 (the list said "审批处" alone).
SUBD=$(dbq "SELECT substr(d.name, 1, 2) FROM unit u JOIN unit d ON d.id = u.parent_id
            WHERE u.code = '$SUB'")
SUBN=$(dbq "SELECT name FROM unit WHERE code = '$SUB'")
printf 'unit_code,kind,title,on_date\n%s,method,下级单位推行预约办理,%s\n' "$SUB" "$TODAY" \
    >"$UI_TMP/sub-improvement.csv"
"$XF" --db "$DB" --today $TODAY import improvements "$UI_TMP/sub-improvement.csv" >/dev/null
check "fixture: an improvement of a unit below a department" \
    db_wait "SELECT count(*) FROM improvement WHERE title = '下级单位推行预约办理'" 1
ui_start 100 30 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "1 Overview" && ui_keys I
wait_for "Service improvements"
check "the list names the unit with its department" \
    wait_cond line_has "下级单位推行预约办理" "$SUBD" "$SUBN"
ui_keys q
ui_quit

# A search finds units as well as titles: at 80 columns the unit column
# was hidden and the rows a unit matched showed no match at all, nor did
# a title cut before its match. Every row found shows what matched.
# rows_show TEXT: each row of the list (from the line under the header to
# the first empty one) holds TEXT, and there is one at least.
rows_show() {
    ui_screen | awk -v q="$1" 'NR >= 3 && /^ *$/ { exit } NR >= 3 { n++; if (index($0, q) == 0) bad++ }
                             END { exit !(n > 0 && bad == 0) }'
}
UNAME=$(dbq "SELECT u.name FROM improvement i JOIN unit u ON u.id = i.unit_id
             WHERE length(u.name) <= 6 AND NOT EXISTS (SELECT 1 FROM improvement j
             WHERE instr(j.title, u.name) > 0) ORDER BY i.on_date DESC LIMIT 1")
LATE=$(dbq "SELECT substr(title, -4) FROM improvement WHERE length(title) >= 20
            ORDER BY on_date DESC, id DESC LIMIT 1")
check "fixture: a unit no title names ($UNAME), a title's last words ($LATE)" \
    [ -n "$UNAME" ] && [ -n "$LATE" ]
ui_start 80 24 --config "$CFG" --login liu.yang --db "$DB" --today $TODAY
wait_for "1 Overview" && ui_keys I
wait_for "Service improvements"
ui_keys /
wait_for "Search" && ui_text "$UNAME" && ui_keys Enter
wait_for "· / $UNAME"
check "80 columns, a search by unit: each row shows the unit" wait_cond rows_show "$UNAME"
ui_keys /
wait_for "Search" && ui_keys C-u && ui_text "$LATE" && ui_keys Enter
wait_for "· / $LATE"
check "80 columns, a search a title ends with: each row shows it" wait_cond rows_show "$LATE"
ui_keys Escape
check "the search cleared: the unit column hidden again" \
    wait_cond sh -c '! tmux -L "$1" capture-pane -p -t xf | sed -n 2p | grep -qF Unit' sh "$XF_SOCK"
ui_keys q
ui_quit
