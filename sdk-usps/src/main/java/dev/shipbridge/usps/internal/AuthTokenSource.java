package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.TokenStore.Token;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The OAuth 2.0 access token ({@code POST /oauth2/v3/token}, client credentials), cached in the
 * context's {@link TokenStore} under a key derived from the base URL and credential, refreshed a
 * safety margin before {@code expires_in} runs out, fetched single-flight.
 *
 * <p>{@code expires_in} is read as a number or a numeric string (both are seen in the wild); a
 * missing or unreadable value counts as one hour.
 */
public final class AuthTokenSource {
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private final TokenCache cache;
  private final Clock clock;
  private final JsonCodec json;

  /** {@code key}: the store key of this credential ({@link TokenCache#key}); {@code fetch} asks USPS for a token. */
  AuthTokenSource(TokenStore store, Clock clock, JsonCodec json, String key, Supplier<HttpResult> fetch) {
    this.clock = clock;
    this.json = json;
    this.cache = new TokenCache(store, key, clock, () -> parse(fetch.get()));
  }

  /** A valid access token. */
  String token() {
    return cache.get();
  }

  /** Drops a token USPS refused (401), so the next {@link #token()} fetches a new one. */
  void invalidate(String rejected) {
    cache.invalidate(rejected);
  }

  private Token parse(HttpResult r) {
    if (!r.isSuccessful()) throw UspsErrors.map(r, UspsApi.OAUTH, clock);
    JsonNode root = json.tree(CarrierId.USPS, r.body());
    JsonNode at = root.get("access_token");
    if (at == null || !at.isTextual() || at.asText().isBlank()) {
      throw new CarrierException(CarrierException.details(CarrierId.USPS, "the token answer has no access_token")
          .httpStatus(r.status()).requestId(r.requestId()));
    }
    Duration lifetime = lifetime(root.get("expires_in"));
    Instant expires = clock.instant().plus(lifetime).minus(TokenCache.safetyMargin(lifetime));
    return new Token(at.asText(), expires);
  }

  static Duration lifetime(JsonNode expiresIn) {
    if (expiresIn == null) return DEFAULT_LIFETIME;
    long seconds;
    if (expiresIn.isNumber()) {
      seconds = expiresIn.asLong();
    } else if (expiresIn.isTextual()) {
      try {
        seconds = Long.parseLong(expiresIn.asText().strip());
      } catch (NumberFormatException e) {
        return DEFAULT_LIFETIME;
      }
    } else {
      return DEFAULT_LIFETIME;
    }
    return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
  }
}
