-- Counts one attempt in a fixed window started by the first attempt (KEYS[1] the counter,
-- ARGV[1] the window in seconds); returns {count, seconds left in the window}. The window runs
-- on Redis TIME (EXPIRE), not a JVM clock. A counter found without a TTL is given one, so that
-- no counter can ever count forever.
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
