-- Key events waiting to be published on Redis: written in the transaction of the key change that
-- causes them, deleted once Redis accepted the PUBLISH. A revocation is therefore announced even
-- if Redis is unreachable at the moment of the change, and even if the replica restarts before
-- Redis is back.
CREATE TABLE key_event_outbox (
    id               UUID        PRIMARY KEY,
    event_type       VARCHAR(32) NOT NULL,
    api_key_id       UUID        NOT NULL,
    account_id       UUID        NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    attempts         INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_error       VARCHAR(500)
);
CREATE INDEX key_event_outbox_due_idx ON key_event_outbox (next_attempt_at);
