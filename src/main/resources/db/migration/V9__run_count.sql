-- How many runs each deployment has, kept in the transaction that records a run: deployment.runs.totalCount reads
-- one row instead of counting a history that only grows (the soak of issue 15 slowed down on that count).
CREATE TABLE run_count (
    deployment_id  BIGINT NOT NULL PRIMARY KEY,
    runs           BIGINT NOT NULL
);
INSERT INTO run_count (deployment_id, runs)
    SELECT deployment_id, COUNT(*) FROM run_record GROUP BY deployment_id;
