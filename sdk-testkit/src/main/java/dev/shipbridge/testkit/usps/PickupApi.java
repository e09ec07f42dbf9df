package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carrier Pickup ({@code /pickup/v3}, carrier-pickup.yaml and the USPS error list's 0200xx codes):
 * eligibility, schedule, get, change and cancel. Strict as the spec: required fields, enums,
 * lengths, unknown fields refused where the spec says {@code additionalProperties: false}, dates
 * from today to a year ahead, Monday to Saturday, one active pickup per address and day. GET, POST
 * and PUT answer an {@code ETag}; PUT and DELETE need it as {@code If-Match}, and it is good for one
 * hour or until used (then 412).
 */
final class PickupApi {
  static final Set<String> PACKAGE_TYPES = Set.of("FIRST-CLASS_PACKAGE_SERVICE", "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL",
      "RETURNS", "USPS_GROUND_ADVANTAGE", "INTERNATIONAL", "OTHER");
  static final Set<String> LOCATIONS = Set.of("FRONT_DOOR", "BACK_DOOR", "SIDE_DOOR", "KNOCK_ON_DOOR", "MAIL_ROOM",
      "OFFICE", "PORCH", "RECEPTION", "MAILBOX", "OTHER");
  static final Set<String> SCHEDULE_FIELDS = Set.of("pickupDate", "pickupAddress", "packages", "estimatedWeight",
      "pickupLocation", "nextAvailablePickup");
  static final ZoneId CENTRAL = ZoneId.of("America/Chicago");

  private record Booking(String number, Map<String, Object> request, String date) {}

  private record Tag(String number, Instant issued) {}

  private final UspsService s;
  private final Map<String, Booking> bookings = new ConcurrentHashMap<>();
  private final Map<String, Tag> etags = new ConcurrentHashMap<>();
  final Set<String> ineligibleZips = ConcurrentHashMap.newKeySet();
  private final AtomicLong serial = new AtomicLong(412_000_000L);

  PickupApi(UspsService s) {
    this.s = s;
  }

  void reset() {
    bookings.clear();
    etags.clear();
    ineligibleZips.clear();
  }

  Wire.Reply eligibility(String api, Map<String, List<String>> query) {
    Problems p = new Problems();
    String street = first(query, "streetAddress");
    String zip = first(query, "ZIPCode");
    String city = first(query, "city");
    String state = first(query, "state");
    if (street == null || street.isBlank()) p.required("streetAddress");
    if (zip == null && (city == null || state == null)) p.required("ZIPCode");
    if (zip != null && !zip.matches("\\d{5}")) p.add("010002", "Invalid ZIP Code", "ZIPCode must be 5 digits.", "ZIPCode");
    if (state != null && !Geo.isState(state)) p.add("010003", "Invalid State Code", "state " + state + " is not valid.", "state");
    String plus4 = first(query, "ZIPPlus4");
    if (plus4 != null && !plus4.matches("\\d{4}")) p.add("010002", "Invalid ZIP Code", "ZIPPlus4 must be 4 digits.", "ZIPPlus4");
    p.throwIfAny();
    if (zip != null && ineligibleZips.contains(zip)) {
      return Wire.badRequest(api, "020004", "Invalid pickup location.", "Invalid pickup location.", "streetAddress");
    }
    // The spec's answer is a PickupAddress, whose names and contact are required: USPS's own values are
    // not documented, so the emulator fills them; adapters read the standardized address.
    Json.Obj address = Json.obj().with("streetAddress", Addresses.street(street))
        .with("secondaryAddress", first(query, "secondaryAddress") == null ? null : Addresses.street(first(query, "secondaryAddress")))
        .with("city", city == null ? null : Addresses.city(city)).with("state", state == null ? null : state.toUpperCase())
        .with("ZIPCode", zip).with("ZIPPlus4", plus4 != null ? plus4 : Addresses.plus4(Addresses.street(street), null));
    return Wire.json(200, Json.obj().with("firstName", "POSTAL").with("lastName", "CUSTOMER").with("address", address)
        .with("contact", List.of(Json.obj().with("email", "pickup@usps.gov"))));
  }

  Wire.Reply schedule(String api, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    String date = checkSchedule(req, "");
    String key = bookingKey(req, date);
    for (Booking b : bookings.values()) {
      if (bookingKey(b.request(), b.date()).equals(key)) {
        return Wire.badRequest(api, "020001", "Pickup already exists", "Pickup already exists for this address.", null);
      }
    }
    String number = "WTC" + serial.incrementAndGet();
    Booking b = new Booking(number, req, date);
    bookings.put(number, b);
    return withTag(Wire.json(200, confirmation(b)), number);
  }

  /** The spec answers GET with an array of {@code PickupConfirmation} (one, the booking asked for). */
  Wire.Reply get(String api, String number) {
    Booking b = bookings.get(number);
    if (b == null) return notFound(api);
    return withTag(Wire.json(200, List.of(confirmation(b))), number);
  }

  Wire.Reply change(String api, TreeMap<String, String> headers, String number, String body) {
    Booking b = bookings.get(number);
    if (b == null) return notFound(api);
    Wire.Reply refused = checkTag(api, headers, number);
    if (refused != null) return refused;
    Map<String, Object> req = object(Json.parse(body), "body");
    Problems p = new Problems();
    for (String k : req.keySet()) {
      if (!Set.of("confirmationNumber", "pickupDate", "carrierPickupRequest").contains(k)) {
        p.add("160252", "Invalid field", k + " is not a field of a pickup confirmation.", k);
      }
    }
    Map<String, Object> inner = requiredObject(req, "carrierPickupRequest", p);
    p.throwIfAny();
    String date = checkSchedule(inner, "carrierPickupRequest.");
    Booking changed = new Booking(number, inner, date);
    bookings.put(number, changed);
    return withTag(Wire.json(200, confirmation(changed)), number);
  }

  Wire.Reply cancel(String api, TreeMap<String, String> headers, String number) {
    if (!bookings.containsKey(number)) return notFound(api);
    Wire.Reply refused = checkTag(api, headers, number);
    if (refused != null) return refused;
    bookings.remove(number);
    return new Wire.Reply(200, Map.of(), new byte[0]);
  }

  private static Wire.Reply notFound(String api) {
    return Wire.badRequest(api, "020015", "Case number not found", "Case number not found.", "confirmationNumber");
  }

  /** The If-Match a PUT or DELETE needs: present, issued for this pickup, under an hour old and unused. */
  private Wire.Reply checkTag(String api, TreeMap<String, String> headers, String number) {
    String given = headers.get("If-Match");
    if (given == null || given.isBlank()) {
      return Wire.badRequest(api, "160252", "Missing If-Match", "If-Match is required.", "Header: If-Match");
    }
    Tag t = etags.remove(given.trim());
    if (t == null || !t.number().equals(number) || !s.clock.instant().isBefore(t.issued().plus(Duration.ofHours(1)))) {
      return Wire.error(412, api, "Precondition Failed", List.of(Wire.item("412", null, "Precondition Failed",
          "The ETag given in If-Match is not current for this pickup.", "Header: If-Match")));
    }
    etags.values().removeIf(o -> o.number().equals(number));
    return null;
  }

  private Wire.Reply withTag(Wire.Reply r, String number) {
    String tag = Long.toHexString(serial.incrementAndGet() * 2_654_435_761L);
    etags.put(tag, new Tag(number, s.clock.instant()));
    return Wire.withHeader(r, "ETag", tag);
  }

  private static Json.Obj confirmation(Booking b) {
    return Json.obj().with("confirmationNumber", b.number()).with("pickupDate", b.date()).with("carrierPickupRequest",
        b.request());
  }

  private static String bookingKey(Map<String, Object> req, String date) {
    Map<String, Object> a = object(object(req.get("pickupAddress"), "pickupAddress").get("address"), "address");
    return (String.valueOf(str(a, "streetAddress")) + "|" + str(a, "ZIPCode") + "|" + date).toUpperCase();
  }

  /** Checks a {@code SchedulePickupRequest}; returns the day booked (a later one with {@code nextAvailablePickup}). */
  private String checkSchedule(Map<String, Object> req, String at) {
    Problems p = new Problems();
    for (String k : req.keySet()) {
      if (!SCHEDULE_FIELDS.contains(k)) p.add("160252", "Invalid field", at + k + " is not a field of a pickup request.", at + k);
    }
    Map<String, Object> addressee = requiredObject(req, "pickupAddress", p);
    Map<String, Object> location = requiredObject(req, "pickupLocation", p);
    if (!(req.get("packages") instanceof List<?> packages) || packages.isEmpty()) {
      p.required(at + "packages");
    } else {
      for (int i = 0; i < packages.size(); i++) {
        Map<String, Object> pk = object(packages.get(i), at + "packages[" + i + "]");
        enumValue(pk, "packageType", PACKAGE_TYPES, p, at + "packages[" + i + "].");
        if (str(pk, "packageType") == null) p.required(at + "packages[" + i + "].packageType");
        if (!(pk.get("packageCount") instanceof BigDecimal n) || n.scale() > 0 || n.signum() <= 0) {
          p.add("020003", "Invalid pickup details", "packageCount must be a positive integer.", at + "packages[" + i + "].packageCount");
        }
      }
    }
    if (!(req.get("estimatedWeight") instanceof BigDecimal w) || w.signum() <= 0) {
      p.add("020003", "Invalid pickup details", "estimatedWeight must be a positive number of pounds.", at + "estimatedWeight");
    }
    String date = str(req, "pickupDate");
    if (date == null) p.required(at + "pickupDate");
    p.throwIfAny();
    checkAddressee(addressee, at + "pickupAddress", p);
    String where = enumValue(location, "packageLocation", LOCATIONS, p, at + "pickupLocation.");
    if (where == null && str(location, "packageLocation") == null) p.required(at + "pickupLocation.packageLocation");
    String instructions = str(location, "specialInstructions");
    if ("OTHER".equals(where) && instructions == null) {
      p.add("020020", "Instructions required", "Pickup location of Other requires additional information in comments.",
          at + "pickupLocation.specialInstructions");
    }
    if (instructions != null && instructions.length() > 255) {
      p.add("020019", "Comment too long", "Comment length exceeds 255 characters.", at + "pickupLocation.specialInstructions");
    }
    p.throwIfAny();
    LocalDate day;
    try {
      day = LocalDate.parse(date);
    } catch (java.time.DateTimeException e) {
      throw bad("160252", "Invalid pickupDate", "pickupDate must be a date (YYYY-MM-DD).", at + "pickupDate");
    }
    LocalDate today = LocalDate.now(s.clock.withZone(CENTRAL));
    if (day.isBefore(today)) throw bad("020016", "Invalid pickup date", "Pickup date is in the past.", at + "pickupDate");
    if (day.isAfter(today.plusYears(1))) {
      throw bad("020017", "Invalid pickup date", "Pickups can only be scheduled one year in the future.", at + "pickupDate");
    }
    if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      if (!Boolean.TRUE.equals(req.get("nextAvailablePickup"))) {
        throw bad("020018", "Invalid pickup date", "Pickup Request cannot be scheduled on requested day.", at + "pickupDate");
      }
      day = day.plusDays(1);
    }
    return day.toString();
  }

  private static void checkAddressee(Map<String, Object> a, String at, Problems p) {
    for (String f : List.of("firstName", "lastName")) {
      String v = str(a, f);
      if (v == null) p.required(at + "." + f);
      else if (v.length() > 50) p.add("020003", "Invalid pickup details", f + " is longer than 50 characters.", at + "." + f);
    }
    if (str(a, "firm") != null && str(a, "firm").length() > 50) {
      p.add("020003", "Invalid pickup details", "firm is longer than 50 characters.", at + ".firm");
    }
    Map<String, Object> address = requiredObject(a, "address", p);
    if (address != null) {
      domesticAddressFields(address, at + ".address", p);
    }
    if (!(a.get("contact") instanceof List<?> contact) || contact.isEmpty() || contact.size() > 2) {
      p.add("020003", "Invalid pickup details", "contact must hold 1 or 2 contact methods.", at + ".contact");
      return;
    }
    for (int i = 0; i < contact.size(); i++) {
      Map<String, Object> c = object(contact.get(i), at + ".contact[" + i + "]");
      String email = str(c, "email");
      String cell = str(c, "cellNumber");
      if ((email == null) == (cell == null)) {
        p.add("020003", "Invalid pickup details", "a contact is an email or a cellNumber.", at + ".contact[" + i + "]");
      }
      if (email != null && (email.length() > 50 || !email.matches("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}"))) {
        p.add("020021", "Invalid email", "Email address is invalid.", at + ".contact[" + i + "].email");
      }
      if (cell != null && !cell.matches("\\d{10}")) {
        p.add("020006", "Invalid phone", "Phone number is invalid.", at + ".contact[" + i + "].cellNumber");
      }
    }
  }

  private static void domesticAddressFields(Map<String, Object> a, String at, Problems p) {
    String street = str(a, "streetAddress");
    if (street == null) p.required(at + ".streetAddress");
    Map<String, Integer> limits = new LinkedHashMap<>();
    limits.put("streetAddress", 50);
    limits.put("secondaryAddress", 50);
    limits.put("city", 28);
    limits.forEach((f, max) -> {
      if (str(a, f) != null && str(a, f).length() > max) {
        p.add("020004", "Invalid pickup location", f + " is longer than " + max + " characters.", at + "." + f);
      }
    });
    String zip = str(a, "ZIPCode");
    if (zip == null && (str(a, "city") == null || str(a, "state") == null)) p.required(at + ".ZIPCode");
    if (zip != null && !zip.matches("\\d{5}")) p.add("010002", "Invalid ZIP Code", "ZIPCode must be 5 digits.", at + ".ZIPCode");
    if (str(a, "ZIPPlus4") != null && !str(a, "ZIPPlus4").matches("\\d{4}")) {
      p.add("010002", "Invalid ZIP Code", "ZIPPlus4 must be 4 digits.", at + ".ZIPPlus4");
    }
    if (str(a, "state") != null && !Geo.isState(str(a, "state"))) {
      p.add("010003", "Invalid State Code", "state is not valid.", at + ".state");
    }
  }
}
