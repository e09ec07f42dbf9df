-- Shared by every schedule script. ARGV[1] is the key prefix; all keys share one hash tag.
local P = ARGV[1]
local function leaseValid(n, now)
  local l = redis.call('HGET', P .. 'lease', n)
  if not l then return false end
  local bar = string.find(l, '|', 1, true)
  return tonumber(string.sub(l, bar + 1)) > now
end
local function holds(n, token)
  local l = redis.call('HGET', P .. 'lease', n)
  if not l then return false end
  local bar = string.find(l, '|', 1, true)
  return string.sub(l, 1, bar - 1) == token
end
local function fields(state)
  local f = {}
  for part in string.gmatch(state .. '~', '([^~]*)~') do f[#f + 1] = part end
  return f
end
local function groupOf(state)
  local f = fields(state)
  return f[1] .. '/' .. f[2], f
end
-- A claim script takes one number from the sequence; its leases are told apart by their place.
local function tokens(owner)
  return owner .. ':' .. redis.call('INCR', P .. 'seq') .. '.'
end
local function lease(n, untilms, token, out)
  redis.call('HSET', P .. 'lease', n, token .. '|' .. untilms)
  out[#out + 1] = n
  out[#out + 1] = redis.call('HGET', P .. 's', n) or ''
  out[#out + 1] = token
  out[#out + 1] = redis.call('HGET', P .. 'out', n) or ''
  local inbox = redis.call('LRANGE', P .. 'in:' .. n, 0, -1)
  out[#out + 1] = tostring(#inbox)
  for i = 1, #inbox do out[#out + 1] = inbox[i] end
end
-- due: epoch ms as a number, or nil when the parcel is no longer watched
local function releaseTo(n, g, due, now)
  redis.call('HDEL', P .. 'lease', n)
  if due then
    redis.call('ZADD', P .. 'due:' .. g, due, n)
  else
    redis.call('ZREM', P .. 'due:' .. g, n)
  end
  if redis.call('LLEN', P .. 'in:' .. n) > 0 then
    redis.call('ZADD', P .. 'push:' .. g, 'NX', now, n)
  end
end
local function release(n, state, now)
  local g, f = groupOf(state)
  releaseTo(n, g, f[8] ~= '' and tonumber(f[8], 36) or nil, now)
end
-- Writes a claimed parcel's new state (completeAll.lua): 1, or 0 when the lease was lost.
-- g and due (epoch ms, '' when stopped) are the state's own, sent along so the state is not parsed here.
local function completeOne(n, token, state, applied, outbox, untilms, now, g, due)
  if not holds(n, token) or redis.call('HEXISTS', P .. 's', n) == 0 then return 0 end
  redis.call('HSET', P .. 's', n, state)
  if applied > 0 then redis.call('LTRIM', P .. 'in:' .. n, applied, -1) end
  if outbox ~= '' then
    redis.call('HSET', P .. 'out', n, outbox)
    redis.call('ZADD', P .. 'due:' .. g, untilms, n)
    return 1
  end
  releaseTo(n, g, due ~= '' and tonumber(due) or nil, now)
  return 1
end
