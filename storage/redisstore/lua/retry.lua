-- Records a failed delivery and hides the item until it is due again.
-- ARGV = prefix, id, due at (µs), not before, last error.
local P, id = ARGV[1], ARGV[2]
local key = P .. 'ob:i:' .. id
if redis.call('EXISTS', key) == 0 then return 0 end
redis.call('HINCRBY', key, 'a', 1)
redis.call('HSET', key, 'e', ARGV[5], 'n', ARGV[4])
redis.call('ZREM', P .. 'ob:r', id)
redis.call('ZADD', P .. 'ob:w', ARGV[3], id)
return 1
