-- Ends a slice: its unused units return to the bucket it was charged to (while that bucket is in
-- the window), its used units count as usage. Idempotent: the slice's record is removed.
-- KEYS[1] the limit's buckets, KEYS[2] its slice record, KEYS[3] the key's usage hash.
-- ARGV[1] slice id, ARGV[2] unused, ARGV[3] used, ARGV[4] window in us, ARGV[5] bucket width in us,
-- ARGV[6] hourly buckets kept, ARGV[7] daily buckets kept, ARGV[8] usage hash TTL in seconds.
-- Returns 1 when released, 0 when the slice was unknown or already released.
local now, second = redis_now()
local buckets, slices, usage = KEYS[1], KEYS[2], KEYS[3]
local slice = redis.call('HGET', slices, ARGV[1])
if not slice then
  return 0
end
redis.call('HDEL', slices, ARGV[1])
local index, granted = string.match(slice, '^(-?%d+):(%d+)$')
index, granted = tonumber(index), tonumber(granted)
-- Never more than the slice held, in total: what it did not use, then what it used.
local unused = math.min(tonumber(ARGV[2]), granted)
local used = math.min(tonumber(ARGV[3]), granted - unused)
local window, width = tonumber(ARGV[4]), tonumber(ARGV[5])
if unused > 0 then
  bucket_return(buckets, index, unused, first_bucket(now, window, width))
end
if used > 0 then
  usage_add(usage, used, now, second, tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8])
end
return 1
