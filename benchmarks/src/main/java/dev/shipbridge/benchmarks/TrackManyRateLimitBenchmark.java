package dev.shipbridge.benchmarks;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.usps.TrackingNumbers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * (c) {@code trackMany} of 10,000 USPS numbers with Shipbridge's TRACK limit set to L calls a
 * second, against {@link RateLimitedTrackingServer} (strict sliding 1-second window of L, 429
 * beyond it, 20 ms service latency). Single shot: one run of the whole batch. The score is the wall
 * time; the server-side figures are printed as {@code [trackMany] ...} lines and are what to read.
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

  @Param({"20", "100"})
  public int limit;

  /**
   * Extra spacing, in percent, configured by the caller: {@code RateLimit.of(L, 1 s + margin)}. 0 is
   * the carrier's exact quota; 2 leaves room for the jitter between a permit and the request's
   * arrival at the server (a user-side workaround, at 2 % of throughput).
   */
  @Param({"0", "2"})
  public int marginPercent;

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
    ResiliencePolicy policy = ResiliencePolicy.custom()
        .carrier(CarrierId.USPS, s -> s.maxConcurrentCalls(50))
        .carrier(CarrierId.USPS, Operation.TRACK, s -> s.rateLimit(RateLimit.of(limit, Duration.ofMillis(1000 + 10L * marginPercent)))
            .rateLimitTimeout(Duration.ofSeconds(30)))
        .build();
    shipbridge = Shipbridge.builder().discoverCarriers(false).resilience(policy)
        .carrier(Fixtures.usps(server.baseUrl(), "sandbox-client-id", "sandbox-client-secret").build()).build();
    numbers = new ArrayList<>(PARCELS);
    for (int i = 0; i < PARCELS; i++) {
      String body = "92346904128936" + String.format("%07d", 1_000_000 + i);
      numbers.add(body + TrackingNumbers.impbCheckDigit(body));
    }
    // Warm the JIT and fetch the token on a few parcels (spends limiter permits), then start clean
    // one interval later, so the measured run starts with a free permit.
    shipbridge.trackMany(numbers.subList(0, 35 * 3));
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
    System.out.printf(Locale.ROOT, "%n[trackMany] L=%d margin=%d%% parcels=%d tracked_ok=%d http_calls=%d accepted=%d http_429=%d%n",
        limit, marginPercent, PARCELS, ok, arrivals.size(), accepted.size(), rejected);
    System.out.printf(Locale.ROOT, "[trackMany] L=%d wall=%.3f s  ideal=%.3f s  throughput(wall)=%.2f calls/s = %.3f L"
            + "  throughput(server, first..last)=%.2f calls/s = %.3f L%n",
        limit, wall, (accepted.size() - 1) / (double) limit, wallRate, wallRate / limit, serverRate, serverRate / limit);
    System.out.printf(Locale.ROOT, "[trackMany] L=%d max requests in any 1 s window: all=%d accepted=%d%n",
        limit, RateLimitedTrackingServer.maxInAnyWindow(all), RateLimitedTrackingServer.maxInAnyWindow(accepted));
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < accepted.size(); i++) gaps.add(accepted.get(i) - accepted.get(i - 1));
    gaps.sort(null);
    long interval = (1_000_000_000L + 10_000_000L * marginPercent) / limit;
    long late = gaps.stream().filter(g -> g > interval * 3 / 2).count();
    if (!gaps.isEmpty()) {
      System.out.printf(Locale.ROOT, "[trackMany] L=%d margin=%d%% gaps between accepted calls: p50=%.1f ms p90=%.1f ms max=%.1f ms;"
              + " %d of %d gaps over 1.5 x the %.1f ms interval%n", limit, marginPercent, gaps.get(gaps.size() / 2) / 1e6,
          gaps.get(gaps.size() * 9 / 10) / 1e6, gaps.get(gaps.size() - 1) / 1e6, late, gaps.size(), interval / 1e6);
    }
    shipbridge.close();
    server.close();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
