-- Cryptlex webhook deliveries already accepted, remembered against replays on every replica. Keyed by a SHA-256 of
-- the delivery's signature (never the signature itself); the primary key makes "insert if absent" atomic across
-- replicas: a second insert of the same key fails, and that failure is the replay. Rows past expires_at are purged.
CREATE TABLE webhook_delivery (
    signature_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_delivery_by_expiry ON webhook_delivery (expires_at);
