package dev.shipbridge.redis;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.tracking.ScheduleCodec;
import dev.shipbridge.tracking.TrackingChanged;
import dev.shipbridge.tracking.TrackingListener;
import dev.shipbridge.tracking.TrackingScheduler;
import dev.shipbridge.usps.UspsCarrier;
import io.lettuce.core.RedisURI;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One scheduler instance in a JVM of its own, for {@link TrackingFleetProcessTest}: the real USPS
 * adapter through the facade, on the USPS emulator the test serves on loopback, and a {@link
 * RedisScheduleStore} on the test's Redis. It has no time of its own: the test sends the virtual
 * time on stdin, one command a line, and the instance answers on stdout, one line each:
 *
 * <ul>
 *   <li>{@code pass <epoch ms>}: sets the clock, runs one pass; each change the listener gets is a
 *       line {@code change <ScheduleCodec.encodeChanges>}; then {@code done <next call slot ms | ->}.
 *   <li>{@code arm}: at the next kill point the instance answers {@code held} and blocks for good,
 *       holding its leases, until the test kills the process ({@code kill -9}). Kill points: {@code
 *       delivery}: the listener's next change is written out first (the batch is written, changes
 *       wait in the outboxes); {@code write}: the carrier was asked, nothing written yet (via {@link
 *       CrashingStore}).
 * </ul>
 *
 * <p>End of input (the test JVM is gone) ends the process. Arguments: redis URL, key prefix, USPS
 * base URL, client id, client secret, instance id, policy ({@code default} or {@code permissive}),
 * kill point ({@code delivery} or {@code write}).
 */
public final class FleetInstanceProcess {
  static final Duration LEASE = Duration.ofMinutes(2);

  private FleetInstanceProcess() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    MutableClock clock = MutableClock.startingAt(Instant.EPOCH);
    ResiliencePolicy policy = args[6].equals("permissive")
        ? ResiliencePolicy.custom().all(s -> s.maxAttempts(6).rateLimitTimeout(Duration.ofMinutes(5))
            .circuitBreaker(CircuitBreakerSettings.DISABLED)).build()
        : ResiliencePolicy.ofDefaults();
    Listener listener = new Listener(out);
    boolean atWrite = args[7].equals("write");
    try (CrashingStore store = new CrashingStore(
            RedisScheduleStore.connect(RedisURI.create(args[0]), args[1], Duration.ofSeconds(2)), () -> hold(out));
        Shipbridge sb = Shipbridge.builder().discoverCarriers(false)
            .carrier(UspsCarrier.builder().baseUrl(args[2]).clientId(args[3]).clientSecret(args[4]).build())
            .clock(clock).sleeper(clock::advance).resilience(policy).build();
        TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(sb).store(store).clock(clock)
            .instanceId(args[5]).listener(listener).lease(LEASE).build()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      line(out, "ready");
      for (String command; (command = in.readLine()) != null; ) {
        if (command.equals("arm")) {
          if (atWrite) store.arm();
          else listener.armed = true;
          line(out, "armed");
        } else if (command.startsWith("pass ")) {
          clock.set(Instant.ofEpochMilli(Long.parseLong(command.substring(5))));
          Instant next = scheduler.runOnce().nextCallAt();
          line(out, "done " + (next == null ? "-" : Long.toString(next.toEpochMilli())));
        } else if (command.equals("ping")) {
          awaitStore(store);
          line(out, "pong");
        } else {
          throw new IllegalArgumentException("unknown command " + command);
        }
      }
    }
  }

  /**
   * Returns once the store answers again (after a Redis restart the client reconnects on its own
   * real-time backoff): the test resumes virtual time only then, so how many virtual hours pass
   * unpolled never depends on the machine's speed.
   */
  private static void awaitStore(CrashingStore store) throws InterruptedException {
    for (int i = 0; ; i++) {
      try {
        store.watchedCount();
        return;
      } catch (RuntimeException e) {
        if (i >= 600) throw e;
        Thread.sleep(50);
      }
    }
  }

  /** Only the main thread writes (passes run on it), so lines never interleave. */
  private static void line(PrintStream out, String line) {
    out.println(line);
    out.flush();
  }

  /**
   * Says so, then blocks until the process is killed; if the test JVM goes first (a surefire
   * timeout), the process ends with it instead of waiting forever.
   */
  private static void hold(PrintStream out) {
    line(out, "held");
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().join());
    Runtime.getRuntime().halt(1);
  }

  /** Writes each change to stdout; once armed, writes one more and then never returns. */
  private static final class Listener implements TrackingListener {
    private final PrintStream out;
    volatile boolean armed;

    Listener(PrintStream out) {
      this.out = out;
    }

    @Override
    public void onChange(TrackingChanged change) {
      line(out, "change " + ScheduleCodec.encodeChanges(List.of(change)));
      if (armed) hold(out);
    }
  }
}
