-- report pledges (the roll-up, --depth 1): each top-level unit with its subtree's pledges.
SELECT t.code, t.name, count(p.id), sum(p.status='kept'), sum(p.status='withdrawn'),
       sum(p.status='open' AND p.due_on < date('now'))
FROM unit t JOIN unit u ON u.path >= t.path AND u.path < t.path || '~'
JOIN pledge p ON p.unit_id = u.id
WHERE t.depth < 1 GROUP BY t.id ORDER BY t.code;
