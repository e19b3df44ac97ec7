-- Run parameters (100 overrides of up to 10,000 characters) and idempotent results (an import's flow names) are
-- client text of no useful bound: a run Trifacta started must never fail to be recorded for its size.
-- TEXT is text on PostgreSQL and CHARACTER VARYING without a length on H2 (up to 10^9 characters, not a LOB): a
-- plain string on both, as the entities map it (columnDefinition "text").
ALTER TABLE run_record ALTER COLUMN parameters SET DATA TYPE TEXT;
ALTER TABLE idempotency_key ALTER COLUMN result SET DATA TYPE TEXT;
