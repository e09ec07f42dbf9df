package dev.shipbridge.tracking;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.RateLimit;
import java.util.Objects;

/**
 * What one carrier account may spend on tracking: its quota, spent one call at a time at even
 * spacing ({@link RateLimit#interval()}), and how many numbers one call carries.
 *
 * <pre>{@code
 * builder.budget(CarrierId.USPS, new CarrierBudget(RateLimit.perHour(600), 35)); // a raised USPS quota
 * }</pre>
 *
 * @param quota the carrier's tracking quota for one account
 * @param numbersPerCall the carrier's batch size (USPS: 35; Cainiao: 1)
 */
public record CarrierBudget(RateLimit quota, int numbersPerCall) {
  /** USPS: 60 calls an hour per API (its default product), 35 numbers a tracking call. */
  public static final CarrierBudget USPS = new CarrierBudget(RateLimit.perHour(60), 35);
  /**
   * Cainiao: one number a call; no LINK rate limit is published, so 60 calls a minute is an
   * assumption to lower or raise with your contract.
   */
  public static final CarrierBudget CAINIAO = new CarrierBudget(RateLimit.perMinute(60), 1);
  /** Any other carrier until told: 60 calls a minute, one number a call. */
  public static final CarrierBudget OTHER = new CarrierBudget(RateLimit.perMinute(60), 1);

  public CarrierBudget {
    Objects.requireNonNull(quota, "quota");
    if (numbersPerCall < 1) throw new IllegalArgumentException("numbersPerCall must be at least 1");
  }

  static CarrierBudget defaultFor(CarrierId carrier) {
    if (carrier.equals(CarrierId.USPS)) return USPS;
    if (carrier.equals(CarrierId.CAINIAO)) return CAINIAO;
    return OTHER;
  }
}
