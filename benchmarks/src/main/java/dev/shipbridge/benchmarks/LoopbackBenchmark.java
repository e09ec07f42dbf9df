package dev.shipbridge.benchmarks;

import dev.shipbridge.Shipbridge;
import java.io.IOException;
import java.time.Duration;
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
 * (b) The same calls through Shipbridge and through {@link RawClient} (hand-written OkHttp +
 * Jackson), against one {@link CannedServer} on loopback with TCP_NODELAY on both sides (OkHttp
 * sets it on its sockets). Both clients are built the same way; each keeps one pooled keep-alive
 * connection. Report the ratio sdkX / rawX of the means from the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true"})
public class LoopbackBenchmark extends SdkVsRawBenchmark {
  private CannedServer server;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Fixtures.Recording recording = Fixtures.record();
    trackingNumber = recording.trackingNumber();
    labelRequest = Fixtures.labelRequest("bench-label");
    server = CannedServer.start(recording);
    shipbridge = Shipbridge.builder().discoverCarriers(false).httpClient(client()).resilience(Fixtures.benchmarkPolicy())
        .carrier(Fixtures.usps(server.baseUrl(), "sandbox-client-id", "sandbox-client-secret").build())
        .build();
    raw = new RawClient(client(), recording, server.baseUrl());
    // Warm both paths and fail fast if the server is slow (Nagle): one call must take well under 40 ms.
    shipbridge.quote(Fixtures.DOMESTIC_QUOTE);
    shipbridge.label(labelRequest);
    shipbridge.track(trackingNumber);
    raw.quote();
    long t0 = System.nanoTime();
    for (int i = 0; i < 20; i++) raw.track();
    long perCall = (System.nanoTime() - t0) / 20;
    if (perCall > 20_000_000L) throw new IllegalStateException("loopback call took " + perCall / 1000 + " us: Nagle on?");
  }

  private static OkHttpClient client() {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false)
        .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    shipbridge.close();
    server.close();
  }
}
