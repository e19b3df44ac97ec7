-- An import's idempotent result holds its flow names as well as IDs (V2 belongs to the cache store).
ALTER TABLE idempotency_key ALTER COLUMN result SET DATA TYPE VARCHAR(4000);
