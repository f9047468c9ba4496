-- Claims up to ARGV[4] outbox items due at ARGV[2], in Seq order, and hides
-- them until ARGV[3]. ARGV = prefix, now (µs), until (µs), limit.
--
-- ob:r holds the items ready to go, scored by Seq; ob:w holds the others
-- (claimed and in flight, retried, or not due yet), scored by when they are
-- due (µs). A claim first moves the items whose time has come from ob:w to
-- ob:r, each once, then pops the head of ob:r. It never walks past an item
-- in flight, so a deep queue does not make it dearer. An id whose item hash
-- is gone (acknowledged while the claim raced it) is dropped.
local P, now, untl, limit = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local r, w = P .. 'ob:r', P .. 'ob:w'
local chunk = 500

while true do
  local due = redis.call('ZRANGE', w, '-inf', now, 'BYSCORE', 'LIMIT', 0, chunk)
  if #due == 0 then break end
  local ready = {}
  for _, id in ipairs(due) do
    local seq = redis.call('HGET', P .. 'ob:i:' .. id, 's')
    if seq then
      ready[#ready + 1] = seq
      ready[#ready + 1] = id
    end
  end
  if #ready > 0 then redis.call('ZADD', r, unpack(ready)) end
  redis.call('ZREM', w, unpack(due))
  if #due < chunk then break end
end

local popped = redis.call('ZPOPMIN', r, limit)
local out, lease = {}, {}
for k = 1, #popped, 2 do
  local id = popped[k]
  local h = redis.call('HMGET', P .. 'ob:i:' .. id, 'm', 'p', 's', 'a', 'e', 'n', 'd')
  if h[1] then
    lease[#lease + 1] = untl
    lease[#lease + 1] = id
    for j = 1, 7 do out[#out + 1] = h[j] or '' end
  end
end
for k = 1, #lease, 1000 do
  redis.call('ZADD', w, unpack(lease, k, math.min(k + 999, #lease)))
end
return out
