package dev.shipbridge.it;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Run by {@link ModulePathTest} in a fresh JVM with the library modules on the module path and this
 * class (with the testkit emulators) on the class path. Prints one {@code key=value} line per finding;
 * fails with a non-zero exit when the library cannot be used there.
 */
public final class ModulePathMain {
  static final String NUMBER = "9200190132607600833457";

  private ModulePathMain() {}

  public static void main(String[] args) throws Exception {
    Module core = Shipbridge.class.getModule();
    System.out.println("core.module=" + core.getName());
    System.out.println("main.named=" + ModulePathMain.class.getModule().isNamed());
    Set<String> providers = new TreeSet<>();
    ServiceLoader.load(CarrierProvider.class).stream()
        .forEach(p -> providers.add(p.type().getModule().getName() + "/" + p.type().getName()));
    System.out.println("providers=" + providers);
    for (String name : new String[] {"dev.shipbridge.core", "dev.shipbridge.usps", "dev.shipbridge.cainiao"}) {
      Module m = ModuleLayer.boot().findModule(name).orElseThrow(() -> new IllegalStateException("no module " + name));
      for (String pkg : new TreeSet<>(m.getPackages())) {
        System.out.println("package " + name + "/" + pkg + " exported=" + m.isExported(pkg)
            + " openToJackson=" + m.isOpen(pkg, jackson()));
      }
    }
    System.out.println("internal.access=" + tryInternal());

    MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
    try (UspsEmulator usps = UspsEmulator.start(clock); CainiaoEmulator cainiao = CainiaoEmulator.start(clock)) {
      usps.expectInboundParcel(NUMBER, clock.instant());
      Map<String, String> env = new HashMap<>();
      env.put("USPS_CLIENT_ID", usps.clientId());
      env.put("USPS_CLIENT_SECRET", usps.clientSecret());
      env.put("USPS_BASE_URL", usps.baseUrl());
      env.put("CAINIAO_APP_KEY", CainiaoEmulator.DEFAULT_APP_KEY);
      env.put("CAINIAO_APP_SECRET", CainiaoEmulator.DEFAULT_APP_SECRET);
      env.put("CAINIAO_ACCESS_TOKEN", CainiaoEmulator.DEFAULT_ACCESS_TOKEN);
      env.put("CAINIAO_IOP_URL", cainiao.iopBaseUrl());
      env.put("CAINIAO_LINK_PROVIDER_ID", CainiaoEmulator.DEFAULT_LOGISTIC_PROVIDER_ID);
      env.put("CAINIAO_LINK_SECRET", CainiaoEmulator.DEFAULT_LINK_SECRET_KEY);
      env.put("CAINIAO_LINK_URL", cainiao.linkBaseUrl());
      ResiliencePolicy permissive = ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
          .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build();
      Map<String, ResiliencePolicy> policies = new LinkedHashMap<>();
      policies.put("default", null);
      policies.put("permissive", permissive);
      for (Map.Entry<String, ResiliencePolicy> policy : policies.entrySet()) {
        ShipbridgeBuilder builder = Shipbridge.builder().discoverCarriers(true).clock(clock).sleeper(d -> { })
            .settings(name -> Optional.ofNullable(env.get(name)));
        if (policy.getValue() != null) builder.resilience(policy.getValue());
        String at = policy.getKey() + ".";
        try (Shipbridge sb = builder.build()) {
          System.out.println(at + "carriers=" + sb.carriers());
          Tracking t = sb.track(CarrierId.USPS, NUMBER);
          System.out.println(at + "usps.track=" + t.carrier() + " " + t.status() + " events=" + t.events().size());
          QuoteRequest cross = QuoteRequest.builder().from(Requests.SHENZHEN).to(Requests.BROOKLYN)
              .parcel(Requests.BOX).customs(Requests.CUSTOMS).build();
          Set<CarrierId> quoted = new TreeSet<>();
          sb.quote(cross).quotes().stream().map(Quote::carrier).forEach(quoted::add);
          System.out.println(at + "quoted=" + quoted);
        }
      }
    }
  }

  private static Module jackson() {
    return ModuleLayer.boot().findModule("com.fasterxml.jackson.databind").orElseThrow();
  }

  /** Reflective access from the class path to a public class of an unexported package must be refused. */
  private static String tryInternal() {
    try {
      Class<?> c = Class.forName("dev.shipbridge.usps.internal.UspsCarrierProvider");
      c.getConstructor().newInstance();
      return "allowed";
    } catch (IllegalAccessException e) {
      return "refused";
    } catch (ReflectiveOperationException e) {
      return "error " + e;
    }
  }
}
