package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The opt-in stale-quote cache on USPS's quota refusals, through the facade and the real adapter. */
class UspsStaleQuoteWireTest extends EmulatorTestBase {
  private QuoteRequest request() {
    return QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(UspsQuoteTrackWireTest.BOX).build();
  }

  private Shipbridge withStaleQuotes(Duration maxAge, ResiliencePolicy policy) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier().build()).clock(clock)
        .sleeper(d -> { }).httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build())
        .staleQuotesOnQuota(maxAge);
    return policy == null ? b.build() : b.resilience(policy).build();
  }

  private static ResiliencePolicy permissive() {
    return ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(1).unlimited()).build();
  }

  @Test
  void aUsps429ServesTheLastAnswerMarkedStaleWithItsAgeAndStillReportsTheRefusal() {
    try (Shipbridge s = withStaleQuotes(Duration.ofMinutes(30), permissive())) {
      QuoteResult fresh = s.quote(request());
      assertThat(fresh.quotes()).isNotEmpty().noneMatch(Quote::isStale);
      clock.advance(Duration.ofMinutes(10));
      usps.injectFault("/shipments/v3", UspsEmulator.Fault.HTTP_429, 1);
      QuoteResult stale = s.quote(request());
      assertThat(stale.quotes()).hasSameSizeAs(fresh.quotes()).allSatisfy(q -> {
        assertThat(q.isStale()).isTrue();
        assertThat(q.staleAge()).isEqualTo(Duration.ofMinutes(10));
      });
      assertThat(stale.failures()).singleElement().satisfies(f -> assertThat(f.error()).isInstanceOf(RateLimitedException.class));
      assertThat(stale.quotes()).extracting(q -> q.total().amount())
          .containsExactlyElementsOf(fresh.quotes().stream().map(q -> q.total().amount()).toList());
    }
  }

  @Test
  void anAnswerOlderThanTheMaximumAgeOrForAnotherShapeIsNeverServed() {
    try (Shipbridge s = withStaleQuotes(Duration.ofMinutes(30), permissive())) {
      s.quote(request());
      usps.injectFault("/shipments/v3", UspsEmulator.Fault.HTTP_429, 1);
      QuoteResult other = s.quote(request().toBuilder().to(CUSTOMER.toBuilder().postalCode("10001").build()).build());
      assertThat(other.quotes()).isEmpty();
      clock.advance(Duration.ofMinutes(31));
      usps.injectFault("/shipments/v3", UspsEmulator.Fault.HTTP_429, 1);
      assertThat(s.quote(request()).quotes()).isEmpty();
    }
  }

  @Test
  void otherFailuresAreNeverAnsweredFromTheCache() {
    try (Shipbridge s = withStaleQuotes(Duration.ofMinutes(30), permissive())) {
      s.quote(request());
      usps.injectFault("/shipments/v3", UspsEmulator.Fault.HTTP_503, 1);
      QuoteResult r = s.quote(request());
      assertThat(r.quotes()).isEmpty();
      assertThat(r.failures()).hasSize(1);
    }
  }

  @Test
  void offByDefaultA429GivesNoQuotes() {
    shipbridge.quote(request());
    usps.injectFault("/shipments/v3", UspsEmulator.Fault.HTTP_429, 1);
    QuoteResult r = shipbridge.quote(request());
    assertThat(r.quotes()).isEmpty();
    assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.error()).isInstanceOf(RateLimitedException.class));
  }

  @Test
  void underTheDefaultQuotaPolicyNoPermitWithinTheTimeoutServesTheStaleAnswer() {
    try (Shipbridge s = withStaleQuotes(Duration.ofMinutes(30), null)) { // USPS's 60 an hour
      QuoteResult fresh = s.quote(request());
      assertThat(fresh.quotes()).isNotEmpty();
      int calls = usps.requestCount("POST", "/shipments/v3");
      QuoteResult refused = s.quote(request()); // the next permit is a minute away, past the quote timeout
      assertThat(usps.requestCount("POST", "/shipments/v3")).isEqualTo(calls);
      assertThat(refused.failures()).singleElement().satisfies(f -> assertThat(f.error()).isInstanceOf(RateLimitedException.class));
      assertThat(refused.quotes()).isNotEmpty().allSatisfy(q -> assertThat(q.isStale()).isTrue());
    }
  }
}
