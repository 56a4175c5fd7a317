-- The processing pipeline's queue: the invoice row is the job, so an upload and its job commit
-- together and no job can be lost between the two.
--   attempts          claims so far; a claim raises it, so (lease_owner, attempts) fences every later write
--   lease_owner       the worker holding the current claim (host/start id); NULL when nobody holds it
--   lease_expires_at  while PROCESSING: when another worker may take the job (lease end, or retry time)
--   extracted         what processing read from the document (page count, text layer, version, info)
ALTER TABLE invoices
    ADD COLUMN attempts          INTEGER      NOT NULL DEFAULT 0,
    ADD COLUMN lease_owner       VARCHAR(100),
    ADD COLUMN lease_expires_at  TIMESTAMPTZ,
    ADD COLUMN extracted         JSONB;

-- Only unfinished rows: the claim's scan stays as small as the backlog, however many invoices are done.
CREATE INDEX invoices_claimable_idx ON invoices (uploaded_at, id) WHERE status IN ('PENDING', 'PROCESSING');
