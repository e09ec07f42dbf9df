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
local function lease(n, untilms, owner, out)
  local token = owner .. ':' .. redis.call('INCR', P .. 'seq')
  redis.call('HSET', P .. 'lease', n, token .. '|' .. untilms)
  out[#out + 1] = n
  out[#out + 1] = redis.call('HGET', P .. 's', n) or ''
  out[#out + 1] = token
  out[#out + 1] = redis.call('HGET', P .. 'out', n) or ''
  local inbox = redis.call('LRANGE', P .. 'in:' .. n, 0, -1)
  out[#out + 1] = tostring(#inbox)
  for i = 1, #inbox do out[#out + 1] = inbox[i] end
end
local function release(n, state, now)
  local g, f = groupOf(state)
  redis.call('HDEL', P .. 'lease', n)
  if f[8] == '' then
    redis.call('ZREM', P .. 'due:' .. g, n)
  else
    redis.call('ZADD', P .. 'due:' .. g, tonumber(f[8], 36), n)
  end
  if redis.call('LLEN', P .. 'in:' .. n) > 0 then
    redis.call('ZADD', P .. 'push:' .. g, 'NX', now, n)
  end
end
