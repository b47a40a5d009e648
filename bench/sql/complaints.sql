-- report complaints: by state, overdue and supervised.
SELECT state, count(*),
       sum((state='dispatched' AND sign_due < datetime('now')) OR (state='signed' AND reply_due < datetime('now'))),
       sum(supervised)
FROM complaint GROUP BY state;
