package dev.shipbridge.usps.internal;

import dev.shipbridge.spi.support.Checks;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.ValidationException.Violation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Pure mapping of label requests: USPS's rules for a {@link LabelRequest} ({@link #validate}), and
 * the request to the domestic or international label request with its customs form ({@link
 * #toWire}); {@link LabelAnswer} reads the answers. No I/O.
 */
public final class LabelMapper {
  static final Set<String> DOMESTIC_CLASSES = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT",
      "USPS_CONNECT_LOCAL", "USPS_CONNECT_REGIONAL", "USPS_CONNECT_MAIL", "USPS_GROUND_ADVANTAGE",
      "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL", "FIRST-CLASS_PACKAGE_SERVICE", "LIBRARY_MAIL", "MEDIA_MAIL",
      "BOUND_PRINTED_MATTER");
  static final Set<String> INTERNATIONAL_CLASSES = Set.of("FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE",
      "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL");
  /** Descriptions USPS rejects on a customs form (error 160050). */
  static final Set<String> VAGUE_DESCRIPTIONS = Set.of("none", "not applicable", "n/a", "null", "gift", "merchandise");
  /** Above this value per Schedule B (HS) line, US export rules require an AES filing (ITN). */
  static final BigDecimal AES_THRESHOLD = new BigDecimal("2500");
  /** The AES exemption for shipments at or below the threshold. */
  static final String AES_EXEMPTION = "NO EEI 30.37(a)";

  private LabelMapper() {}

  /** The request to send: API, body and the UUID for {@code X-Idempotency-Key}. */
  record Call(UspsApi api, Object body, String idempotencyUuid) {}

  /**
   * The service code split: mail class, rate indicator, processing category and, optionally,
   * destination entry facility ({@code MAIL_CLASS:RATE_INDICATOR:PROCESSING_CATEGORY[:ENTRY]}).
   * A missing rate indicator or category defaults to single-piece machinable, except for the mail
   * classes whose offers differ by entry point ({@link #BY_ENTRY_POINT}) and for a code naming a
   * destination entry: there it is {@link #ambiguous}.
   */
  record Service(String mailClass, String rateIndicator, String processingCategory, String entryFacility,
      boolean ambiguous) {
    static Service parse(String code) {
      String[] p = code.strip().toUpperCase(Locale.ROOT).split(":", -1); // ":" gives ["", ""], never []
      boolean stated = p.length > 2 && !p[1].isBlank() && !p[2].isBlank();
      String entry = p.length > 3 && !p[3].isBlank() ? p[3] : "NONE";
      return new Service(p[0], p.length > 1 && !p[1].isBlank() ? p[1] : "SP",
          p.length > 2 && !p[2].isBlank() ? p[2] : "MACHINABLE", entry,
          !stated && (BY_ENTRY_POINT.contains(p[0]) || !"NONE".equals(entry)));
    }
  }

  /** Mail classes whose DDU, DNDC, DSCF and single-piece offers share the class: the rate indicator decides. */
  static final Set<String> BY_ENTRY_POINT = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT");
  static final Set<String> ENTRY_FACILITIES = Set.of("NONE", "DESTINATION_NETWORK_DISTRIBUTION_CENTER",
      "DESTINATION_SECTIONAL_CENTER_FACILITY", "DESTINATION_DELIVERY_UNIT", "DESTINATION_SERVICE_HUB",
      "DESTINATION_REGIONAL_PROCESSING_DISTRIBUTION_CENTER");

  /**
   * USPS's own rules for a label request, checked without building anything or calling: every
   * violation, or none. {@code today} is USPS's today on the bound clock; the mailing date (the
   * request's ship date, else today) must be from today to today + {@value FieldLimits#MAILING_DAYS_AHEAD} days.
   */
  public static List<Violation> validate(LabelRequest r, LocalDate today) {
    Checks c = new Checks();
    boolean international = !Units.isDomestic(r.to());
    FieldLimits.label(r, international, c);
    LocalDate mailingDate = r.shipDate() != null ? r.shipDate() : today;
    LocalDate last = today.plusDays(FieldLimits.MAILING_DAYS_AHEAD);
    if (mailingDate.isBefore(today) || mailingDate.isAfter(last)) {
      c.add("shipDate", "USPS takes a mailing date from today to today + " + FieldLimits.MAILING_DAYS_AHEAD
          + " days (" + today + " to " + last + "; was " + mailingDate + ")");
    }
    Service service = Service.parse(r.serviceCode());
    if (!Units.isDomestic(r.from())) {
      c.add("from.country", "USPS labels need a US sender address (was " + r.from().country()
          + "); a parcel from abroad is labelled for its US leg from the US address where it enters USPS");
    }
    Set<String> classes = international ? INTERNATIONAL_CLASSES : DOMESTIC_CLASSES;
    if (!classes.contains(service.mailClass())) {
      c.add("serviceCode", "'" + service.mailClass() + "' is not a USPS "
          + (international ? "international" : "domestic") + " mail class; one of " + new TreeSet<>(classes));
    }
    if (service.ambiguous()) {
      c.add("serviceCode", "'" + service.mailClass() + "' offers differ by entry point: give the quote's serviceCode "
          + "MAIL_CLASS:RATE_INDICATOR:PROCESSING_CATEGORY[:ENTRY_FACILITY] (a label would otherwise fall back to single-piece)");
    }
    if (!ENTRY_FACILITIES.contains(service.entryFacility())) {
      c.add("serviceCode", "'" + service.entryFacility() + "' is not a USPS destination entry facility type; one of "
          + new TreeSet<>(ENTRY_FACILITIES));
    }
    LabelOptions.validate(r, service.mailClass(), service.entryFacility(), international, mailingDate, c);
    if (r.parcel().dimensions() == null) {
      c.add("parcel.dimensions", "USPS labels need the parcel's length, width and height (each greater than 0)");
    }
    LabelFormat f = r.format();
    if (f.pageSize() == LabelFormat.PageSize.LETTER) c.add("format.pageSize", "USPS prints labels on 4x6 or 4x4 stock");
    if (international && f.type() == LabelFormat.Type.PNG) c.add("format.type", "USPS international labels come as PDF or ZPL");
    if (international && f.pageSize() != LabelFormat.PageSize.FOUR_BY_SIX) {
      c.add("format.pageSize", "USPS international labels are 4x6 only");
    }
    if (international && r.customs() != null) validateCustoms(r.customs(), c);
    return c.violations();
  }

  /**
   * The request to send for a request {@link #validate} accepted: nothing is checked here. {@code
   * scope} ({@link #scope}: the CRID and bound account; may be null) names the account in the
   * idempotency UUID.
   */
  static Call toWire(LabelRequest r, String scope, LocalDate mailingDate) {
    boolean international = !Units.isDomestic(r.to());
    Service service = Service.parse(r.serviceCode());
    LabelFormat f = r.format();
    String uuid = idempotencyUuid(r.idempotencyKey(), scope);
    BigDecimal[] in = Units.inches(r.parcel());
    BigDecimal weight = Units.pounds(r.parcel().weight());
    List<LabelWire.Reference> refs = r.reference() == null ? null
        : List.of(new LabelWire.Reference(Units.truncate(r.reference(), 30), true));
    String date = mailingDate.toString();
    if (international) {
      return new Call(UspsApi.INTERNATIONAL_LABELS, new LabelWire.InternationalRequest(
          new LabelWire.InternationalImageInfo(imageType(f), "4X6LABEL"),
          AddressParts.foreign(r.to()), AddressParts.us(r.from(), true),
          new LabelWire.InternationalPackage(service.mailClass(), service.rateIndicator(), service.processingCategory(),
              "NONE", "lb", weight, "in", in[0], in[1], in[2], date, refs),
          r.customs() == null ? null : customsForm(r.customs())), uuid);
    }
    return new Call(UspsApi.DOMESTIC_LABELS, new LabelWire.DomesticRequest(
        new LabelWire.DomesticImageInfo(imageType(f), labelType(f), LabelOptions.receiptOption(r.receipt())),
        AddressParts.us(r.to(), false), AddressParts.us(r.from(), false),
        new LabelWire.DomesticPackage(service.mailClass(), service.rateIndicator(), service.processingCategory(),
            service.entryFacility(), "lb", weight, "in", in[0], in[1], in[2], date, refs,
            LabelOptions.facilityAddress(r.entryFacility()))), uuid);
  }

  static String imageType(LabelFormat f) {
    if (f.type() != LabelFormat.Type.ZPL) return f.type().name(); // PDF, PNG
    return f.dpi() == 203 ? "ZPL203DPI" : "ZPL300DPI";
  }

  static String labelType(LabelFormat f) {
    return f.pageSize() == LabelFormat.PageSize.FOUR_BY_FOUR ? "4X4LABEL" : "4X6LABEL";
  }

  /**
   * What names the account in idempotency UUIDs: the payment account's CRID (null: none) and, for
   * a carrier bound for an account, that account's id, so two accounts sharing a client id or a
   * CRID (a platform paying for its merchants) never send one UUID for their own keys.
   */
  static String scope(String crid, java.util.Optional<dev.shipbridge.account.AccountId> account) {
    String c = crid == null ? "" : crid;
    return account.map(a -> c + ":account=" + a.value() + "\n").orElse(c);
  }

  /**
   * The UUID sent as {@code X-Idempotency-Key}: always a name-based UUID of the {@link #scope}
   * (CRID and bound account) and the key, also for a key that is itself a UUID (sent unchanged, it
   * would be one purchase under every account). The same key under one account always gives the
   * same UUID (every retry of a purchase is recognised by USPS); other keys, or the same key under
   * another account, never collide.
   */
  static String idempotencyUuid(IdempotencyKey key, String scope) {
    return UUID.nameUUIDFromBytes(("shipbridge:usps:" + (scope == null ? "" : scope) + ":" + key.value())
        .getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static void validateCustoms(CustomsDeclaration d, Checks c) {
    if (!"USD".equals(d.items().get(0).unitValue().currency().getCurrencyCode())) {
      c.add("customs.items", "USPS customs forms are in USD (was " + d.items().get(0).unitValue().currency() + ")");
      return;
    }
    if (d.items().size() > 30) c.add("customs.items", "USPS customs forms take at most 30 items (had " + d.items().size() + ")");
    Map<String, BigDecimal> perHs = new LinkedHashMap<>();
    for (int i = 0; i < d.items().size(); i++) {
      CustomsItem it = d.items().get(i);
      String desc = it.description().strip();
      if (desc.length() > 30) {
        c.add("customs.items[" + i + "].description", "USPS customs descriptions are at most 30 characters (was "
            + desc.length() + ")");
      }
      if (it.quantity() > 9999) {
        c.add("customs.items[" + i + "].quantity", "USPS customs forms take at most 9999 of an item (was " + it.quantity() + ")");
      }
      if (VAGUE_DESCRIPTIONS.contains(desc.toLowerCase(Locale.ROOT))) {
        c.add("customs.items[" + i + "].description", "'" + desc + "' is too vague for USPS customs; say what the item is");
      }
      perHs.merge(it.hsCode(), it.totalValue().amount(), BigDecimal::add);
    }
    if (d.invoiceNumber() != null && d.invoiceNumber().strip().length() > 15) {
      c.add("customs.invoiceNumber", "USPS customs invoice numbers are at most 15 characters");
    }
    if (d.exportFilingNumber() == null && perHs.values().stream().anyMatch(v -> v.compareTo(AES_THRESHOLD) > 0)) {
      c.add("customs.exportFilingNumber", "an AES ITN is required: a line's value exceeds USD " + AES_THRESHOLD);
    }
  }

  private static LabelWire.CustomsForm customsForm(CustomsDeclaration d) {
    List<LabelWire.CustomsItem> items = d.items().stream().map(it -> new LabelWire.CustomsItem(
        it.description().strip(), it.quantity(), it.totalValue().amount(), Units.pounds(it.weight()), "lb", it.hsCode(),
        it.originCountry())).toList();
    String contentType = switch (d.contentType()) { // the others are spelt as USPS spells them
      case DOCUMENTS -> "DOCUMENT";
      case SAMPLE -> "COMMERCIAL_SAMPLE";
      default -> d.contentType().name();
    };
    String comments = d.contentType() == CustomsDeclaration.ContentType.OTHER
        ? Units.truncate(d.items().get(0).description(), 25) : null;
    String itn = d.exportFilingNumber();
    return new LabelWire.CustomsForm(contentType, comments, itn == null ? AES_EXEMPTION : itn,
        Units.truncate(d.invoiceNumber(), 15), items);
  }
}
