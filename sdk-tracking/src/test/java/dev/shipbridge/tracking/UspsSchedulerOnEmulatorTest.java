package dev.shipbridge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.QuotaWindows;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.testkit.usps.TrackingNumbers;
import dev.shipbridge.tracking.sim.SimConsumer;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scheduler on the real USPS adapter through the facade, on the USPS emulator (as strict as
 * USPS: 60 tracking calls an hour, 429 beyond), under the default resilience policy and a
 * permissive one: 600 parcels handed to USPS over 36 hours (5 % never announced), 5 days.
 */
class UspsSchedulerOnEmulatorTest {
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of("default", ResiliencePolicy.ofDefaults()),
        Arguments.of("permissive", ResiliencePolicy.custom()
            .all(s -> s.maxAttempts(6).rateLimitTimeout(Duration.ofMinutes(5)).circuitBreaker(CircuitBreakerSettings.DISABLED))
            .build()));
  }

  @ParameterizedTest(name = "{0} policy")
  @MethodSource("policies")
  void everyEventOfEveryAnnouncedParcelIsReportedOnceWithinUspsQuota(String name, ResiliencePolicy policy) {
    MutableClock clock = MutableClock.startingAt(START);
    List<Instant> trackCalls = Collections.synchronizedList(new ArrayList<>());
    try (UspsEmulator usps = UspsEmulator.start(clock)) {
      usps.rateLimit(60, Duration.ofHours(1));
      List<String> announced = new ArrayList<>();
      List<String> all = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        String body = String.format("940011%015d", 7_000_000L + i);
        String n = body + TrackingNumbers.impbCheckDigit(body);
        all.add(n);
        if (i % 20 == 7) continue;                       // 5 %: never handed to USPS
        usps.expectInboundParcel(n, START.plus(Duration.ofMinutes(36L * 60 * i / 600)));
        announced.add(n);
      }
      SimConsumer consumer = new SimConsumer(clock, Set.of());
      try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false)
          .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret()).build())
          .clock(clock).sleeper(clock::advance).resilience(policy)
          .resilienceListener(new ResilienceListener() {
            @Override
            public void onAttempt(CarrierId carrier, Operation operation, int attempt) {
              if (operation == Operation.TRACK) trackCalls.add(clock.instant());
            }
          }).build();
          TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(sb).clock(clock).listener(consumer).build()) {
        for (String n : all) scheduler.watch(CarrierId.USPS, n);
        Instant end = START.plus(Duration.ofDays(5));
        for (Instant t = START; t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
          if (clock.instant().isBefore(t)) clock.set(t);
          scheduler.runOnce();
        }
        for (String n : announced) {
          assertThat(scheduler.snapshot(n).orElseThrow().status()).as(n).isEqualTo(TrackingStatus.DELIVERED);
          assertThat(scheduler.snapshot(n).orElseThrow().stopReason()).isEqualTo(ParcelState.Stop.TERMINAL);
        }
        assertThat(consumer.acceptedEvents()).as("8 scans per parcel, each reported once").isEqualTo(8L * announced.size());
        assertThat(consumer.duplicateDeliveries()).isZero();
        for (String n : all) {
          if (announced.contains(n)) continue;
          ParcelState s = scheduler.snapshot(n).orElseThrow();
          assertThat(s.misses()).isPositive();
          assertThat(s.isWatched()).as("backs off, gives up only after 10 days").isTrue();
        }
        assertThat(QuotaWindows.maxInAnyWindow(trackCalls, Duration.ofHours(1))).isLessThanOrEqualTo(60);
        assertThat(trackCalls.size()).as("batches of 35, adaptive intervals").isLessThan(600 * 5);
        System.out.println(name + " policy: " + trackCalls.size() + " USPS tracking calls for " + all.size() + " parcels over 5 days");
      }
    }
  }
}
