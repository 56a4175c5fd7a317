-- Email verification: accounts that exist before this migration count as verified.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;
UPDATE users SET email_verified_at = created_at;

-- Sessions end after an idle time as well as after their lifetime; "log out everywhere" and a
-- password reset delete every session of one user.
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMPTZ;
UPDATE sessions SET last_seen_at = created_at;
ALTER TABLE sessions ALTER COLUMN last_seen_at SET NOT NULL;
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Single-purpose tokens sent by mail (verify an address, reset a password). Only the SHA-256 of
-- the token is stored; used_at makes a reset token single-use, and lets a verification link be
-- opened twice without harm.
CREATE TABLE user_tokens (
    token_hash  BYTEA       PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     VARCHAR(32) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX user_tokens_user_purpose_idx ON user_tokens (user_id, purpose);
CREATE INDEX user_tokens_expires_idx ON user_tokens (expires_at);

-- Mail waiting to be sent: written in the transaction of the change that causes it, deleted once
-- the SMTP server has accepted it. The template data (which holds a token link) is encrypted.
CREATE TABLE mail_outbox (
    id               UUID         PRIMARY KEY,
    recipient        VARCHAR(320) NOT NULL,
    kind             VARCHAR(32)  NOT NULL,
    sealed_data      BYTEA        NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    last_error       VARCHAR(500)
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at);
