#!/bin/sh
# Grows the history of a city database by N rows (bench/README.md, 9):
# the rows the audit triggers would write for N writes spread over the
# city's records — complaints and their events, inspections and their
# items, pledges, members, posts, evaluations' scores — each row holding
# the whole record as JSON, as the triggers do, by five users, newest
# last, one every 10 seconds after the newest row there is.
# Usage: grow_history.sh DB N. Deterministic: the same N gives the same rows.
set -eu
DB=$1
N=$2
# json_object('col',t."col",...) of table $1's columns, as the triggers'.
json_of() {
    sqlite3 "$DB" "SELECT 'json_object(' || group_concat(quote(name) || ',t.\"' || name || '\"', ',')
                   || ')' FROM pragma_table_info('$1') WHERE name <> 'name_key'"
}
# One part: rows for table $1, every $2-th of the N rows starting at $3.
part() {
    t=$1
    j=$(json_of "$t")
    cat <<EOF
INSERT INTO history(id, at, actor, client, entity, entity_id, action, before, after)
SELECT g.i + (SELECT max(id) FROM history), strftime('%Y-%m-%d %H:%M:%S', BASE_AT + g.i * 10, 'unixepoch'),
       CASE g.i % 5 WHEN 0 THEN 'admin' WHEN 1 THEN 'liu.yang' WHEN 2 THEN 'zhang.wei'
       WHEN 3 THEN 'wang.fang' ELSE 'chen.jie' END,
       CASE WHEN g.i % 3 = 0 THEN '' ELSE '10.0.' || (g.i % 7) || '.' || (g.i % 200) END,
       '$t', t.id, '$t.update', $j, $j
FROM (SELECT value AS i FROM generate_series($3, $N, $2)) g
JOIN $t t ON t.id = 1 + (g.i * 7919) % (SELECT max(id) FROM $t);
EOF
}
{
    echo "BEGIN;"
    # ids are taken as max(id)+i: each part's i is distinct modulo 10
    part complaint 10 1
    part complaint_event 10 2
    part complaint_event 10 3
    part inspection 10 4
    part inspection_item 10 5
    part pledge 10 6
    part pledge 10 7
    part member 10 8
    part post 10 9
    part evaluation_score 10 10
    echo "COMMIT;"
} >"${TMPDIR:-/tmp}/grow_history.$$.sql"
# The max(id) of each part must be the one before the first: read it once.
base=$(sqlite3 "$DB" "SELECT max(id) FROM history")
at=$(sqlite3 "$DB" "SELECT coalesce(max(unixepoch(at)), 1764000000) FROM history")
sed -e "s/(SELECT max(id) FROM history)/$base/" -e "s/BASE_AT/$at/" "${TMPDIR:-/tmp}/grow_history.$$.sql" |
    sqlite3 -bail "$DB"
rm -f "${TMPDIR:-/tmp}/grow_history.$$.sql"
