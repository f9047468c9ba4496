-- Returns the JSON of the person linked to account ARGV[2]. ARGV[1] = prefix.
local id = redis.call('HGET', ARGV[1] .. 'pa', ARGV[2])
if not id then return false end
return redis.call('HGET', ARGV[1] .. 'p', id)
