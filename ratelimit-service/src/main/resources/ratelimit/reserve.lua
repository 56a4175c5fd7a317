-- Grants a slice of a bucketed rolling limit, spent by the caller without asking again until
-- validity after the grant. The slice is charged now, to the bucket of now + validity (the end of
-- its validity), so it counts from the grant until a whole window after its last possible use.
-- KEYS[1] the limit's log (folded into the buckets when it still exists), KEYS[2] its buckets,
-- KEYS[3] its slice record (hash: slice id -> "<bucket index>:<units granted>").
-- ARGV[1] max, ARGV[2] window in us, ARGV[3] bucket width in us, ARGV[4] units wanted,
-- ARGV[5] largest slice, ARGV[6] validity in us, ARGV[7] slice id.
-- Returns {-1} when the slice id is in use, else {granted, remaining, reset_at (s), retry_after (s)}.
local now = redis_now()
local log, buckets, slices = KEYS[1], KEYS[2], KEYS[3]
local max, window, width = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local wanted, largest, validity, slice_id = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]

if redis.call('HEXISTS', slices, slice_id) == 1 then
  return {-1}
end
fold_log(log, buckets, now, window, width)
local first = first_bucket(now, window, width)
local held, newest = bucket_total(buckets, first)
local granted = math.max(0, math.min(wanted, largest, max - held))
local retry_after = 0
if granted > 0 then
  local index = math.floor((now + validity) / width)
  bucket_add(buckets, index, granted, first, newest, now, window, width)
  newest = math.max(newest or index, index)
  -- Records whose bucket left the window are pruned here: a release can no longer return them.
  local entries = redis.call('HGETALL', slices)
  for j = 1, #entries, 2 do
    if tonumber(string.match(entries[j + 1], '^(-?%d+):')) < first then
      redis.call('HDEL', slices, entries[j])
    end
  end
  redis.call('HSET', slices, slice_id, int(index) .. ':' .. int(granted))
  bucket_expire(slices, newest, now, window, width)
elseif held > 0 then
  retry_after = seconds_up(bucket_leaves(buckets, first, newest, held + 1 - max, window, width) - now)
end
local reset_at = seconds_up(now)
if newest then
  reset_at = math.max(reset_at, seconds_up((newest + 1) * width + window))
end
return {granted, math.max(max - held - granted, 0), reset_at, retry_after}
