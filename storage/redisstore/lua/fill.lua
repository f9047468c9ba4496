-- Writes the listing indexes of one ticket (see listing.go) if it is still
-- at the version they were computed from: ARGV = prefix, folio, version,
-- search words, updated µs, due µs, assignee.
local P, f = ARGV[1], ARGV[2]
local key = P .. 't:' .. f
if redis.call('HGET', key, 'v') ~= ARGV[3] then return 0 end
redis.call('HSET', P .. 'tw', f, ARGV[4])
redis.call('ZADD', P .. 'tu', ARGV[5], f)
redis.call('ZADD', P .. 'td', ARGV[6], f)
if ARGV[7] == '' then redis.call('SADD', P .. 'ix:na', f) else redis.call('SREM', P .. 'ix:na', f) end
return 1
