-- ARGV: prefix, number, token, state, inboxApplied, outbox ('' for none), until, now, group, due ('' when stopped)
return completeOne(ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7]), tonumber(ARGV[8]), ARGV[9], ARGV[10])
