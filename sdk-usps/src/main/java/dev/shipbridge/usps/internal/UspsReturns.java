package dev.shipbridge.usps.internal;

import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import dev.shipbridge.spi.ReturnLabelCapability;
import dev.shipbridge.spi.support.Checks;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * USPS returns labels ({@code POST /labels/v3/return-label}) and label reprints ({@code POST
 * /labels/v3/label-reprint/{trackingNumber}}), both Labels API calls with the payment token. A
 * return label is bought like a label: under {@code X-Idempotency-Key} (the same UUID derivation),
 * so USPS answers a repeated key with the same label; the answer is read by {@link LabelAnswer}.
 */
public final class UspsReturns implements ReturnLabelCapability {
  /** The return mail classes of {@code BaseReturnsPackageDescription}. */
  static final Set<String> RETURN_CLASSES = Set.of("FIRST-CLASS_PACKAGE_RETURN_SERVICE", "GROUND_RETURN_SERVICE",
      "PRIORITY_MAIL_EXPRESS_RETURN_SERVICE", "PRIORITY_MAIL_RETURN_SERVICE", "USPS_GROUND_ADVANTAGE_RETURN_SERVICE");
  /** {@code ReturnsPackageDescription.rateIndicator}'s enum. */
  static final Set<String> RATE_INDICATORS = Set.of("CP", "DN", "DR", "E4", "E6", "FA", "FB", "FE", "FP", "FS", "OS",
      "P5", "P6", "P7", "P8", "P9", "PA", "PL", "PM", "Q6", "Q7", "Q8", "Q9", "Q0", "SP");
  static final Set<String> PROCESSING = Set.of("LETTERS", "FLATS", "MACHINABLE", "IRREGULAR", "NON_MACHINABLE",
      "NONSTANDARD");

  record ReturnRequest(LabelWire.InternationalImageInfo imageInfo, LabelWire.UsAddress toAddress,
      LabelWire.UsAddress fromAddress, ReturnPackage packageDescription) {}

  record ReturnPackage(String mailClass, String rateIndicator, String processingCategory, String weightUOM,
      BigDecimal weight, String dimensionsUOM, BigDecimal length, BigDecimal width, BigDecimal height,
      List<LabelWire.Reference> customerReference) {}

  record ReprintBody(LabelWire.InternationalImageInfo imageInfo) {}

  private final Supplier<UspsClient> client;

  public UspsReturns(Supplier<UspsClient> client) {
    this.client = client;
  }

  /** USPS's rules: US addresses both ways, a return mail class, the field limits, dimensions, a 4x6 or 4x4 file. */
  @Override
  public List<Violation> check(ReturnLabelRequest r) {
    Checks c = new Checks();
    c.account(r.account(), UspsCapabilities.boundAccount(client));
    if (!Units.isDomestic(r.from())) c.add("from.country", "USPS return labels are domestic: the sender must be in the US");
    if (!Units.isDomestic(r.to())) c.add("to.country", "USPS return labels are domestic: they go back to a US address");
    FieldLimits.address("from", r.from(), false, c);
    FieldLimits.address("to", r.to(), false, c);
    if (r.reference() != null && r.reference().strip().length() > FieldLimits.REFERENCE) {
      c.add("reference", "USPS prints at most " + FieldLimits.REFERENCE + " characters of reference (was "
          + r.reference().strip().length() + ")");
    }
    LabelMapper.Service s = LabelMapper.Service.parse(r.serviceCode());
    if (!RETURN_CLASSES.contains(s.mailClass())) {
      c.add("serviceCode", "'" + s.mailClass() + "' is not a USPS return mail class; one of " + new TreeSet<>(RETURN_CLASSES));
    }
    if (!RATE_INDICATORS.contains(s.rateIndicator())) c.add("serviceCode", "'" + s.rateIndicator() + "' is not a USPS returns rate indicator");
    if (!PROCESSING.contains(s.processingCategory())) {
      c.add("serviceCode", "'" + s.processingCategory() + "' is not a USPS processing category; one of " + new TreeSet<>(PROCESSING));
    }
    if (r.parcel().dimensions() == null) {
      c.add("parcel.dimensions", "USPS return labels need the parcel's length, width and height (each greater than 0)");
    }
    checkFormat(r.format(), c);
    return c.violations();
  }

  /** USPS prints labels on 4x6 or 4x4 stock, never on a letter page. */
  static void checkFormat(LabelFormat f, Checks c) {
    if (f.pageSize() == LabelFormat.PageSize.LETTER) c.add("format.pageSize", "USPS prints labels on 4x6 or 4x4 stock");
  }

  @Override
  public Label returnLabel(ReturnLabelRequest r) {
    UspsClient usps = client.get();
    LabelMapper.Service s = LabelMapper.Service.parse(r.serviceCode());
    BigDecimal[] in = Units.inches(r.parcel());
    List<LabelWire.Reference> refs = r.reference() == null ? null : List.of(new LabelWire.Reference(r.reference().strip(), true));
    ReturnRequest body = new ReturnRequest(imageInfo(r.format()), AddressParts.us(r.to(), false),
        AddressParts.us(r.from(), false), new ReturnPackage(s.mailClass(), s.rateIndicator(), s.processingCategory(),
            "lb", Units.pounds(r.parcel().weight()), "in", in[0], in[1], in[2], refs));
    String uuid = LabelMapper.idempotencyUuid(r.idempotencyKey(), usps.idempotencyScope());
    return usps.labelCall(UspsApi.DOMESTIC_LABELS, body,
        new LabelAnswer.Asked(r.serviceCode(), r.format(), r.idempotencyKey()), uuid, "return-label");
  }

  /** Reprints by tracking number; the answer is a label's or a return label's. {@code Label.serviceCode()} is null. */
  @Override
  public Label reprint(ReprintRequest r) {
    UspsClient usps = client.get();
    Checks c = new Checks();
    checkFormat(r.format(), c);
    c.throwIfAny();
    return usps.labelCall(UspsApi.DOMESTIC_LABELS, new ReprintBody(imageInfo(r.format())),
        new LabelAnswer.Asked(null, r.format(), null), null, "label-reprint",
        ImpbNumber.stripRouting(r.trackingNumber()));
  }

  /** True: USPS answers a repeated {@code X-Idempotency-Key} with the same return label. */
  @Override
  public boolean honoursIdempotencyKey() {
    return true;
  }

  private static LabelWire.InternationalImageInfo imageInfo(LabelFormat f) {
    return new LabelWire.InternationalImageInfo(LabelMapper.imageType(f), LabelMapper.labelType(f));
  }

  @Override
  public String toString() {
    return "UspsReturns";
  }
}
