-- One row per uploaded invoice; the bytes live in the blob store under blob_key.
CREATE TABLE invoices (
    id             UUID PRIMARY KEY,
    account_id     UUID          NOT NULL,
    api_key_id     UUID          NOT NULL,
    file_name      VARCHAR(255)  NOT NULL,
    file_size      BIGINT        NOT NULL CHECK (file_size > 0),
    sha256         CHAR(64)      NOT NULL,
    blob_key       VARCHAR(200)  NOT NULL UNIQUE,
    status         VARCHAR(20)   NOT NULL CHECK (status IN
                       ('PENDING', 'PROCESSING', 'PROCESSED', 'FLAGGED', 'FAILED', 'APPROVED', 'REJECTED', 'PAID')),
    error_message  VARCHAR(500),
    uploaded_at    TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL
);
-- Listing is per account, newest first, with an id tiebreak for a stable order.
CREATE INDEX invoices_account_uploaded_idx ON invoices (account_id, uploaded_at DESC, id DESC);
CREATE INDEX invoices_account_status_uploaded_idx ON invoices (account_id, status, uploaded_at DESC, id DESC);

-- Idempotency-Key per account: the request it stood for (hash) and, once done, the exact response.
CREATE TABLE idempotency_records (
    id               UUID PRIMARY KEY,
    account_id       UUID          NOT NULL,
    idempotency_key  VARCHAR(255)  NOT NULL,
    request_hash     CHAR(64)      NOT NULL,
    state            VARCHAR(16)   NOT NULL CHECK (state IN ('IN_FLIGHT', 'COMPLETED')),
    response_status  INTEGER,
    response_body    TEXT,
    created_at       TIMESTAMPTZ   NOT NULL,
    expires_at       TIMESTAMPTZ   NOT NULL,
    UNIQUE (account_id, idempotency_key)
);
CREATE INDEX idempotency_records_expires_idx ON idempotency_records (expires_at);
