package dev.shipbridge.hardening;

import dev.shipbridge.TrackResult;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.spi.AddressCapability;
import dev.shipbridge.spi.CancelCapability;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.ManifestCapability;
import dev.shipbridge.spi.QuoteCapability;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A carrier with every capability that counts each call reaching it, per operation. Stands for the
 * network: a call counted here is a call that would have gone to a carrier. Owns numbers starting
 * with {@code CT}.
 */
final class CountingCarrier implements Carrier, QuoteCapability, LabelCapability, CancelCapability,
    TrackingCapability, AddressCapability, ManifestCapability {
  static final CarrierId ID = CarrierId.of("counting");

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  /** Every tracking number handed to this carrier (track, trackMany, cancel), in order. */
  final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

  private void count(String operation) {
    calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Calls that reached this carrier, all operations together. */
  int total() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Calls per operation, for failure messages. */
  Map<String, Integer> byOperation() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  void reset() {
    calls.clear();
    received.clear();
  }

  @Override
  public CarrierId id() {
    return ID;
  }

  @Override
  public TrackingNumberMatcher trackingNumbers() {
    return n -> n.startsWith("CT");
  }

  @Override
  public List<Quote> quote(QuoteRequest request) {
    count("quote");
    return List.of(Quote.builder(ID, "STD", Money.of("5.00", "USD")).build());
  }

  @Override
  public Label label(LabelRequest request) {
    count("label");
    return new Label(ID, "CT0000000001", request.serviceCode(), request.format(), "%PDF-1.4".getBytes(),
        Money.of("5.00", "USD"), request.idempotencyKey(), null);
  }

  @Override
  public CancelResult cancel(String trackingNumber) {
    count("cancel");
    received.add(trackingNumber);
    return new CancelResult(ID, trackingNumber, CancelResult.Status.CANCELED, null);
  }

  @Override
  public Tracking track(String trackingNumber) {
    count("track");
    received.add(trackingNumber);
    return tracking(trackingNumber);
  }

  @Override
  public int maxBatchSize() {
    return 10;
  }

  @Override
  public List<TrackResult> trackMany(List<String> numbers) {
    count("trackMany");
    received.addAll(numbers);
    List<TrackResult> out = new ArrayList<>();
    for (String n : numbers) out.add(TrackResult.success(n, tracking(n)));
    return out;
  }

  private static Tracking tracking(String n) {
    return Tracking.of(n, ID, List.of(new TrackingEvent(OffsetDateTime.parse("2026-03-01T10:00:00Z"),
        TrackingStatus.IN_TRANSIT, "X", "moving", null, ID)), null, null, null);
  }

  @Override
  public AddressValidation validateAddress(Address address) {
    count("validateAddress");
    return new AddressValidation(address, true, "Y", List.of());
  }

  @Override
  public Manifest manifest(ManifestRequest request) {
    count("manifest");
    return new Manifest(ID, "M1", request.trackingNumbers(), "%PDF-1.4".getBytes());
  }
}
