-- ARGV: prefix
local total = 0
for _, g in ipairs(redis.call('SMEMBERS', P .. 'groups')) do total = total + redis.call('ZCARD', P .. 'due:' .. g) end
return total
