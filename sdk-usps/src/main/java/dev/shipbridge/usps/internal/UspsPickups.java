package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Pickup;
import dev.shipbridge.model.PickupEligibility;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.spi.PickupCapability;
import dev.shipbridge.spi.support.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * USPS Carrier Pickup ({@code /pickup/v3}). Booking, change and cancel are non-idempotent (no key;
 * change and cancel spend the booking's ETag in {@code If-Match}): a lost answer is outcome-unknown.
 * Eligibility: a 200 is eligible; a 400 or 404 is read as "not eligible" with USPS's message (an
 * assumption: the spec documents no such answer).
 */
public final class UspsPickups implements PickupCapability {
  /** USPS: "Comment length exceeds 255 characters" (error 020019). */
  static final int INSTRUCTIONS = 255;
  /** USPS books up to one year ahead (error 020017). */
  static final int DAYS_AHEAD = 365;

  private final Supplier<UspsClient> client;

  public UspsPickups(Supplier<UspsClient> client) {
    this.client = client;
  }

  /** USPS's limits: a US address within the label field limits, a contact, instructions for OTHER, the date window. */
  @Override
  public List<Violation> check(PickupRequest r) {
    Checks c = new Checks();
    c.account(r.account(), UspsCapabilities.boundAccount(client));
    Address a = r.address();
    if (!Units.isDomestic(a)) c.add("address.country", "USPS picks up in the US only (was " + a.country() + ")");
    FieldLimits.address("address", a, false, c);
    String[] names = AddressParts.names(a.name());
    if (names[1] == null) c.add("address.name", "USPS needs a first and a last name for the pickup contact");
    if (a.email() == null && cell(a.phone()) == null) {
      c.add("address.email", "USPS needs a contact for a pickup: an e-mail address (at most 50 characters) or a 10-digit US phone");
    }
    if (a.email() != null && a.email().strip().length() > 50) c.add("address.email", "USPS takes e-mail addresses of at most 50 characters");
    if (a.postalCode() == null || Units.zip5(a.postalCode()) == null) c.add("address.postalCode", "USPS needs a 5-digit ZIP code");
    if (r.location() == PickupRequest.Location.OTHER && (r.instructions() == null || r.instructions().isBlank())) {
      c.add("instructions", "USPS needs instructions when the packages wait at OTHER");
    }
    if (r.instructions() != null && r.instructions().strip().length() > INSTRUCTIONS) {
      c.add("instructions", "USPS takes at most " + INSTRUCTIONS + " characters (was " + r.instructions().strip().length() + ")");
    }
    LocalDate today = client.get().today();
    if (r.date().isBefore(today) || r.date().isAfter(today.plusDays(DAYS_AHEAD))) {
      c.add("date", "USPS books pickups from today to one year ahead (" + today + " to " + today.plusDays(DAYS_AHEAD)
          + "; was " + r.date() + ")");
    }
    if (r.date().getDayOfWeek() == java.time.DayOfWeek.SUNDAY && !r.nextAvailableDate()) {
      c.add("date", "USPS picks up Monday to Saturday (set nextAvailableDate to take the next day with service)");
    }
    return c.violations();
  }

  @Override
  public PickupEligibility eligibility(Address address) {
    UspsClient usps = client.get();
    PickupWire.DomesticAddress w = address(address);
    Call call = Call.get(UspsApi.CARRIER_PICKUP, Call.query("streetAddress", w.streetAddress(),
        "secondaryAddress", w.secondaryAddress(), "city", w.city(), "state", w.state(), "ZIPCode", w.zip(),
        "ZIPPlus4", w.zipPlus4()), "carrier-pickup", "eligibility");
    HttpResult r = usps.send(call);
    if (r.status() == 400 || r.status() == 404) {
      String why = UspsErrorBody.read(r).message();
      return new PickupEligibility(CarrierId.USPS, false, address, why == null ? "USPS does not pick up at this address" : why);
    }
    PickupWire.PickupAddress a = usps.read(call, r, PickupWire.PickupAddress.class);
    return UspsClient.mapped("pickup address", () -> new PickupEligibility(CarrierId.USPS, true, standardized(address, a), null));
  }

  @Override
  public Pickup schedule(PickupRequest request) {
    UspsClient usps = client.get();
    Call call = Call.change(UspsApi.CARRIER_PICKUP, "POST", usps.json().write(toWire(request)),
        "carrier-pickup");
    return read(usps, call, usps.ok(call), request);
  }

  /**
   * The spec answers an array of {@code PickupConfirmation} here (POST and PUT answer one object);
   * both shapes are read, the booking asked for taken from an array.
   */
  @Override
  public Pickup get(String confirmationNumber) {
    UspsClient usps = client.get();
    Call call = Call.get(UspsApi.CARRIER_PICKUP, Map.of(), "carrier-pickup", confirmationNumber);
    HttpResult r = usps.ok(call);
    JsonNode root = usps.read(call, r, JsonNode.class);
    JsonNode one = root;
    if (root.isArray()) {
      one = null;
      for (JsonNode n : root) {
        if (one == null || confirmationNumber.equals(n.path("confirmationNumber").asText())) one = n;
      }
      if (one == null) {
        throw new NotFoundException(CarrierException.details(CarrierId.USPS,
            "USPS answered no pickup for confirmation number " + confirmationNumber).httpStatus(r.status()));
      }
    }
    PickupWire.Confirmation c = usps.json().convert(CarrierId.USPS, one, PickupWire.Confirmation.class);
    return UspsClient.mapped("pickup", () -> PickupMapper.fromWire(c, null, r.header("ETag").orElse(null)));
  }

  /** PUT with the booking's ETag: the whole booking is replaced, its number kept. */
  @Override
  public Pickup change(Pickup current, PickupRequest changed) {
    UspsClient usps = client.get();
    PickupWire.Schedule s = toWire(changed);
    Call call = Call.change(UspsApi.CARRIER_PICKUP, "PUT",
        usps.json().write(new PickupWire.Change(s.pickupDate(), s)), "carrier-pickup", current.confirmationNumber());
    return read(usps, call, usps.ok(call, current.version(), "pickup " + current.confirmationNumber()), changed);
  }

  /** DELETE with the booking's ETag; USPS answers 200 without a body. */
  @Override
  public Pickup cancel(Pickup current) {
    UspsClient usps = client.get();
    Call call = Call.change(UspsApi.CARRIER_PICKUP, "DELETE", null, "carrier-pickup",
        current.confirmationNumber());
    usps.ok(call, current.version(), "pickup " + current.confirmationNumber());
    return current;
  }

  private static Pickup read(UspsClient usps, Call call, HttpResult r, PickupRequest asked) {
    PickupWire.Confirmation c = usps.read(call, r, PickupWire.Confirmation.class);
    return UspsClient.mapped("pickup", () -> PickupMapper.fromWire(c, asked, r.header("ETag").orElse(null)));
  }

  static PickupWire.Schedule toWire(PickupRequest r) {
    Address a = r.address();
    String[] names = AddressParts.names(a.name());
    List<PickupWire.Contact> contact = new ArrayList<>();
    if (a.email() != null) contact.add(new PickupWire.Contact(a.email().strip(), null));
    if (cell(a.phone()) != null) contact.add(new PickupWire.Contact(null, cell(a.phone())));
    List<PickupWire.Package> packages = r.packages().stream()
        .map(p -> new PickupWire.Package(PickupMapper.packageType(p.kind()), p.count())).toList();
    return new PickupWire.Schedule(r.date().toString(), new PickupWire.PickupAddress(names[0], names[1], a.company(),
        address(a), contact), packages, Units.pounds(r.estimatedWeight()),
        new PickupWire.Location(r.location().name(), r.instructions() == null ? null : r.instructions().strip(),
            r.dogPresent()), r.nextAvailableDate() ? Boolean.TRUE : null);
  }

  static PickupWire.DomesticAddress address(Address a) {
    return new PickupWire.DomesticAddress(a.lines().get(0), AddressParts.secondary(a.lines()), a.city(), a.region(),
        Units.zip5(a.postalCode()), Units.zipPlus4(a.postalCode()), null);
  }

  /** A 10-digit US number from a phone as written ({@code +1 314-555-0100}), or null. */
  static String cell(String phone) {
    if (phone == null) return null;
    String d = Units.digitsOnly(phone);
    if (d.length() == 11 && d.startsWith("1")) d = d.substring(1);
    return d.length() == 10 ? d : null;
  }

  private static Address standardized(Address asked, PickupWire.PickupAddress a) {
    PickupWire.DomesticAddress w = a.address();
    if (w == null || w.streetAddress() == null) return asked;
    List<String> lines = new ArrayList<>(List.of(w.streetAddress()));
    if (w.secondaryAddress() != null && !w.secondaryAddress().isBlank()) lines.add(w.secondaryAddress());
    String zip = w.zip() == null ? asked.postalCode() : w.zip() + (w.zipPlus4() == null ? "" : "-" + w.zipPlus4());
    return asked.toBuilder().lines(lines).city(w.city() == null ? asked.city() : w.city())
        .region(w.state() == null ? asked.region() : w.state()).postalCode(zip).build();
  }

  @Override
  public String toString() {
    return "UspsPickups";
  }
}
