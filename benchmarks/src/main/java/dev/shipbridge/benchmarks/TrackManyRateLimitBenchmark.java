package dev.shipbridge.benchmarks;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.usps.TrackingNumbers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (c) {@code trackMany} of 10,000 USPS numbers (286 calls) with Shipbridge's TRACK limit set to the
 * carrier's quota, {@code RateLimit.perSecond(L)}, against {@link RateLimitedTrackingServer} (strict
 * sliding 1-second window of L, 429 beyond it, 20 ms service latency). Single shot: one run of the
 * whole batch. The score is the wall time; the server-side figures are printed as {@code
 * [trackMany] ...} lines and are what to read. Targets: throughput (calls over wall time) at least
 * 0.95 L, at most 0.1 % 429s, never more than L arrivals in any 1-second window.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true"})
public class TrackManyRateLimitBenchmark {
  static final int PARCELS = 10_000;
  static final long SERVICE_LATENCY_MS = 20;
  /** More than the batches trackMany keeps in flight (32 at most). */
  static final int WARM_UP_BATCHES = 40;

  @Param({"20", "100"})
  public int limit;

  /**
   * The limit's guard ({@link RateLimit#guard()}): {@code default} is {@code RateLimit.perSecond(L)}
   * as documented (25 ms); a number is milliseconds ({@code 0}: exact spacing, one permit every 1 s
   * / L, which the jitter between a permit and the request's arrival turns into 429s).
   */
  @Param({"default", "0"})
  public String guard;

  private RateLimit rateLimit;

  private RateLimitedTrackingServer server;
  private Shipbridge shipbridge;
  private List<String> numbers;
  private long startNanos;
  private long endNanos;
  private List<TrackResult> results;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Fixtures.Recording recording = Fixtures.record();
    server = new RateLimitedTrackingServer(recording, limit, SERVICE_LATENCY_MS);
    rateLimit = "default".equals(guard) ? RateLimit.perSecond(limit)
        : RateLimit.perSecond(limit).withGuard(Duration.ofMillis(Long.parseLong(guard)));
    ResiliencePolicy policy = ResiliencePolicy.custom()
        .carrier(CarrierId.USPS, s -> s.maxConcurrentCalls(50))
        .carrier(CarrierId.USPS, Operation.TRACK, s -> s.rateLimit(rateLimit).rateLimitTimeout(Duration.ofSeconds(30)))
        .build();
    shipbridge = Shipbridge.builder().discoverCarriers(false).resilience(policy)
        .carrier(Fixtures.usps(server.baseUrl(), "sandbox-client-id", "sandbox-client-secret").build()).build();
    numbers = new ArrayList<>(PARCELS);
    for (int i = 0; i < PARCELS; i++) {
      String body = "92346904128936" + String.format("%07d", 1_000_000 + i);
      numbers.add(body + TrackingNumbers.impbCheckDigit(body));
    }
    // Warm up (spends limiter permits): the token, the JIT, and as many batches as trackMany keeps in
    // flight, so its threads and connections exist; then the grouping of all 10,000 numbers without
    // a call (all known delivered, so skipped). Start clean one second later, so the measured run
    // starts with free permits and an empty server window.
    shipbridge.trackMany(numbers.subList(0, 35 * WARM_UP_BATCHES));
    Map<String, TrackingStatus> delivered = new HashMap<>();
    for (String n : numbers) delivered.put(n, TrackingStatus.DELIVERED);
    TrackManyOptions skipAll = TrackManyOptions.builder().knownStatuses(delivered).build();
    for (int i = 0; i < 5; i++) shipbridge.trackMany(numbers, skipAll);
    sleep(Duration.ofSeconds(1));
    server.clear();
  }

  @Benchmark
  public List<TrackResult> trackTenThousand() {
    startNanos = System.nanoTime();
    results = shipbridge.trackMany(numbers);
    endNanos = System.nanoTime();
    return results;
  }

  @TearDown(Level.Trial)
  public void report() {
    List<RateLimitedTrackingServer.Arrival> arrivals = server.arrivals();
    List<Long> all = new ArrayList<>();
    List<Long> accepted = new ArrayList<>();
    int rejected = 0;
    for (var a : arrivals) {
      all.add(a.nanos());
      if (a.accepted()) accepted.add(a.nanos()); else rejected++;
    }
    long ok = results == null ? 0 : results.stream().filter(TrackResult::isSuccess).count();
    double wall = (endNanos - startNanos) / 1e9;
    double span = accepted.size() < 2 ? Double.NaN : (accepted.get(accepted.size() - 1) - accepted.get(0)) / 1e9;
    double serverRate = (accepted.size() - 1) / span;
    double wallRate = accepted.size() / wall;
    int maxAll = RateLimitedTrackingServer.maxInAnyWindow(all);
    int maxAccepted = RateLimitedTrackingServer.maxInAnyWindow(accepted);
    String tag = String.format(Locale.ROOT, "L=%d guard=%s", limit, label(rateLimit.guard()));
    System.out.printf(Locale.ROOT, "%n[trackMany] %s parcels=%d tracked_ok=%d http_calls=%d accepted=%d http_429=%d (%.2f %%)%n",
        tag, PARCELS, ok, arrivals.size(), accepted.size(), rejected, 100.0 * rejected / Math.max(1, arrivals.size()));
    System.out.printf(Locale.ROOT, "[trackMany] %s wall=%.3f s  ideal=%.3f s  throughput(wall)=%.2f calls/s = %.3f L"
            + "  throughput(server, first..last)=%.2f calls/s = %.3f L%n",
        tag, wall, rateLimit.timeFor(accepted.size()).toNanos() / 1e9, wallRate, wallRate / limit, serverRate,
        serverRate / limit);
    System.out.printf(Locale.ROOT, "[trackMany] %s max requests in any 1 s window: all=%d accepted=%d%n", tag, maxAll, maxAccepted);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < accepted.size(); i++) gaps.add(accepted.get(i) - accepted.get(i - 1));
    gaps.sort(null);
    long interval = rateLimit.interval().toNanos();
    long late = gaps.stream().filter(g -> g > interval * 3 / 2).count();
    if (!gaps.isEmpty()) {
      System.out.printf(Locale.ROOT, "[trackMany] %s gaps between accepted calls: min=%.1f ms p50=%.1f ms p90=%.1f ms max=%.1f ms;"
              + " %d of %d gaps over 1.5 x the %.2f ms interval%n", tag, gaps.get(0) / 1e6, gaps.get(gaps.size() / 2) / 1e6,
          gaps.get(gaps.size() * 9 / 10) / 1e6, gaps.get(gaps.size() - 1) / 1e6, late, gaps.size(), interval / 1e6);
    }
    StringBuilder longGaps = new StringBuilder();
    for (int i = 1, shown = 0; i < accepted.size() && shown < 10; i++) {
      long g = accepted.get(i) - accepted.get(i - 1);
      if (g > interval * 3 / 2) {
        longGaps.append(String.format(Locale.ROOT, " %.0f ms (+%.1f)", (accepted.get(i) - startNanos) / 1e6, g / 1e6));
        shown++;
      }
    }
    StringBuilder refused = new StringBuilder();
    for (int i = 0, shown = 0; i < arrivals.size() && shown < 10; i++) {
      if (!arrivals.get(i).accepted()) {
        refused.append(String.format(Locale.ROOT, " #%d@%.0f ms", i, (arrivals.get(i).nanos() - startNanos) / 1e6));
        shown++;
      }
    }
    if (!arrivals.isEmpty()) {
      System.out.printf(Locale.ROOT, "[trackMany] %s first request %.1f ms after the call, the call returned %.1f ms after the last;"
              + " long gaps at:%s; 429s at:%s%n", tag, (arrivals.get(0).nanos() - startNanos) / 1e6,
          (endNanos - arrivals.get(arrivals.size() - 1).nanos()) / 1e6, longGaps.length() == 0 ? " none" : longGaps,
          refused.length() == 0 ? " none" : refused);
    }
    boolean pace = wallRate >= 0.95 * limit;
    boolean quota = rejected <= 0.001 * arrivals.size();
    boolean window = maxAll <= limit;
    System.out.printf(Locale.ROOT, "[trackMany] %s targets: throughput>=0.95 L %s, 429s<=0.1 %% %s, <=L per window %s%n",
        tag, pace ? "met" : "MISSED", quota ? "met" : "MISSED", window ? "met" : "MISSED");
    shipbridge.close();
    server.close();
  }

  private static String label(Duration d) {
    return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + "ms" : String.format(Locale.ROOT, "%.3fms", d.toNanos() / 1e6);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
