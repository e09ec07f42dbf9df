package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On JDK 21 to 23 a virtual thread inside a {@code synchronized} block or method is pinned to its
 * carrier thread: across I/O or a sleep, that starves the carrier pool. So the library modules use
 * {@code ReentrantLock} wherever a lock may be held across I/O or a sleep, and every remaining
 * {@code synchronized} is listed here with why it holds no I/O and no sleep. A new one fails this
 * test until it is replaced by a lock or listed with its reason. (JDK 24+ no longer pins there;
 * {@link VirtualThreadPinningTest} checks the real paths on JDK 25.)
 */
class NoSynchronizedAcrossIoTest {
  private static final Pattern SYNCHRONIZED = Pattern.compile("\\bsynchronized\\b");

  /** File (module/…/Name.java, by name) and how many synchronized it may hold, with the reason. */
  private static final Map<String, Integer> ALLOWED = Map.ofEntries(
      Map.entry("sdk-cainiao/PublicTrackingLimiter.java", 1), // arithmetic on instants; the caller sleeps outside it
      Map.entry("sdk-testkit/UspsTransformer.java", 5),    // emulator side
      Map.entry("sdk-testkit/Gateway.java", 5),             // emulator side
      Map.entry("sdk-core/InMemoryReplayStore.java", 2),   // in-memory replay identities, no I/O
      Map.entry("sdk-core/KnownSecrets.java", 1),          // registers a secret value in a set
      Map.entry("sdk-core/StaleQuotes.java", 2),           // in-memory last answers, no I/O
      Map.entry("sdk-redis/RedisRateLimiter.java", 7),     // slot bookkeeping only; Redis is called outside them
      Map.entry("sdk-conformance/KitClock.java", 1),       // the kit's virtual clock, test code
      Map.entry("sdk-testkit-junit/SandboxTime.java", 8),  // the sandbox's virtual time, in users' tests only
      Map.entry("sdk-testkit-junit/ShipbridgeSandbox.java", 1), // same
      Map.entry("sdk-tracking/TrackingScheduler.java", 2), // start/close swap the runner; no I/O, no sleep
      Map.entry("sdk-tracking/InMemoryScheduleStore.java", 13)); // in-memory maps only, never a carrier call

  @Test
  void noLibraryModuleHoldsAMonitorWhereItCouldDoIoOrSleep() throws IOException {
    Path root = Paths.get("..").toAbsolutePath().normalize();
    Map<String, Integer> found = new TreeMap<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("sdk-")).toList()) {
        Path main = module.resolve("src/main/java");
        if (!Files.isDirectory(main)) continue;
        try (Stream<Path> files = Files.walk(main)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            int n = count(Files.readString(f));
            if (n > 0) found.put(module.getFileName() + "/" + f.getFileName(), n);
          }
        }
      }
    }
    assertThat(found).as("synchronized in library code (replace with ReentrantLock, or list it with its reason)")
        .allSatisfy((file, n) -> assertThat(n).as(file).isLessThanOrEqualTo(ALLOWED.getOrDefault(file, 0)));
    assertThat(found).as("the scan found the known ones, so it reads the sources").containsKey("sdk-core/StaleQuotes.java");
  }

  /** Occurrences outside comments. */
  private static int count(String source) {
    int n = 0;
    for (String line : source.split("\n")) {
      String code = line.strip();
      if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) continue;
      int comment = code.indexOf("//");
      if (comment >= 0) code = code.substring(0, comment);
      Matcher m = SYNCHRONIZED.matcher(code);
      while (m.find()) n++;
    }
    return n;
  }
}
