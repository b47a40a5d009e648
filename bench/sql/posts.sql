-- report posts: by status.
SELECT status, count(*) FROM post GROUP BY status;
