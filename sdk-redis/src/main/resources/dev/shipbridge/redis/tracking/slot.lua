-- ARGV: prefix, group, now, spacing, calls (0: try to take one slot; n > 0: debit n calls)
local key = P .. 'slot:' .. ARGV[2]
local now, spacing, calls = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local next = tonumber(redis.call('GET', key) or '0')
if calls == 0 then
  if next > now then return 0 end
  redis.call('SET', key, now + spacing)
  return 1
end
if next < now then next = now end
redis.call('SET', key, next + calls * spacing)
return 1
