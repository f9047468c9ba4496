-- Lists ticket JSON by index: ARGV = prefix, min score, max score, number of
-- status sets, status set keys..., equality set keys... (all intersected).
local P, lo, hi, ns = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local st, eq = {}, {}
for k = 5, 4 + ns do st[#st + 1] = ARGV[k] end
for k = 5 + ns, #ARGV do eq[#eq + 1] = ARGV[k] end

local cand = nil
if #eq > 0 then cand = redis.call('SINTER', unpack(eq)) end
if ns > 0 then
  if cand then
    local keep = {}
    for _, f in ipairs(cand) do
      for _, s in ipairs(st) do
        if redis.call('SISMEMBER', s, f) == 1 then keep[#keep + 1] = f; break end
      end
    end
    cand = keep
  else
    cand = redis.call('SUNION', unpack(st))
  end
end

local out = {}
if cand then
  local ranged = lo ~= '-inf' or hi ~= '+inf'
  local nlo, nhi = tonumber(lo), tonumber(hi)
  for _, f in ipairs(cand) do
    local ok = true
    if ranged then
      local sc = tonumber(redis.call('ZSCORE', P .. 'tc', f))
      ok = sc ~= nil and (lo == '-inf' or sc >= nlo) and (hi == '+inf' or sc <= nhi)
    end
    if ok then
      local j = redis.call('HGET', P .. 't:' .. f, 'json')
      if j then out[#out + 1] = j end
    end
  end
else
  for _, f in ipairs(redis.call('ZRANGEBYSCORE', P .. 'tc', lo, hi)) do
    local j = redis.call('HGET', P .. 't:' .. f, 'json')
    if j then out[#out + 1] = j end
  end
end
return out
