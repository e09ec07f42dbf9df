package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.TrackResult;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.Label;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quote, label, track and trackMany on virtual threads (for the callers and Shipbridge's own
 * executor), through the real adapters on the emulators, with the JFR event {@code
 * jdk.VirtualThreadPinned} on at a zero threshold: no virtual thread may be pinned to its carrier
 * thread. A control task that blocks inside a class initializer (which pins on every JDK) proves
 * the recording sees pinning. Needs JDK 25 (the project compiles for 17: virtual threads are
 * reached by reflection); skipped, saying so, on older JDKs.
 */
class VirtualThreadPinningTest {
  private static final String PINNED = "jdk.VirtualThreadPinned";

  @BeforeEach
  void needsJdk25() {
    int feature = Runtime.version().feature();
    assumeTrue(feature >= 25, "Virtual-thread pinning test skipped: needs JDK 25, running on JDK " + feature);
  }

  @Test
  void theMainPathsRunOnVirtualThreadsWithoutPinningThem() throws Exception {
    List<RecordedEvent> pinned = mainPaths();
    assertThat(pinned).as("virtual threads pinned by Shipbridge:%n%s", describe(pinned)).isEmpty();
  }

  @Test
  void theRecordingSeesAPinnedVirtualThread() throws Exception {
    List<RecordedEvent> pinned = record(() -> {
      ExecutorService vts = virtualThreads();
      try {
        vts.submit(() -> SlowInit.VALUE).get(30, TimeUnit.SECONDS);
      } finally {
        vts.shutdown();
      }
      return null;
    });
    assertThat(pinned).as("the control must pin: blocking in <clinit> pins a virtual thread").isNotEmpty();
  }

  /** Blocks in its static initializer, which pins a virtual thread on every JDK. */
  static final class SlowInit {
    static final int VALUE;

    static {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      VALUE = 1;
    }

    private SlowInit() {}
  }

  /** Quote, label and track: what one caller does. */
  private static Callable<List<String>> job(Shipbridge shipbridge, int n) {
    return () -> {
      QuoteResult quotes = shipbridge.quote(Requests.crossBorderQuote());
      assertThat(quotes.failures()).isEmpty();
      Label u = shipbridge.label(Requests.uspsLabel("vt-usps-" + n, Requests.BROOKLYN));
      Label c = shipbridge.label(Requests.cainiaoLabel("vt-cainiao-" + n, "80077" + n + "0000001", Requests.BROOKLYN));
      shipbridge.track(u.trackingNumber());
      shipbridge.track(c.trackingNumber());
      return List.of(u.trackingNumber(), c.trackingNumber());
    };
  }

  /** Runs the main paths on virtual threads; what JFR saw pinned while they ran concurrently. */
  private List<RecordedEvent> mainPaths() throws Exception {
    List<RecordedEvent> pinned;
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
    ExecutorService vts = virtualThreads();
    try (UspsEmulator usps = UspsEmulator.start(clock); CainiaoEmulator cainiao = CainiaoEmulator.start(clock)) {
      cainiao.onLastMileHandoff(usps::expectInboundParcel);
      Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(false)
          .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
              .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
              .inductionZip("11430").build())
          .carrier(CainiaoCarrier.builder().iopBaseUrl(cainiao.iopBaseUrl()).appKey(cainiao.appKey())
              .appSecret(cainiao.appSecret()).accessToken(cainiao.accessToken()).build())
          // Concurrent callers on one virtual clock: no quota spacing, so nobody sleeps and the clock
          // stands still (a sleeper advancing it would time out the other callers' calls).
          .clock(clock).executor(vts)
          .resilience(ResiliencePolicy.custom().all(ResiliencePolicy.Settings::unlimited)
              .carrier(dev.shipbridge.model.CarrierId.USPS, ResiliencePolicy.Settings::unlimited).build())
          .build();
      try (shipbridge) {
        // Warm up first, one job at a time: the first use of a class makes concurrent virtual
        // threads wait for the JVM to load and initialise it, which pins them once per class.
        List<String> warm = vts.submit(job(shipbridge, 99)).get(120, TimeUnit.SECONDS);
        vts.submit(() -> shipbridge.trackMany(warm)).get(60, TimeUnit.SECONDS);
        pinned = record(() -> {
          List<Callable<List<String>>> jobs = new ArrayList<>();
          for (int i = 0; i < 4; i++) jobs.add(job(shipbridge, i));
          List<String> numbers = new ArrayList<>();
          for (Future<List<String>> f : vts.invokeAll(jobs)) numbers.addAll(f.get());
          List<TrackResult> many = vts.submit(() -> shipbridge.trackMany(numbers)).get(60, TimeUnit.SECONDS);
          assertThat(many).hasSize(numbers.size()).allSatisfy(r -> assertThat(r.failure()).isNull());
          return null;
        });
      }
    } finally {
      vts.shutdown();
    }
    return pinned;
  }

  private static List<RecordedEvent> record(Callable<Void> work) throws Exception {
    Path file = Files.createTempFile("shipbridge-pinning", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
      recording.start();
      work.call();
      recording.stop();
      recording.dump(file);
      return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals(PINNED)).toList();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static ExecutorService virtualThreads() throws ReflectiveOperationException {
    return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
  }

  private static String describe(List<RecordedEvent> events) {
    return events.stream().map(e -> e.getStackTrace() == null ? "(no stack)" : e.getStackTrace().getFrames().stream()
        .limit(12).map(RecordedFrame::getMethod).map(m -> m.getType().getName() + "." + m.getName())
        .collect(Collectors.joining("\n    ", "  ", ""))).collect(Collectors.joining("\n---\n"));
  }
}
