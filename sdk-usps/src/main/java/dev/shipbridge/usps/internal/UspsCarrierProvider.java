package dev.shipbridge.usps.internal;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.usps.UspsCarrier;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds a {@link UspsCarrier} from settings (system properties, then environment variables):
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><td>{@code USPS_CLIENT_ID}, {@code USPS_CLIENT_SECRET}</td><td>required; without both, no carrier</td></tr>
 *   <tr><td>{@code USPS_ENVIRONMENT}</td><td>{@code PRODUCTION} (default) or {@code TEST}</td></tr>
 *   <tr><td>{@code USPS_BASE_URL}</td><td>a custom base URL; wins over the environment</td></tr>
 *   <tr><td>{@code USPS_CRID}, {@code USPS_MID}, {@code USPS_MANIFEST_MID}, {@code USPS_ACCOUNT_TYPE}
 *       ({@code EPS} default, or {@code PERMIT}), {@code USPS_ACCOUNT_NUMBER}, {@code USPS_PERMIT_ZIP}</td>
 *       <td>the payment account, when CRID, MID and account number are set</td></tr>
 *   <tr><td>{@code USPS_INDUCTION_ZIP}, {@code USPS_TRACKING_API}, {@code USPS_QUOTA_PER_HOUR}</td><td>optional</td></tr>
 * </table>
 *
 * A setting that is present but invalid throws {@link IllegalArgumentException} naming it.
 */
public final class UspsCarrierProvider implements CarrierProvider {
  @Override
  public CarrierId id() {
    return CarrierId.USPS;
  }

  @Override
  public Optional<Carrier> create(Settings settings) {
    Optional<String> id = settings.get("USPS_CLIENT_ID");
    Optional<String> secret = settings.get("USPS_CLIENT_SECRET");
    if (id.isEmpty() || secret.isEmpty()) return Optional.empty();
    UspsCarrier.Builder b = UspsCarrier.builder().clientId(id.get()).clientSecret(secret.get());
    settings.get("USPS_ENVIRONMENT").ifPresent(e -> b.environment(parse(UspsCarrier.Environment.class, "USPS_ENVIRONMENT", e)));
    settings.get("USPS_BASE_URL").ifPresent(u -> {
      try {
        b.baseUrl(u);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("USPS_BASE_URL: " + ex.getMessage(), ex);
      }
    });
    Optional<String> crid = settings.get("USPS_CRID");
    Optional<String> mid = settings.get("USPS_MID");
    Optional<String> account = settings.get("USPS_ACCOUNT_NUMBER");
    if (crid.isPresent() && mid.isPresent() && account.isPresent()) {
      UspsCarrier.AccountType type = settings.get("USPS_ACCOUNT_TYPE")
          .map(t -> parse(UspsCarrier.AccountType.class, "USPS_ACCOUNT_TYPE", t)).orElse(UspsCarrier.AccountType.EPS);
      try {
        b.paymentAccount(new UspsCarrier.PaymentAccount(crid.get(), mid.get(),
            settings.get("USPS_MANIFEST_MID").orElse(mid.get()), type, account.get(),
            settings.get("USPS_PERMIT_ZIP").orElse(null)));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("USPS payment account settings: " + ex.getMessage(), ex);
      }
    }
    settings.get("USPS_INDUCTION_ZIP").ifPresent(b::inductionZip);
    settings.get("USPS_TRACKING_API").ifPresent(t -> b.trackingApi(parse(UspsCarrier.TrackingApi.class, "USPS_TRACKING_API", t)));
    settings.get("USPS_QUOTA_PER_HOUR").ifPresent(q -> {
      try {
        b.quotaPerHour(Integer.parseInt(q.strip()));
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("USPS_QUOTA_PER_HOUR must be a whole number", ex);
      }
    });
    return Optional.of(b.build());
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()), e);
    }
  }
}
