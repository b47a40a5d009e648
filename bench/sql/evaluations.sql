-- report evaluations: by quarter.
SELECT quarter, count(*), sum(passed), sum(1 - passed), avg(passed), avg(score)
FROM evaluation GROUP BY quarter ORDER BY quarter;
