-- Usage counters of one API key. KEYS[1] usage hash.
-- Returns {Redis TIME seconds, field, value, field, value, ...}.
local time = redis.call('TIME')
local result = {tonumber(time[1])}
for _, entry in ipairs(redis.call('HGETALL', KEYS[1])) do
  result[#result + 1] = entry
end
return result
