-- Shared by every rolling-window script (LuaScript prepends it): the two structures of a rolling
-- limit and the usage counters. Time is Redis TIME in microseconds, so replicas never disagree.
--
-- Exact log (limits up to envoyx.limit.exact-log-max): a sorted set, member = request id (or
-- request_id#i when cost > 1), score = charge time. Memory grows with the limit, which is small.
--
-- Buckets (larger limits): a hash, field <index> = units charged in [index * width, (index + 1) * width),
-- plus 't' (units in all buckets), 'o' (oldest index that may still hold units) and 'n' (newest
-- index charged). A decision counts every bucket whose index >= floor((now - window) / width),
-- future buckets (slices) included, so everything charged at or after now - window is counted:
-- no span of one window ever holds more than max. The price: the oldest bucket counts whole, so
-- up to one bucket's share may be refused early. Memory does not grow with the limit.

-- Numbers go to Redis as plain integers; Lua's own formatting would switch to exponents.
local function int(x)
  return string.format('%d', x)
end

local function seconds_up(us)
  return math.ceil(us / 1000000)
end

local function redis_now()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000000 + tonumber(time[2]), tonumber(time[1])
end

local function first_bucket(now, window, width)
  return math.floor((now - window) / width)
end

-- Drops the buckets that left the window; returns the units still counted and the newest index.
local function bucket_total(key, first)
  local meta = redis.call('HMGET', key, 't', 'o', 'n')
  local total = tonumber(meta[1])
  if not total then
    return 0, nil
  end
  local oldest = tonumber(meta[2])
  if oldest < first then
    local old = {}
    if first - oldest <= 256 then
      for b = oldest, first - 1 do
        old[#old + 1] = int(b)
      end
    else
      -- Only after envoyx.limit.buckets-per-window changed: indexes of another width.
      for _, field in ipairs(redis.call('HKEYS', key)) do
        local b = tonumber(field)
        if b and b < first then
          old[#old + 1] = field
        end
      end
    end
    if #old > 0 then
      for _, units in ipairs(redis.call('HMGET', key, unpack(old))) do
        total = total - (tonumber(units) or 0)
      end
      redis.call('HDEL', key, unpack(old))
    end
    redis.call('HSET', key, 't', int(total), 'o', int(first))
  end
  return total, tonumber(meta[3])
end

-- The hash lives until its newest bucket has left the window, slices charged ahead included.
local function bucket_expire(key, newest, now, window, width)
  redis.call('PEXPIRE', key, int(math.ceil(((newest + 1) * width + window - now) / 1000)))
end

local function bucket_add(key, index, units, first, newest, now, window, width)
  redis.call('HINCRBY', key, int(index), units)
  redis.call('HINCRBY', key, 't', units)
  redis.call('HSETNX', key, 'o', int(first))
  if not newest or index > newest then
    newest = index
    redis.call('HSET', key, 'n', int(index))
  end
  bucket_expire(key, newest, now, window, width)
end

-- Returns units to a bucket still in the window (never below zero); returns the units returned.
local function bucket_return(key, index, units, first)
  if index < first then
    return 0
  end
  local held = tonumber(redis.call('HGET', key, int(index))) or 0
  local back = math.min(units, held)
  if back > 0 then
    redis.call('HINCRBY', key, int(index), -back)
    redis.call('HINCRBY', key, 't', -back)
  end
  return back
end

-- Time (us) at which `need` units of the buckets have left the window, oldest bucket first.
local function bucket_leaves(key, first, newest, need, window, width)
  local fields = {}
  for b = first, newest do
    fields[#fields + 1] = int(b)
  end
  local freed = 0
  for i, units in ipairs(redis.call('HMGET', key, unpack(fields))) do
    freed = freed + (tonumber(units) or 0)
    if freed >= need then
      return (first + i) * width + window
    end
  end
  return (newest + 1) * width + window
end

-- A limit raised above exact-log-max: the log's charges still in the window move into their
-- buckets (by score), so nothing charged under the old structure is forgotten.
local function fold_log(log, buckets, now, window, width)
  if redis.call('EXISTS', log) == 0 then
    return
  end
  redis.call('ZREMRANGEBYSCORE', log, '-inf', int(now - window))
  local entries = redis.call('ZRANGE', log, 0, -1, 'WITHSCORES')
  redis.call('DEL', log)
  if #entries == 0 then
    return
  end
  local first = first_bucket(now, window, width)
  local total, newest = bucket_total(buckets, first)
  for i = 2, #entries, 2 do
    local index = math.floor(tonumber(entries[i]) / width)
    bucket_add(buckets, index, 1, first, newest, now, window, width)
    if not newest or index > newest then
      newest = index
    end
  end
end

-- Accepted requests of a key: hourly and daily buckets and the last use.
local function usage_add(usage, requests, now, second, hours_kept, days_kept, ttl)
  local hour = math.floor(second / 3600)
  local day = math.floor(second / 86400)
  local first_of_hour = redis.call('HINCRBY', usage, 'h:' .. int(hour), requests) == requests
  redis.call('HINCRBY', usage, 'd:' .. int(day), requests)
  redis.call('HSET', usage, 'last', int(math.floor(now / 1000)))
  if first_of_hour then
    -- Trimming once per hour per key keeps the hash at most (hours + days + 1) fields.
    local oldest_hour = hour - hours_kept + 1
    local oldest_day = day - days_kept + 1
    for _, field in ipairs(redis.call('HKEYS', usage)) do
      local kind, bucket = string.match(field, '^(%a):(%d+)$')
      if (kind == 'h' and tonumber(bucket) < oldest_hour) or (kind == 'd' and tonumber(bucket) < oldest_day) then
        redis.call('HDEL', usage, field)
      end
    end
  end
  redis.call('EXPIRE', usage, ttl)
end
