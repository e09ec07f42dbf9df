package dev.shipbridge.benchmarks;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (d) One cross-border quote (Shenzhen to Brooklyn) across both carriers, USPS's emulator holding
 * each price answer 50 ms and Cainiao's 200 ms (WireMock fixed delays, loopback). {@code both} is
 * Shipbridge's parallel fan-out; {@code uspsOnly} and {@code cainiaoOnly} ask one carrier each.
 * Read {@code both / max(uspsOnly, cainiaoOnly)}: 1.00 means the fan-out costs nothing beyond the
 * slowest carrier.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ParallelQuoteBenchmark {
  static final Duration USPS_DELAY = Duration.ofMillis(50);
  static final Duration CAINIAO_DELAY = Duration.ofMillis(200);
  /** Delayed answers queued per emulator: more than a fork makes (each fault is stored per use). */
  static final int INJECTED = 5_000;

  private UspsEmulator usps;
  private CainiaoEmulator cainiao;
  private Shipbridge shipbridge;
  private final QuoteRequest both = Fixtures.CROSS_BORDER_QUOTE;
  private final QuoteRequest uspsOnly = Fixtures.CROSS_BORDER_QUOTE.toBuilder().carriers(CarrierId.USPS).build();
  private final QuoteRequest cainiaoOnly = Fixtures.CROSS_BORDER_QUOTE.toBuilder().carriers(CarrierId.CAINIAO).build();

  @Setup(Level.Trial)
  public void setUp() {
    usps = UspsEmulator.start(Clock.systemUTC());
    cainiao = CainiaoEmulator.start();
    shipbridge = Shipbridge.builder().discoverCarriers(false).resilience(Fixtures.benchmarkPolicy())
        .carrier(Fixtures.usps(usps.baseUrl(), usps.clientId(), usps.clientSecret()).build())
        .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
            .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).build())
        .build();
    QuoteResult r = shipbridge.quote(both);
    if (!r.failures().isEmpty() || r.of(CarrierId.USPS).isEmpty() || r.of(CarrierId.CAINIAO).isEmpty()) {
      throw new IllegalStateException("both carriers must quote: " + r.failures());
    }
    // Without injected delays a loopback quote to WireMock (Jetty) must take a few ms, not ~40 (Nagle).
    long t0 = System.nanoTime();
    for (int i = 0; i < 20; i++) shipbridge.quote(both);
    System.out.printf("%n[parallelQuote] undelayed quote across both emulators: %.2f ms%n", (System.nanoTime() - t0) / 20 / 1e6);
    usps.injectDelay("/prices", USPS_DELAY, INJECTED);
    cainiao.faultDelay(CAINIAO_DELAY);
    cainiao.injectFault("cainiao.global.solution.inquiry", CainiaoEmulator.Fault.DELAY, INJECTED);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    shipbridge.close();
    usps.close();
    cainiao.close();
  }

  @Benchmark
  public QuoteResult both() {
    return shipbridge.quote(both);
  }

  @Benchmark
  public QuoteResult uspsOnly() {
    return shipbridge.quote(uspsOnly);
  }

  @Benchmark
  public QuoteResult cainiaoOnly() {
    return shipbridge.quote(cainiaoOnly);
  }
}
