-- Issue 18: what processing reads from an invoice, the checks it runs, and when it ended.
--   extracted     {"outcome", "fields": {12 x {value, confidence}}, "line_items": [...], "pdf": {the PDF metadata}}
--                 (until now it held the PDF metadata alone; those rows keep it under "pdf", with no fields read)
--   validation    {"checks": [{check, passed, message}, ...]}, the checks in the API's order (an object: Hibernate
--                 Reactive reads JSON columns as objects only); NULL before processing, on FAILED and for a scan
--   processed_at  when processing ended (PROCESSED, FLAGGED or FAILED); NULL until then
ALTER TABLE invoices
    ADD COLUMN validation    JSONB,
    ADD COLUMN processed_at  TIMESTAMPTZ;

UPDATE invoices
   SET extracted = jsonb_build_object(
           'outcome', CASE WHEN (extracted ->> 'has_text_layer')::boolean THEN 'extracted' ELSE 'no_text_layer' END,
           'fields', '{}'::jsonb,
           'line_items', '[]'::jsonb,
           'pdf', extracted)
 WHERE extracted IS NOT NULL AND NOT extracted ? 'pdf';

-- Rows processed before this migration: the last change is the best record of when processing
-- ended (exact unless a customer decided on the invoice since).
UPDATE invoices SET processed_at = updated_at WHERE status NOT IN ('PENDING', 'PROCESSING');

-- The not_duplicate check: another invoice of the account with the same vendor and number.
CREATE INDEX invoices_account_vendor_number_idx ON invoices (
    account_id,
    lower(extracted -> 'fields' -> 'vendor_name' ->> 'value'),
    lower(extracted -> 'fields' -> 'invoice_number' ->> 'value'))
    WHERE extracted IS NOT NULL;
