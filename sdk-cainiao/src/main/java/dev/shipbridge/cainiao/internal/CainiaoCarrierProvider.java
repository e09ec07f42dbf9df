package dev.shipbridge.cainiao.internal;

import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers a {@link CainiaoCarrier} from system properties or environment variables:
 *
 * <ul>
 *   <li>IOP: {@code CAINIAO_APP_KEY}, {@code CAINIAO_APP_SECRET}, {@code CAINIAO_ACCESS_TOKEN}
 *       (all three, or none);
 *   <li>LINK: {@code CAINIAO_LINK_PROVIDER_ID}, {@code CAINIAO_LINK_SECRET} (both, or none);
 *   <li>{@code CAINIAO_ENVIRONMENT} ({@code production}, {@code pre-production}, {@code
 *       sandbox}), {@code CAINIAO_IOP_URL}, {@code CAINIAO_LINK_URL}, and {@code
 *       CAINIAO_PUBLIC_TRACKING=true} to opt in to the public tracking page.
 * </ul>
 *
 * Empty when neither credential set is complete. Registered in {@code
 * META-INF/services/dev.shipbridge.spi.CarrierProvider}.
 */
public final class CainiaoCarrierProvider implements CarrierProvider {
  private static final Logger log = LoggerFactory.getLogger(CainiaoCarrierProvider.class);

  public CainiaoCarrierProvider() {}

  @Override
  public CarrierId id() {
    return CarrierId.CAINIAO;
  }

  @Override
  public Optional<Carrier> create(Settings s) {
    Optional<String> key = s.get("CAINIAO_APP_KEY");
    Optional<String> secret = s.get("CAINIAO_APP_SECRET");
    Optional<String> token = s.get("CAINIAO_ACCESS_TOKEN");
    Optional<String> provider = s.get("CAINIAO_LINK_PROVIDER_ID");
    Optional<String> linkSecret = s.get("CAINIAO_LINK_SECRET");
    boolean iop = key.isPresent() && secret.isPresent() && token.isPresent();
    boolean link = provider.isPresent() && linkSecret.isPresent();
    if (!iop && (key.isPresent() || secret.isPresent() || token.isPresent())) {
      log.warn("Cainiao IOP settings are incomplete: CAINIAO_APP_KEY, CAINIAO_APP_SECRET and CAINIAO_ACCESS_TOKEN "
          + "are needed together; IOP calls are not configured");
    }
    if (!link && (provider.isPresent() || linkSecret.isPresent())) {
      log.warn("Cainiao LINK settings are incomplete: CAINIAO_LINK_PROVIDER_ID and CAINIAO_LINK_SECRET are needed "
          + "together; LINK calls are not configured");
    }
    if (!iop && !link) return Optional.empty();
    CainiaoCarrier.Builder b = CainiaoCarrier.builder();
    if (iop) b.appKey(key.get()).appSecret(secret.get()).accessToken(token.get());
    if (link) b.linkProviderId(provider.get()).linkSecretKey(linkSecret.get());
    s.get("CAINIAO_ENVIRONMENT").ifPresent(e -> b.environment(environment(e)));
    s.get("CAINIAO_IOP_URL").ifPresent(b::iopBaseUrl);
    s.get("CAINIAO_LINK_URL").ifPresent(b::linkBaseUrl);
    s.get("CAINIAO_PUBLIC_TRACKING").ifPresent(v -> b.publicTracking(Boolean.parseBoolean(v.trim())));
    return Optional.of(b.build());
  }

  static CainiaoCarrier.Environment environment(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return switch (v) {
      case "PRODUCTION", "PROD" -> CainiaoCarrier.Environment.PRODUCTION;
      case "PRE_PRODUCTION", "PREPRODUCTION", "PRE", "PRELINK" -> CainiaoCarrier.Environment.PRE_PRODUCTION;
      case "SANDBOX", "DAILY", "TEST" -> CainiaoCarrier.Environment.SANDBOX;
      default -> throw new IllegalArgumentException("CAINIAO_ENVIRONMENT must be production, pre-production or sandbox");
    };
  }
}
