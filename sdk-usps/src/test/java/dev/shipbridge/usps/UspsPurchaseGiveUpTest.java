package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.CarrierException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A USPS label purchase that gives up after an attempt was sent (here a 503, after which USPS may
 * have sold the label) is outcome-unknown with its idempotency key, whatever ended it: an interrupt
 * while waiting for the retry, bad input or an unchecked exception on the retry. On the real
 * {@link UspsCarrier} through the facade, under USPS's default policy and a permissive one.
 */
class UspsPurchaseGiveUpTest extends EmulatorTestBase {
  /** The default policy (USPS's 60 calls an hour per API) or a permissive one (no quota, 3 attempts). */
  private Shipbridge facade(boolean defaults, Sleeper sleeper, TokenStore tokens) {
    shipbridge.close();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier().shippingOptions(false).build())
        .clock(clock).sleeper(sleeper);
    if (tokens != null) b.tokenStore(tokens);
    if (!defaults) {
      b.resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(3).unlimited()).build());
    }
    shipbridge = b.build();
    return shipbridge;
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private static void assertOutcomeUnknownWithKey(CarrierException e, String key, int attempts) {
    assertThat(e).as("a typed carrier failure").isNotNull();
    assertThat(e.outcomeUnknown()).as("the first attempt may have bought the label").isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(e.idempotencyKey()).contains(key);
    assertThat(e.attempts()).isEqualTo(attempts);
  }

  @ParameterizedTest(name = "default policy: {0}")
  @ValueSource(booleans = {true, false})
  void uspsLabelInterruptedWhileWaitingForItsRetryIsOutcomeUnknownWithItsKey(boolean defaults) {
    // default policy: the wait is for the Labels API's next permit; permissive: the backoff
    Shipbridge sb = facade(defaults, d -> {
      throw new InterruptedException("shutting down");
    }, null);
    usps.injectFault("/labels", UspsEmulator.Fault.HTTP_503, 1);

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> UspsLabelWireTest.buy(sb, "int-1"));

    assertOutcomeUnknownWithKey(e, "int-1", 1);
    assertThat(e.httpStatus()).as("the root cause first").isEqualTo(503);
    assertThat(e.getSuppressed()).anySatisfy(s -> assertThat(s).hasMessageContaining("interrupted"));
    assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
    assertThat(usps.requestCount("POST", "/labels")).isEqualTo(1);
  }

  @ParameterizedTest(name = "default policy: {0}")
  @ValueSource(booleans = {true, false})
  void uspsLabelRetryRefusedAsBadInputAfterASentAttemptIsOutcomeUnknownWithItsKey(boolean defaults) {
    CarrierException e = retryFailingWith(defaults, "bad-1", ValidationException.of("token", "refused by the store"));

    assertOutcomeUnknownWithKey(e, "bad-1", 2);
    assertThat(e.getCause()).isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest(name = "default policy: {0}")
  @ValueSource(booleans = {true, false})
  void uspsLabelRetryFailingWithAnUncheckedExceptionAfterASentAttemptIsOutcomeUnknownWithItsKey(boolean defaults) {
    CarrierException e = retryFailingWith(defaults, "npe-1", new IllegalStateException("token store unavailable"));

    assertOutcomeUnknownWithKey(e, "npe-1", 2);
    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
  }

  /**
   * A label whose first attempt gets a 503 and whose retry fails inside the adapter, before it is
   * sent, with {@code failure} (thrown by the token store the adapter reads for each attempt).
   */
  private CarrierException retryFailingWith(boolean defaults, String key, RuntimeException failure) {
    AtomicBoolean broken = new AtomicBoolean();
    TokenStore inMemory = TokenStore.inMemory(clock);
    TokenStore breaksOnRetry = new TokenStore() {
      @Override
      public Optional<Token> get(String k) {
        if (broken.get()) throw failure;
        return inMemory.get(k);
      }

      @Override
      public void put(String k, Token token) {
        inMemory.put(k, token);
      }

      @Override
      public void remove(String k) {
        inMemory.remove(k);
      }
    };
    Shipbridge sb = facade(defaults, d -> {
      clock.advance(d);
      broken.set(true);
    }, breaksOnRetry);
    usps.injectFault("/labels", UspsEmulator.Fault.HTTP_503, 1);

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> UspsLabelWireTest.buy(sb, key));

    assertThat(usps.requestCount("POST", "/labels")).as("the retry failed before it was sent").isEqualTo(1);
    return e;
  }

  @ParameterizedTest(name = "default policy: {0}")
  @ValueSource(booleans = {true, false})
  void uspsLabelEndingInA429AfterA503IsOutcomeUnknownWithItsKey(boolean defaults) {
    // default: the third attempt's permit comes past the 120 s call timeout; permissive: two attempts only
    shipbridge.close();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier().shippingOptions(false).build())
        .clock(clock).sleeper(d -> clock.advance(d));
    if (!defaults) b.resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(2).unlimited()).build());
    shipbridge = b.build();
    usps.injectFault("/labels", UspsEmulator.Fault.HTTP_503, 1);
    usps.injectFault("/labels", UspsEmulator.Fault.HTTP_429, 1);

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> UspsLabelWireTest.buy(shipbridge, "late-429"));

    assertOutcomeUnknownWithKey(e, "late-429", 2);
    assertThat(e.httpStatus()).as("the last real failure").isEqualTo(429);
    assertThat(usps.requestCount("POST", "/labels")).isEqualTo(2);
  }

  @Test
  void uspsLabelRefusedAsBadInputBeforeAnythingWasSentStaysAValidationFailure() {
    Shipbridge sb = facade(true, d -> clock.advance(d), null);
    LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);

    assertThat(catchThrowableOfType(ValidationException.class,
        () -> sb.label(UspsLabelWireTest.request("bad-0").shipDate(yesterday).build()))).isNotNull();
    assertThat(usps.requestCount("POST", "/labels")).isZero();
  }
}
