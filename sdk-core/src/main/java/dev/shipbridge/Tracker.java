package dev.shipbridge;

import static dev.shipbridge.FacadeCalls.checkedNumber;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingLeg;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.spi.TrackingCapability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracking for the facade: one number, following a hand-off into one journey, and many numbers
 * (batched per carrier, terminal ones skipped, a quota deadline checked before anything is sent).
 */
final class Tracker {
  private final FacadeCalls calls;
  private final Clock clock;
  private final Map<String, Tracking> terminal = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tracking> eldest) {
          return size() > Shipbridge.TERMINAL_CACHE_SIZE;
        }
      });

  /**
   * Hand-off legs whose carrier refused access to the parcel (a refusal naming it), by {@code
   * carrier|number}: not asked again before {@link TrackingAccessDeniedException#RECHECK_AFTER}.
   */
  private final Map<String, DeniedLeg> denied = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeniedLeg> eldest) {
          return size() > Shipbridge.TERMINAL_CACHE_SIZE;
        }
      });

  /** What a refused leg's report needs (its message, which names the request id), and when it is asked again. */
  private record DeniedLeg(String message, Instant until) {}

  /** The longest refusal message remembered (a carrier's text may be long; the report needs its start). */
  private static final int MAX_MESSAGE = 1_000;

  /** How many batches of one carrier {@link #trackMany} keeps in flight when tracking has no quota. */
  static final int BATCHES_IN_FLIGHT = 4;

  /** The most batches of one carrier {@link #trackMany} keeps in flight under a quota. */
  static final int MAX_BATCHES_IN_FLIGHT = 32;

  Tracker(FacadeCalls calls, Clock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  Tracking track(CarrierId carrier, String trackingNumber) {
    String n = checkedNumber(trackingNumber);
    calls.capability(carrier, TrackingCapability.class);
    Tracking first = calls.call(carrier, Operation.TRACK, null, TrackingCapability.class, c -> c.track(n));
    Tracking journey = followHandoff(first);
    if (journey.status().isTerminal()) terminal.put(n, journey);
    return journey;
  }

  private Tracking followHandoff(Tracking reported) {
    Tracking first = calls.registry.routeHandoff(reported);
    if (!followable(first)) return first;
    CarrierId nextCarrier = first.handoff().carrier();
    String nextNumber = first.handoff().trackingNumber();
    String known = deniedRecently(nextCarrier, nextNumber);
    if (known != null) return journey(first, null, nextNumber, known, true);
    try {
      Tracking next = calls.call(nextCarrier, Operation.TRACK, null, TrackingCapability.class, c -> c.track(nextNumber));
      denied.remove(nextCarrier + "|" + nextNumber);
      return journey(first, next, nextNumber, null, false);
    } catch (ShipbridgeException e) {
      remember(nextCarrier, nextNumber, e);
      return journey(first, null, nextNumber, e.getMessage(), e instanceof TrackingAccessDeniedException);
    }
  }

  /**
   * The message of a leg's refusal still standing (asked less than {@link
   * TrackingAccessDeniedException#RECHECK_AFTER} ago), or null; an expired one is dropped.
   */
  private String deniedRecently(CarrierId carrier, String number) {
    String key = carrier + "|" + number;
    DeniedLeg d = denied.get(key);
    if (d == null) return null;
    if (clock.instant().isBefore(d.until())) return d.message();
    denied.remove(key, d);
    return null;
  }

  /**
   * Remembers a leg's refusal for access when it names this very parcel (one about a whole request,
   * or copied from a batch's failure to its every number, may be about another one): its message
   * only, never the exception (stack trace, cause).
   */
  private void remember(CarrierId carrier, String number, ShipbridgeException failure) {
    if (failure instanceof TrackingAccessDeniedException d && d.trackingNumber().filter(number::equals).isPresent()) {
      String m = String.valueOf(d.getMessage());
      denied.put(carrier + "|" + number, new DeniedLeg(m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m,
          clock.instant().plus(TrackingAccessDeniedException.RECHECK_AFTER)));
    }
  }

  /** Whether {@code t} was handed to another configured carrier that tracks, under a known number. */
  private boolean followable(Tracking t) {
    var h = t.handoff();
    return h != null && h.carrier() != null && h.trackingNumber() != null && !h.carrier().equals(t.carrier())
        && calls.registry.find(h.carrier(), TrackingCapability.class).isPresent();
  }

  List<TrackResult> trackMany(Collection<String> trackingNumbers, TrackManyOptions options) {
    Objects.requireNonNull(trackingNumbers, "trackingNumbers");
    Objects.requireNonNull(options, "options");
    calls.ensureOpen();
    Map<String, TrackResult> results = new LinkedHashMap<>();
    Map<CarrierId, List<String>> byCarrier = new LinkedHashMap<>();
    for (String raw : trackingNumbers) {
      String n;
      try {
        n = checkedNumber(raw);
      } catch (ValidationException e) {
        results.put(String.valueOf(raw), TrackResult.failure(String.valueOf(raw), null, e));
        continue;
      }
      if (results.containsKey(n)) continue;
      results.put(n, null);
      CarrierId routed;
      try {
        routed = calls.registry.route(n);
      } catch (ValidationException e) {
        results.put(n, TrackResult.failure(n, null, e));
        continue;
      }
      if (!options.refreshTerminal()) {
        Tracking last = terminal.get(n);
        TrackingStatus known = options.knownStatuses().get(n);
        if (known == null && raw != null) known = options.knownStatuses().get(raw);
        if (known == null && last != null) known = last.status();
        if (known != null && known.isTerminal()) {
          results.put(n, TrackResult.skipped(n, routed, known, last));
          continue;
        }
      }
      byCarrier.computeIfAbsent(routed, k -> new ArrayList<>()).add(n);
    }
    if (options.deadline() != null) checkDeadline(byCarrier, options.deadline());
    for (var e : byCarrier.entrySet()) {
      CarrierId id = e.getKey();
      TrackingCapability cap;
      try {
        cap = calls.registry.require(id, TrackingCapability.class);
      } catch (ValidationException ve) {
        for (String n : e.getValue()) results.put(n, TrackResult.failure(n, id, ve));
        continue;
      }
      for (TrackResult r : trackInBatches(id, cap, e.getValue()).values()) {
        results.put(r.trackingNumber(), r);
        if (r.isSuccess() && r.tracking().status().isTerminal()) terminal.put(r.trackingNumber(), r.tracking());
      }
    }
    followHandoffs(results);
    return List.copyOf(results.values());
  }

  /** Second pass of trackMany: tracks, in batches, the next legs of parcels handed to another carrier. */
  private void followHandoffs(Map<String, TrackResult> results) {
    Map<CarrierId, Map<String, List<String>>> next = new LinkedHashMap<>(); // carrier -> next number -> first numbers
    for (var entry : results.entrySet()) {
      TrackResult r = entry.getValue();
      if (r == null || !r.isSuccess() || r.tracking().handoff() == null) continue;
      Tracking routed = calls.registry.routeHandoff(r.tracking());
      if (routed != r.tracking()) entry.setValue(r = TrackResult.success(r.trackingNumber(), routed));
      if (!followable(routed)) continue;
      var h = routed.handoff();
      next.computeIfAbsent(h.carrier(), k -> new LinkedHashMap<>())
          .computeIfAbsent(h.trackingNumber(), k -> new ArrayList<>()).add(r.trackingNumber());
    }
    for (var e : next.entrySet()) {
      CarrierId id = e.getKey();
      TrackingCapability cap = calls.registry.find(id, TrackingCapability.class).orElseThrow();
      List<String> ask = new ArrayList<>();
      Map<String, TrackResult> got = new HashMap<>();
      Map<String, String> refused = new HashMap<>(); // a standing refusal's message, no exception built
      for (String n : e.getValue().keySet()) {
        String known = deniedRecently(id, n);
        if (known != null) refused.put(n, known);
        else ask.add(n);
      }
      if (!ask.isEmpty()) {
        for (TrackResult r : trackInBatches(id, cap, ask).values()) {
          if (r.failure() != null) remember(id, r.trackingNumber(), r.failure());
          else denied.remove(id + "|" + r.trackingNumber());
          got.put(r.trackingNumber(), r);
        }
      }
      for (var leg : e.getValue().entrySet()) {
        TrackResult nr = got.get(leg.getKey());
        String refusal = refused.get(leg.getKey());
        for (String firstNumber : leg.getValue()) {
          Tracking first = results.get(firstNumber).tracking();
          Tracking merged = refusal != null ? journey(first, null, leg.getKey(), refusal, true)
              : nr.isSuccess() ? journey(first, nr.tracking(), leg.getKey(), null, false)
              : journey(first, null, leg.getKey(), nr.failure() != null ? nr.failure().getMessage()
                  : new CarrierException(CarrierException.details(id, "the carrier did not track it")).getMessage(),
                  nr.failure() instanceof TrackingAccessDeniedException);
          results.put(firstNumber, TrackResult.success(firstNumber, merged));
          if (merged.status().isTerminal()) terminal.put(firstNumber, merged);
        }
      }
    }
  }

  /**
   * How many of {@code batches} batches {@link #trackMany} keeps in flight: {@value
   * #BATCHES_IN_FLIGHT} without a quota; under one, as many as can hold a permit within the permit
   * timeout (every slot has a caller waiting), up to {@value #MAX_BATCHES_IN_FLIGHT}; never more
   * than the carrier's bulkhead admits.
   */
  static int batchesInFlight(OperationPolicy policy, int batches) {
    long n = BATCHES_IN_FLIGHT;
    RateLimit limit = policy.rateLimit();
    if (limit != null) {
      Duration wait = policy.rateLimitTimeout().compareTo(policy.callTimeout()) <= 0
          ? policy.rateLimitTimeout() : policy.callTimeout();
      n = Math.min(MAX_BATCHES_IN_FLIGHT, 1 + wait.toNanos() / Math.max(1, limit.interval().toNanos()));
    }
    return (int) Math.max(1, Math.min(n, Math.min(policy.maxConcurrentCalls(), batches)));
  }

  /**
   * Tracks {@code numbers} on one carrier in batches, {@link #batchesInFlight} at a time: one result
   * per number (a failed batch's failure on each, a number the answer left out said so).
   */
  private Map<String, TrackResult> trackInBatches(CarrierId id, TrackingCapability cap, List<String> numbers) {
    int size = Math.max(1, cap.maxBatchSize());
    List<List<String>> batches = new ArrayList<>();
    for (int from = 0; from < numbers.size(); from += size) {
      batches.add(List.copyOf(numbers.subList(from, Math.min(numbers.size(), from + size))));
    }
    @SuppressWarnings("unchecked")
    List<TrackResult>[] answers = new List[batches.size()];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(batches.size());
    Runnable worker = () -> {
      for (int i; (i = next.getAndIncrement()) < batches.size(); ) {
        try {
          answers[i] = trackBatch(id, cap, batches.get(i));
        } finally {
          done.countDown(); // whatever happened, the caller never waits for a batch forever
        }
      }
    };
    // Helpers on the executor; the caller works too, so the batches finish even if no helper ever
    // gets a thread (a user's small, busy executor), and the caller waits only for batches taken.
    int inFlight = batchesInFlight(calls.calls.policy(id, Operation.TRACK), batches.size());
    try {
      for (int h = 1; h < inFlight; h++) calls.executor.execute(worker);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // fewer helpers: the caller works through the batches itself
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShipbridgeException("interrupted while tracking", e);
    }
    Map<String, TrackResult> out = new LinkedHashMap<>();
    for (List<TrackResult> a : answers) for (TrackResult r : a) out.put(r.trackingNumber(), r);
    return out;
  }

  private List<TrackResult> trackBatch(CarrierId id, TrackingCapability cap, List<String> batch) {
    Map<String, TrackResult> out = new LinkedHashMap<>();
    try {
      List<TrackResult> answer = calls.call(id, Operation.TRACK, null, TrackingCapability.class, c -> c.trackMany(batch));
      for (TrackResult r : answer == null ? List.<TrackResult>of() : answer) {
        if (r == null || !batch.contains(r.trackingNumber())) continue; // a null element: the number is reported as not mentioned
        out.put(r.trackingNumber(),
            r.carrier() == null ? new TrackResult(r.trackingNumber(), id, r.tracking(), r.failure(), null) : r);
      }
      for (String n : batch) {
        out.computeIfAbsent(n, k -> TrackResult.failure(k, id, new CarrierException(
            CarrierException.details(id, "the carrier's answer did not mention this number"))));
      }
    } catch (ShipbridgeException ex) { // call() turns anything else an adapter throws into one
      for (String n : batch) out.put(n, TrackResult.failure(n, id, ex));
    }
    return List.copyOf(out.values());
  }

  private void checkDeadline(Map<CarrierId, List<String>> byCarrier, Instant deadline) {
    Instant now = clock.instant();
    for (var e : byCarrier.entrySet()) {
      TrackingCapability cap = calls.registry.find(e.getKey(), TrackingCapability.class).orElse(null);
      if (cap == null) continue;
      int size = Math.max(1, cap.maxBatchSize());
      int n = (e.getValue().size() + size - 1) / size;
      Instant done = now.plus(calls.calls.rateLimit(e.getKey(), Operation.TRACK)
          .map(l -> l.timeFor(n)).orElse(Duration.ZERO));
      if (done.isAfter(deadline)) throw new QuotaDeadlineException(e.getKey(), n, done, deadline);
    }
  }

  /**
   * One tracking for a parcel handed from {@code first}'s carrier to another: both legs' events,
   * duplicates removed, and the status of the latest leg with events. A next leg whose carrier
   * refused access ({@link TrackingAccessDeniedException}) is {@code ACCESS_DENIED} with the
   * reason, and the journey keeps the first carrier's events (mirrored last-mile ones included). A
   * refusal naming the parcel is remembered: the leg is reported from it, not asked again, until
   * {@link TrackingAccessDeniedException#RECHECK_AFTER} has passed.
   *
   * @param next the next leg's tracking, or null when it failed, then {@code failure} says why
   */
  private static Tracking journey(Tracking first, Tracking next, String nextNumber, String failure, boolean accessDenied) {
    List<TrackingEvent> events = new ArrayList<>(first.events());
    List<TrackingLeg> legs = new ArrayList<>();
    legs.add(TrackingLeg.spanning(first.carrier(), first.trackingNumber(), first.events()));
    Map<String, String> details = new HashMap<>(first.details());
    if (next == null) {
      legs.add(accessDenied
          ? TrackingLeg.accessDenied(first.handoff().carrier(), nextNumber, failure, first.carrier())
          : new TrackingLeg(first.handoff().carrier(), nextNumber, null, null, failure));
      return new Tracking(first.trackingNumber(), first.carrier(), first.status(), events,
          first.estimatedDelivery(), legs, first.handoff(), details);
    }
    for (TrackingEvent e : next.events()) {
      if (events.stream().noneMatch(x -> x.isSameAs(e))) events.add(e);
    }
    legs.add(TrackingLeg.spanning(next.carrier(), nextNumber, next.events()));
    next.details().forEach((k, v) -> details.putIfAbsent(next.carrier() + "." + k, v));
    return new Tracking(first.trackingNumber(), first.carrier(),
        next.events().isEmpty() ? first.status() : next.status(), events,
        next.estimatedDelivery() != null ? next.estimatedDelivery() : first.estimatedDelivery(), legs,
        first.handoff(), details);
  }
}
