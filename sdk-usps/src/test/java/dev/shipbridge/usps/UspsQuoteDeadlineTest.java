package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quote deadline on the real adapter: a USPS price answer held past the quote timeout is a
 * reported failure of {@code quote} and {@code quoteAsync}, never a caller held, under the default
 * policy and a permissive one. The deadline is on the JVM's clock by design (a hung carrier is cut
 * off in real time), so the timeout is long enough for a loaded machine.
 */
class UspsQuoteDeadlineTest extends EmulatorTestBase {
  private static final Duration QUOTE_TIMEOUT = Duration.ofSeconds(1);

  private Shipbridge withQuoteTimeout(boolean permissive) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier().quotaPerHour(360_000).build())
        .clock(clock).sleeper(d -> { }).quoteTimeout(QUOTE_TIMEOUT);
    if (permissive) b.resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(1).unlimited()).build());
    return b.build();
  }

  private static QuoteRequest request() {
    return QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(UspsQuoteTrackWireTest.BOX).build();
  }

  @ParameterizedTest(name = "permissive={0}")
  @ValueSource(booleans = {false, true})
  void aPriceAnswerHeldPastTheQuoteTimeoutIsAReportedFailureOfBothQuoteCalls(boolean permissive) throws Exception {
    try (Shipbridge s = withQuoteTimeout(permissive)) {
      Function<Shipbridge, QuoteResult> blocking = sb -> sb.quote(request());
      Function<Shipbridge, QuoteResult> async = sb -> sb.quoteAsync(request()).orTimeout(30, TimeUnit.SECONDS).join();
      for (Function<Shipbridge, QuoteResult> quote : java.util.List.of(blocking, async)) {
        UspsEmulator.Hold hold = usps.holdNext("/shipments/v3");
        QuoteResult late = quote.apply(s);
        hold.release();
        assertThat(late.quotes()).isEmpty();
        assertThat(late.failures()).singleElement().satisfies(f -> {
          assertThat(f.carrier()).isEqualTo(CarrierId.USPS);
          assertThat(f.error()).isInstanceOfSatisfying(dev.shipbridge.CarrierException.class,
              e -> assertThat(e.retryable()).isTrue());
        });
        assertThat(quote.apply(s).quotes()).as("the next quote, not held, is answered").isNotEmpty();
      }
    }
  }
}
