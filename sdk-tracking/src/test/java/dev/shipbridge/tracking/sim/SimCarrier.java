package dev.shipbridge.tracking.sim;

import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.TrackingCapability;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process carrier answering from a {@link Population}: the extra, fast subject of the
 * simulator (the 1,000,000-parcel benchmark); the real adapters on the emulators are the others.
 * Answers only events that have happened by its clock, and "not found" for numbers it does not
 * know yet (or never).
 */
public final class SimCarrier implements Carrier, TrackingCapability {
  private final CarrierId id;
  private final Clock clock;
  private final int batch;
  private final Map<String, SimParcel> parcels = new HashMap<>();
  private final List<Instant> calls = new ArrayList<>();
  private long numbersAsked;

  public SimCarrier(CarrierId id, Clock clock, int batch, List<SimParcel> population) {
    this.id = id;
    this.clock = clock;
    this.batch = batch;
    for (SimParcel p : population) parcels.put(p.number(), p);
  }

  @Override
  public CarrierId id() {
    return id;
  }

  @Override
  public dev.shipbridge.spi.TrackingNumberMatcher trackingNumbers() {
    return parcels::containsKey;
  }

  @Override
  public int maxBatchSize() {
    return batch;
  }

  @Override
  public synchronized Tracking track(String number) {
    calls.add(clock.instant());
    numbersAsked++;
    return answer(number);
  }

  @Override
  public synchronized List<TrackResult> trackMany(List<String> numbers) {
    if (numbers.size() > batch) throw new IllegalStateException("batch of " + numbers.size() + " > " + batch);
    calls.add(clock.instant());
    numbersAsked += numbers.size();
    List<TrackResult> out = new ArrayList<>();
    for (String n : numbers) {
      try {
        out.add(TrackResult.success(n, answer(n)));
      } catch (NotFoundException e) {
        out.add(TrackResult.failure(n, id, e));
      }
    }
    return out;
  }

  private Tracking answer(String number) {
    SimParcel p = parcels.get(number);
    Instant now = clock.instant();
    List<TrackingEvent> es = new ArrayList<>();
    if (p != null) for (TrackingEvent e : p.events()) if (!e.time().toInstant().isAfter(now)) es.add(e);
    if (es.isEmpty()) {
      throw new NotFoundException(CarrierException.details(id, "Tracking number not found").httpStatus(404));
    }
    return Tracking.of(number, id, es, null, null, Map.of());
  }

  public synchronized List<Instant> calls() {
    return List.copyOf(calls);
  }

  public synchronized long numbersAsked() {
    return numbersAsked;
  }
}
