-- Moves an outbox kept in the former layout (ob:q by Seq, ob:v by
-- visible-at) to the current one: every item goes to ob:w with its time,
-- and the next claim moves those due to ob:r. ARGV = prefix. Returns how
-- many items moved.
local P = ARGV[1]
local v = P .. 'ob:v'
local n = 0
while true do
  local page = redis.call('ZRANGE', v, 0, 499, 'WITHSCORES')
  if #page == 0 then break end
  local add, ids = {}, {}
  for k = 1, #page, 2 do
    add[#add + 1] = page[k + 1]
    add[#add + 1] = page[k]
    ids[#ids + 1] = page[k]
  end
  redis.call('ZADD', P .. 'ob:w', unpack(add))
  redis.call('ZREM', v, unpack(ids))
  n = n + #ids
end
redis.call('DEL', P .. 'ob:q')
return n
