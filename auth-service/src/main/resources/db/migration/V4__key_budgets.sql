-- A key spends the rate-limit budget of its rotation chain: budget_id is the id of the chain's
-- first key, copied to every successor, so rotating never brings a fresh budget. Existing chains
-- are followed through replaced_by from their first key.
ALTER TABLE api_keys ADD COLUMN budget_id UUID;
WITH RECURSIVE chain (id, budget_id) AS (
    SELECT k.id, k.id FROM api_keys k
    WHERE NOT EXISTS (SELECT 1 FROM api_keys p WHERE p.replaced_by = k.id)
    UNION ALL
    SELECT k.id, c.budget_id FROM chain c
    JOIN api_keys p ON p.id = c.id
    JOIN api_keys k ON k.id = p.replaced_by
)
UPDATE api_keys a SET budget_id = c.budget_id FROM chain c WHERE a.id = c.id;
UPDATE api_keys SET budget_id = id WHERE budget_id IS NULL;
ALTER TABLE api_keys ALTER COLUMN budget_id SET NOT NULL;

-- The active-key cap counts an account's keys that are neither revoked nor past their end.
CREATE INDEX api_keys_account_active_idx ON api_keys (account_id) WHERE revoked_at IS NULL;

-- Events carry the budget, so subscribers drop what they decided locally for it.
ALTER TABLE key_event_outbox ADD COLUMN budget_id UUID;
UPDATE key_event_outbox SET budget_id = api_key_id;
ALTER TABLE key_event_outbox ALTER COLUMN budget_id SET NOT NULL;
