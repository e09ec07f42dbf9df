package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/**
 * The rate limiters of one account's bound carriers: the default instance's when the quota key is
 * its own, else those of {@code <carrier>-q<digest of the key>}, shared by every account with that
 * key (a fleet's Redis limiter too). Only a digest of the key reaches the provider. One quota, one
 * limit: an account declaring another is refused ({@link SharedLimiters#limiter(CarrierId,
 * Operation, RateLimit, Clock, String)}).
 */
final class AccountLimiters implements RateLimiterProvider {
  private final SharedLimiters shared;
  private final Map<CarrierId, CarrierId> quotaIds;
  private final String account;

  AccountLimiters(SharedLimiters shared, Map<CarrierId, CarrierId> quotaIds, String account) {
    this.shared = shared;
    this.quotaIds = Map.copyOf(quotaIds);
    this.account = account;
  }

  /** The id {@code carrier}'s quota is counted under: its own for {@code key} equal to {@code defaultKey}. */
  static CarrierId quotaId(CarrierId carrier, String key, String defaultKey) {
    if (key.equals(defaultKey)) return carrier;
    String prefix = carrier.value().length() > 17 ? carrier.value().substring(0, 17) : carrier.value();
    return CarrierId.of(prefix + "-q" + digest(carrier.value() + "\n" + key));
  }

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public CarrierRateLimiter limiter(CarrierId carrier, Operation operation, RateLimit limit, Clock clock) {
    return shared.limiter(quotaIds.getOrDefault(carrier, carrier), operation, limit, clock, account);
  }

  @Override
  public String toString() {
    return "AccountLimiters[" + quotaIds + "]";
  }
}
