-- GraphQL documents registered for Automatic Persisted Queries (Apollo's protocol) and trusted documents, under the
-- hex SHA-256 of their text, in the shared store so that every replica knows a hash one replica registered. A hash
-- names one text for ever, so rows are never updated; the primary key makes a concurrent second insert fail.
CREATE TABLE persisted_query (
    sha256_hash   VARCHAR(64) NOT NULL PRIMARY KEY,
    document      TEXT        NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
