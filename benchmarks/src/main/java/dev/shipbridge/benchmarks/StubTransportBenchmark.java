package dev.shipbridge.benchmarks;

import dev.shipbridge.Shipbridge;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
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
 * (a) Pure SDK overhead: the real {@link Shipbridge} with the USPS adapter, whose OkHttp client is
 * short-circuited by {@link StubInterceptor} (no socket). Each call goes through the facade,
 * validation, the resilience stack (retry, breaker, a never-binding rate limiter, bulkhead), the
 * adapter's mapping and Jackson. {@code raw*} runs the hand-written OkHttp + Jackson client over the
 * same stub, for scale. Run with {@code -prof gc} for {@code gc.alloc.rate.norm} (bytes per call).
 *
 * <p>The stub is an application interceptor on the caller's client, so it answers before
 * Shipbridge's own interceptors (User-Agent, redacting logger): those run in {@link LoopbackBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class StubTransportBenchmark extends SdkVsRawBenchmark {
  @Setup(Level.Trial)
  public void setUp() {
    Fixtures.Recording recording = Fixtures.record();
    trackingNumber = recording.trackingNumber();
    labelRequest = Fixtures.labelRequest("bench-label");
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(new StubInterceptor(recording)).build();
    shipbridge = Shipbridge.builder().discoverCarriers(false).httpClient(client).resilience(Fixtures.benchmarkPolicy())
        .carrier(Fixtures.usps("http://127.0.0.1:9", "sandbox-client-id", "sandbox-client-secret").build())
        .build();
    raw = new RawClient(client, recording, "http://127.0.0.1:9");
    if (shipbridge.quote(Fixtures.DOMESTIC_QUOTE).quotes().isEmpty()) throw new IllegalStateException("no quotes");
    shipbridge.label(labelRequest);
    shipbridge.track(trackingNumber);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    shipbridge.close();
  }
}
