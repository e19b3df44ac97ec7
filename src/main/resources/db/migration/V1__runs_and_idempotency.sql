-- Runs the gateway started (Trifacta has no per-deployment run list), newest first per deployment.
CREATE TABLE run_record (
    job_group_id   BIGINT       NOT NULL PRIMARY KEY,
    deployment_id  BIGINT       NOT NULL,
    parameters     VARCHAR(8000) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX run_record_by_deployment ON run_record (deployment_id, created_at);

-- Idempotency keys of side-effecting mutations: a repeat within the window answers the first result.
CREATE TABLE idempotency_key (
    idem_key       VARCHAR(200) NOT NULL PRIMARY KEY,
    operation      VARCHAR(64)  NOT NULL,
    fingerprint    VARCHAR(64)  NOT NULL,
    result         VARCHAR(200),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX idempotency_key_by_created ON idempotency_key (created_at);
