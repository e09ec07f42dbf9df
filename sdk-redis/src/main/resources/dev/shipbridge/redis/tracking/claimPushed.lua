-- ARGV: prefix, group, now, max, until, owner
local g, now, max, untilms, owner = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local pushed = P .. 'push:' .. g
local due = P .. 'due:' .. g
local out = {}
local token
local got = 0
local candidates = redis.call('ZRANGE', pushed, 0, max + 63)
for _, n in ipairs(candidates) do
  if got >= max then break end
  if not leaseValid(n, now) then
    redis.call('ZREM', pushed, n)
    local cur = redis.call('ZSCORE', due, n)
    if cur and tonumber(cur) > untilms then redis.call('ZADD', due, untilms, n) end
    got = got + 1
    token = token or tokens(owner)
    lease(n, untilms, token .. got, out)
  end
end
return out
