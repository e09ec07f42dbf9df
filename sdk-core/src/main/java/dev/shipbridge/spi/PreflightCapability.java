package dev.shipbridge.spi;

import dev.shipbridge.account.Preflight;
import java.util.List;

/**
 * Checks, without buying anything, what this carrier's account can use: a token obtainable,
 * scopes granted, payment authorization possible, keys valid. Called by {@code
 * Shipbridge.preflight()} once, outside retries and rate limiters; a refusal is a {@link
 * Preflight.Status#FAILED} check saying what to do, never an exception. A carrier without it is
 * reported as not checked.
 *
 * <pre>{@code
 * public List<Preflight.Check> preflight() {
 *   try {
 *     client.token();
 *     return List.of(Preflight.Check.ok(id(), "token", "obtained"));
 *   } catch (CarrierException e) {
 *     return List.of(Preflight.Check.failed(id(), "token", e.getMessage()));
 *   }
 * }
 * }</pre>
 */
public interface PreflightCapability extends Capability {
  /** The checks, each passed, failed or skipped; never throws for a carrier's refusal. */
  List<Preflight.Check> preflight();
}
