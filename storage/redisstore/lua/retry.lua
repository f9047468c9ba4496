-- Records a failed delivery. ARGV = prefix, id, visible at (µs), not before, last error.
local P, id = ARGV[1], ARGV[2]
local key = P .. 'ob:i:' .. id
if redis.call('EXISTS', key) == 0 then return 0 end
redis.call('HINCRBY', key, 'a', 1)
redis.call('HSET', key, 'e', ARGV[5], 'n', ARGV[4])
redis.call('ZADD', P .. 'ob:v', ARGV[3], id)
return 1
