-- report units: complaints by lead unit.
SELECT u.code, u.name, count(*), avg(c.signed_at IS NOT NULL), avg(c.replied_at IS NOT NULL),
       sum(c.callback_outcome = 'satisfied') * 1.0
         / nullif(sum((c.callback_outcome = 'satisfied') + c.redo_count), 0), sum(c.callback_outcome = 'unreachable'),
       avg(c.closed_on_time)
FROM complaint c JOIN unit u ON u.id = c.lead_unit_id
GROUP BY u.id ORDER BY u.code;
