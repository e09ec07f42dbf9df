package dev.shipbridge.internal;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carriers a {@code Shipbridge} is built with: the builder's, plus (when asked) those found
 * through {@link ServiceLoader}; every problem is thrown at once in one {@link ConfigurationException}.
 */
public final class CarrierConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CarrierConfiguration.class);

  private CarrierConfiguration() {}

  /** The carriers by id; a given carrier wins over a discovered one, two given (or found) with one id are a problem. */
  public static Map<CarrierId, Carrier> resolve(List<Carrier> carriers, boolean discover,
      ClassLoader loader, CarrierProvider.Settings settings) {
    List<ConfigurationException.Problem> problems = new ArrayList<>();
    List<Source> discovered = discover ? discover(loader, settings, problems) : List.of();
    Map<CarrierId, Source> merged = new LinkedHashMap<>();
    for (Carrier c : carriers) {
      putUnique(merged, new Source(c, "builder carrier(" + c.getClass().getName() + ")"), problems);
    }
    Map<CarrierId, Source> found = new LinkedHashMap<>();
    for (Source s : discovered) {
      Source given = merged.get(s.carrier().id());
      if (given == null) putUnique(found, s, problems);
      else log.debug("Carrier {} from {} is ignored: the builder gave {}", s.carrier().id(), s.origin(),
          given.origin());
    }
    merged.putAll(found);
    if (problems.isEmpty() && merged.isEmpty()) {
      problems.add(new ConfigurationException.Problem("carriers", "builder", discover
          ? "no carrier is configured: discovery found none (no provider's settings are set); pass one with carrier(...)"
          : "no carrier is configured: pass one with carrier(...), or opt in to discovery with discoverCarriers(true)"));
    }
    if (!problems.isEmpty()) throw new ConfigurationException(problems);
    Map<CarrierId, Carrier> out = new LinkedHashMap<>();
    merged.forEach((id, s) -> out.put(id, s.carrier()));
    return out;
  }

  /** A carrier given by the user or discovered, and where it came from (for error messages). */
  private record Source(Carrier carrier, String origin) {}

  private static void putUnique(Map<CarrierId, Source> map, Source s,
      List<ConfigurationException.Problem> problems) {
    Source prev = map.putIfAbsent(s.carrier().id(), s);
    if (prev != null) {
      problems.add(new ConfigurationException.Problem("carriers", "builder", "Duplicate carrier id '"
          + s.carrier().id() + "': " + prev.origin() + " and " + s.origin() + ". Give each carrier once."));
    }
  }

  /** Carriers of every {@link CarrierProvider} that finds its settings; a failing provider adds to {@code problems}. */
  static List<Source> discover(ClassLoader loader, CarrierProvider.Settings settings,
      List<ConfigurationException.Problem> problems) {
    List<Source> out = new ArrayList<>();
    var it = ServiceLoader.load(CarrierProvider.class, loader).iterator();
    while (true) {
      CarrierProvider p;
      try {
        if (!it.hasNext()) break;
        p = it.next();
      } catch (ServiceConfigurationError e) {
        problems.add(new ConfigurationException.Problem("META-INF/services/" + CarrierProvider.class.getName(),
            "discovery", "a carrier provider could not be loaded: " + e.getMessage()));
        continue;
      }
      String origin = "discovery: provider " + p.getClass().getName();
      if (p.spiVersion() != CarrierProvider.SPI_VERSION) {
        problems.add(new ConfigurationException.Problem("spiVersion", origin, "written for SPI version "
            + p.spiVersion() + ", this Shipbridge speaks " + CarrierProvider.SPI_VERSION));
        continue;
      }
      try {
        p.create(settings).ifPresent(c -> out.add(new Source(c, origin)));
      } catch (ConfigurationException e) {
        for (ConfigurationException.Problem problem : e.problems()) {
          problems.add(new ConfigurationException.Problem(problem.setting(), origin, problem.message()));
        }
      } catch (RuntimeException e) {
        problems.add(new ConfigurationException.Problem(p.id().value(), origin, String.valueOf(e.getMessage())));
      }
    }
    log.debug("Discovery found {} carrier(s)", out.size());
    return out;
  }
}
