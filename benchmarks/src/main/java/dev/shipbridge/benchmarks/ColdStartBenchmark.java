package dev.shipbridge.benchmarks;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * (e) Cold start against the USPS emulator: each iteration builds a new {@link Shipbridge} (empty
 * token cache) and, timed from {@code build()}, either makes the first quote ({@code firstQuote})
 * or lets 100 threads, started beforehand and released together, each make one ({@code
 * hundredColdCallers}). The emulator counts token requests ({@code [coldStart]} lines): the
 * target is one however many callers need a token at once. Iteration 1 of each fork includes class
 * loading and JIT warm-up.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ColdStartBenchmark {
  static final int CALLERS = 100;

  /** The emulator (one per fork) and the instance built in the current iteration. */
  @State(Scope.Benchmark)
  public static class Env {
    UspsEmulator usps;
    volatile Shipbridge shipbridge;
    final AtomicInteger failures = new AtomicInteger();
    int iteration;

    @Setup(Level.Trial)
    public void start() {
      usps = UspsEmulator.start(Clock.systemUTC());
    }

    @Setup(Level.Iteration)
    public void reset() {
      usps.reset();
      failures.set(0);
    }

    Shipbridge build() {
      shipbridge = Shipbridge.builder().discoverCarriers(false).resilience(Fixtures.benchmarkPolicy())
          .carrier(Fixtures.usps(usps.baseUrl(), usps.clientId(), usps.clientSecret()).build()).build();
      return shipbridge;
    }

    @TearDown(Level.Iteration)
    public void count() {
      iteration++;
      System.out.printf(Locale.ROOT, "%n[coldStart] iteration %d: token requests=%d quote requests=%d failed callers=%d%n",
          iteration, usps.requestCount("POST", "/oauth2/v3/token"), usps.requestCount("POST", "/prices"), failures.get());
      if (shipbridge != null) shipbridge.close();
      shipbridge = null;
    }

    @TearDown(Level.Trial)
    public void stop() {
      usps.close();
    }
  }

  /** 100 started threads waiting for the gun. */
  @State(Scope.Benchmark)
  public static class Callers {
    CountDownLatch go;
    CountDownLatch done;
    List<Thread> threads;

    @Setup(Level.Iteration)
    public void start(Env env) {
      go = new CountDownLatch(1);
      done = new CountDownLatch(CALLERS);
      threads = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        Thread t = new Thread(() -> {
          try {
            go.await();
            QuoteResult r = env.shipbridge.quote(Fixtures.DOMESTIC_QUOTE);
            if (!r.failures().isEmpty()) env.failures.incrementAndGet();
          } catch (Exception e) {
            env.failures.incrementAndGet();
          } finally {
            done.countDown();
          }
        });
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
    }
  }

  @Benchmark
  public QuoteResult firstQuote(Env env) {
    QuoteResult r = env.build().quote(Fixtures.DOMESTIC_QUOTE);
    if (!r.failures().isEmpty()) env.failures.incrementAndGet();
    return r;
  }

  @Benchmark
  public Shipbridge hundredColdCallers(Env env, Callers callers) throws InterruptedException {
    Shipbridge s = env.build();
    callers.go.countDown();
    callers.done.await();
    return s;
  }
}
