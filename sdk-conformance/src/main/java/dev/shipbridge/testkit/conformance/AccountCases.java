package dev.shipbridge.testkit.conformance;

import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.TokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The accounts rule (under policies of its own: without quotas, then one permit an hour): two
 * accounts of one platform, each with the carrier {@link
 * CarrierConformanceKit#accountCarrier} builds for it, through one {@link Shipbridge} on the real
 * adapter,
 *
 * <ul>
 *   <li>never share a token: the second account's requests carry none of the tokens the first
 *       fetched;
 *   <li>share a rate limiter exactly when their carriers name one quota ({@code
 *       Carrier.quotaKey()}): with one permit an hour, the second account's call is refused before
 *       sending if they do, and answered if they do not;
 *   <li>never share a circuit breaker: once the first account's breaker opened (its carrier at a
 *       dead port), the second account's call is still answered.
 * </ul>
 */
final class AccountCases {
  private AccountCases() {}

  static final AccountId FIRST = AccountId.of("kit-account-1");
  static final AccountId SECOND = AccountId.of("kit-account-2");

  static void accounts(CarrierConformanceKit kit) throws Exception {
    Operation op = kit.operations().stream().filter(o -> o.kind() == Operation.Kind.READ).findFirst()
        .orElse(kit.operations().get(0));
    List<String> v = new ArrayList<>();
    Throwable failure = null;
    // the carrier's own quotas would space the calls beyond a permit wait: the token and breaker parts run without
    ResiliencePolicy noQuota = ResiliencePolicy.custom().all(s -> s.maxAttempts(CarrierConformanceKit.MAX_ATTEMPTS).unlimited()).build();
    try (KitRun run = new KitRun(kit, op, null, null)) {
      String base = run.server.baseUrl();
      // tokens
      try (Shipbridge sb = platform(kit, run, base, base, noQuota)) {
        Outcome first = Outcome.of(op, sb.account(FIRST));
        int afterFirst = run.tokens.stored.size();
        int requestsFirst = run.requests().size();
        Outcome second = Outcome.of(op, sb.account(SECOND));
        failure = first.failure() != null ? first.failure() : second.failure();
        if (failure != null) v.add("a valid call under an account failed: " + failure);
        List<String> firstTokens = run.tokens.stored.subList(0, afterFirst).stream().map(TokenStore.Token::value).toList();
        List<String> later = run.requests().subList(requestsFirst, run.requests().size());
        for (String t : firstTokens) {
          if (later.stream().anyMatch(r -> r.contains(t))) v.add("the second account sent a token the first account fetched");
        }
        if (!firstTokens.isEmpty() && run.tokens.stored.size() == afterFirst) {
          v.add("the second account fetched no token of its own");
        }
      }
      // limiters
      ResiliencePolicy onePermit = ResiliencePolicy.custom().all(s -> s.maxAttempts(1)
          .rateLimit(RateLimit.perHour(1)).rateLimitTimeout(Duration.ofSeconds(1))).build();
      boolean sameQuota = kit.accountCarrier(base, 1).quotaKey().equals(kit.accountCarrier(base, 2).quotaKey());
      try (Shipbridge sb = platform(kit, run, base, base, onePermit)) {
        Outcome.of(op, sb.account(FIRST));
        Outcome second = Outcome.of(op, sb.account(SECOND));
        boolean refused = second.failure() instanceof RateLimitedException;
        if (sameQuota && !refused) v.add("two accounts naming one quota did not share its rate limiter");
        if (!sameQuota && refused) v.add("two accounts naming different quotas shared a rate limiter");
      }
      // breakers
      try (Shipbridge sb = platform(kit, run, "http://127.0.0.1:" + KitRun.deadPort(), base, noQuota)) {
        boolean open = false;
        for (int i = 0; i < 50 && !open; i++) {
          Throwable t = Outcome.of(op, sb.account(FIRST)).failure();
          open = t instanceof CarrierUnavailableException && String.valueOf(t.getMessage()).contains("circuit breaker is open");
        }
        if (!open) v.add("the first account's breaker never opened against a dead port");
        Outcome second = Outcome.of(op, sb.account(SECOND));
        if (second.failure() != null) {
          v.add("the second account's call failed while only the first account's carrier was down: " + second.failure());
          failure = second.failure();
        }
      }
    }
    kit.fail(op + ": two accounts share no token, limiter or breaker", v, failure);
  }

  private static Shipbridge platform(CarrierConformanceKit kit, KitRun run, String firstBase, String secondBase,
      ResiliencePolicy policy) {
    InMemoryAccounts accounts = AccountResolver.inMemory()
        .put(CarrierAccount.builder(FIRST).carrier(kit.accountCarrier(firstBase, 1)).build())
        .put(CarrierAccount.builder(SECOND).carrier(kit.accountCarrier(secondBase, 2)).build());
    Carrier platform = kit.carrier(secondBase);
    return Shipbridge.builder().discoverCarriers(false).carrier(platform).accounts(accounts).clock(run.clock)
        .tokenStore(run.tokens).sleeper(d -> run.clock.advance(d)).resilience(policy).build();
  }

  private record Outcome(Object result, Throwable failure) {
    static Outcome of(Operation op, Shipbridge sb) {
      CarrierConformanceKit.Outcome o = CarrierConformanceKit.Outcome.of(op, sb);
      return new Outcome(o.result(), o.failure());
    }
  }
}
