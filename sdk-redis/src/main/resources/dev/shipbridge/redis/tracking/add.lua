-- ARGV: prefix, number, state, group, due ('' when stopped)
local n, state, g, due = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('HSETNX', P .. 's', n, state) == 0 then return 0 end
redis.call('SADD', P .. 'groups', g)
if due ~= '' then redis.call('ZADD', P .. 'due:' .. g, tonumber(due), n) end
return 1
