package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.support.InMemoryTokenStore;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** A carrier used through {@code bind()} without the facade still keeps USPS's 35 numbers per tracking call. */
class UspsBoundCarrierBatchLimitTest extends EmulatorTestBase {
  @Test
  void aBoundCarrierRefusesMoreThan35NumbersInOneTrackingCallBeforeAnyRequest() {
    HttpTransport transport = new HttpTransport(new OkHttpClient());
    TokenStore store = new InMemoryTokenStore(clock);
    CarrierContext context = new CarrierContext() {
      @Override public HttpTransport transport() { return transport; }
      @Override public Clock clock() { return clock; }
      @Override public TokenStore tokenStore() { return store; }
    };
    TrackingCapability tracking = carrier().build().bind(context).capability(TrackingCapability.class).orElseThrow();
    List<String> numbers = IntStream.range(0, 36).mapToObj(i -> String.format("9400100000000000%06d", i)).toList();
    usps.reset();
    assertThatThrownBy(() -> tracking.trackMany(numbers)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 35");
    assertThat(usps.requestCount("*", "/")).isZero();
  }
}
