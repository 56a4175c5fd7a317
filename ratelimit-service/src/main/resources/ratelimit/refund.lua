-- Returns an earlier charge by its request id, from every window it was charged to; idempotent.
-- KEYS per rolling limit: its log (sorted set) and its buckets (hash); last: the key's refund record (hash).
-- ARGV[1] request id, ARGV[2] charged_at (us, 0 = unknown), ARGV[3] number of limits, then per limit:
-- window in us, bucket width in us, 1 when a bucketed charge of this limit is returned by time.
-- An exact log finds the charge by id (cost c: members <request id>#0 .. #(c-1)). Buckets keep
-- counts, not ids: the charge is returned to the bucket of charged_at, with the cost an exact log
-- of the same charge proved (else 1), and the id is recorded until that bucket leaves the window
-- so that a second refund returns nothing.
-- Returns 1 when a charge was returned, 0 when none was found (never charged, refunded or aged out).
local now = redis_now()
local request_id = ARGV[1]
local charged_at = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local record = KEYS[2 * n + 1]
local refunded = 0
local cost = 0
for i = 1, n do
  local log = KEYS[2 * i - 1]
  if redis.call('ZREM', log, request_id) == 1 then
    refunded = 1
    cost = math.max(cost, 1)
  else
    local unit = 0
    while redis.call('ZREM', log, request_id .. '#' .. unit) == 1 do
      refunded = 1
      unit = unit + 1
    end
    cost = math.max(cost, unit)
  end
end

if charged_at > 0 and redis.call('HEXISTS', record, request_id) == 0 then
  local longest = 0
  for i = 1, n do
    local window = tonumber(ARGV[4 + 3 * (i - 1)])
    local width = tonumber(ARGV[5 + 3 * (i - 1)])
    if ARGV[6 + 3 * (i - 1)] == '1' then
      local first = first_bucket(now, window, width)
      if bucket_return(KEYS[2 * i], math.floor(charged_at / width), math.max(cost, 1), first) > 0 then
        refunded = 1
        longest = math.max(longest, charged_at + window + width)
      end
    end
  end
  if longest > 0 then
    -- The record outlives every bucket it returned to; older records are pruned here.
    local entries = redis.call('HGETALL', record)
    for j = 1, #entries, 2 do
      if tonumber(entries[j + 1]) < now then
        redis.call('HDEL', record, entries[j])
      end
    end
    redis.call('HSET', record, request_id, int(longest))
    local ttl = tonumber(redis.call('PTTL', record))
    local wanted = math.ceil((longest - now) / 1000)
    if ttl < wanted then
      redis.call('PEXPIRE', record, int(wanted))
    end
  end
end
return refunded
