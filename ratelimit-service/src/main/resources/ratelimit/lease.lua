-- Concurrency leases of one API key and limit.
-- KEYS[1] sorted set: member = lease id, score = expiry (Redis TIME in us).
-- ARGV[1] operation (acquire | renew | release), ARGV[2] lease id, ARGV[3] limit, ARGV[4] ttl in us.
-- Returns {granted or released (1/0), active leases, retry_after (s)}.
local key = KEYS[1]
local operation = ARGV[1]
local lease_id = ARGV[2]
local limit = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])

-- Numbers go to Redis as plain integers; Lua's own formatting would switch to exponents.
local function int(x)
  return string.format('%d', x)
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', int(now))

local function hold()
  redis.call('ZADD', key, int(now + ttl), lease_id)
  -- The set lives as long as its longest lease, so a dead caller's leases vanish on their own.
  local latest = tonumber(redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2])
  redis.call('PEXPIRE', key, int(math.ceil((latest - now) / 1000)))
  return {1, redis.call('ZCARD', key), 0}
end

if operation == 'release' then
  local removed = redis.call('ZREM', key, lease_id)
  return {removed, redis.call('ZCARD', key), 0}
end

local held = redis.call('ZSCORE', key, lease_id)
if held then
  return hold()
end
local active = redis.call('ZCARD', key)
if operation == 'renew' then
  return {0, active, 0}
end
if active < limit then
  return hold()
end
local earliest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
return {0, active, math.ceil((earliest - now) / 1000000)}
