package dev.shipbridge.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.Label;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.testkit.UspsEmulator;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Observations and meters of real carrier calls (the adapters on the emulators). */
class ShipbridgeMicrometerTest {
  /** Every tag key Shipbridge may use, on observations and meters alike. */
  private static final Set<String> ALLOWED_KEYS = Set.of("carrier", "operation", "outcome", "error.type", "attempts",
      "http.request.method", "server.address", "http.response.status_code",
      "http.response.status_class", "state", "reason");
  /** Tags Micrometer itself adds to an observation's timers. */
  private static final Set<String> MICROMETER_KEYS = Set.of("error", "exception");

  private EmulatedCarriers carriers;
  private TestObservationRegistry observations;
  private SimpleMeterRegistry meters;
  private ShipbridgeMicrometer micrometer;
  private OkHttpClient http;
  private final List<Observation.Context> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    carriers = new EmulatedCarriers();
    observations = TestObservationRegistry.create();
    meters = new SimpleMeterRegistry();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters))
        .observationHandler(new ObservationHandler<Observation.Context>() {
          @Override
          public boolean supportsContext(Observation.Context context) {
            return true;
          }

          @Override
          public void onStop(Observation.Context context) {
            stopped.add(context);
          }
        });
    micrometer = ShipbridgeMicrometer.of(observations, meters);
    http = new OkHttpClient.Builder().addInterceptor(micrometer.httpInterceptor()).build();
  }

  @AfterEach
  void stop() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    carriers.close();
  }

  static Stream<Arguments> policies() {
    return Stream.of(Arguments.of("default", ResiliencePolicy.ofDefaults()),
        Arguments.of("permissive", ResiliencePolicy.custom()
            .all(s -> s.maxAttempts(6).rateLimitTimeout(Duration.ofMinutes(10))).build()));
  }

  private Shipbridge shipbridge(ResiliencePolicy policy) {
    return carriers.shipbridge().httpClient(http).resilience(policy)
        .resilienceListener(micrometer.resilienceListener())
        .tokenStore(micrometer.tokenStore(TokenStore.inMemory(carriers.clock))).build();
  }

  @ParameterizedTest(name = "{0} policy")
  @MethodSource("policies")
  void aQuoteLabelAndTrackEachBecomeAnObservedCarrierCallWithObservedHttpAttempts(String name, ResiliencePolicy policy) {
    List<String> personal = new ArrayList<>();
    try (Shipbridge shipbridge = shipbridge(policy)) {
      QuoteResult quotes = shipbridge.quote(EmulatedCarriers.crossBorderQuote());
      assertThat(quotes.failures()).isEmpty();
      Label usps = shipbridge.label(EmulatedCarriers.uspsLabel("order-" + name));
      Label cainiao = shipbridge.label(EmulatedCarriers.cainiaoLabel("800123456789" + name.length()));
      shipbridge.track(usps.trackingNumber());
      shipbridge.track(cainiao.trackingNumber());
      personal.add(usps.trackingNumber());
      personal.add(cainiao.trackingNumber());
    }

    Map<String, Set<String>> calls = new HashMap<>();
    for (Observation.Context c : contexts(ShipbridgeMicrometer.CALL_OBSERVATION)) {
      calls.computeIfAbsent(c.getLowCardinalityKeyValue("carrier").getValue(), k -> new HashSet<>())
          .add(c.getLowCardinalityKeyValue("operation").getValue());
      assertThat(c.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
    }
    assertThat(calls.get("usps")).contains("quote", "label", "track");
    assertThat(calls.get("cainiao")).contains("quote", "label", "track");

    List<Observation.Context> attempts = contexts(ShipbridgeMicrometer.HTTP_OBSERVATION);
    assertThat(attempts).isNotEmpty().allSatisfy(c -> {
      assertThat(c.getLowCardinalityKeyValue("http.request.method").getValue()).isIn("GET", "POST");
      assertThat(c.getLowCardinalityKeyValue("server.address").getValue()).isIn("127.0.0.1", "localhost");
      assertThat(c.getLowCardinalityKeyValue("http.response.status_code").getValue()).matches("[1-5]\\d\\d");
      assertThat(c.getLowCardinalityKeyValue("carrier").getValue()).isIn("usps", "cainiao");
      assertThat(c.getParentObservation()).as("an attempt is a child of its carrier call").isNotNull();
    });
    assertThat(meters.find(ShipbridgeMicrometer.HTTP_OBSERVATION).timers()).isNotEmpty();
    assertThat(meters.find(ShipbridgeMicrometer.CALL_OBSERVATION).tag("carrier", "usps").tag("operation", "label")
        .timer().count()).isEqualTo(1);
    assertThat(meters.find(ShipbridgeMicrometer.TOKEN_REFRESHES).tag("outcome", "success").counter().count())
        .as("USPS fetched its OAuth token and, for the label, a payment authorization token").isEqualTo(2);
    assertThat(meters.find(ShipbridgeMicrometer.BREAKER_STATE).tag("carrier", "usps").tag("state", "closed")
        .gauge().value()).isEqualTo(1);

    assertNoSecretOrHighCardinalityTag(personal);
  }

  @Test
  void aRetriedAttemptIsCountedWithItsErrorTypeAndTheFailedAttemptCarriesTheStatus() {
    carriers.usps.injectFault("/shipments/v3", UspsEmulator.Fault.HTTP_503, 1);   // quotes ask Shipping Options first
    // USPS spaces calls a minute apart (60 an hour): the retry queues for its permit, in virtual time,
    // within a quote timeout long enough for it (the quote's deadline bounds permit waits too).
    try (Shipbridge shipbridge = carriers.shipbridge().httpClient(http)
        .resilience(ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(Duration.ofMinutes(2))).build())
        .resilienceListener(micrometer.resilienceListener()).quoteTimeout(Duration.ofMinutes(3))
        .tokenStore(micrometer.tokenStore(TokenStore.inMemory(carriers.clock))).build()) {
      assertThat(shipbridge.quote(EmulatedCarriers.crossBorderQuote()).failures()).isEmpty();
    }
    assertThat(meters.find(ShipbridgeMicrometer.RETRIES).tag("carrier", "usps").tag("operation", "quote").counter().count())
        .isEqualTo(1);
    assertThat(contexts(ShipbridgeMicrometer.HTTP_OBSERVATION))
        .anySatisfy(c -> {
          assertThat(c.getLowCardinalityKeyValue("http.response.status_code").getValue()).isEqualTo("503");
          assertThat(c.getLowCardinalityKeyValue("error.type").getValue()).isEqualTo("503");
          assertThat(c.getLowCardinalityKeyValue("http.response.status_class").getValue()).isEqualTo("5xx");
        });
    assertNoSecretOrHighCardinalityTag(List.of());
  }

  @Test
  void aCallThatFailsIsObservedAsAFailureWithTheExceptionTypeOnly() {
    carriers.usps.injectFault("/labels/v3", UspsEmulator.Fault.HTTP_500, 10);
    try (Shipbridge shipbridge = shipbridge(ResiliencePolicy.ofDefaults())) {
      assertThatThrownBy(() -> shipbridge.label(EmulatedCarriers.uspsLabel("order-fails")))
          .isInstanceOf(dev.shipbridge.CarrierException.class);
    }
    Observation.Context label = contexts(ShipbridgeMicrometer.CALL_OBSERVATION).stream()
        .filter(c -> c.getLowCardinalityKeyValue("operation").getValue().equals("label")).findFirst().orElseThrow();
    assertThat(label.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failure");
    assertThat(label.getLowCardinalityKeyValue("error.type").getValue()).startsWith("dev.shipbridge.");
    assertThat(label.getError()).isNotNull();
    assertNoSecretOrHighCardinalityTag(List.of());
  }

  @Test
  void aRefusedWebhookIsCountedByReasonWithoutItsBody() {
    try (Shipbridge shipbridge = shipbridge(ResiliencePolicy.ofDefaults())) {
      WebhookRequest junk = WebhookRequest.of("{\"trackingNumber\":\"9400100000000000000000\"}"
          .getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", List.of("application/json")));
      assertThatThrownBy(() -> micrometer.handleWebhook(shipbridge.webhooks(), junk))
          .isInstanceOf(WebhookException.class);
    }
    assertThat(meters.find(ShipbridgeMicrometer.WEBHOOKS).tag("outcome", "refused").tag("reason", "unrecognised")
        .counter().count()).isEqualTo(1);
    assertNoSecretOrHighCardinalityTag(List.of("9400100000000000000000"));
  }

  private List<Observation.Context> contexts(String name) {
    return stopped.stream().filter(c -> name.equals(c.getName())).toList();
  }

  /** Fails on a tag key outside the known set, or a value holding personal data or a credential. */
  private void assertNoSecretOrHighCardinalityTag(List<String> personal) {
    List<String> forbidden = new ArrayList<>(personal);
    forbidden.addAll(carriers.secrets());
    for (Address a : List.of(EmulatedCarriers.seller(), EmulatedCarriers.consumer(), EmulatedCarriers.warehouse())) {
      forbidden.addAll(List.of(a.name(), a.lines().get(0), a.city(), a.postalCode()));
    }
    Map<String, String> tags = new HashMap<>();
    for (Meter m : meters.getMeters()) {
      for (Tag t : m.getId().getTags()) {
        if (!MICROMETER_KEYS.contains(t.getKey())) tags.put(m.getId().getName() + " " + t.getKey() + "=" + t.getValue(), t.getKey());
      }
    }
    stopped.forEach(c -> {
      for (KeyValue kv : c.getAllKeyValues()) tags.put(c.getName() + " " + kv.getKey() + "=" + kv.getValue(), kv.getKey());
      assertThat(c.getHighCardinalityKeyValues()).as("no high-cardinality key on %s", c.getName()).isEmpty();
    });
    assertThat(tags).isNotEmpty();
    assertThat(observations).doesNotHaveAnyRemainingCurrentObservation();
    tags.forEach((tag, key) -> {
      assertThat(key).as(tag).isIn(ALLOWED_KEYS);
      for (String f : forbidden) assertThat(tag).as("tag %s holds %s", tag, f).doesNotContain(f);
      assertThat(tag).as(tag).doesNotContain("/").doesNotMatch(".*\\d{10,}.*");
    });
  }
}
