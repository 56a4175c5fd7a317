-- Gives one counted attempt back (KEYS[1] the counter). Only a live counter is decremented, so
-- an expired window is never recreated without a TTL.
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then return redis.call('DECR', KEYS[1]) end
return 0
