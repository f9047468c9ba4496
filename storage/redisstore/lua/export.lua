-- Reads every record but the bytes of files, at one instant: a script runs
-- alone, so nothing commits halfway through it. Files never change once
-- written, so their bytes are read afterwards by the ids listed here.
-- ARGV = prefix, the prefix escaped for SCAN's MATCH.
local P, M = ARGV[1], ARGV[2]
local function scan(pattern)
  local keys, cursor = {}, '0'
  repeat
    local r = redis.call('SCAN', cursor, 'MATCH', M .. pattern, 'COUNT', 1000)
    cursor = r[1]
    for _, k in ipairs(r[2]) do keys[#keys + 1] = k end
  until cursor == '0'
  table.sort(keys)
  return keys
end

local folios = {}
for _, k in ipairs(scan('folio:*')) do
  folios[#folios + 1] = string.sub(k, #P + 7)
  folios[#folios + 1] = redis.call('GET', k) or '0'
end

local tickets = {}
for _, f in ipairs(redis.call('ZRANGE', P .. 'tc', 0, -1)) do
  local js = redis.call('HGET', P .. 't:' .. f, 'json')
  if js then tickets[#tickets + 1] = js end
end

-- Outbox items ready (ob:r) and in flight or not due yet (ob:w); the
-- reader orders them by Seq.
local outbox = {}
for _, set in ipairs({'ob:r', 'ob:w'}) do
  for _, id in ipairs(redis.call('ZRANGE', P .. set, 0, -1)) do
    local h = redis.call('HMGET', P .. 'ob:i:' .. id, 'm', 'p', 's', 'a', 'e', 'n', 'd')
    if h[1] then
      for k = 1, 7 do outbox[#outbox + 1] = h[k] or '' end
    end
  end
end

local dialogs = {}
for _, k in ipairs(scan('d:*')) do
  local h = redis.call('HMGET', k, 'v', 'u', 'd')
  if h[1] then
    dialogs[#dialogs + 1] = string.sub(k, #P + 3)
    for j = 1, 3 do dialogs[#dialogs + 1] = h[j] or '' end
    dialogs[#dialogs + 1] = tostring(redis.call('PTTL', k))
  end
end

local values = {}
for _, k in ipairs(scan('v:*')) do
  local v = redis.call('GET', k)
  if v then
    values[#values + 1] = string.sub(k, #P + 3)
    values[#values + 1] = v
    values[#values + 1] = tostring(redis.call('PTTL', k))
  end
end

local files = {}
for _, k in ipairs(scan('f:*')) do files[#files + 1] = string.sub(k, #P + 3) end

local time = redis.call('TIME')
return {
  redis.call('HVALS', P .. 'areas'), redis.call('HVALS', P .. 'p'), redis.call('HVALS', P .. 'plan'),
  folios, tickets, redis.call('LRANGE', P .. 'log', 0, -1), outbox, dialogs,
  redis.call('HGETALL', P .. 'jobs'), values, files, time,
}
