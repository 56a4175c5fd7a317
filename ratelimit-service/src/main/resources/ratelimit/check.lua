-- Check-and-consume of one or more rolling windows of one API key, all or none.
-- KEYS[1..n]  sorted set per limit: member = request id (request_id#i when cost > 1), score = Redis TIME in us
-- KEYS[n+1]   usage hash of the key
-- ARGV[1] n, ARGV[2] cost, ARGV[3] request id,
-- ARGV[4] hourly buckets kept, ARGV[5] daily buckets kept, ARGV[6] usage hash TTL in seconds,
-- then per limit i: ARGV[5+2i] max, ARGV[6+2i] window in us.
-- The members themselves record the charge, so Refund needs no other structure.
-- Returns {-1} when the request id was already charged, else
-- {allowed, then per limit: allowed, remaining, reset_at (epoch s), retry_after (s)}.
local n = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local request_id = ARGV[3]

-- Numbers go to Redis as plain integers; Lua's own formatting would switch to exponents.
local function int(x)
  return string.format('%d', x)
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local function seconds_up(us)
  return math.ceil(us / 1000000)
end

local function score_at(key, index)
  return tonumber(redis.call('ZRANGE', key, index, index, 'WITHSCORES')[2])
end

local counts = {}
local all_allowed = true
for i = 1, n do
  local max = tonumber(ARGV[5 + 2 * i])
  local window = tonumber(ARGV[6 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', int(now - window))
  if redis.call('ZSCORE', KEYS[i], request_id) or redis.call('ZSCORE', KEYS[i], request_id .. '#0') then
    return {-1}
  end
  counts[i] = redis.call('ZCARD', KEYS[i])
  if counts[i] + cost > max then
    all_allowed = false
  end
end

local result = {all_allowed and 1 or 0}
for i = 1, n do
  local key = KEYS[i]
  local max = tonumber(ARGV[5 + 2 * i])
  local window = tonumber(ARGV[6 + 2 * i])
  local count = counts[i]
  local fits = count + cost <= max
  local retry_after = 0
  if not fits then
    if cost > max then
      retry_after = seconds_up(window)
    else
      -- The entry that must leave the window before `cost` more units fit.
      retry_after = seconds_up(score_at(key, count + cost - max - 1) + window - now)
    end
  end
  local remaining
  local reset_at
  if all_allowed then
    if cost == 1 then
      redis.call('ZADD', key, int(now), request_id)
    else
      local members = {}
      for c = 0, cost - 1 do
        members[#members + 1] = int(now)
        members[#members + 1] = request_id .. '#' .. c
      end
      redis.call('ZADD', key, unpack(members))
    end
    redis.call('PEXPIRE', key, int(math.ceil(window / 1000)))
    remaining = max - count - cost
    reset_at = seconds_up(now + window)
  else
    remaining = math.max(max - count, 0)
    if count > 0 then
      reset_at = seconds_up(score_at(key, -1) + window)
    else
      reset_at = seconds_up(now)
    end
  end
  result[#result + 1] = fits and 1 or 0
  result[#result + 1] = remaining
  result[#result + 1] = reset_at
  result[#result + 1] = retry_after
end

if all_allowed then
  local usage = KEYS[n + 1]
  local second = tonumber(time[1])
  local hour = math.floor(second / 3600)
  local day = math.floor(second / 86400)
  local first_of_hour = redis.call('HINCRBY', usage, 'h:' .. int(hour), 1) == 1
  redis.call('HINCRBY', usage, 'd:' .. int(day), 1)
  redis.call('HSET', usage, 'last', int(math.floor(now / 1000)))
  if first_of_hour then
    -- Trimming once per hour per key keeps the hash at most (hours + days + 1) fields.
    local oldest_hour = hour - tonumber(ARGV[4]) + 1
    local oldest_day = day - tonumber(ARGV[5]) + 1
    for _, field in ipairs(redis.call('HKEYS', usage)) do
      local kind, bucket = string.match(field, '^(%a):(%d+)$')
      if (kind == 'h' and tonumber(bucket) < oldest_hour) or (kind == 'd' and tonumber(bucket) < oldest_day) then
        redis.call('HDEL', usage, field)
      end
    end
  end
  redis.call('EXPIRE', usage, ARGV[6])
end

return result
