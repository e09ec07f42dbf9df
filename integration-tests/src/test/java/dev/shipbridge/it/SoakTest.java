package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.TrackResult;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Both carriers in one {@code Shipbridge}, both emulators, 64 threads of mixed operations (quote,
 * label, track, trackMany, and trackMany of parcels known to be delivered, which never reaches a
 * carrier) with about 5 % of operations preceded by an injected fault (resets, 503s, truncated
 * bodies, short delays). Checks: no deadlock (a generous preemptive timeout), every call returns
 * or throws a {@link ShipbridgeException}, no label bought twice, one USPS token fetch.
 *
 * <p>Size: {@code -Dshipbridge.soak.opsPerThread=N} (see README, "Hardening"); the clock
 * never moves and the sleeper never sleeps, so nothing here depends on timing.
 */
class SoakTest {
  static final int THREADS = Integer.getInteger("shipbridge.soak.threads", 64);
  static final int OPS_PER_THREAD = Integer.getInteger("shipbridge.soak.opsPerThread", 500);
  static final double FAULT_RATE = 0.05;

  private static final UspsEmulator.Fault[] USPS_FAULTS = {UspsEmulator.Fault.CONNECTION_RESET,
      UspsEmulator.Fault.EMPTY_RESPONSE, UspsEmulator.Fault.HTTP_503, UspsEmulator.Fault.HTTP_502_HTML,
      UspsEmulator.Fault.TRUNCATED_JSON, UspsEmulator.Fault.MALFORMED_CHUNK, UspsEmulator.Fault.DELAY};
  private static final CainiaoEmulator.Fault[] CAINIAO_FAULTS = {CainiaoEmulator.Fault.CONNECTION_RESET,
      CainiaoEmulator.Fault.EMPTY_RESPONSE, CainiaoEmulator.Fault.HTTP_503, CainiaoEmulator.Fault.HTTP_502_HTML,
      CainiaoEmulator.Fault.TRUNCATED_JSON, CainiaoEmulator.Fault.MALFORMED_CHUNK, CainiaoEmulator.Fault.DELAY};
  private static final String[] USPS_PATHS = {"/shipments/v3", "/labels/v3", "/tracking/v3r2"};
  private static final String[] CAINIAO_APIS = {"cainiao.global.solution.inquiry", "cainiao.global.logistic.order.create",
      "aliexpress.logistics.redefining.getonlinelogisticsinfo", "aliexpress.logistics.redefining.getprintinfo",
      "aliexpress.logistics.redefining.querytrackingresult"};

  /** The operations of the mix, with their share. */
  enum Op {
    QUOTE(20), USPS_LABEL(10), CAINIAO_LABEL(5), TRACK(20), TRACK_MANY(25), TRACK_MANY_DELIVERED(20);

    final int weight;

    Op(int weight) {
      this.weight = weight;
    }

    static Op pick(Random r) {
      int n = r.nextInt(100);
      for (Op op : values()) {
        if (n < op.weight) return op;
        n -= op.weight;
      }
      return TRACK;
    }
  }

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));
  private final List<String> uspsNumbers = new CopyOnWriteArrayList<>();
  private final List<String> cainiaoNumbers = new CopyOnWriteArrayList<>();
  private final Map<String, LabelRequest> uspsKeys = new ConcurrentHashMap<>();
  private final Set<String> cainiaoKeys = ConcurrentHashMap.newKeySet();
  private final Set<String> uspsFailedKeys = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Throwable> untyped = new ConcurrentLinkedQueue<>();
  private final Map<Op, AtomicLong> done = new ConcurrentHashMap<>();
  private final Map<Op, AtomicLong> failed = new ConcurrentHashMap<>();
  private final AtomicLong faults = new AtomicLong();
  private final AtomicLong outcomeUnknown = new AtomicLong();

  @Test
  void mixedOperationsUnderFaultsNeverDeadlockNeverEscapeUntypedAndNeverBuyTwice() throws Exception {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock).faultDelay(Duration.ofMillis(5));
        Shipbridge shipbridge = shipbridge(usps, cainiao)) {
      seed(shipbridge);
      long start = System.nanoTime();
      assertTimeoutPreemptively(Duration.ofMinutes(20), () -> runThreads(shipbridge, usps, cainiao),
          "the soak did not finish: a deadlock or a hang");
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("soak: %d threads x %d ops in %d ms (%.0f ops/s); injected faults %d; outcome-unknown %d;"
              + " done %s; failed %s%n", THREADS, OPS_PER_THREAD, ms, THREADS * (double) OPS_PER_THREAD * 1000 / Math.max(1, ms),
          faults.get(), outcomeUnknown.get(), done, failed);

      assertThat(untyped).as("every failure is a ShipbridgeException").isEmpty();

      // Reconcile every USPS purchase that did not come back, with its own key: USPS returns the
      // label it already sold for that key, or sells it now if the request never got through.
      for (String key : uspsFailedKeys) reconcile(shipbridge, uspsKeys.get(key));
      assertThat(usps.labelsPurchased()).as("one USPS label per idempotency key, never two")
          .isEqualTo(uspsKeys.size());
      assertThat(usps.requestCount("POST", "/oauth2/v3/token")).as("one token fetch: the clock never passes expiry")
          .isEqualTo(1);
      assertThat(usps.requestCount("POST", "/payments/v3/payment-authorization")).isEqualTo(1);

      assertThat(cainiao.ordersCreated()).as("Cainiao orders never exceed the keys that asked for one")
          .isLessThanOrEqualTo(cainiaoKeys.size());
      Map<String, Integer> createsPerKey = new HashMap<>();
      for (CainiaoEmulator.RecordedCall c : cainiao.requests()) {
        if (!"cainiao.global.logistic.order.create".equals(c.api())) continue;
        JsonNode order = JsonCodec.standard().mapper().readTree(c.params().get("order_param"));
        createsPerKey.merge(order.path("out_order_id").asText(), 1, Integer::sum);
      }
      assertThat(createsPerKey.values()).as("a Cainiao create (no idempotency key) is never sent twice for one label")
          .allSatisfy(n -> assertThat(n).isEqualTo(1));
    }
  }

  private Shipbridge shipbridge(UspsEmulator usps, CainiaoEmulator cainiao) {
    ResiliencePolicy policy = ResiliencePolicy.custom()
        .all(s -> s.unlimited().maxAttempts(3).maxConcurrentCalls(1024)
            .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED))
        .build();
    return Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> { }).resilience(policy)
        .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
            .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
            .inductionZip("11430").build())
        .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
            .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).build())
        .build();
  }

  /** A few labels before the threads start, so tracking has numbers from the first operation. */
  private void seed(Shipbridge shipbridge) {
    for (int i = 0; i < 4; i++) {
      LabelRequest u = Requests.uspsLabel("seed-usps-" + i, Requests.BROOKLYN);
      uspsKeys.put(u.idempotencyKey().value(), u);
      uspsNumbers.add(shipbridge.label(u).trackingNumber());
      LabelRequest c = Requests.cainiaoLabel("seed-cainiao-" + i, "90000000000" + i, Requests.BROOKLYN);
      cainiaoKeys.add(c.idempotencyKey().value());
      cainiaoNumbers.add(shipbridge.label(c).trackingNumber());
    }
  }

  private void runThreads(Shipbridge shipbridge, UspsEmulator usps, CainiaoEmulator cainiao) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        Random r = new Random(7919L * (thread + 1));
        go.await();
        for (int i = 0; i < OPS_PER_THREAD; i++) {
          Op op = Op.pick(r);
          if (r.nextDouble() < FAULT_RATE) inject(r, op, usps, cainiao);
          try {
            run(shipbridge, op, r, thread, i);
          } catch (ShipbridgeException e) {
            failed.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
            if (e instanceof CarrierException ce && ce.outcomeUnknown()) outcomeUnknown.incrementAndGet();
          } catch (Throwable e) {
            untyped.add(e);
          }
          done.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
        }
        return null;
      }));
    }
    go.countDown();
    try {
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdownNow();
    }
  }

  private void inject(Random r, Op op, UspsEmulator usps, CainiaoEmulator cainiao) {
    faults.incrementAndGet();
    boolean toUsps = switch (op) {
      case USPS_LABEL -> true;
      case CAINIAO_LABEL -> false;
      default -> r.nextBoolean();
    };
    if (toUsps) {
      String path = op == Op.USPS_LABEL ? "/labels/v3" : USPS_PATHS[r.nextInt(USPS_PATHS.length)];
      UspsEmulator.Fault f = USPS_FAULTS[r.nextInt(USPS_FAULTS.length)];
      if (f == UspsEmulator.Fault.DELAY) usps.injectDelay(path, Duration.ofMillis(5), 1);
      else usps.injectFault(path, f, 1);
    } else {
      String api = op == Op.CAINIAO_LABEL ? CAINIAO_APIS[1 + r.nextInt(3)] : CAINIAO_APIS[r.nextInt(CAINIAO_APIS.length)];
      cainiao.injectFault(api, CAINIAO_FAULTS[r.nextInt(CAINIAO_FAULTS.length)], 1);
    }
  }

  private void run(Shipbridge shipbridge, Op op, Random r, int thread, int i) {
    switch (op) {
      case QUOTE -> {
        QuoteResult q = shipbridge.quote(Requests.crossBorderQuote());
        q.failures().forEach(f -> {
          if (!(f.error() instanceof CarrierException)) untyped.add(f.error());
        });
      }
      case USPS_LABEL -> {
        String key = "usps-" + thread + "-" + i;
        LabelRequest request = Requests.uspsLabel(key, Requests.BROOKLYN);
        uspsKeys.put(key, request);
        try {
          uspsNumbers.add(shipbridge.label(request).trackingNumber());
        } catch (ShipbridgeException e) {
          uspsFailedKeys.add(key);
          throw e;
        }
      }
      case CAINIAO_LABEL -> {
        String key = "cainiao-" + thread + "-" + i;
        cainiaoKeys.add(key);
        Label l = shipbridge.label(Requests.cainiaoLabel(key, Long.toString(800_000_000_000L + thread * 100_000L + i),
            Requests.BROOKLYN));
        cainiaoNumbers.add(l.trackingNumber());
      }
      case TRACK -> shipbridge.track(anyNumber(r));
      case TRACK_MANY -> {
        List<String> numbers = new ArrayList<>();
        for (int n = 1 + r.nextInt(8); n > 0; n--) numbers.add(anyNumber(r));
        for (TrackResult t : shipbridge.trackMany(numbers)) {
          if (t.failure() != null && !(t.failure() instanceof CarrierException)) untyped.add(t.failure());
        }
      }
      case TRACK_MANY_DELIVERED -> {
        String n = anyNumber(r);
        List<TrackResult> got = shipbridge.trackMany(List.of(n),
            TrackManyOptions.builder().knownStatus(n, TrackingStatus.DELIVERED).build());
        if (got.size() != 1 || got.get(0).skippedStatus() != TrackingStatus.DELIVERED) {
          untyped.add(new AssertionError("a parcel known to be delivered was tracked again: " + got));
        }
      }
    }
  }

  private String anyNumber(Random r) {
    List<String> from = r.nextBoolean() ? uspsNumbers : cainiaoNumbers;
    return from.get(r.nextInt(from.size()));
  }

  private static void reconcile(Shipbridge shipbridge, LabelRequest request) {
    ShipbridgeException last = null;
    for (int attempt = 0; attempt < 50; attempt++) { // leftover injected faults are finite
      try {
        shipbridge.label(request);
        return;
      } catch (ShipbridgeException e) {
        last = e;
      }
    }
    throw new AssertionError("could not reconcile " + request.idempotencyKey(), last);
  }
}
