package dev.shipbridge.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The time limits of one HTTP attempt: the connect timeout, the read (and write) timeout, and the
 * whole attempt (OkHttp's call timeout, which also cuts off a server that dribbles its answer
 * inside the read timeout). {@code label} names the attempt in the exchange log ({@code usps
 * LABEL attempt 2}).
 *
 * <p>{@link HttpTransport#execute(dev.shipbridge.model.CarrierId, okhttp3.Request, RequestSafety,
 * String, AttemptLimits)} takes them as a parameter. The facade's resilience layer computes them
 * for each attempt of a carrier call (the operation's timeouts, the attempt timeout shortened to
 * what is left of the whole call) and runs the attempt inside {@link #apply(Supplier)}, so the
 * adapter's plain {@code execute} calls during that attempt get them too.
 *
 * <pre>{@code
 * AttemptLimits limits = new AttemptLimits("acme TRACK attempt 1", Duration.ofSeconds(5),
 *     Duration.ofSeconds(10), Duration.ofSeconds(15));
 * HttpResult r = transport.execute(ID, request, RequestSafety.IDEMPOTENT, null, limits);
 * }</pre>
 *
 * @param label what the exchange log calls the attempt, or null
 * @param connectTimeout TCP and TLS connect timeout
 * @param readTimeout the longest silence while reading or writing
 * @param timeout the whole attempt, connect to last byte
 */
public record AttemptLimits(String label, Duration connectTimeout, Duration readTimeout, Duration timeout) {
  private static final ThreadLocal<AttemptLimits> RUNNING = new ThreadLocal<>();

  public AttemptLimits {
    positive(connectTimeout, "connectTimeout");
    positive(readTimeout, "readTimeout");
    positive(timeout, "timeout");
  }

  /**
   * Runs {@code attempt}, giving these limits to every {@link HttpTransport#execute} call it makes
   * on this thread without limits of its own; what applied before is restored afterwards.
   */
  public <T> T apply(Supplier<T> attempt) {
    AttemptLimits previous = RUNNING.get();
    RUNNING.set(this);
    try {
      return attempt.get();
    } finally {
      if (previous == null) RUNNING.remove();
      else RUNNING.set(previous);
    }
  }

  /** The limits of the attempt running on this thread ({@link #apply}), if any. */
  public static Optional<AttemptLimits> running() {
    return Optional.ofNullable(RUNNING.get());
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive");
  }
}
