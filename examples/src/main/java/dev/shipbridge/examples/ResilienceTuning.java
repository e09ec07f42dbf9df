package dev.shipbridge.examples;

import dev.shipbridge.sandbox.ShipbridgeSandbox;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.UspsEmulator;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A custom {@link ResiliencePolicy}, a {@link ResilienceListener} that prints what the resilience
 * layer does, and faults injected into the USPS emulator: two 503s on a quote are retried with
 * backoff, each retry waiting for a permit of USPS's quota of 60 calls an hour; a connection reset
 * after a label was bought is retried with the same idempotency key, so USPS returns the same label
 * and nothing is bought twice; and a raised tracking quota spaces calls six seconds apart. All
 * waits pass in the sandbox's virtual time.
 *
 * <pre>java -cp examples/target/shipbridge-examples.jar dev.shipbridge.examples.ResilienceTuning</pre>
 */
public final class ResilienceTuning {
  private ResilienceTuning() {}

  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    out.println("Mode: embedded sandbox (USPS emulator on 127.0.0.1, virtual time)");
    // USPS allows 60 calls an hour per API and every attempt takes a permit, so a retry queues up
    // to a minute for one: give callers (and the whole call) room to wait for it.
    ResiliencePolicy policy = ResiliencePolicy.custom()
        .all(s -> s.maxAttempts(4).backoff(Duration.ofMillis(250), 2.0, Duration.ofSeconds(4)))
        .carrier(CarrierId.USPS, s -> s.rateLimitTimeout(Duration.ofMinutes(2)).callTimeout(Duration.ofMinutes(5)))
        .carrier(CarrierId.USPS, Operation.TRACK, s -> s.rateLimit(RateLimit.perHour(600))) // a raised quota
        .build();
    ResilienceListener listener = new ResilienceListener() {
      @Override
      public void onRetry(CarrierId c, Operation op, int attempt, Duration delay, Throwable reason) {
        out.printf("  retry: %s %s attempt %d failed (%s); next in %d ms%n", c, op, attempt, reason.getMessage(), delay.toMillis());
      }

      @Override
      public void onRateLimiterWait(CarrierId c, Operation op, Duration waited) {
        if (!waited.isZero()) out.printf("  rate limit: %s %s waited %d s for a permit%n", c, op, waited.toSeconds());
      }

      @Override
      public void onCallFinished(CarrierId c, Operation op, int attempts, Duration latency, Throwable failure) {
        out.printf("  done: %s %s after %d attempt(s)%s%n", c, op, attempts, failure == null ? "" : ", failed: " + failure);
      }
    };
    try (ShipbridgeSandbox sandbox = Sandbox.start();
        // ... and the quote too: a quote waits at most quoteTimeout (30 s by default) for its carriers
        Shipbridge shipbridge = sandbox.resilienceListener(listener).builder().resilience(policy)
            .quoteTimeout(Duration.ofMinutes(5)).build()) {
      UspsEmulator usps = sandbox.usps();
      Parcel parcel = Parcel.of(Weight.pounds("2"), Sandbox.teaParcel().dimensions());

      out.println("1. A quote while USPS answers 503 twice:");
      usps.injectFault("/shipments/v3", UspsEmulator.Fault.HTTP_503, 2); // Shipping Options: every class in one call
      int quotes = shipbridge.quote(QuoteRequest.builder().carriers(CarrierId.USPS).from(Sandbox.stLouisWarehouse())
          .to(Sandbox.brooklynConsumer()).parcel(parcel).build()).quotes().size();
      out.println("  -> " + quotes + " quotes; USPS saw " + usps.requestCount("POST", "/shipments/v3") + " price requests");

      out.println("2. A label whose answer is lost (connection reset after USPS bought it):");
      usps.injectFault("/labels/v3", UspsEmulator.Fault.CONNECTION_RESET, 1);
      Label label = shipbridge.label(LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE")
          .from(Sandbox.stLouisWarehouse()).to(Sandbox.brooklynConsumer()).parcel(parcel)
          .idempotencyKey(IdempotencyKey.of("order-5150")).build());
      out.println("  -> label " + label.trackingNumber() + "; label requests " + usps.requestCount("POST", "/labels/v3")
          + ", labels bought " + usps.labelsPurchased() + " (the retry carried the same X-Idempotency-Key)");

      out.println("3. Two tracking calls under a quota of 600 an hour:");
      shipbridge.track(label.trackingNumber());
      shipbridge.track(label.trackingNumber());
    }
  }
}
