-- Evictions leave a tombstone (payload NULL) and raise the entry's generation; a load stores its result only if the
-- generation it read before calling the upstream is still current, so a load that raced a write on another replica
-- cannot put the old state back after that replica's eviction.
ALTER TABLE cache_entry ADD COLUMN generation BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE cache_entry ALTER COLUMN payload DROP NOT NULL;
