package dev.shipbridge.cainiao.internal;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.account.Preflight;
import dev.shipbridge.account.Preflight.Check;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.PreflightCapability;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cainiao's preflight: the cheapest signed read, tracking an LP code no parcel has. Cainiao checks
 * the app key, signature and access token before it looks the number up, so an answer (or "not
 * found") proves the keys; a refusal for the signature, app key or token fails the check.
 */
public final class CainiaoPreflight implements PreflightCapability {
  /** An LP code of the right form that names no parcel. */
  static final String PROBE = "LP00000000000000";

  private final CarrierId id;
  private final CainiaoConfig config;
  private final Consumer<String> track;

  public CainiaoPreflight(CainiaoConfig config, Consumer<String> track) {
    this.id = config.id();
    this.config = config;
    this.track = track;
  }

  /** The quota key of a configuration: AliExpress counts calls per app, so a digest of the app key ("" without one). */
  public static String quotaKey(CainiaoConfig config) {
    if (config.appKey() == null) return "";
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(config.appKey().getBytes(StandardCharsets.UTF_8));
      return "app:" + HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public List<Preflight.Check> preflight() {
    if (!config.hasIop() && !config.hasLink()) {
      return List.of(Check.skipped(id, "keys", "no IOP or LINK keys configured: nothing to check"));
    }
    try {
      track.accept(PROBE);
      return List.of(Check.ok(id, "keys", "a signed tracking read was answered"));
    } catch (NotFoundException e) {
      return List.of(Check.ok(id, "keys", "a signed tracking read was answered (no such parcel, as expected)"));
    } catch (AuthenticationException e) {
      return List.of(Check.failed(id, "keys", e.getMessage()));
    } catch (ShipbridgeException e) {
      return List.of(Check.failed(id, "keys", "could not be checked: " + e.getMessage()));
    }
  }
}
