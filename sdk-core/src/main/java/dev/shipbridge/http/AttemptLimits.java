package dev.shipbridge.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of one attempt of a carrier call: connect and read (and write) timeouts and one
 * deadline every HTTP exchange of the attempt shares (a token fetch leaves the call only the rest,
 * which {@code HttpTransport.execute} applies as OkHttp's call timeout; an exchange due after the
 * deadline is not sent). The resilience layer makes one per attempt and hands it to {@link
 * dev.shipbridge.spi.Carrier#forAttempt(AttemptLimits)}; a value bound to no thread.
 *
 * <pre>{@code
 * AttemptLimits limits = AttemptLimits.startingNow("acme TRACK attempt 1", Duration.ofSeconds(5),
 *     Duration.ofSeconds(10), Duration.ofSeconds(15));
 * HttpResult token = transport.execute(ID, tokenRequest, RequestSafety.IDEMPOTENT, null, limits);
 * HttpResult r = transport.execute(ID, request, RequestSafety.IDEMPOTENT, null, limits); // what is left of 15 s
 * }</pre>
 *
 * <p>The deadline is on {@link System#nanoTime()}'s scale, as OkHttp's timeouts are.
 */
public final class AttemptLimits {
  private final String label;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final long deadlineNanos;

  private AttemptLimits(String label, Duration connectTimeout, Duration readTimeout, long deadlineNanos) {
    this.label = label;
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    this.readTimeout = positive(readTimeout, "readTimeout");
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Limits of an attempt that starts now and must end within {@code timeout}.
   *
   * @param label what the exchange log calls the attempt, or null
   * @param connectTimeout TCP and TLS connect timeout of each exchange
   * @param readTimeout the longest silence while reading or writing
   * @param timeout the whole attempt, every exchange of it together, connect to last byte
   */
  public static AttemptLimits startingNow(String label, Duration connectTimeout, Duration readTimeout, Duration timeout) {
    return until(label, connectTimeout, readTimeout, System.nanoTime() + positive(timeout, "timeout").toNanos());
  }

  /** Limits ending at {@code deadlineNanos} on {@link System#nanoTime()}'s scale (tests: a deadline already past). */
  static AttemptLimits until(String label, Duration connectTimeout, Duration readTimeout, long deadlineNanos) {
    return new AttemptLimits(label, connectTimeout, readTimeout, deadlineNanos);
  }

  /** What the exchange log calls the attempt, or null. */
  public String label() {
    return label;
  }

  /** TCP and TLS connect timeout of each exchange. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The longest silence while reading or writing. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** What is left of the attempt: zero once its deadline has passed. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, remainingNanos()));
  }

  long remainingNanos() {
    return deadlineNanos - System.nanoTime();
  }

  @Override
  public String toString() {
    return "AttemptLimits[" + label + ", connect " + connectTimeout + ", read " + readTimeout + ", "
        + remaining().toMillis() + " ms left]";
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    return d;
  }
}
