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

-- Dashboard sessions: only the SHA-256 of the session token is stored.
CREATE TABLE sessions (
    token_hash  BYTEA       PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id  UUID        NOT NULL REFERENCES accounts (id),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Only the hash of a key is stored; prefix and last four characters are for display.
-- A rotated key keeps working until expires_at (the end of its grace period); replaced_by names
-- its successor. end_announced_at records that the expiry or rotation end was published once.
CREATE TABLE api_keys (
    id                     UUID PRIMARY KEY,
    account_id             UUID         NOT NULL REFERENCES accounts (id),
    name                   VARCHAR(100) NOT NULL,
    key_hash               BYTEA        NOT NULL,
    display_prefix         VARCHAR(16)  NOT NULL,
    last_four              CHAR(4)      NOT NULL,
    environment            VARCHAR(16)  NOT NULL,
    scopes                 VARCHAR(200) NOT NULL,
    created_by             UUID         REFERENCES users (id) ON DELETE SET NULL,
    created_at             TIMESTAMPTZ  NOT NULL,
    expires_at             TIMESTAMPTZ,
    revoked_at             TIMESTAMPTZ,
    rotated_at             TIMESTAMPTZ,
    replaced_by            UUID,
    end_announced_at       TIMESTAMPTZ,
    last_used_at           TIMESTAMPTZ,
    requests_per_minute    INTEGER CHECK (requests_per_minute > 0),
    uploads_per_hour       INTEGER CHECK (uploads_per_hour > 0),
    websocket_connections  INTEGER CHECK (websocket_connections > 0)
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_account_created_idx ON api_keys (account_id, created_at DESC);
-- The lifecycle scheduler only ever looks at keys whose end has not been announced yet.
CREATE INDEX api_keys_unannounced_expiry_idx ON api_keys (expires_at)
    WHERE expires_at IS NOT NULL AND end_announced_at IS NULL AND revoked_at IS NULL;

-- Who did what to which key. No foreign key to api_keys: the trail outlives a deleted key.
CREATE TABLE audit_events (
    id           UUID PRIMARY KEY,
    account_id   UUID         NOT NULL REFERENCES accounts (id),
    actor_id     UUID,
    actor        VARCHAR(320) NOT NULL,
    action       VARCHAR(40)  NOT NULL,
    api_key_id   UUID,
    key_name     VARCHAR(100),
    key_hint     VARCHAR(40),
    details      VARCHAR(500),
    occurred_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX audit_events_account_time_idx ON audit_events (account_id, occurred_at DESC);
