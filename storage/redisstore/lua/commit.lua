-- Applies one storage.Change atomically; see commit.go for the ARGV layout.
-- Every check runs before the first write, so a refused change writes nothing.
local P = ARGV[1]
local tok = ARGV[5]
local i = 14
local function nx() i = i + 1; return ARGV[i] end

local seen = ARGV[2]
if seen ~= '' and redis.call('EXISTS', P .. 'seen:' .. seen) == 1 then
  return {'dup', seen}
end

-- The sender's mark (storage.UpdateMark) lives in field h of the dialog
-- hash of the stream, as "number end-ms"; the same HMGET gives the
-- dialog's version, so a turn that writes its dialog reads it once.
local mstream, mn, mend, mnow = ARGV[11], ARGV[12], ARGV[13], ARGV[14]
local mkey, mver, mhas = nil, nil, false
if mstream ~= '' then
  mkey = P .. 'd:' .. mstream
  local h = redis.call('HMGET', mkey, 'v', 'h')
  mver, mhas = h[1], h[1] ~= false
  if h[2] then
    local sp = string.find(h[2], ' ', 1, true)
    if sp and tonumber(string.sub(h[2], sp + 1)) > tonumber(mnow)
        and tonumber(string.sub(h[2], 1, sp - 1)) >= tonumber(mn) then
      return {'dup', mstream .. '#' .. mn}
    end
  end
end
local mval = mn .. ' ' .. mend

local nd, nt, np, nl, no = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])

local ds = {}
for k = 1, nd do
  local d = {person = nx(), expect = nx(), ttl = nx(), del = nx(), upd = nx(), data = nx()}
  d.key = P .. 'd:' .. d.person
  local v
  if d.key == mkey then v = mver or '0' else v = redis.call('HGET', d.key, 'v') or '0' end
  if v ~= d.expect then return {'conflict', 'dialog ' .. d.person} end
  ds[k] = d
end

local ts = {}
for k = 1, nt do
  local t = {folio = nx(), expect = nx(), json = nx(), st = nx(), rq = nx(), as = nx(), sv = nx(), ar = nx(), sc = nx(),
    up = nx(), du = nx(), w = nx()}
  if t.folio ~= '' then
    local v = redis.call('HGET', P .. 't:' .. t.folio, 'v') or '0'
    if v ~= t.expect then return {'conflict', 'ticket ' .. t.folio} end
  end
  ts[k] = t
end

local folio = nil
if ARGV[4] ~= '' then
  local n = redis.call('INCR', P .. 'folio:' .. ARGV[4])
  folio = string.format('CT-%s-%04d', ARGV[4], n)
end

local function repl(s)
  if not folio or tok == '' then return s end
  local a = string.find(s, tok, 1, true)
  if not a then return s end
  local parts, start = {}, 1
  while a do
    parts[#parts + 1] = string.sub(s, start, a - 1)
    parts[#parts + 1] = folio
    start = a + #tok
    a = string.find(s, tok, start, true)
  end
  parts[#parts + 1] = string.sub(s, start)
  return table.concat(parts)
end

if seen ~= '' then
  redis.call('SET', P .. 'seen:' .. seen, '1', 'PX', ARGV[3])
end

-- A mark outlives a deleted dialog (alone in the hash, until its end).
local marked = mkey == nil
for _, d in ipairs(ds) do
  if d.del == '1' then
    redis.call('DEL', d.key)
  elseif d.key == mkey then
    redis.call('HSET', d.key, 'v', tostring(tonumber(d.expect) + 1), 'u', d.upd, 'd', repl(d.data), 'h', mval)
    redis.call('PEXPIRE', d.key, d.ttl)
    marked = true
  else
    redis.call('HSET', d.key, 'v', tostring(tonumber(d.expect) + 1), 'u', d.upd, 'd', repl(d.data))
    redis.call('PEXPIRE', d.key, d.ttl)
  end
  if d.key == mkey and d.del == '1' then mhas = false end
end
if not marked then
  redis.call('HSET', mkey, 'h', mval)
  if mhas then
    redis.call('PEXPIREAT', mkey, mend, 'GT') -- a dialog's longer life is kept
  else
    redis.call('PEXPIREAT', mkey, mend)
  end
end

-- The search words of a folio, as storage.FolioSearchText writes them.
local function folioWords(f)
  local out = {}
  for w in string.gmatch(string.lower(f), '%w+') do
    out[#out + 1] = w
    local z = string.gsub(w, '^0+', '')
    if z ~= w and z ~= '' and string.match(z, '^%d+$') then out[#out + 1] = z end
  end
  return ' ' .. table.concat(out, ' ') .. ' '
end

local idx = {'st', 'rq', 'as', 'sv', 'ar'}
for _, t in ipairs(ts) do
  local f = t.folio
  if f == '' then f = folio end
  local key = P .. 't:' .. f
  local old = redis.call('HMGET', key, 'st', 'rq', 'as', 'sv', 'ar')
  for j, name in ipairs(idx) do
    local o, n = old[j] or '', t[name]
    if o ~= n then
      if o ~= '' then redis.call('SREM', P .. 'ix:' .. name .. ':' .. o, f) end
      if n ~= '' then redis.call('SADD', P .. 'ix:' .. name .. ':' .. n, f) end
    end
  end
  local words = t.w
  if t.folio == '' then words = folioWords(f) .. string.sub(words, 2) end
  redis.call('HSET', key, 'json', repl(t.json), 'v', tostring(tonumber(t.expect) + 1),
    'st', t.st, 'rq', t.rq, 'as', t.as, 'sv', t.sv, 'ar', t.ar)
  redis.call('HSET', P .. 'tw', f, words)
  redis.call('ZADD', P .. 'tc', t.sc, f)
  redis.call('ZADD', P .. 'tu', t.up, f)
  redis.call('ZADD', P .. 'td', t.du, f)
  if t.as == '' then redis.call('SADD', P .. 'ix:na', f) else redis.call('SREM', P .. 'ix:na', f) end
end

for _ = 1, np do
  local id, json, accts = nx(), nx(), nx()
  local old = redis.call('HGET', P .. 'pacc', id)
  if old then
    for a in string.gmatch(old, '[^\n]+') do
      if redis.call('HGET', P .. 'pa', a) == id then redis.call('HDEL', P .. 'pa', a) end
    end
  end
  for a in string.gmatch(accts, '[^\n]+') do
    redis.call('HSET', P .. 'pa', a, id)
  end
  redis.call('HSET', P .. 'p', id, json)
  redis.call('HSET', P .. 'pacc', id, accts)
end

for _ = 1, nl do
  local lf, json, at = nx(), nx(), nx()
  local line = redis.call('INCR', P .. 'log:seq') .. ' ' .. repl(json)
  local n = redis.call('RPUSH', P .. 'log', line)
  redis.call('ZADD', P .. 'log:t', at, n - 1)
  lf = repl(lf)
  if lf ~= '' then redis.call('RPUSH', P .. 'log:f:' .. lf, line) end
end

-- Outbox items new to the store take consecutive Seqs from one INCRBY; those
-- due now join ob:r (by Seq) in one ZADD, the others ob:w (by due time).
-- One EXISTS over every item's key tells whether all are new (the usual
-- case); only when some is already stored is each looked at alone.
local obs, fresh, all, keys = {}, {}, {}, {}
for _ = 1, no do
  local o = {id = nx(), meta = nx(), payload = nx(), nb = nx(), vis = nx()}
  o.key = P .. 'ob:i:' .. o.id
  all[#all + 1] = o
  keys[#keys + 1] = o.key
end
local known = 0
for k = 1, #keys, 1000 do
  known = known + redis.call('EXISTS', unpack(keys, k, math.min(k + 999, #keys)))
end
for _, o in ipairs(all) do
  if not fresh[o.id] and (known == 0 or redis.call('EXISTS', o.key) == 0) then
    fresh[o.id] = true
    obs[#obs + 1] = o
  end
end
if #obs > 0 then
  local seq = redis.call('INCRBY', P .. 'ob:seq', #obs) - #obs
  local ready = {}
  for _, o in ipairs(obs) do
    local key, meta, payload, nb, id = o.key, o.meta, o.payload, o.nb, o.id
    seq = seq + 1
    redis.call('HSET', key, 'm', meta, 'p', repl(payload), 's', seq, 'a', 0, 'e', '', 'n', nb)
    if o.vis == '-inf' then
      ready[#ready + 1] = seq
      ready[#ready + 1] = id
    else
      redis.call('ZADD', P .. 'ob:w', o.vis, id)
    end
  end
  for k = 1, #ready, 1000 do
    redis.call('ZADD', P .. 'ob:r', unpack(ready, k, math.min(k + 999, #ready)))
  end
end

return {'ok', folio or ''}
