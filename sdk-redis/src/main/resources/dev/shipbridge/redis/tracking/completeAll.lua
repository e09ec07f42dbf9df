-- ARGV: prefix, then per parcel 9 values: number, token, state, inboxApplied, outbox ('' for none), until, now,
-- group, due ('' when stopped). Answers 1 or 0 per parcel, in order.
local out = {}
for i = 2, #ARGV, 9 do
  out[#out + 1] = completeOne(ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3]), ARGV[i + 4],
    tonumber(ARGV[i + 5]), tonumber(ARGV[i + 6]), ARGV[i + 7], ARGV[i + 8])
end
return out
