-- ARGV: prefix[, now]: every watched parcel, or (with now) those due by now and not leased
local total = 0
for _, g in ipairs(redis.call('SMEMBERS', P .. 'groups')) do
  if ARGV[2] then
    total = total + redis.call('ZCOUNT', P .. 'due:' .. g, '-inf', ARGV[2])
  else
    total = total + redis.call('ZCARD', P .. 'due:' .. g)
  end
end
return total
