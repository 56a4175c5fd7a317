-- Webhooks (issue 17): endpoints, the outbox of events, one delivery per (event, endpoint) and its attempts.

-- events: space-separated event types the endpoint receives. secret signs every delivery;
-- previous_secret keeps signing beside it until previous_secret_expires_at (a rotation's grace).
-- failing_since: the first failed attempt since the last success; status becomes 'disabled' with
-- disabled_reason once it is older than ENVOYX_WEBHOOK_DISABLE_AFTER.
CREATE TABLE webhook_endpoints (
    id                          UUID PRIMARY KEY,
    account_id                  UUID          NOT NULL,
    url                         VARCHAR(2048) NOT NULL,
    description                 VARCHAR(500),
    events                      TEXT          NOT NULL,
    status                      VARCHAR(20)   NOT NULL,
    disabled_reason             VARCHAR(500),
    secret                      VARCHAR(100)  NOT NULL,
    previous_secret             VARCHAR(100),
    previous_secret_expires_at  TIMESTAMPTZ,
    failing_since               TIMESTAMPTZ,
    created_at                  TIMESTAMPTZ   NOT NULL,
    updated_at                  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_endpoints_account_idx ON webhook_endpoints (account_id, created_at);

-- The outbox: written in the transaction of the invoice change that causes it, only for accounts
-- with an endpoint that wants it. body is the exact JSON every delivery sends and signs.
CREATE TABLE webhook_events (
    id          VARCHAR(40) PRIMARY KEY,
    account_id  UUID        NOT NULL,
    type        VARCHAR(40) NOT NULL,
    body        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- One event to one endpoint; the dispatchers' queue. state: pending, delivered or failed (the
-- schedule ran out). attempts counts claims; with lease_owner it fences the result of an attempt,
-- so a claim taken over after its lease ran out (a killed replica) never writes over the new one.
CREATE TABLE webhook_deliveries (
    id                UUID PRIMARY KEY,
    event_id          VARCHAR(40)  NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    endpoint_id       UUID         NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    account_id        UUID         NOT NULL,
    state             VARCHAR(20)  NOT NULL,
    attempts          INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ  NOT NULL,
    lease_owner       VARCHAR(100),
    lease_expires_at  TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at);

-- Every attempt as the delivery log shows it.
CREATE TABLE webhook_attempts (
    id             BIGSERIAL PRIMARY KEY,
    delivery_id    UUID         NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt        INTEGER      NOT NULL,
    status_code    INTEGER,
    latency_ms     INTEGER      NOT NULL,
    error          VARCHAR(500),
    attempted_at   TIMESTAMPTZ  NOT NULL,
    next_retry_at  TIMESTAMPTZ
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempt);
