package dev.shipbridge.usps.internal;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.usps.UspsCarrier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
 * Every setting that is present but invalid, or a credential or payment-account set that is
 * incomplete, is reported at once in one {@link ConfigurationException} naming each variable.
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
    List<ConfigurationException.Problem> problems = new ArrayList<>();
    if (id.isEmpty() || secret.isEmpty()) {
      if (id.isPresent() || secret.isPresent()) {
        problem(problems, id.isEmpty() ? "USPS_CLIENT_ID" : "USPS_CLIENT_SECRET",
            "is not set, but " + (id.isEmpty() ? "USPS_CLIENT_SECRET" : "USPS_CLIENT_ID") + " is: set both, or neither");
        throw new ConfigurationException(problems);
      }
      return Optional.empty();
    }
    UspsCarrier.Builder b = UspsCarrier.builder().clientId(id.get()).clientSecret(secret.get());
    apply(problems, settings, "USPS_ENVIRONMENT", b, (x, e) -> x.environment(parse(UspsCarrier.Environment.class, e)));
    apply(problems, settings, "USPS_BASE_URL", b, UspsCarrier.Builder::baseUrl);
    Optional<String> crid = settings.get("USPS_CRID");
    Optional<String> mid = settings.get("USPS_MID");
    Optional<String> account = settings.get("USPS_ACCOUNT_NUMBER");
    if (crid.isPresent() && mid.isPresent() && account.isPresent()) {
      UspsCarrier.AccountType[] type = {UspsCarrier.AccountType.EPS};
      apply(problems, settings, "USPS_ACCOUNT_TYPE", t -> type[0] = parse(UspsCarrier.AccountType.class, t));
      try {
        b.paymentAccount(new UspsCarrier.PaymentAccount(crid.get(), mid.get(),
            settings.get("USPS_MANIFEST_MID").orElse(mid.get()), type[0], account.get(),
            settings.get("USPS_PERMIT_ZIP").orElse(null)));
      } catch (IllegalArgumentException ex) {
        problem(problems, "USPS_CRID, USPS_MID, USPS_ACCOUNT_NUMBER", ex.getMessage());
      }
    } else if (crid.isPresent() || mid.isPresent() || account.isPresent()) {
      problem(problems, "USPS_CRID, USPS_MID, USPS_ACCOUNT_NUMBER", "the payment account needs all three; "
          + "set " + String.join(", ", Stream.of("USPS_CRID", "USPS_MID", "USPS_ACCOUNT_NUMBER")
          .filter(n -> settings.get(n).isEmpty()).toList()) + " too, or none");
    }
    apply(problems, settings, "USPS_INDUCTION_ZIP", b, UspsCarrier.Builder::inductionZip);
    apply(problems, settings, "USPS_TRACKING_API", b, (x, t) -> x.trackingApi(parse(UspsCarrier.TrackingApi.class, t)));
    apply(problems, settings, "USPS_QUOTA_PER_HOUR", b, (x, q) -> {
      int n;
      try {
        n = Integer.parseInt(q.strip());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("must be a whole number");
      }
      x.quotaPerHour(n);
    });
    if (!problems.isEmpty()) throw new ConfigurationException(problems);
    return Optional.of(b.build());
  }

  /** Applies a present setting; what its setter refuses becomes a problem naming the variable, never its value. */
  private static void apply(List<ConfigurationException.Problem> problems, Settings settings, String name,
      Consumer<String> setter) {
    settings.get(name).ifPresent(v -> {
      try {
        setter.accept(v);
      } catch (IllegalArgumentException ex) {
        problem(problems, name, ex.getMessage());
      }
    });
  }

  /**
   * Applies a present setting to {@code b} when the builder accepts it; what the builder records
   * as a problem becomes a problem naming the variable, never its value.
   */
  private static void apply(List<ConfigurationException.Problem> problems, Settings settings, String name,
      UspsCarrier.Builder b, BiConsumer<UspsCarrier.Builder, String> setter) {
    apply(problems, settings, name, v -> {
      UspsCarrier.Builder probe = UspsCarrier.builder().clientId("discovery-probe").clientSecret("discovery-probe");
      setter.accept(probe, v);
      try {
        probe.build();
      } catch (ConfigurationException ex) {
        throw new IllegalArgumentException(ex.problems().get(0).message());
      }
      setter.accept(b, v);
    });
  }

  private static void problem(List<ConfigurationException.Problem> problems, String name, String message) {
    problems.add(new ConfigurationException.Problem(name, "usps discovery", message));
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be one of " + Arrays.toString(type.getEnumConstants()), e);
    }
  }
}
