package dev.shipbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.shipbridge.internal.ResilientCallExecutor;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import dev.shipbridge.spi.Carrier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResiliencePolicyTest {
  private static final CarrierId USPS = CarrierId.USPS;
  private static final CarrierId CAINIAO = CarrierId.CAINIAO;

  @Test
  void defaultsAreTheBuiltInOnes() {
    OperationPolicy p = ResiliencePolicy.ofDefaults().resolve(USPS, Operation.TRACK);

    assertThat(p).isEqualTo(ResiliencePolicy.BUILT_IN);
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.quota()).isEmpty();
  }

  @Test
  void theMostSpecificScopeWins() {
    ResiliencePolicy policy = ResiliencePolicy.custom()
        .carrier(USPS, Operation.LABEL, s -> s.maxAttempts(5))
        .all(s -> s.maxAttempts(2).readTimeout(Duration.ofSeconds(7)))
        .carrier(USPS, s -> s.maxAttempts(4))
        .operation(Operation.LABEL, s -> s.maxAttempts(1))
        .build();

    assertThat(policy.resolve(USPS, Operation.LABEL).maxAttempts()).isEqualTo(5);
    assertThat(policy.resolve(USPS, Operation.TRACK).maxAttempts()).isEqualTo(4);
    assertThat(policy.resolve(CAINIAO, Operation.LABEL).maxAttempts()).isEqualTo(1);
    assertThat(policy.resolve(CAINIAO, Operation.TRACK).maxAttempts()).isEqualTo(2);
    assertThat(policy.resolve(USPS, Operation.LABEL).readTimeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void anythingTheUserSetsWinsOverTheCarriersDefaults() {
    ResiliencePolicy usps = ResiliencePolicy.custom()
        .all(s -> s.rateLimit(RateLimit.perHour(60)))
        .operation(Operation.LABEL, s -> s.attemptTimeout(Duration.ofSeconds(40)))
        .build();
    ResiliencePolicy user = ResiliencePolicy.custom()
        .all(s -> s.attemptTimeout(Duration.ofSeconds(20)))
        .operation(Operation.TRACK, s -> s.rateLimit(RateLimit.perHour(600)))
        .build();

    ResiliencePolicy effective = user.overriding(usps);

    assertThat(effective.rateLimit(USPS, Operation.TRACK)).contains(RateLimit.perHour(600));
    assertThat(effective.rateLimit(USPS, Operation.QUOTE)).contains(RateLimit.perHour(60));
    assertThat(effective.resolve(USPS, Operation.LABEL).attemptTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void fromCopiesABaseWithoutChangingIt() {
    ResiliencePolicy base = ResiliencePolicy.custom().all(s -> s.maxAttempts(2)).build();

    ResiliencePolicy derived = ResiliencePolicy.from(base).all(s -> s.readTimeout(Duration.ofSeconds(3))).build();

    assertThat(derived.resolve(USPS, Operation.QUOTE).maxAttempts()).isEqualTo(2);
    assertThat(derived.resolve(USPS, Operation.QUOTE).readTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(base.resolve(USPS, Operation.QUOTE).readTimeout()).isEqualTo(ResiliencePolicy.BUILT_IN.readTimeout());
  }

  @Test
  void settersRejectBadValuesAtOnceWithNamedMessages() {
    ResiliencePolicy.Builder b = ResiliencePolicy.custom();

    assertThatIllegalArgumentException().isThrownBy(() -> b.all(s -> s.maxAttempts(0)))
        .withMessage(ResiliencePolicy.MAX_ATTEMPTS_MUST_BE_POSITIVE);
    assertThatIllegalArgumentException().isThrownBy(() -> b.all(s -> s.backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1))))
        .withMessage(ResiliencePolicy.BACKOFF_CAP_BELOW_INITIAL);
    assertThatIllegalArgumentException().isThrownBy(() -> b.all(s -> s.backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1))))
        .withMessage(ResiliencePolicy.MULTIPLIER_TOO_SMALL);
    assertThatIllegalArgumentException().isThrownBy(() -> b.all(s -> s.readTimeout(Duration.ZERO)))
        .withMessage(ResiliencePolicy.TIMEOUT_MUST_BE_POSITIVE);
    assertThatIllegalArgumentException().isThrownBy(() -> b.all(s -> s.rateLimitTimeout(Duration.ofSeconds(-1))))
        .withMessage(ResiliencePolicy.DURATION_MUST_NOT_BE_NEGATIVE);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.all(s -> s.callTimeout(Duration.ofSeconds(10)).attemptTimeout(Duration.ofSeconds(11))))
        .withMessage(ResiliencePolicy.ATTEMPT_TIMEOUT_ABOVE_CALL_TIMEOUT);
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.of(0, Duration.ofHours(1)))
        .withMessage(RateLimit.CALLS_MUST_BE_POSITIVE);
    assertThatIllegalArgumentException().isThrownBy(() -> CircuitBreakerSettings.of(0f, 10, 5, Duration.ofSeconds(1)))
        .withMessage(CircuitBreakerSettings.FAILURE_RATE_OUT_OF_RANGE);
  }

  @Test
  void perCarrierSettingsForAnOperationAreRefused() {
    ResiliencePolicy.Builder b = ResiliencePolicy.custom().operation(Operation.TRACK, s -> s.maxConcurrentCalls(3));

    assertThatIllegalArgumentException().isThrownBy(b::build)
        .withMessageStartingWith(ResiliencePolicy.PER_CARRIER_SETTING_FOR_OPERATION);
  }

  @Test
  void uspsQuotaIsOneCallAMinute() {
    // 60 calls in (1 h + the 25 ms guard): 0.42 ms a call more than exact spacing.
    assertThat(RateLimit.perHour(60).interval()).isEqualTo(Duration.ofNanos(60_000_416_667L));
    assertThat(RateLimit.perHour(60).withGuard(Duration.ZERO).interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(RateLimit.perHour(60).withGuard(Duration.ZERO).timeFor(61)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theExecutorAnswersHowManyCallsPerPeriodACarrierMayMake() {
    Carrier usps = new Carrier() {
      @Override
      public CarrierId id() {
        return USPS;
      }

      @Override
      public ResiliencePolicy defaultPolicy() {
        return ResiliencePolicy.custom().all(s -> s.rateLimit(RateLimit.perHour(60))).build();
      }
    };
    ResilientCallExecutor executor = new ResilientCallExecutor(
        ResiliencePolicy.custom().operation(Operation.ADDRESS, ResiliencePolicy.Settings::unlimited).build(),
        Map.of(USPS, usps), Clock.systemUTC(), Sleeper.system(), ResilienceListener.NONE, RateLimiterProvider.inJvm());

    assertThat(executor.rateLimit(USPS, Operation.TRACK)).contains(RateLimit.perHour(60));
    assertThat(executor.rateLimit(USPS, Operation.ADDRESS)).isEmpty();
  }

  @Test
  void eachSetterSetsItsOwnSettingAndNothingElse() {
    CircuitBreakerSettings breaker = CircuitBreakerSettings.of(40f, 12, 6, Duration.ofSeconds(9));
    ResiliencePolicy policy = ResiliencePolicy.custom().carrier(USPS, s -> s.maxAttempts(7)
        .backoff(Duration.ofMillis(101), 1.5, Duration.ofMillis(102)).maxRetryAfter(Duration.ofMillis(103))
        .rateLimit(RateLimit.perHour(104)).rateLimitTimeout(Duration.ofMillis(105)).connectTimeout(Duration.ofMillis(106))
        .readTimeout(Duration.ofMillis(107)).attemptTimeout(Duration.ofMillis(108)).callTimeout(Duration.ofMillis(109))
        .circuitBreaker(breaker).maxConcurrentCalls(11).maxWaitForConcurrency(Duration.ofMillis(110))).build();

    assertThat(policy.resolve(USPS, Operation.LABEL)).isEqualTo(new OperationPolicy(7, Duration.ofMillis(101), 1.5,
        Duration.ofMillis(102), Duration.ofMillis(103), RateLimit.perHour(104), Duration.ofMillis(105),
        Duration.ofMillis(106), Duration.ofMillis(107), Duration.ofMillis(108), Duration.ofMillis(109), breaker, 11,
        Duration.ofMillis(110)));
    assertThat(policy.resolve(CAINIAO, Operation.LABEL)).isEqualTo(ResiliencePolicy.BUILT_IN);
  }

  @Test
  void aScopeOverridesOnlyWhatItSetsAndALaterValueInOneScopeReplacesAnEarlierOne() {
    ResiliencePolicy policy = ResiliencePolicy.custom()
        .all(s -> s.maxAttempts(2).rateLimit(RateLimit.perHour(60)).readTimeout(Duration.ofSeconds(5)))
        .operation(Operation.TRACK, s -> s.unlimited().maxAttempts(4))
        .operation(Operation.TRACK, s -> s.maxAttempts(5))
        .build();

    OperationPolicy track = policy.resolve(USPS, Operation.TRACK);
    assertThat(track.maxAttempts()).isEqualTo(5);
    assertThat(track.quota()).as("unlimited() overrides the wider limit").isEmpty();
    assertThat(track.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.rateLimit(USPS, Operation.QUOTE)).contains(RateLimit.perHour(60));
    assertThat(policy.toString()).contains("rateLimit=unlimited").contains("maxAttempts=5");
  }

  @Test
  void operationsACarrierCountsTogetherShareOneLimiterWithTheNamedOperationsQuota() {
    Carrier labelsApi = new Carrier() {
      @Override
      public CarrierId id() {
        return USPS;
      }

      @Override
      public ResiliencePolicy defaultPolicy() {
        return ResiliencePolicy.custom().all(s -> s.rateLimit(RateLimit.perHour(60))).build();
      }

      @Override
      public Operation quotaOf(Operation operation) {
        return operation == Operation.CANCEL ? Operation.LABEL : operation;
      }
    };
    java.util.List<Operation> asked = new java.util.ArrayList<>();
    RateLimiterProvider counting = (carrier, operation, limit, clock) -> {
      asked.add(operation);
      return RateLimiterProvider.inJvm().limiter(carrier, operation, limit, clock);
    };
    ResilientCallExecutor executor = new ResilientCallExecutor(
        ResiliencePolicy.custom().carrier(USPS, Operation.CANCEL, s -> s.rateLimit(RateLimit.perHour(999))).build(),
        Map.of(USPS, labelsApi), Clock.systemUTC(), Sleeper.system(), ResilienceListener.NONE, counting);

    assertThat(asked).as("one limiter per quota").doesNotHaveDuplicates().contains(Operation.LABEL)
        .doesNotContain(Operation.CANCEL);
    assertThat(executor.rateLimit(USPS, Operation.CANCEL)).as("the shared quota is the label's")
        .contains(RateLimit.perHour(60));
  }
}
