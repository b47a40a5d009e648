-- report inspections: by kind, with sample batches and rectifications (open,
-- overdue, and reported done but not verified).
SELECT i.kind, count(*), sum(i.result='pass'), sum(i.result='fail'),
       sum(i.samples_checked), sum(i.samples_failed),
       (SELECT count(*) FROM rectification r JOIN inspection j ON j.id = r.inspection_id
         WHERE j.kind = i.kind AND r.status = 'open'),
       (SELECT count(*) FROM rectification r JOIN inspection j ON j.id = r.inspection_id
         WHERE j.kind = i.kind AND r.status = 'open' AND r.due_on < date('now')),
       (SELECT count(*) FROM rectification r JOIN inspection j ON j.id = r.inspection_id
         WHERE j.kind = i.kind AND r.status = 'done')
FROM inspection i GROUP BY i.kind;
