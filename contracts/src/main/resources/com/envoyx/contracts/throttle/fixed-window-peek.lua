-- Reads a counter without counting (KEYS[1] the counter); returns {count, seconds left in the
-- window}, {0, -2} when no window is open.
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
return {count, redis.call('TTL', KEYS[1])}
