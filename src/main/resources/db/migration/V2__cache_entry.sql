-- The cache's store level: normalised domain JSON per upstream object or list, shared by replicas.
-- ${json_type} is JSON on H2 and jsonb on PostgreSQL (quarkus.flyway[.pg].placeholders.json_type).
CREATE TABLE cache_entry (
    cache_key      VARCHAR(600) NOT NULL PRIMARY KEY,
    upstream       VARCHAR(32)  NOT NULL,
    kind           VARCHAR(64)  NOT NULL,
    payload        ${json_type} NOT NULL,
    fetched_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    etag           VARCHAR(512),
    last_modified  VARCHAR(64)
);
CREATE INDEX cache_entry_by_fetched ON cache_entry (fetched_at);
