package dev.shipbridge.internal;

import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.spi.Capability;
import dev.shipbridge.spi.Carrier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The carriers of one Shipbridge, by id, and routing of tracking numbers to them. */
public final class CarrierRegistry {
  private final Map<CarrierId, Carrier> carriers;

  public CarrierRegistry(Map<CarrierId, Carrier> carriers) {
    this.carriers = Collections.unmodifiableMap(new LinkedHashMap<>(carriers));
  }

  public List<CarrierId> ids() {
    return List.copyOf(carriers.keySet());
  }

  /** The carrier, or a {@link ValidationException} naming the configured ones. */
  public Carrier require(CarrierId id) {
    Carrier c = carriers.get(id);
    if (c == null) {
      throw ValidationException.of("carrier", "'" + id + "' is not configured; configured: " + ids());
    }
    return c;
  }

  /** The capability of a carrier, or a {@link ValidationException} saying it has none. */
  public <T extends Capability> T require(CarrierId id, Class<T> capability) {
    return require(id).capability(capability).orElseThrow(() -> ValidationException.of("carrier",
        "'" + id + "' cannot do " + capability.getSimpleName().replace("Capability", "")
            .replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase()));
  }

  /** {@code capability} of the configured carrier {@code id}; empty when there is none or it cannot. */
  public <T extends Capability> Optional<T> find(CarrierId id, Class<T> capability) {
    Carrier c = carriers.get(id);
    return c == null ? Optional.empty() : c.capability(capability);
  }

  /** The carriers having a capability, in registration order. */
  public <T extends Capability> List<CarrierId> having(Class<T> capability) {
    return carriers.values().stream().filter(c -> c.capability(capability).isPresent())
        .map(Carrier::id).toList();
  }

  /** Whether {@code c}'s matcher claims {@code number}; a matcher that throws (or is missing) is the adapter's bug, named. */
  private static boolean claims(Carrier c, String number) {
    try {
      return c.trackingNumbers().matches(number);
    } catch (RuntimeException e) {
      throw new dev.shipbridge.CarrierException(dev.shipbridge.CarrierException.details(c.id(),
          "the " + c.id() + " adapter's tracking-number matcher failed (" + e.getClass().getSimpleName() + ")").cause(e));
    }
  }

  /** The carriers other than {@code except} whose matcher claims {@code number}. */
  private List<CarrierId> claiming(String number, CarrierId except) {
    List<CarrierId> out = new ArrayList<>();
    for (Carrier c : carriers.values()) {
      if (!c.id().equals(except) && claims(c, number)) out.add(c.id());
    }
    return out;
  }

  /** The one carrier that recognises {@code number}, or a {@link ValidationException} saying what was tried. */
  public CarrierId route(String number) {
    List<CarrierId> matching = claiming(number, null);
    if (matching.size() == 1) return matching.get(0);
    if (matching.isEmpty()) {
      throw ValidationException.of("trackingNumber", "No carrier recognises " + number + ". Tried: "
          + String.join(", ", ids().stream().map(CarrierId::value).toList())
          + ". Pass the carrier explicitly if you know it.");
    }
    throw ValidationException.of("trackingNumber", "Several carriers recognise " + number + ": "
        + String.join(", ", matching.stream().map(CarrierId::value).toList()) + ". Pass the carrier explicitly.");
  }

  /**
   * {@code t} with its handoff routed to the one other configured carrier whose matcher claims the
   * next number (the carrier hint choosing among several); otherwise {@code t} as reported.
   */
  public Tracking routeHandoff(Tracking t) {
    Handoff h = t.handoff();
    if (h == null || h.carrier() != null || h.trackingNumber() == null) return t;
    String number = h.trackingNumber().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    List<CarrierId> matching = claiming(number, t.carrier());
    CarrierId next = matching.size() == 1 ? matching.get(0) : named(matching, h.carrierName());
    if (next == null) return t;
    return new Tracking(t.trackingNumber(), t.carrier(), t.status(), t.events(), t.estimatedDelivery(), t.legs(),
        h.routedTo(next), t.details());
  }

  /** The one of {@code ids} the hint names ("USPS", "usps-last-mile" name usps), or null. */
  private static CarrierId named(List<CarrierId> ids, String hint) {
    if (hint == null) return null;
    String slug = hint.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    CarrierId found = null;
    for (CarrierId id : ids) {
      if (slug.equals(id.value()) || slug.startsWith(id.value() + "-") || slug.endsWith("-" + id.value())) {
        if (found != null) return null;
        found = id;
      }
    }
    return found;
  }
}
