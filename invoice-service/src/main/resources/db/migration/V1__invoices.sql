-- One row per uploaded invoice; the bytes live in the blob store under blob_key.
CREATE TABLE invoices (
    id             UUID PRIMARY KEY,
    account_id     UUID          NOT NULL,
    api_key_id     UUID          NOT NULL,
    file_name      VARCHAR(255)  NOT NULL,
    file_size      BIGINT        NOT NULL,
    sha256         CHAR(64)      NOT NULL,
    blob_key       VARCHAR(200)  NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    error_message  VARCHAR(500),
    uploaded_at    TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL
);
-- Listing is per account, newest first, with an id tiebreak for a stable order.
CREATE INDEX invoices_account_uploaded_idx ON invoices (account_id, uploaded_at DESC, id DESC);
