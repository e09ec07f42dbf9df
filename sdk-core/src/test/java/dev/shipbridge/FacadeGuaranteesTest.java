package dev.shipbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The facade's own guarantees: closed means closed, adapters' nulls and bugs are typed, async never throws. */
class FacadeGuaranteesTest {
  static final CarrierId ODD = CarrierId.of("odd");

  /** Returns null from track; its matcher throws for numbers starting with "BOOM". */
  static final class OddCarrier implements Carrier, TrackingCapability {
    final AtomicInteger calls = new AtomicInteger();

    public CarrierId id() {
      return ODD;
    }

    public TrackingNumberMatcher trackingNumbers() {
      return n -> {
        if (n.startsWith("BOOM")) throw new IllegalStateException("matcher bug");
        return n.startsWith("ODD");
      };
    }

    public Tracking track(String number) {
      calls.incrementAndGet();
      return null;
    }
  }

  private static Throwable failureOf(CompletableFuture<?> f) {
    try {
      f.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anAdapterReturningNullGivesATypedCarrierExceptionNamingTheCarrier() {
    try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false).carrier(new OddCarrier()).build()) {
      assertThatThrownBy(() -> sb.track("ODD123456")).isInstanceOfSatisfying(CarrierException.class,
          e -> assertThat(e.carrier()).isEqualTo(ODD));
    }
  }

  @Test
  void aThrowingMatcherIsContainedInATypedCarrierException() {
    try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false).carrier(new OddCarrier()).build()) {
      assertThatThrownBy(() -> sb.track("BOOM12345")).isInstanceOfSatisfying(CarrierException.class,
          e -> assertThat(e.carrier()).isEqualTo(ODD));
      assertThat(failureOf(sb.trackAsync("BOOM12345"))).isInstanceOf(CarrierException.class);
    }
  }

  @Test
  void afterCloseEveryCallFailsFastAndSendsNothing() {
    OddCarrier odd = new OddCarrier();
    Shipbridge sb = Shipbridge.builder().discoverCarriers(false).carrier(odd).build();
    sb.close();

    assertThatThrownBy(() -> sb.track("ODD123456")).isInstanceOf(ShipbridgeClosedException.class);
    assertThatThrownBy(() -> sb.track(ODD, "ODD123456")).isInstanceOf(ShipbridgeClosedException.class);
    assertThat(failureOf(sb.trackAsync("ODD123456"))).isInstanceOf(ShipbridgeClosedException.class);
    assertThat(failureOf(sb.trackAsync(ODD, "ODD123456"))).isInstanceOf(ShipbridgeClosedException.class);
    assertThat(failureOf(sb.cancelAsync(ODD, "ODD123456"))).isInstanceOf(ShipbridgeClosedException.class);
    assertThat(odd.calls).hasValue(0);
  }

  @Test
  void quoteAsyncReturnsAFailedFutureInsteadOfThrowing() {
    try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false).carrier(new OddCarrier()).build()) {
      var request = dev.shipbridge.model.QuoteRequest.builder().from(dev.shipbridge.model.Fixtures.us().build())
          .to(dev.shipbridge.model.Fixtures.us().build())
          .parcel(dev.shipbridge.model.Parcel.of(dev.shipbridge.model.Weight.grams(100))).build();
      CompletableFuture<QuoteResult> f = sb.quoteAsync(request); // no carrier quotes: refused, as a failed future
      assertThat(failureOf(f)).isInstanceOf(ValidationException.class);
    }
  }
}
