package dev.shipbridge.micrometer;

import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookHandler;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.micrometer.internal.CallObservations;
import dev.shipbridge.micrometer.internal.HttpObservationInterceptor;
import dev.shipbridge.micrometer.internal.MeteredTokenStore;
import dev.shipbridge.micrometer.internal.ObservedExecutorService;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.spi.TokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import okhttp3.Interceptor;

/**
 * Micrometer observations and metrics for a {@code Shipbridge}: one {@code Observation} per carrier
 * call and one per HTTP attempt (named after the OpenTelemetry HTTP client conventions), and
 * counters, timers and gauges for retries, rate-limit waits, breaker states, bulkhead refusals,
 * token refreshes and webhook pushes. Every tag has a small, fixed set of values: no tracking
 * number, address, URL path, query or credential ever becomes a tag.
 *
 * <pre>{@code
 * ShipbridgeMicrometer micrometer = ShipbridgeMicrometer.of(observationRegistry, meterRegistry);
 * OkHttpClient http = new OkHttpClient.Builder()
 *     .addInterceptor(micrometer.httpInterceptor())          // one observation per HTTP attempt
 *     .build();                                              // yours to close
 * Shipbridge shipbridge = Shipbridge.builder()
 *     .carrier(usps)
 *     .httpClient(http)
 *     .resilienceListener(micrometer.resilienceListener())  // one observation per carrier call
 *     .tokenStore(micrometer.tokenStore(TokenStore.inMemory(Clock.systemUTC())))
 *     .build();
 * PushedTracking push = micrometer.handleWebhook(shipbridge.webhooks(), request); // counted by outcome
 * }</pre>
 *
 * <p>The Spring Boot starter wires all of this when Micrometer is on the classpath.
 */
public final class ShipbridgeMicrometer {
  /** Observation (and timer) of one whole carrier call, retries and waits included. */
  public static final String CALL_OBSERVATION = "shipbridge.carrier.call";
  /** Observation (and timer) of one HTTP attempt: the OpenTelemetry HTTP client metric name. */
  public static final String HTTP_OBSERVATION = "http.client.request.duration";
  /** Counter of retries, by carrier, operation and the {@code error.type} that caused them. */
  public static final String RETRIES = "shipbridge.retries";
  /** Timer of waits for a rate-limit permit, by carrier and operation. */
  public static final String RATE_LIMITER_WAIT = "shipbridge.rate_limiter.wait";
  /** Counter of calls refused for want of a rate-limit permit. */
  public static final String RATE_LIMITER_REFUSALS = "shipbridge.rate_limiter.refusals";
  /** Gauge per carrier and breaker state: 1 for the current state, 0 for the others. */
  public static final String BREAKER_STATE = "shipbridge.circuit_breaker.state";
  /** Counter of calls refused because the carrier's bulkhead was full (saturation). */
  public static final String BULKHEAD_REFUSALS = "shipbridge.bulkhead.refusals";
  /** Counter of access-token fetches from a carrier, by outcome. */
  public static final String TOKEN_REFRESHES = "shipbridge.token.refreshes";
  /** Counter of webhook pushes, by outcome ({@code accepted}, {@code refused}) and refusal reason. */
  public static final String WEBHOOKS = "shipbridge.webhook.pushes";

  private final ObservationRegistry observations;
  private final MeterRegistry meters;
  private final CallObservations listener;

  private ShipbridgeMicrometer(ObservationRegistry observations, MeterRegistry meters) {
    this.observations = Objects.requireNonNull(observations, "observations");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.listener = new CallObservations(observations, meters);
  }

  /**
   * Observations go to {@code observations} (give it a {@code DefaultMeterObservationHandler} to
   * get their timers); counters and gauges go to {@code meters}.
   */
  public static ShipbridgeMicrometer of(ObservationRegistry observations, MeterRegistry meters) {
    return new ShipbridgeMicrometer(observations, meters);
  }

  /** Give it to {@code ShipbridgeBuilder#resilienceListener}: observes each carrier call. */
  public ResilienceListener resilienceListener() {
    return listener;
  }

  /**
   * Add it to the {@code OkHttpClient} given to {@code ShipbridgeBuilder#httpClient}, with {@code
   * addInterceptor} (not as a network interceptor): one observation per HTTP attempt, a child of
   * the carrier call's.
   */
  public Interceptor httpInterceptor() {
    return new HttpObservationInterceptor(observations);
  }

  /**
   * {@code executor}, carrying the caller's current observation (and so, with a tracing bridge, its
   * span) to the threads that run Shipbridge's async calls and parallel quotes: give the result to
   * {@code ShipbridgeBuilder#executor}, and a carrier call started from {@code trackAsync} inside
   * your span is that span's child. Shutting the result down shuts {@code executor} down.
   *
   * <pre>{@code
   * ExecutorService pool = micrometer.executor(Executors.newFixedThreadPool(8)); // yours to close
   * Shipbridge shipbridge = Shipbridge.builder().carrier(usps).executor(pool)
   *     .resilienceListener(micrometer.resilienceListener()).build();
   * }</pre>
   */
  public ExecutorService executor(ExecutorService executor) {
    return new ObservedExecutorService(executor, observations);
  }

  /** {@code store}, counting each token it fetches from a carrier in {@link #TOKEN_REFRESHES}. */
  public TokenStore tokenStore(TokenStore store) {
    return new MeteredTokenStore(store, meters);
  }

  /**
   * Hands {@code request} to {@code handler} and counts the outcome in {@link #WEBHOOKS}: {@code
   * accepted}, or {@code refused} with the {@link WebhookException.Reason}. What the handler
   * throws is rethrown.
   */
  public PushedTracking handleWebhook(WebhookHandler handler, WebhookRequest request) {
    try {
      PushedTracking push = handler.handle(request);
      webhook(push.carrier().value().toLowerCase(Locale.ROOT), "accepted", "none");
      return push;
    } catch (WebhookException e) {
      webhook("unknown", "refused", e.reason().name().toLowerCase(Locale.ROOT));
      throw e;
    }
  }

  private void webhook(String carrier, String outcome, String reason) {
    Counter.builder(WEBHOOKS).description("Webhook pushes by outcome and refusal reason")
        .tag("carrier", carrier).tag("outcome", outcome).tag("reason", reason)
        .register(meters).increment();
  }
}
