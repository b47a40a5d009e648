# Sourced by run.sh with lib.sh loaded: from the post card to its checks
# in Inspections, and the Inspections pane's title, columns and raised
# complaint at the sizes a smoke trial found rough.
ME=$(id -un)
TODAY=2026-11-26
CFG="$UI_TMP/card.cfg"
cat >"$CFG" <<EOF
access = { service_account = "$ME"; };
users = (
    { login = "jc_wuhao"; name = "吴昊"; role = "inspector"; scopes = []; }
);
EOF
CFGZH="$UI_TMP/card-zh.cfg"
{ cat "$CFG"; echo 'interface = { language = "zh_CN"; };'; } >"$CFGZH"
DB="$UI_TMP/card.db"
"$XF" --db "$DB" init >/dev/null && "$XF" --db "$DB" --today $TODAY demo >/dev/null
check "card: demo database built" [ $? -eq 0 ]

# The first post (the Posts pane's first row) and a post with several
# checks, some by other inspectors, none this month.
FIRST=$(dbq "SELECT code FROM post ORDER BY code LIMIT 1")
N_FIRST=$(dbq "SELECT count(*) FROM inspection i JOIN post p ON p.id = i.post_id
               WHERE p.code = '$FIRST'")
MANY=$(dbq "SELECT p.code FROM inspection i JOIN post p ON p.id = i.post_id GROUP BY p.id
            HAVING sum(i.inspector = 'jc_wuhao') < count(*) AND max(i.on_date) < '2026-11-01'
            ORDER BY count(*) DESC, p.code LIMIT 1")
N_MANY=$(dbq "SELECT count(*) FROM inspection i JOIN post p ON p.id = i.post_id
              WHERE p.code = '$MANY'")
MANY_TITLE=$(dbq "SELECT title FROM post WHERE code = '$MANY'")
check "db: $FIRST checked ($N_FIRST), $MANY by others too ($N_MANY)" \
    [ "$N_FIRST" -gt 0 ] && [ "$N_MANY" -gt 1 ] && [ "$N_MANY" -le 5 ]

rows_listed() { [ "$(ui_screen | grep -c '^20[0-9][0-9]-')" = "$1" ]; }

# ---- the card's "5 opens them in Inspections" -------------------------------
# An inspector follows up their own checks of the month; the post card
# lists a post's last checks, of any date and inspector: 5 shows those.
ui_start 120 30 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys f
wait_for "Filter inspections"
ui_keys Tab Tab Tab Right Right Tab Tab Tab Right
wait_cond line_has "Checks" "mine" && ui_keys F2
check "card: the filter, mine this month" \
    wait_for "Inspections · my checks · 2026-11-01 … 2026-11-30 · newest first"
# The first row, the cursor not moved: the card links its post all the same.
ui_keys 2
wait_for "Posts · sort: code" && ui_keys Enter
wait_for "Post $FIRST"
check "card: it says where its checks are" wait_for "opens them in Inspections"
ui_keys 5
check "card: 5 shows Inspections linked to the card's post" wait_for "($FIRST) (L clears)"
check "card: ... every check of it ($N_FIRST), whoever made it and when" \
    wait_cond rows_listed "$N_FIRST"
check "card: ... the title says the period and mine wait for the link" \
    line_has "Inspections · " "any date or inspector while linked · linked to"
ui_keys L
check "card: L brings the period and mine back" \
    wait_for "Inspections · my checks · 2026-11-01 … 2026-11-30 · newest first"
check "card: ... no link left" absent "linked to"
# A post found by a search, with checks by others.
ui_keys 2
wait_for "Post $FIRST" && ui_keys q
wait_for "Posts · sort: code" && ui_keys /
wait_for "Search posts" && ui_text "$MANY" && ui_keys Enter
wait_for "/ $MANY (1)" && ui_keys Enter
wait_for "Post $MANY" && ui_keys 5
check "card: $MANY's checks, all $N_MANY of them" wait_cond rows_listed "$N_MANY"
check "card: ... linked to it" line_has "linked to $MANY_TITLE ($MANY)"
# A filter set while linked is the one kept: the month is not brought back.
ui_keys f
wait_for "Filter inspections" && ui_keys Right Right F2
wait_for "Inspections · fail"
ui_keys L
check "card: a filter set while linked stays when the link goes" \
    wait_for "Inspections · fail · newest first"
check "card: ... the month it replaced does not come back" absent "my checks"
check "card: q quits" quit_with 0

# ---- the title at 80 columns -------------------------------------------------
# Linked, with a filter: the post's code and part of its name stay (the
# link was cut to a bare "…").
NAME2=$(printf '%s' "$MANY_TITLE" | cut -c1-6) # two Chinese characters
title_keeps() { ui_screen | sed -n 2p | grep -qF "$1" && ui_screen | sed -n 2p | grep -qF "$2"; }
card_open() { ui_screen | grep -qE '─ (Party member pioneer post|共产党员先锋岗) ─'; }
for cfg in "$CFG" "$CFGZH"; do
    ui_start 80 24 --config "$cfg" --login jc_wuhao --db "$DB" --today $TODAY
    wait_for "吴昊" && ui_keys 5
    wait_cond line_has "2026-11-2" && ui_keys f
    wait_for "┌─"
    ui_keys Right Right Tab Tab Right Right Right F2 # fail, done and not verified
    wait_gone "┌─"
    ui_keys 2
    wait_cond line_has "$FIRST" && ui_keys /
    wait_for "┌─" && ui_text "$MANY" && ui_keys Enter
    wait_cond selected_has "$MANY" && ui_keys Enter
    wait_cond card_open && ui_keys 5
    check "80x24 $(basename "$cfg"): the title keeps the linked post's code" \
        wait_cond title_keeps "($MANY)" "$NAME2"
    check "80x24 $(basename "$cfg"): q quits" quit_with 0
done

# ---- the post or unit column grows with the pane -----------------------------
# At 200 columns two panes of 99 or 100: the code column left the post or
# unit 17 cells.
place_width() {
    ui_screen | sed -n 3p | awk '{ a = index($0, "Post / unit"); b = index($0, "Inspector");
        exit !(a > 0 && b - a > 30) }'
}
ui_start 200 30 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊" && ui_keys 5
wait_for "Inspections · newest first"
check "200x30: the post or unit column has over 30 cells" wait_cond place_width
check "200x30: q quits" quit_with 0
# One pane of 150 columns has room for the code as well.
ui_start 150 30 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊" && ui_keys 5
wait_for "Inspections · newest first"
check "150x30: the code column" wait_cond line_has "Date       Code"
check "150x30: ... the codes in it" line_has "XJ-2026"
check "150x30: ... and the post or unit still over 30 cells" place_width
check "150x30: q quits" quit_with 0

# ---- a complaint raised from an inspection, in English -----------------------
# The first line of its text broke inside a date ("2026-08-" | "27"),
# before a colon ("failed" | ":"), and the next began with a space.
FAILED=$(dbq "SELECT code || '|' || on_date FROM inspection i WHERE result = 'fail'
              AND NOT EXISTS (SELECT 1 FROM inspection_complaint l WHERE l.inspection_id = i.id)
              ORDER BY on_date DESC, id DESC LIMIT 1")
FCODE=${FAILED%%|*}
FDATE=${FAILED#*|}
# text_has TEXT: a line of the complaint text (its first two) holds TEXT.
text_has() { ui_screen | awk '/Complaint text/ { print; getline; print }' | grep -qF -- "$1"; }
# The complaint text's second line starts where the first does.
# (the focus mark › in the margin is one cell, three bytes: made a space)
second_aligned() {
    ui_screen | sed 's/│›/│ /' | awk '/Complaint text/ { a = index($0, "Inspection"); getline;
        match($0, /│ *[^ │]/); exit !(a > 0 && RSTART + RLENGTH - 1 == a) }'
}
ui_start 80 30 --config "$CFG" --login jc_wuhao --db "$DB" --today $TODAY
wait_for "吴昊" && ui_keys 5
wait_for "Inspections · newest first" && ui_keys /
wait_for "Search" && ui_text "$FCODE" && ui_keys Enter
wait_for "/$FCODE (1)" && ui_keys Enter
wait_for "Findings" && ui_keys c
check "raise: the complaint form, its text from the inspection" wait_for "Complaint text"
check "raise 80: the text's next line starts under the first, no space before" \
    wait_cond second_aligned
ui_resize 79 30
check "raise 79: \"failed:\" stays whole" wait_cond text_has "failed:"
ui_resize 70 30
check "raise 70: the date stays whole" wait_cond text_has "$FDATE failed:"
ui_keys Escape
wait_for "Discard" && ui_keys y
wait_gone "Complaint text"
ui_keys q
wait_gone "Findings"
check "raise: q quits" quit_with 0
