package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.QuotaWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * USPS counts its quota per API, and label and cancel are both the Labels API: they share one
 * limiter, so under a 60-an-hour Labels quota label and cancel together get 60 calls an hour, not
 * 120. On the real {@link UspsCarrier} through the facade, against an emulator that enforces the
 * quota per API.
 */
class UspsLabelsQuotaTest extends EmulatorTestBase {
  private final List<Instant> labelsApiCalls = Collections.synchronizedList(new ArrayList<>());

  /** USPS's default quota (60 an hour per API), callers waiting up to two minutes for a permit, the clock advanced by every wait. */
  private Shipbridge underDefaults() {
    shipbridge.close();
    shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier().shippingOptions(false).build())
        .clock(clock).sleeper(d -> clock.advance(d))
        .httpClient(new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
          if (chain.request().url().encodedPath().startsWith("/labels/")) labelsApiCalls.add(clock.instant());
          return chain.proceed(chain.request());
        }).build())
        .resilience(ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(Duration.ofMinutes(2))).build())
        .build();
    return shipbridge;
  }

  @Test
  void labelAndCancelTogetherGetSixtyCallsAnHourUnderTheLabelsQuota() {
    usps.rateLimit(60, Duration.ofHours(1)); // the emulator answers 429 past 60 calls an hour to /labels/v3
    Shipbridge sb = underDefaults();
    Instant start = clock.instant();

    for (int i = 0; i < 45; i++) {
      Label label = UspsLabelWireTest.buy(sb, "quota-" + i);
      assertThat(sb.cancel(CarrierId.USPS, label.trackingNumber())).isNotNull();
    }

    assertThat(labelsApiCalls).hasSize(90);
    assertThat(QuotaWindows.maxInAnyWindow(labelsApiCalls, Duration.ofHours(1)))
        .as("label and cancel calls in any hour").isLessThanOrEqualTo(60);
    assertThat(Duration.between(start, clock.instant())).as("90 calls at 60 an hour")
        .isGreaterThanOrEqualTo(Duration.ofMinutes(89));
  }

  @Test
  void aCancelWaitsForThePermitTheLabelJustSpent() {
    shipbridge.close();
    shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier().shippingOptions(false).build())
        .clock(clock).sleeper(d -> clock.advance(d))
        .resilience(ResiliencePolicy.custom().operation(Operation.CANCEL, s -> s.rateLimitTimeout(Duration.ZERO)).build())
        .build();
    Label label = UspsLabelWireTest.buy(shipbridge, "quota-now");

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
        () -> shipbridge.cancel(CarrierId.USPS, label.trackingNumber()));

    assertThat(e).as("the Labels API's one permit this minute went to the label").isNotNull();
    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2)));
    assertThat(usps.requestCount("DELETE", "/labels")).isZero();
  }

  @Test
  void uspsDeclaresCancelAsCountedAgainstTheLabelsQuota() {
    UspsCarrier usps = carrier().build();
    assertThat(usps.quotaOf(Operation.CANCEL)).isEqualTo(Operation.LABEL);
    assertThat(usps.quotaOf(Operation.LABEL)).isEqualTo(Operation.LABEL);
    assertThat(usps.quotaOf(Operation.TRACK)).isEqualTo(Operation.TRACK);
    assertThat(RateLimit.perHour(usps.quotaPerHour()).calls()).isEqualTo(60);
  }
}
