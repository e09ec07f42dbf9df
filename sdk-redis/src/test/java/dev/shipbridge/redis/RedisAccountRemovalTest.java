package dev.shipbridge.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.RevocationException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.model.Address;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsAuthorization;
import dev.shipbridge.usps.UspsCarrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An account removed on one instance of a fleet sharing a real Redis: the merchant's tokens are
 * revoked at the USPS emulator and deleted from Redis, so no instance (nor a new one, with an empty
 * mirror) finds them; default and permissive policy, the real {@link UspsCarrier} through the facade.
 */
class RedisAccountRemovalTest {
  private static final String REDIRECT = "https://platform.example/usps/callback";
  private static final Address CUSTOMER = Address.builder().name("Joe Doe").line("1100 Wyoming").line("Suite 150")
      .city("St. Louis").region("MO").postalCode("63118").country("US").build();

  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final Set<String> written = ConcurrentHashMap.newKeySet();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
  }

  private TokenStore redisStore(String url, String prefix) {
    ShipbridgeRedis redis = ShipbridgeRedis.builder(url).keyPrefix(prefix).clock(clock).build();
    toClose.add(redis);
    return redis.tokenStore();
  }

  private Shipbridge instance(boolean permissive, TokenStore redis, UspsEmulator usps, InMemoryAccounts accounts) {
    TokenStore recording = new TokenStore() {
      @Override public Optional<Token> get(String key) { return redis.get(key); }
      @Override public void put(String key, Token token) { written.add(key); redis.put(key, token); }
      @Override public void remove(String key) { redis.remove(key); }
      @Override public Optional<Token> getConfirmed(String key) { return redis.getConfirmed(key); }
      @Override public void removeConfirmed(String key) { redis.removeConfirmed(key); }
      @Override public <T> T exclusively(String key, java.util.function.Supplier<T> action) {
        return redis.exclusively(key, action);
      }
      @Override public Token getOrFetch(String key, java.util.function.Supplier<Token> fetch) {
        written.add(key);
        return redis.getOrFetch(key, fetch);
      }
    };
    UspsCarrier platform = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).quotaPerHour(360_000).build();
    var b = Shipbridge.builder().discoverCarriers(false).carrier(platform).accounts(accounts).tokenStore(recording)
        .clock(clock).sleeper(d -> { });
    if (permissive) b.resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build());
    Shipbridge sb = b.build();
    toClose.add(sb);
    return sb;
  }

  /** The merchant "leaving", authorized at {@code usps} for addresses, as the accounts' only one. */
  private static InMemoryAccounts leavingAccount(UspsEmulator usps) {
    InMemoryAccounts accounts = AccountResolver.inMemory();
    String code = usps.authorizeMerchant("leaving", REDIRECT, "addresses");
    accounts.put(CarrierAccount.builder(AccountId.of("leaving")).carrier(UspsCarrier.builder().baseUrl(usps.baseUrl())
        .clientId(usps.clientId()).clientSecret(usps.clientSecret()).quotaPerHour(360_000)
        .authorization(UspsAuthorization.merchant("leaving", "addresses").withAuthorizationCode(code, REDIRECT)).build())
        .build());
    return accounts;
  }

  @ParameterizedTest(name = "permissive={0}")
  @ValueSource(booleans = {false, true})
  void anAccountRemovedOnOneInstanceLeavesNoTokenInRedisAndIsRevokedAtUsps(boolean permissive) {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    UspsEmulator usps = UspsEmulator.start(clock);
    toClose.add(usps);
    InMemoryAccounts accounts = leavingAccount(usps);
    Shipbridge a = instance(permissive, redisStore(url, prefix), usps, accounts);
    Shipbridge b = instance(permissive, redisStore(url, prefix), usps, accounts);
    a.account(AccountId.of("leaving")).validateAddress(CUSTOMER);
    b.account(AccountId.of("leaving")).validateAddress(CUSTOMER); // the fleet shares the token
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(1);

    a.removeAccount(AccountId.of("leaving"));

    assertThat(usps.requestCount("POST", "/oauth2/v3/revoke")).isEqualTo(2);
    assertThat(usps.merchantAuthorized("leaving")).isFalse();
    TokenStore fresh = redisStore(url, prefix); // an instance started now: only Redis to read
    assertThat(written).isNotEmpty();
    for (String key : written) {
      if (key.startsWith("usps:merchant-code:")) continue; // the spent-code marker holds no token
      assertThat(fresh.get(key)).as("Redis holds nothing for the account: %s", key).isEmpty();
    }
  }

  @ParameterizedTest(name = "permissive={0}")
  @ValueSource(booleans = {false, true})
  void aRemovalWhileRedisIsUnreachableIsARevocationExceptionSayingTheTokensMayStillBeHeld(boolean permissive) {
    RedisTestSupport.OwnRedis own = RedisTestSupport.OwnRedis.start();
    toClose.add(own);
    UspsEmulator usps = UspsEmulator.start(clock);
    toClose.add(usps);
    InMemoryAccounts accounts = leavingAccount(usps);
    ShipbridgeRedis redis = ShipbridgeRedis.builder(own.url()).keyPrefix("removal:").clock(clock)
        .commandTimeout(java.time.Duration.ofMillis(300)).recheckAfter(java.time.Duration.ofMillis(50))
        .reconnectDelay(java.time.Duration.ofMillis(100)).build();
    toClose.add(redis);
    Shipbridge a = instance(permissive, redis.tokenStore(), usps, accounts);
    a.account(AccountId.of("leaving")).validateAddress(CUSTOMER);
    own.stopServer(); // the fleet's copy of the tokens is out of reach: its deletion cannot be confirmed

    assertThatThrownBy(() -> a.removeAccount(AccountId.of("leaving")))
        .isInstanceOf(RevocationException.class)
        .hasMessageContaining("may still be valid")
        .hasMessageContaining("token store (Redis at")
        .hasMessageContaining("other instances may still hold and use it");
    // what this instance knew is revoked at USPS all the same
    assertThat(usps.requestCount("POST", "/oauth2/v3/revoke")).isEqualTo(2);
  }
}
