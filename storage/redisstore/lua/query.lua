-- One page of a ticket listing (storage.TicketQuery); see listing.go for
-- the ARGV layout. The candidates are narrowed with set operations on the
-- index sets into temporary sorted sets (q:ID:*, deleted before returning,
-- and expiring in a minute should the script fail), then ordered by
-- intersecting with tc, tu or td. Only a search reads the tickets' words (tw).
local P, id, sortz, desc = ARGV[1], ARGV[2], ARGV[1] .. ARGV[3], ARGV[4] == '1'
local offset, limit = tonumber(ARGV[5]), tonumber(ARGV[6])
local clo, chi, dueBefore, all = ARGV[7], ARGV[8], ARGV[9], ARGV[10] == '1'
local i = 10
local function list()
  i = i + 1
  local n, out = tonumber(ARGV[i]), {}
  for _ = 1, n do i = i + 1; out[#out + 1] = ARGV[i] end
  return out
end
local scope, unassignedIn, statuses, eq, words, requesters = list(), list(), list(), list(), list(), list()

local temps = {}
local function temp(name)
  local k = P .. 'q:' .. id .. ':' .. name
  temps[#temps + 1] = k
  return k
end
local function store(cmd, dest, keys, extra)
  local args = {cmd, dest, #keys}
  for _, k in ipairs(keys) do args[#args + 1] = k end
  for _, a in ipairs(extra or {}) do args[#args + 1] = a end
  redis.call(unpack(args))
  redis.call('PEXPIRE', dest, 60000)
end

local cand = nil -- nil: every ticket
if not all then
  local parts = {}
  for _, k in ipairs(scope) do parts[#parts + 1] = k end
  if #unassignedIn > 0 then
    local u = temp('u')
    store('ZUNIONSTORE', u, unassignedIn)
    store('ZINTERSTORE', u, {u, P .. 'ix:na'})
    parts[#parts + 1] = u
  end
  cand = temp('s')
  if #parts > 0 then store('ZUNIONSTORE', cand, parts) end
end
if #statuses > 0 then
  local k = temp('f')
  store('ZUNIONSTORE', k, statuses)
  if cand then store('ZINTERSTORE', k, {k, cand}) end
  cand = k
end
if #eq > 0 then
  local k = temp('e')
  if cand then eq[#eq + 1] = cand end
  store('ZINTERSTORE', k, eq)
  cand = k
end

if #words > 0 or #requesters > 0 then
  local k = temp('w')
  -- Requesters found by name: their tickets among the candidates.
  if #requesters > 0 then
    local rq = {}
    for _, r in ipairs(requesters) do rq[#rq + 1] = P .. 'ix:rq:' .. r end
    store('ZUNIONSTORE', k, rq)
    if cand then store('ZINTERSTORE', k, {k, cand}) end
  end
  -- Words: every one must begin a word of the ticket's search text, read
  -- from tw a thousand folios at a time.
  if #words > 0 then
    local from = P .. 'tc'
    if cand then from = cand end
    local all = redis.call('ZRANGE', from, 0, -1)
    local pats = {}
    for _, w in ipairs(words) do pats[#pats + 1] = ' ' .. w end
    local batch = {}
    local function flush()
      if #batch > 0 then redis.call('ZADD', k, unpack(batch)); redis.call('PEXPIRE', k, 60000) end
      batch = {}
    end
    for s0 = 1, #all, 1000 do
      local chunk = {}
      for j = s0, math.min(s0 + 999, #all) do chunk[#chunk + 1] = all[j] end
      local texts = redis.call('HMGET', P .. 'tw', unpack(chunk))
      for j, text in ipairs(texts) do
        local ok = text ~= false
        if ok then
          for _, pat in ipairs(pats) do
            if not string.find(text, pat, 1, true) then ok = false; break end
          end
        end
        if ok then
          batch[#batch + 1] = 0
          batch[#batch + 1] = chunk[j]
          if #batch >= 1000 then flush() end
        end
      end
    end
    flush()
  end
  cand = k
end

-- Order by the sort key, keeping only the candidates and the ranges asked.
local res = sortz
if cand then
  res = temp('r')
  store('ZINTERSTORE', res, {cand, sortz}, {'WEIGHTS', 0, 1})
end
local function within(z, lo, hi)
  local k = temp('x' .. z)
  redis.call('ZRANGESTORE', k, P .. z, lo, hi, 'BYSCORE')
  redis.call('PEXPIRE', k, 60000)
  local r = temp('r' .. z)
  store('ZINTERSTORE', r, {res, k}, {'WEIGHTS', 1, 0})
  res = r
end
if clo ~= '-inf' or chi ~= '+inf' then within('tc', clo, chi) end
if dueBefore ~= '+inf' then within('td', '-inf', dueBefore) end

local total = redis.call('ZCARD', res)
local stop = -1
if limit > 0 then stop = offset + limit - 1 end
local page
if desc then
  page = redis.call('ZRANGE', res, offset, stop, 'REV')
else
  page = redis.call('ZRANGE', res, offset, stop)
end
local out = {total}
for _, f in ipairs(page) do
  out[#out + 1] = redis.call('HGET', P .. 't:' .. f, 'json') or ''
end
if #temps > 0 then redis.call('DEL', unpack(temps)) end
return out
