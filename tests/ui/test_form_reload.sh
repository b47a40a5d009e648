# Sourced by run.sh with lib.sh loaded: a form reloaded after a
# colleague's change shows its read-only context as it is now, not only
# the fields the user edits. A post's new title stayed unseen in the
# title of the form that publishes it and in the Post field of an
# evaluation's correction (complaint steps already refreshed theirs).
# The colleague is a second session (chen.jing) saving first.
TODAY=2026-11-26
DB="$UI_TMP/fr.db"
CFG="$UI_TMP/fr.cfg"
ui_config_users liu.yang chen.jing >"$CFG"
X init >/dev/null && X demo >/dev/null
check "form reload: demo database built through the CLI" [ $? -eq 0 ]

PROP=$(dbq "SELECT min(code) FROM post WHERE status = 'proposed'")
EVAL_POST=$(dbq "SELECT min(p.code) FROM post p JOIN evaluation e ON e.post_id = p.id
    WHERE e.quarter = '2026Q3'")
check "fixture: a proposed post ($PROP), an evaluated one ($EVAL_POST)" \
    [ -n "$PROP" ] && [ -n "$EVAL_POST" ]

# --- publishing a post whose title a colleague changed meanwhile -------------
TITLE=$(dbq "SELECT title FROM post WHERE code = '$PROP'")
find_post() { # in session UI_T: the Posts pane searched down to $1
    wait_for "2 Posts" && ui_keys 2
    ui_find_post "$1"
}
ui_start 100 30 $(ui_args liu.yang)
ui_open b $(ui_args chen.jing)
UI_T=xf
find_post "$PROP"
ui_keys P
check "publish: the form names the post" wait_for "Publish the notice of post $PROP $TITLE"
UI_T=b
find_post "$PROP"
ui_keys e
wait_for "Edit the notice of post $PROP" && ui_keys End && ui_text "乙" && ui_keys C-s
check "b: the new title saved first" wait_for "Post $PROP saved."
check "db: b's title is in" db_wait "SELECT title FROM post WHERE code = '$PROP'" "${TITLE}乙"
UI_T=xf
ui_keys Enter
check "publish: refused for the colleague's change, reloaded" wait_for "reloaded"
check "publish: the form's title names the post as it is now" \
    wait_for "Publish the notice of post $PROP ${TITLE}乙"
ui_keys Enter
check "publish: the second save goes through" wait_for "Post $PROP published."
check "db: published" db_wait "SELECT status FROM post WHERE code = '$PROP'" published
UI_T=b
ui_quit
UI_T=xf
ui_quit

# --- correcting an evaluation of a post renamed meanwhile --------------------
# b renames the post, then corrects the same evaluation; a's save is
# refused and the form reloaded: its read-only Post field shows the new
# title.
ETITLE=$(dbq "SELECT title FROM post WHERE code = '$EVAL_POST'")
correct_form() { # in session UI_T: the correction of $EVAL_POST's 2026Q3 evaluation
    wait_for "6 Evaluations" && ui_keys 6
    wait_for "Evaluations by quarter"
    down_to "2026Q3" 5
    ui_keys Enter
    wait_for "n new" && ui_keys /
    wait_for "Search this quarter" && ui_text "$EVAL_POST" && ui_keys Enter
    wait_for "/ $EVAL_POST" && wait_cond line_has "$EVAL_POST"
    ui_keys e
    wait_for "Correct the evaluation"
}
ui_start 100 30 $(ui_args liu.yang)
ui_open b $(ui_args chen.jing)
UI_T=xf
correct_form
check "correct: the Post field names the post" wait_cond line_has "Post" "$EVAL_POST $ETITLE"
ui_keys End && ui_text "1" # Deputies score 82.2 -> 82.21
ui_keys Tab Tab Tab Tab Tab Tab && ui_text "复核更正"
UI_T=b
find_post "$EVAL_POST"
ui_keys e
wait_for "Edit the notice of post $EVAL_POST" && ui_keys End && ui_text "丙" && ui_keys C-s
check "b: the post renamed" wait_for "Post $EVAL_POST saved."
correct_form
ui_keys Tab Tab Tab Tab End && ui_text "1" # Public score
ui_keys Tab Tab && ui_text "b 的更正" && ui_keys C-s
check "b: the evaluation corrected first" wait_for "Evaluation of $EVAL_POST for 2026Q3 corrected."
UI_T=xf
ui_keys F2
check "correct: refused for b's correction, reloaded" wait_for "reloaded"
check "correct: the read-only Post field shows the post as it is now" \
    wait_cond line_has "Post" "$EVAL_POST ${ETITLE}丙"
ui_keys F2
check "correct: the second save goes through" wait_for "Evaluation of $EVAL_POST for 2026Q3 corrected."
UI_T=b
ui_quit
UI_T=xf
ui_quit
