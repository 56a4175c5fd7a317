-- Returns an earlier charge by its request id; idempotent.
-- KEYS[1] charge record ("<cost> <limit suffix> <limit suffix> ..."), KEYS[2..] the key's window sorted sets,
-- ARGV[1] request id, ARGV[2..] the limit suffix of KEYS[2..] in the same order.
-- Returns 1 when a charge was returned, 0 when none was found (never charged, refunded or expired).
local record = redis.call('GET', KEYS[1])
if not record then
  return 0
end
local cost = tonumber(string.match(record, '^(%d+)'))
local charged = {}
for suffix in string.gmatch(record, '%s(%S+)') do
  charged[suffix] = true
end
for i = 2, #KEYS do
  if charged[ARGV[i]] then
    if cost == 1 then
      redis.call('ZREM', KEYS[i], ARGV[1])
    else
      local members = {}
      for c = 0, cost - 1 do
        members[#members + 1] = ARGV[1] .. '#' .. c
      end
      redis.call('ZREM', KEYS[i], unpack(members))
    end
  end
end
redis.call('DEL', KEYS[1])
return 1
