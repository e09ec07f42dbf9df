-- ARGV: prefix, number, token, now
local n, token, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
if not holds(n, token) then return 0 end
redis.call('HDEL', P .. 'out', n)
local state = redis.call('HGET', P .. 's', n)
if state then release(n, state, now) else redis.call('HDEL', P .. 'lease', n) end
return 1
