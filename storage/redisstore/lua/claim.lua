-- Claims up to ARGV[4] visible outbox items in Seq order and hides them until
-- ARGV[3]. ARGV = prefix, now (µs), until (µs), limit.
local P, now, untl, limit = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local q, v = P .. 'ob:q', P .. 'ob:v'
local want = redis.call('ZCOUNT', v, '-inf', now)
if want > limit then want = limit end
local out, n, start = {}, 0, 0
while n < want do
  local ids = redis.call('ZRANGE', q, start, start + 99)
  if #ids == 0 then break end
  for _, id in ipairs(ids) do
    local sc = tonumber(redis.call('ZSCORE', v, id))
    if sc and sc <= now then
      redis.call('ZADD', v, untl, id)
      local h = redis.call('HMGET', P .. 'ob:i:' .. id, 'm', 'p', 's', 'a', 'e', 'n', 'd')
      for k = 1, 7 do out[#out + 1] = h[k] or '' end
      n = n + 1
      if n >= want then break end
    end
  end
  start = start + 100
end
return out
