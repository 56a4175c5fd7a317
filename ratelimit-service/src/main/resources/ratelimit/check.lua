-- Check-and-consume of several decisions in one round trip (a coalesced batch; one decision is a
-- batch of one). Each decision charges one or more rolling windows of one API key, all or none,
-- exactly as if it ran alone, in batch order.
-- ARGV[1] hourly buckets kept, ARGV[2] daily buckets kept, ARGV[3] usage hash TTL in seconds,
-- ARGV[4] number of decisions; then per decision: n limits, cost, request id, and per limit:
-- max, window in us, bucket width in us, structure (1 = buckets, 0 = exact log).
-- KEYS per decision: per limit its log (sorted set) and its buckets (hash), then the usage hash.
-- Returns one entry per decision: {-1} when the request id was already charged (exact logs only:
-- buckets keep counts, not ids), else {allowed, charged_at (Redis TIME, us), then per limit:
-- allowed, remaining, reset_at (epoch s), retry_after (s)}.
local now, second = redis_now()
local hours_kept, days_kept, usage_ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]

local function score_at(key, index)
  return tonumber(redis.call('ZRANGE', key, index, index, 'WITHSCORES')[2])
end

local function decide(k, a)
  local n = tonumber(ARGV[a])
  local cost = tonumber(ARGV[a + 1])
  local request_id = ARGV[a + 2]
  local limits = {}
  local all_allowed = true
  for i = 1, n do
    local at = a + 3 + 4 * (i - 1)
    local limit = {
      log = KEYS[k + 2 * (i - 1)], buckets = KEYS[k + 2 * (i - 1) + 1],
      max = tonumber(ARGV[at]), window = tonumber(ARGV[at + 1]), width = tonumber(ARGV[at + 2]),
      bucketed = ARGV[at + 3] == '1'
    }
    limit.first = first_bucket(now, limit.window, limit.width)
    if limit.bucketed then
      fold_log(limit.log, limit.buckets, now, limit.window, limit.width)
      limit.logged = 0
    else
      redis.call('ZREMRANGEBYSCORE', limit.log, '-inf', int(now - limit.window))
      if redis.call('ZSCORE', limit.log, request_id) or redis.call('ZSCORE', limit.log, request_id .. '#0') then
        return {-1}
      end
      limit.logged = redis.call('ZCARD', limit.log)
    end
    -- A limit lowered below exact-log-max still counts what its buckets hold until they age out.
    limit.held, limit.newest = bucket_total(limit.buckets, limit.first)
    limit.count = limit.logged + limit.held
    if limit.count + cost > limit.max then
      all_allowed = false
    end
    limits[i] = limit
  end

  local result = {all_allowed and 1 or 0, now}
  for i = 1, n do
    local limit = limits[i]
    local fits = limit.count + cost <= limit.max
    local retry_at = now
    if not fits then
      if cost > limit.max then
        retry_at = now + limit.window
      else
        local need = limit.count + cost - limit.max
        if limit.held > 0 then
          -- Buckets first (they hold the oldest charges after a lowering), then the log.
          retry_at = bucket_leaves(limit.buckets, limit.first, limit.newest, math.min(need, limit.held),
              limit.window, limit.width)
          need = need - limit.held
        end
        if need > 0 then
          -- The log entry that must leave the window before `cost` more units fit.
          retry_at = math.max(retry_at, score_at(limit.log, need - 1) + limit.window)
        end
      end
    end
    local remaining
    local reset_at
    if all_allowed then
      if limit.bucketed then
        bucket_add(limit.buckets, math.floor(now / limit.width), cost, limit.first, limit.newest, now,
            limit.window, limit.width)
        reset_at = seconds_up((math.max(limit.newest or 0, math.floor(now / limit.width)) + 1) * limit.width + limit.window)
      else
        if cost == 1 then
          redis.call('ZADD', limit.log, int(now), request_id)
        else
          local members = {}
          for c = 0, cost - 1 do
            members[#members + 1] = int(now)
            members[#members + 1] = request_id .. '#' .. c
          end
          redis.call('ZADD', limit.log, unpack(members))
        end
        redis.call('PEXPIRE', limit.log, int(math.ceil(limit.window / 1000)))
        reset_at = seconds_up(now + limit.window)
        if limit.newest then
          reset_at = math.max(reset_at, seconds_up((limit.newest + 1) * limit.width + limit.window))
        end
      end
      remaining = limit.max - limit.count - cost
    else
      remaining = math.max(limit.max - limit.count, 0)
      reset_at = seconds_up(now)
      if limit.logged > 0 then
        reset_at = seconds_up(score_at(limit.log, -1) + limit.window)
      end
      if limit.newest then
        reset_at = math.max(reset_at, seconds_up((limit.newest + 1) * limit.width + limit.window))
      end
    end
    result[#result + 1] = fits and 1 or 0
    result[#result + 1] = remaining
    result[#result + 1] = reset_at
    result[#result + 1] = seconds_up(retry_at - now)
  end

  if all_allowed then
    usage_add(KEYS[k + 2 * n], 1, now, second, hours_kept, days_kept, usage_ttl)
  end
  return result
end

local results = {}
local k = 1
local a = 5
for d = 1, tonumber(ARGV[4]) do
  local n = tonumber(ARGV[a])
  results[d] = decide(k, a)
  k = k + 2 * n + 1
  a = a + 3 + 4 * n
end
return results
