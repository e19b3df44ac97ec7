-- A keyed side effect is recorded as an intent before the upstream call: who asked (caller), on what (deployment),
-- with what (request, JSON text) and how far it got (state: CLAIMED before the call, SENDING once the call may have
-- reached the upstream, SENT with its result). state_at is when the state last changed: a retry of a key in SENDING
-- looks for what the upstream did since then, and a retry of a CLAIMED key whose claimer died takes it over.
ALTER TABLE idempotency_key ADD COLUMN caller VARCHAR(200);
ALTER TABLE idempotency_key ADD COLUMN deployment_id BIGINT;
ALTER TABLE idempotency_key ADD COLUMN request TEXT;
ALTER TABLE idempotency_key ADD COLUMN state VARCHAR(16) DEFAULT 'SENDING' NOT NULL;
ALTER TABLE idempotency_key ADD COLUMN state_at TIMESTAMP WITH TIME ZONE;
UPDATE idempotency_key SET state = 'SENT' WHERE completed_at IS NOT NULL;
UPDATE idempotency_key SET state_at = COALESCE(completed_at, created_at);

-- The key a run was started or adopted under, so a reconciling retry recognises its own run among recorded ones.
ALTER TABLE run_record ADD COLUMN idem_key VARCHAR(200);
-- deployment.runs pages by keyset (created_at, job_group_id), newest first, and counts in the database.
CREATE INDEX run_record_page ON run_record (deployment_id, created_at DESC, job_group_id DESC);
DROP INDEX run_record_by_deployment;
