package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Shipbridge#newBuilder()} shares the parent's rate limiters, token store and circuit
 * breakers, like OkHttp's {@code newBuilder()} shares its pools: the real USPS adapter against the
 * testkit's emulator, requests counted by the emulator, under USPS's default policy and a
 * permissive one. Each case has a control (two independently built instances) that spends twice.
 */
class UspsSharedInstancesTest {
  static final String NUMBER = "9200190132607600833457";
  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private UspsEmulator usps;

  @BeforeEach
  void start() {
    usps = UspsEmulator.start(clock);
    usps.expectInboundParcel(NUMBER, clock.instant());
  }

  @AfterEach
  void stop() {
    usps.close();
  }

  private ShipbridgeBuilder builder(ResiliencePolicy policy) {
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
        .sleeper(clock::advance);
    return policy == null ? b : b.resilience(policy);
  }

  private static ResiliencePolicy permissive() {
    return ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
        .circuitBreaker(CircuitBreakerSettings.DISABLED)).build();
  }

  private int trackingCalls() {
    return usps.requestCount("*", "/tracking");
  }

  private int tokenCalls() {
    return usps.requestCount("*", "/oauth2");
  }

  @Test
  void underTheDefaultPolicyADerivedInstanceDoesNotSpendTheQuotaAgain() {
    try (Shipbridge parent = builder(null).build();
        Shipbridge child = parent.newBuilder().quoteTimeout(Duration.ofSeconds(5)).build()) {
      parent.track(NUMBER);
      assertThatThrownBy(() -> child.track(NUMBER)).isInstanceOf(RateLimitedException.class);
      assertThat(trackingCalls()).as("USPS saw one tracking call: the quota's one permit").isEqualTo(1);
      assertThat(tokenCalls()).isEqualTo(1);
    }
  }

  @Test
  void underTheDefaultPolicyTwoIndependentInstancesEachSpendTheQuota() { // the control: what sharing prevents
    try (Shipbridge one = builder(null).build(); Shipbridge two = builder(null).build()) {
      one.track(NUMBER);
      two.track(NUMBER);
      assertThat(trackingCalls()).isEqualTo(2);
      assertThat(tokenCalls()).isEqualTo(2);
    }
  }

  @Test
  void underAPermissivePolicyADerivedInstanceUsesTheParentsToken() {
    try (Shipbridge parent = builder(permissive()).build();
        Shipbridge child = parent.newBuilder().quoteTimeout(Duration.ofSeconds(5)).build()) {
      parent.track(NUMBER);
      child.track(NUMBER);
      child.newBuilder().build().track(NUMBER); // a grandchild too
      assertThat(trackingCalls()).isEqualTo(3);
      assertThat(tokenCalls()).as("one token for the whole family").isEqualTo(1);
    }
  }

  @Test
  void aDerivedInstanceSeesTheParentsOpenBreakerAndSendsNothing() {
    ResiliencePolicy breaking = ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
        .circuitBreaker(CircuitBreakerSettings.of(50f, 2, 2, Duration.ofMinutes(5)))).build();
    try (Shipbridge parent = builder(breaking).build(); Shipbridge child = parent.newBuilder().build()) {
      usps.injectFault("/tracking", UspsEmulator.Fault.HTTP_500, 2);
      for (int i = 0; i < 2; i++) assertThatThrownBy(() -> parent.track(NUMBER)).isInstanceOf(CarrierException.class);
      assertThat(trackingCalls()).isEqualTo(2);
      assertThatThrownBy(() -> child.track(NUMBER)).isInstanceOfSatisfying(CarrierUnavailableException.class,
          e -> assertThat(e.carrier()).isEqualTo(CarrierId.USPS));
      assertThat(trackingCalls()).as("the open breaker refused the child's call before USPS").isEqualTo(2);
    }
  }

  @Test
  void aDerivedInstanceWithItsOwnPolicyStillSharesTheQuota() {
    ResiliencePolicy uspsDefaults = ResiliencePolicy.custom().build();
    try (Shipbridge parent = builder(null).build();
        Shipbridge child = parent.newBuilder().resilience(uspsDefaults).build()) {
      parent.track(NUMBER);
      assertThatThrownBy(() -> child.track(NUMBER)).isInstanceOf(RateLimitedException.class);
      assertThat(trackingCalls()).isEqualTo(1);
    }
  }
}
