-- Returns an earlier charge by its request id, from every window it was charged to; idempotent.
-- KEYS: the key's window sorted sets. ARGV[1] request id.
-- A charge of cost 1 is the member <request id>; of cost c, the members <request id>#0 .. #(c-1).
-- Returns 1 when a charge was returned, 0 when none was found (never charged, refunded or aged out).
local request_id = ARGV[1]
local refunded = 0
for _, key in ipairs(KEYS) do
  if redis.call('ZREM', key, request_id) == 1 then
    refunded = 1
  else
    local unit = 0
    while redis.call('ZREM', key, request_id .. '#' .. unit) == 1 do
      refunded = 1
      unit = unit + 1
    end
  end
end
return refunded
