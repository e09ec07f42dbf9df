package dev.shipbridge;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.spi.AddressCapability;
import dev.shipbridge.spi.CancelCapability;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.QuoteCapability;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A carrier written for the facade's tests: every capability, behaviour set per test. */
class FakeCarrier implements Carrier, QuoteCapability, LabelCapability, CancelCapability,
    TrackingCapability, AddressCapability {
  final CarrierId id;
  final String prefix;
  final AtomicInteger quoteCalls = new AtomicInteger();
  final AtomicInteger labelCalls = new AtomicInteger();
  final List<List<String>> batches = new CopyOnWriteArrayList<>();
  volatile Function<QuoteRequest, List<Quote>> quotes;
  volatile CountDownLatch quoteGate;
  volatile RuntimeException failure;
  volatile int batchSize = 1;
  volatile CarrierContext boundTo;
  /** The limits of every attempt the facade made, in order. */
  final List<dev.shipbridge.http.AttemptLimits> attempts = new CopyOnWriteArrayList<>();

  FakeCarrier(String id, String prefix, String price) {
    this.id = CarrierId.of(id);
    this.prefix = prefix;
    this.quotes = r -> List.of(Quote.builder(this.id, "STD", Money.of(price, "USD")).transitDays(2, 4).build());
  }

  @Override
  public CarrierId id() {
    return id;
  }

  @Override
  public TrackingNumberMatcher trackingNumbers() {
    return n -> n.startsWith(prefix);
  }

  @Override
  public Carrier bind(CarrierContext context) {
    this.boundTo = context;
    return this;
  }

  @Override
  public Carrier forAttempt(dev.shipbridge.http.AttemptLimits limits) {
    attempts.add(limits);
    return this;
  }

  @Override
  public List<Quote> quote(QuoteRequest request) {
    quoteCalls.incrementAndGet();
    if (failure != null) throw failure;
    if (quoteGate != null) {
      try {
        quoteGate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return quotes.apply(request);
  }

  @Override
  public Label label(LabelRequest request) {
    labelCalls.incrementAndGet();
    if (failure != null) throw failure;
    return new Label(id, prefix + "000001", request.serviceCode(), request.format(), "%PDF-1.4".getBytes(),
        Money.of("5", "USD"), request.idempotencyKey(), null);
  }

  @Override
  public CancelResult cancel(String trackingNumber) {
    return new CancelResult(id, trackingNumber, CancelResult.Status.CANCELED, null);
  }

  @Override
  public Tracking track(String n) {
    if (failure != null) throw failure;
    return Tracking.of(n, id, List.of(new TrackingEvent(OffsetDateTime.parse("2026-03-01T10:00:00Z"),
        TrackingStatus.IN_TRANSIT, "X", "moving", null, id)), null, null, null);
  }

  @Override
  public int maxBatchSize() {
    return batchSize;
  }

  @Override
  public List<TrackResult> trackMany(List<String> numbers) {
    batches.add(numbers);
    List<TrackResult> out = new ArrayList<>();
    for (String n : numbers) out.add(TrackResult.success(n, track(n)));
    return out;
  }

  @Override
  public AddressValidation validateAddress(Address address) {
    return new AddressValidation(address, true, "Y", List.of());
  }
}
