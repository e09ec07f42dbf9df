-- ARGV: prefix, number
local n = ARGV[2]
local state = redis.call('HGET', P .. 's', n)
if not state then return 0 end
local g = groupOf(state)
redis.call('ZREM', P .. 'due:' .. g, n)
redis.call('ZREM', P .. 'push:' .. g, n)
redis.call('HDEL', P .. 's', n)
redis.call('HDEL', P .. 'lease', n)
redis.call('HDEL', P .. 'out', n)
redis.call('DEL', P .. 'in:' .. n)
return 1
