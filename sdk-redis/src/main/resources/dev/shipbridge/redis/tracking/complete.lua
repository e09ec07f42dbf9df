-- ARGV: prefix, number, token, state, inboxApplied, outbox ('' for none), until, now
local n, token, state, applied, outbox, untilms, now =
  ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7]), tonumber(ARGV[8])
if not holds(n, token) or redis.call('HEXISTS', P .. 's', n) == 0 then return 0 end
redis.call('HSET', P .. 's', n, state)
if applied > 0 then redis.call('LTRIM', P .. 'in:' .. n, applied, -1) end
if outbox ~= '' then
  redis.call('HSET', P .. 'out', n, outbox)
  redis.call('ZADD', P .. 'due:' .. groupOf(state), untilms, n)
  return 1
end
release(n, state, now)
return 1
