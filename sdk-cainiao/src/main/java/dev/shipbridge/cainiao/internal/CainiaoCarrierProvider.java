package dev.shipbridge.cainiao.internal;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Discovers a {@link CainiaoCarrier} from the {@code CAINIAO_*} system properties or environment
 * variables (README "Set-up" lists them; each credential set all or none). Empty when none is set;
 * a partial set and every invalid value reported at once in one {@link ConfigurationException}
 * naming each variable, never its value.
 */
public final class CainiaoCarrierProvider implements CarrierProvider {
  @Override
  public CarrierId id() {
    return CarrierId.CAINIAO;
  }

  @Override
  public Optional<Carrier> create(Settings s) {
    List<ConfigurationException.Problem> problems = new ArrayList<>();
    boolean iop = complete(s, problems, "IOP", "CAINIAO_APP_KEY", "CAINIAO_APP_SECRET", "CAINIAO_ACCESS_TOKEN");
    boolean link = complete(s, problems, "LINK", "CAINIAO_LINK_PROVIDER_ID", "CAINIAO_LINK_SECRET");
    boolean seller = complete(s, problems, "seller address",
        "CAINIAO_SENDER_ADDRESS_ID", "CAINIAO_RETURN_ADDRESS_ID", "CAINIAO_PICKUP_ADDRESS_ID");
    if (!iop && !link && problems.isEmpty()) return Optional.empty();
    CainiaoCarrier.Builder b = CainiaoCarrier.builder();
    if (iop) b.appKey(s.get("CAINIAO_APP_KEY").get()).appSecret(s.get("CAINIAO_APP_SECRET").get())
        .accessToken(s.get("CAINIAO_ACCESS_TOKEN").get());
    if (link) b.linkProviderId(s.get("CAINIAO_LINK_PROVIDER_ID").get()).linkSecretKey(s.get("CAINIAO_LINK_SECRET").get());
    if (seller) {
      apply(problems, s, "CAINIAO_SENDER_ADDRESS_ID", b, (x, v) -> x.sellerAddressIds(v,
          s.get("CAINIAO_RETURN_ADDRESS_ID").get(), s.get("CAINIAO_PICKUP_ADDRESS_ID").get()));
    }
    apply(problems, s, "CAINIAO_ENVIRONMENT", b, (x, e) -> x.environment(environment(e)));
    apply(problems, s, "CAINIAO_IOP_URL", b, CainiaoCarrier.Builder::iopBaseUrl);
    apply(problems, s, "CAINIAO_LINK_URL", b, CainiaoCarrier.Builder::linkBaseUrl);
    apply(problems, s, "CAINIAO_PUBLIC_TRACKING", b, (x, v) -> {
      String t = v.strip().toLowerCase(Locale.ROOT);
      if (!t.equals("true") && !t.equals("false")) throw new IllegalArgumentException("must be true or false");
      x.publicTracking(t.equals("true"));
    });
    if (!problems.isEmpty()) throw new ConfigurationException(problems);
    return Optional.of(b.build());
  }

  /** All of a set of variables, or none; a partial set is a problem naming the missing ones. */
  private static boolean complete(Settings s, List<ConfigurationException.Problem> problems, String what, String... names) {
    List<String> missing = Arrays.stream(names).filter(n -> s.get(n).isEmpty()).toList();
    if (!missing.isEmpty() && missing.size() < names.length) {
      problems.add(new ConfigurationException.Problem(String.join(", ", missing), "cainiao discovery",
          "not set; the " + what + " settings " + String.join(", ", names) + " are needed together"));
    }
    return missing.isEmpty();
  }

  /**
   * Applies a present variable to {@code b}; what the parsing or the builder refuses (tried first
   * on a throwaway builder) becomes a problem naming the variable, never its value.
   */
  private static void apply(List<ConfigurationException.Problem> problems, Settings s, String name,
      CainiaoCarrier.Builder b, BiConsumer<CainiaoCarrier.Builder, String> setter) {
    s.get(name).ifPresent(v -> {
      try {
        // complete on its own (IOP credentials), so only the variable's own problem can fail it
        CainiaoCarrier.Builder probe = CainiaoCarrier.builder().appKey("discovery-probe").appSecret("discovery-probe")
            .accessToken("discovery-probe").publicTracking(true);
        setter.accept(probe, v);
        try {
          probe.build();
        } catch (ConfigurationException ex) {
          throw new IllegalArgumentException(ex.problems().get(0).message());
        }
        setter.accept(b, v);
      } catch (IllegalArgumentException ex) {
        problems.add(new ConfigurationException.Problem(name, "cainiao discovery", ex.getMessage()));
      }
    });
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
