-- Records how many platform calls of an outbox item were made, if the item
-- is still there. ARGV = prefix, id, sent.
local key = ARGV[1] .. 'ob:i:' .. ARGV[2]
if redis.call('EXISTS', key) == 0 then return 0 end
redis.call('HSET', key, 'd', ARGV[3])
return 1
