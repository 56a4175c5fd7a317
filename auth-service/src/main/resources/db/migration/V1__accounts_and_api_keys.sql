-- Accounts own keys; users log in to the dashboard and belong to one account.
CREATE TABLE accounts (
    id          UUID PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE users (
    id             UUID PRIMARY KEY,
    account_id     UUID         NOT NULL REFERENCES accounts (id),
    email          VARCHAR(320) NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL
);
-- Emails are unique whatever their case.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- Only the hash of a key is stored; prefix and last four characters are for display.
CREATE TABLE api_keys (
    id                     UUID PRIMARY KEY,
    account_id             UUID         NOT NULL REFERENCES accounts (id),
    name                   VARCHAR(100) NOT NULL,
    key_hash               BYTEA        NOT NULL,
    display_prefix         VARCHAR(16)  NOT NULL,
    last_four              CHAR(4)      NOT NULL,
    environment            VARCHAR(16)  NOT NULL,
    scopes                 VARCHAR(200) NOT NULL,
    created_by             UUID         REFERENCES users (id),
    created_at             TIMESTAMPTZ  NOT NULL,
    expires_at             TIMESTAMPTZ,
    revoked_at             TIMESTAMPTZ,
    last_used_at           TIMESTAMPTZ,
    requests_per_minute    INTEGER,
    uploads_per_hour       INTEGER,
    websocket_connections  INTEGER
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_account_created_idx ON api_keys (account_id, created_at DESC);

CREATE TABLE audit_events (
    id           UUID PRIMARY KEY,
    account_id   UUID         NOT NULL REFERENCES accounts (id),
    actor_id     UUID,
    action       VARCHAR(40)  NOT NULL,
    api_key_id   UUID,
    details      VARCHAR(500),
    occurred_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX audit_events_account_time_idx ON audit_events (account_id, occurred_at DESC);
