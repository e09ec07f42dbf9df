-- ARGV: prefix, number, encoded push, receivedAt
local n, enc, at = ARGV[2], ARGV[3], tonumber(ARGV[4])
local state = redis.call('HGET', P .. 's', n)
if not state then return 0 end
local g, f = groupOf(state)
if f[8] == '' then return 0 end
redis.call('RPUSH', P .. 'in:' .. n, enc)
redis.call('ZADD', P .. 'push:' .. g, 'NX', at, n)
return 1
