package dev.shipbridge.model;

import java.util.Locale;
import java.util.Objects;

/**
 * The carrier and number a parcel continues under after a hand-over (Cainiao to USPS for the last
 * mile), also when no carrier configured here serves it ({@link #carrier()} null). An adapter
 * reports what its carrier said ({@link #hinted}); {@code Shipbridge} routes it by the configured
 * carriers' tracking-number matchers (the hint breaking a tie) and follows the parcel there.
 *
 * <pre>{@code
 * Tracking t = shipbridge.track("LP00123456789012");
 * t.handoffTo().ifPresent(h -> System.out.println(h.carrierName() + " " + h.trackingNumber()
 *     + (h.carrier() == null ? " (not configured here)" : "")));
 * }</pre>
 *
 * @param carrier the next carrier when one configured here serves it, or null
 * @param trackingNumber the number it continues under, or null when the first carrier gave none
 * @param carrierName the next carrier as named ({@code "USPS"}, {@code "PostNL"}), or its id when
 *     only the id is known; null when unnamed
 */
public record Handoff(CarrierId carrier, String trackingNumber, String carrierName) {
  public Handoff {
    trackingNumber = blank(trackingNumber);
    carrierName = blank(carrierName);
    if (carrierName != null && carrierName.length() > 64) carrierName = carrierName.substring(0, 64);
    if (carrierName == null && carrier != null) carrierName = carrier.value();
  }

  /** A handoff to a known carrier and number. */
  public Handoff(CarrierId carrier, String trackingNumber) {
    this(carrier, trackingNumber, null);
  }

  /** What a carrier says about the next one: a name (or code) and a number, either possibly null. */
  public static Handoff hinted(String carrierName, String trackingNumber) {
    return new Handoff(null, trackingNumber, carrierName);
  }

  /** The same handoff resolved to {@code next}, keeping the name the first carrier gave. */
  public Handoff routedTo(CarrierId next) {
    return new Handoff(next, trackingNumber, carrierName);
  }

  /**
   * Same carrier (by id when both are known, else by name, ignoring case) and same number: how the
   * first carrier spelled the name does not make another handoff.
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Handoff h)) return false;
    if (!Objects.equals(trackingNumber, h.trackingNumber)) return false;
    if (carrier != null || h.carrier != null) return Objects.equals(carrier, h.carrier);
    return Objects.equals(lower(carrierName), lower(h.carrierName));
  }

  @Override
  public int hashCode() {
    return Objects.hash(carrier != null ? carrier : lower(carrierName), trackingNumber);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
