package dev.shipbridge.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of one attempt of a carrier call: the connect timeout, the read (and write)
 * timeout, and an absolute deadline that every HTTP exchange of the attempt shares. An attempt
 * that fetches a token and then makes the call gives the call only what the token fetch left of
 * the attempt timeout, and {@link HttpTransport#execute(dev.shipbridge.model.CarrierId,
 * okhttp3.Request, RequestSafety, String, AttemptLimits)} applies that rest as OkHttp's call
 * timeout (which also cuts off a server that dribbles its answer inside the read timeout); an
 * exchange started after the deadline is not sent. {@code label} names the attempt in the
 * exchange log ({@code usps LABEL attempt 2}).
 *
 * <p>The facade's resilience layer makes one per attempt (the operation's timeouts, the attempt
 * timeout shortened to what is left of the whole call) and hands it to {@link
 * dev.shipbridge.spi.Carrier#forAttempt(AttemptLimits)}: an adapter passes it to every {@code
 * execute} of that attempt. It is a value, bound to no thread: an attempt that hands work to
 * another thread hands it the limits too.
 *
 * <pre>{@code
 * AttemptLimits limits = AttemptLimits.startingNow("acme TRACK attempt 1", Duration.ofSeconds(5),
 *     Duration.ofSeconds(10), Duration.ofSeconds(15));
 * HttpResult token = transport.execute(ID, tokenRequest, RequestSafety.IDEMPOTENT, null, limits);
 * HttpResult r = transport.execute(ID, request, RequestSafety.IDEMPOTENT, null, limits); // what is left of 15 s
 * }</pre>
 *
 * <p>The deadline is on {@link System#nanoTime()}'s scale, the clock OkHttp's own timeouts run on
 * (an injected {@link java.time.Clock} does not slow a socket down).
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
