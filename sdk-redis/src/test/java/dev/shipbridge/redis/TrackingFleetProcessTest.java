package dev.shipbridge.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.testkit.usps.TrackingNumbers;
import dev.shipbridge.tracking.ParcelState;
import dev.shipbridge.tracking.TrackingChanged;
import dev.shipbridge.tracking.TrackingScheduler;
import dev.shipbridge.usps.UspsCarrier;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fault run with real processes: three scheduler instances, each a JVM of its own ({@link
 * FleetInstanceProcess}: the real USPS adapter through the facade), share one real Redis (its own
 * redis-server, append-only file) and the USPS emulator this JVM serves on loopback (60 tracking
 * calls an hour, 429 beyond). Time is virtual: this JVM moves the clock (its own and the
 * emulator's) and sends it to the instances with each pass, one instance at a time, so nothing
 * depends on how fast the machine is. On day 1 instance "b" is armed and blocks at its next kill
 * point, holding leases, and the process is killed with SIGKILL ({@code Process.destroyForcibly()}):
 * either after asking the carrier and before writing anything (its whole batch leased, nothing
 * written), or in its listener (the batch written, its changes waiting in their outboxes, one of
 * them already given to the consumer). On day 2.5 Redis is killed -9 and restarted on its
 * append-only file.
 *
 * <p>Asserted: every announced parcel is delivered and each of its 8 scans reaches the consumer
 * (no event lost); after de-duplication by event id the consumer passes each scan on once, and
 * the change the killed instance was delivering was delivered again (at-least-once, dropped here
 * by id, when it died delivering); every parcel the killed process held was polled again (or its change delivered, if it
 * had stopped) by another instance by its due time (its interval) + the lease (+ one step, the
 * run's time resolution). Each kill point once, one under the default resilience policy, the other
 * under a permissive one (about 30 s a run on 2 loaded cores).
 */
class TrackingFleetProcessTest {
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final Duration STEP = Duration.ofMinutes(2);
  static final Duration RUN = Duration.ofDays(5);
  static final int PARCELS = 300;
  static final Duration LEASE = FleetInstanceProcess.LEASE;

  /** A parcel the killed process held, and by when another instance must have taken it over. */
  private record Held(String number, Instant deadline, boolean stopped) {}

  @ParameterizedTest(name = "{0} policy, killed at {1}")
  @CsvSource({"default, write", "permissive, delivery"})
  void killingAnInstanceProcessMidLeaseAndRestartingRedisLosesAndDuplicatesNoEvent(String policy, String killPoint) throws Exception {
    MutableClock clock = MutableClock.startingAt(START);
    List<FleetChild> children = new ArrayList<>();
    try (PersistentRedis redis = PersistentRedis.start();
        UspsEmulator usps = UspsEmulator.start(clock);
        RedisClient raw = RedisClient.create(redis.url());
        StatefulRedisConnection<String, String> inspect = raw.connect()) {
      usps.rateLimit(60, Duration.ofHours(1));
      String prefix = RedisTestSupport.freshPrefix() + "{fleet}:";
      List<String> announced = new ArrayList<>();
      List<String> all = new ArrayList<>();
      for (int i = 0; i < PARCELS; i++) {
        String body = String.format("940011%015d", 8_000_000L + i);
        String n = body + TrackingNumbers.impbCheckDigit(body);
        all.add(n);
        if (i % 20 == 7) continue; // 5 %: never handed to USPS
        usps.expectInboundParcel(n, START.plus(Duration.ofMinutes(24L * 60 * i / PARCELS)));
        announced.add(n);
      }
      Consumer consumer = new Consumer();
      // The platform's web tier: watches parcels, never polls.
      try (RedisScheduleStore front = RedisScheduleStore.connect(RedisURI.create(redis.url()), prefix, Duration.ofSeconds(2));
          Shipbridge web = Shipbridge.builder().discoverCarriers(false)
              .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret()).build())
              .clock(clock).build();
          TrackingScheduler frontend = TrackingScheduler.builder().shipbridge(web).store(front).clock(clock).instanceId("web")
              .listener(consumer::onChange).build()) {
        for (String n : all) frontend.watch(CarrierId.USPS, n);
        Path logs = Files.createDirectories(Path.of("target", "fleet-process"));
        for (String id : List.of("a", "b", "c")) {
          children.add(FleetChild.start(id, logs.resolve(policy + "-" + id + ".log"), List.of(redis.url(), prefix,
              usps.baseUrl(), usps.clientId(), usps.clientSecret(), id, policy, killPoint)));
        }
        FleetChild doomed = children.get(1);
        Instant armAt = START.plus(Duration.ofDays(1));
        Instant restartAt = START.plus(Duration.ofHours(60));
        Instant end = START.plus(RUN);
        Instant killedAt = null;
        Map<String, Held> held = new LinkedHashMap<>();
        Map<String, Instant> takenOverAt = new HashMap<>();
        Set<FleetChild> dead = new HashSet<>();
        SplittableRandom order = new SplittableRandom(19);
        for (Instant now = START; !now.isAfter(end); now = now.plus(STEP)) {
          clock.set(now);
          if (now.equals(armAt)) doomed.arm();
          if (now.equals(restartAt)) {
            redis.kill();
            redis.startServer();
            for (FleetChild c : children) if (!dead.contains(c)) c.ping();
            consumer.markRestart();
          }
          Instant nextStep = now.plus(STEP);
          for (Instant at = now; at != null; ) {
            Instant wake = null;
            int first = order.nextInt(children.size());
            for (int k = 0; k < children.size(); k++) {
              FleetChild child = children.get((first + k) % children.size());
              if (dead.contains(child)) continue;
              FleetChild.Answer a = child.pass(at, consumer::onChange);
              if (a.held()) {
                // blocked in its listener, holding leases: what it holds, then kill -9
                killedAt = at;
                held.putAll(leasesHeldBy(inspect, front, prefix, child.id, at));
                child.kill();
                dead.add(child);
                continue;
              }
              Instant w = a.nextCallAt();
              if (w != null && w.isAfter(at) && w.isBefore(nextStep) && (wake == null || w.isBefore(wake))) wake = w;
            }
            at = wake;
            if (at != null) clock.set(at);
          }
          for (Held h : held.values()) {
            if (!takenOverAt.containsKey(h.number())) {
              Instant t = takenOver(inspect, front, prefix, h, killedAt, doomed.id, clock.instant());
              if (t != null) takenOverAt.put(h.number(), t);
            }
          }
        }
        for (FleetChild c : children) {
          if (!dead.contains(c)) assertThat(c.finish()).as("instance %s exits cleanly (log: %s)", c.id, c.log).isZero();
        }

        Instant kill = killedAt;
        System.out.printf("fleet of 3 processes, %s policy, killed at %s: %d parcels, killed pid %d at %s holding %d leases, all taken over "
                + "within %s of the kill; events accepted=%d (after the Redis restart: %d), redeliveries dropped by id=%d%n",
            policy, killPoint, PARCELS, doomed.pid(),
            kill, held.size(), takenOverAt.values().stream().max(Instant::compareTo)
                .map(t -> kill == null ? null : Duration.between(kill, t)).orElse(null),
            consumer.accepted(), consumer.acceptedAfterRestart(), consumer.dropped());
        assertThat(killedAt).as("instance b was killed while holding leases, within 6 hours of being armed").isNotNull()
            .isBefore(armAt.plus(Duration.ofHours(6)));
        assertThat(held).as("leases the killed process held").isNotEmpty();
        for (Held h : held.values()) {
          assertThat(takenOverAt.get(h.number())).as("%s (held by the killed process) taken over by %s", h.number(), h.deadline())
              .isNotNull().isBeforeOrEqualTo(h.deadline());
        }
        if (killPoint.equals("delivery")) {
          assertThat(consumer.dropped()).as("the change the killed process was delivering was delivered again (same ids)").isPositive();
        }
        assertThat(consumer.acceptedAfterRestart()).as("the fleet carried on after the Redis restart").isPositive();
        for (String n : announced) {
          ParcelState s = retrying(() -> front.get(n)).orElseThrow();
          assertThat(s.status()).as("%s delivered", n).isEqualTo(TrackingStatus.DELIVERED);
          assertThat(consumer.scansOf(n)).as("each of %s's 8 scans reaches the consumer once", n).isEqualTo(8);
        }
        assertThat(consumer.accepted()).as("no event twice after de-duplication, none lost").isEqualTo(8L * announced.size());
      }
    } finally {
      for (FleetChild c : children) c.close();
    }
  }

  /** The parcels whose lease is owner's and still running at {@code now}, each with its take-over deadline. */
  private static Map<String, Held> leasesHeldBy(StatefulRedisConnection<String, String> redis, RedisScheduleStore store,
      String prefix, String owner, Instant now) {
    Map<String, Held> out = new LinkedHashMap<>();
    for (var e : retrying(() -> redis.sync().hgetall(prefix + "lease")).entrySet()) {
      String v = e.getValue();
      long until = Long.parseLong(v.substring(v.indexOf('|') + 1));
      if (!v.startsWith(owner + ":") || until <= now.toEpochMilli()) continue;
      ParcelState s = retrying(() -> store.get(e.getKey())).orElseThrow();
      Instant due = s.nextDueAt() == null || s.nextDueAt().isBefore(now) ? now : s.nextDueAt();
      out.put(e.getKey(), new Held(e.getKey(), due.plus(LEASE).plus(STEP), s.nextDueAt() == null));
    }
    return out;
  }

  /**
   * When another instance took the parcel over: no lease of the dead owner, no change waiting in
   * its outbox, and (unless it had stopped) polled since the kill; null while not yet.
   */
  private static Instant takenOver(StatefulRedisConnection<String, String> redis, RedisScheduleStore store, String prefix,
      Held h, Instant killedAt, String deadOwner, Instant now) {
    String lease = retrying(() -> redis.sync().hget(prefix + "lease", h.number()));
    if (lease != null && lease.startsWith(deadOwner + ":")) return null;
    if (retrying(() -> redis.sync().hexists(prefix + "out", h.number()))) return null;
    ParcelState s = retrying(() -> store.get(h.number())).orElseThrow();
    if (h.stopped()) return now;
    return s.lastPolledAt() != null && s.lastPolledAt().isAfter(killedAt) ? s.lastPolledAt() : null;
  }

  /** Reads through Redis's restart (the connection comes back by itself). */
  private static <T> T retrying(Supplier<T> read) {
    for (int i = 0; ; i++) {
      try {
        return read.get();
      } catch (RuntimeException e) {
        if (i == 400) throw e;
        RedisTestSupport.sleepMillis(25);
      }
    }
  }

  /** The platform's consumer: passes each event on once, by its stable id; counts what it dropped. */
  private static final class Consumer {
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Integer> scans = new HashMap<>();
    private long accepted;
    private long dropped;
    private long acceptedBeforeRestart = -1;

    void markRestart() {
      acceptedBeforeRestart = accepted;
    }

    long acceptedAfterRestart() {
      return acceptedBeforeRestart < 0 ? 0 : accepted - acceptedBeforeRestart;
    }

    void onChange(TrackingChanged change) {
      for (String id : change.eventIds()) {
        if (!ids.add(id)) {
          dropped++;
          continue;
        }
        accepted++;
        scans.merge(change.legNumber(), 1, Integer::sum);
      }
    }

    long accepted() {
      return accepted;
    }

    long dropped() {
      return dropped;
    }

    int scansOf(String number) {
      return scans.getOrDefault(number, 0);
    }
  }
}
