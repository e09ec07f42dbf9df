package dev.shipbridge.sandbox;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Both carrier emulators on loopback, wired to a {@link Shipbridge} on a virtual clock: the
 * sandbox for your own tests. No credentials, no network, no waiting.
 *
 * <pre>{@code
 * try (ShipbridgeSandbox sandbox = ShipbridgeSandbox.start()) {
 *   Shipbridge shipbridge = sandbox.shipbridge();            // USPS and Cainiao, discovery off
 *   Label label = shipbridge.label(request);                 // a real HTTP exchange with the emulator
 *   sandbox.advance(Duration.ofDays(3));                     // the parcel moves on
 *   assertThat(shipbridge.track(label.trackingNumber()).status()).isEqualTo(TrackingStatus.IN_TRANSIT);
 * }
 * }</pre>
 *
 * <h2>Time</h2>
 *
 * The sandbox owns the clock ({@link #clock()}): the emulators and the facade read it. Retry pauses
 * and waits for a rate-limit permit sleep on the sandbox's time source, which moves the clock to
 * the earliest wake-up once no caller is busy inside a carrier call (auto-advance, the default), so
 * any number of threads may call the facade at once: 32 concurrent label purchases queue for
 * USPS's 60-calls-an-hour quota a virtual minute apart and all succeed. Move time yourself with
 * {@link #advance(Duration)} (parcels move on, tokens expire); turn auto-advance off with
 * {@link #autoAdvance(boolean)} to hold sleepers until you advance.
 *
 * <h2>What the facade is given</h2>
 *
 * USPS with a demo EPS payment account and induction ZIP {@value #INDUCTION_ZIP} (Jamaica, NY,
 * where the USPS emulator receives parcels from abroad); Cainiao with IOP and LINK credentials;
 * Cainiao's last-mile handoffs announced to the USPS emulator, so a China to US journey runs end to
 * end; discovery off; and a resilience policy that queues callers for a permit for up to {@link
 * #QUEUE_FOR_QUOTA}, waits up to {@link #QUEUE_FOR_CONCURRENCY} for a carrier's concurrency slot,
 * and allows a call {@link #CALL_TIMEOUT} (virtual time). Build a variant with {@link #builder()};
 * keep its clock, sleeper and listener (give your own listener to {@link
 * #resilienceListener(ResilienceListener)}).
 *
 * <p>Thread-safe. {@link #close()} closes the facade and stops both emulators.
 */
public final class ShipbridgeSandbox implements AutoCloseable {
  /** Where the clock starts: 09:00 in Hangzhou on a Monday. */
  public static final Instant START = Instant.parse("2026-03-02T01:00:00Z");
  /** The induction ZIP USPS prices parcels from abroad from: JFK (Jamaica, NY). */
  public static final String INDUCTION_ZIP = "11430";
  /** How long a caller queues for a rate-limit permit (virtual time): long enough for 60 callers of USPS's hourly quota. */
  public static final Duration QUEUE_FOR_QUOTA = Duration.ofHours(1);
  /** How long a whole call may take (virtual time), permit waits included. */
  public static final Duration CALL_TIMEOUT = Duration.ofHours(2);
  /** How long a caller waits (real time) for one of a carrier's concurrency slots before it is refused. */
  public static final Duration QUEUE_FOR_CONCURRENCY = Duration.ofSeconds(30);

  private final SandboxTime time;
  private final UspsEmulator usps;
  private final CainiaoEmulator cainiao;
  private volatile Shipbridge shipbridge;

  private ShipbridgeSandbox(SandboxTime time, UspsEmulator usps, CainiaoEmulator cainiao) {
    this.time = time;
    this.usps = usps;
    this.cainiao = cainiao;
  }

  /** Starts both emulators on free loopback ports, the clock at {@link #START}. */
  public static ShipbridgeSandbox start() {
    return start(START);
  }

  /** Starts both emulators on free loopback ports, the clock at {@code start}. */
  public static ShipbridgeSandbox start(Instant start) {
    MutableClock clock = MutableClock.startingAt(Objects.requireNonNull(start, "start"));
    UspsEmulator usps = UspsEmulator.start(clock);
    CainiaoEmulator cainiao;
    try {
      cainiao = CainiaoEmulator.start(clock);
    } catch (RuntimeException e) {
      usps.close();
      throw e;
    }
    cainiao.handOffTo(usps);
    return new ShipbridgeSandbox(new SandboxTime(clock), usps, cainiao);
  }

  /** The facade on both emulators, built on first use and closed with the sandbox. */
  public Shipbridge shipbridge() {
    Shipbridge s = shipbridge;
    if (s == null) {
      synchronized (this) {
        if (shipbridge == null) shipbridge = builder().build();
        s = shipbridge;
      }
    }
    return s;
  }

  /**
   * A builder configured like {@link #shipbridge()}, for a variant (another policy, an extra
   * carrier). Keep its clock, sleeper and resilience listener: they are the sandbox's time. Its
   * quote timeout is {@link #CALL_TIMEOUT}: a quote's deadline bounds its permit waits too, and in
   * the sandbox a quote queues for its permit rather than being refused.
   */
  public ShipbridgeBuilder builder() {
    return builder(cainiaoCarrier().build());
  }

  /**
   * {@link #builder()} with your Cainiao carrier in place of the default one: configure it from
   * {@link #cainiaoCarrier()}, for example with a solution that ends at US induction.
   *
   * <pre>{@code
   * sandbox.cainiao().offerSolution("CAINIAO_LINE_JFK", "Cainiao Line to JFK", 6, 9, 950, "CNY");
   * Shipbridge s = sandbox.builder(sandbox.cainiaoCarrier().usInduction("CAINIAO_LINE_JFK", jfk).build()).build();
   * }</pre>
   */
  public ShipbridgeBuilder builder(CainiaoCarrier cainiao) {
    return Shipbridge.builder().discoverCarriers(false)
        .carrier(uspsCarrier().build()).carrier(java.util.Objects.requireNonNull(cainiao, "cainiao"))
        .clock(time.clock()).sleeper(time).resilienceListener(time)
        .resilience(defaultPolicy()).quoteTimeout(CALL_TIMEOUT);
  }

  /** The sandbox's policy: callers queue for permits and concurrency slots instead of being refused. */
  public static ResiliencePolicy defaultPolicy() {
    return ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(QUEUE_FOR_QUOTA).callTimeout(CALL_TIMEOUT)
        .maxWaitForConcurrency(QUEUE_FOR_CONCURRENCY)).build();
  }

  /** USPS pointed at the emulator, with a demo payment account and the induction ZIP. */
  public UspsCarrier.Builder uspsCarrier() {
    return UspsCarrier.builder().baseUrl(usps.baseUrl())
        .clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip(INDUCTION_ZIP);
  }

  /** Cainiao pointed at the emulator: IOP for quotes, labels and tracking; LINK for pushes. */
  public CainiaoCarrier.Builder cainiaoCarrier() {
    return CainiaoCarrier.builder().iopBaseUrl(cainiao.iopBaseUrl())
        .appKey(cainiao.appKey()).appSecret(cainiao.appSecret()).accessToken(cainiao.accessToken())
        .linkBaseUrl(cainiao.linkBaseUrl())
        .linkProviderId(cainiao.logisticProviderId()).linkSecretKey(cainiao.linkSecretKey());
  }

  /** The clock the emulators and the facade read. Prefer {@link #advance}: it also wakes sleepers at once. */
  public MutableClock clock() {
    return time.clock();
  }

  /** Moves time forward: parcels move on, tokens age, and sleepers whose time has come wake. */
  public Instant advance(Duration by) {
    return time.advance(by);
  }

  /**
   * Moves the clock to the earliest wake-up of a sleeping caller and wakes it: one step of a test
   * that runs with {@link #autoAdvance(boolean) autoAdvance(false)}. Empty when nobody sleeps.
   * (A caller woken later than its rate-limit permit may give the permit up and queue again, as in
   * production; stepping wakes it exactly on time.)
   */
  public java.util.Optional<Instant> advanceToNextWakeUp() {
    return time.advanceToNextWakeUp();
  }

  /**
   * Whether sleepers move the clock themselves once no caller is busy (default true). Off, a retry
   * pause or a permit wait lasts until you {@link #advance} past it.
   */
  public ShipbridgeSandbox autoAdvance(boolean on) {
    time.autoAdvance(on);
    return this;
  }

  /** Hears the resilience events of the sandbox's facades (the sandbox keeps its own listener in front). */
  public ShipbridgeSandbox resilienceListener(ResilienceListener listener) {
    time.delegate(listener);
    return this;
  }

  /** How many callers are asleep (in a retry pause or a permit wait) right now. */
  public int sleepingCallers() {
    return time.sleeping();
  }

  /** The USPS emulator: inject faults, count requests. */
  public UspsEmulator usps() {
    return usps;
  }

  /** The Cainiao emulator: inject faults, count orders, produce pushes. */
  public CainiaoEmulator cainiao() {
    return cainiao;
  }

  @Override
  public void close() {
    try {
      Shipbridge s = shipbridge;
      if (s != null) s.close();
    } finally {
      try {
        cainiao.close();
      } finally {
        usps.close();
      }
    }
  }

  @Override
  public String toString() {
    return "ShipbridgeSandbox[usps=" + usps.baseUrl() + ", cainiao=" + cainiao.iopBaseUrl() + ", clock=" + time.clock() + "]";
  }
}
