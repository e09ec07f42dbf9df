package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * Wire records of Shipping Options 3.0, {@code POST /shipments/v3/options/search}
 * ({@code shipping-options.yaml}): one request for every mail class, answered with prices and,
 * domestically, delivery commitments.
 */
final class OptionsWire {
  private OptionsWire() {}

  /** {@code DomesticOptionsRequest}; the spec allows no other top-level field. */
  record DomesticRequest(
      List<PricingOption> pricingOptions,
      @JsonProperty("originZIPCode") String originZip,
      @JsonProperty("destinationZIPCode") String destinationZip,
      String destinationEntryFacilityType,
      Package packageDescription) {}

  /** {@code InternationalOptionsRequest}; the spec allows no other top-level field. */
  record InternationalRequest(
      List<PricingOption> pricingOptions,
      @JsonProperty("originZIPCode") String originZip,
      String foreignPostalCode,
      String destinationCountryCode,
      Package packageDescription) {}

  /** {@code DomesticPricingOption} / {@code InternationalPricingOption} as sent (no {@code shippingOptions}). */
  record PricingOption(String priceType, Account paymentAccount) {}

  record Account(String accountType, String accountNumber) {}

  /** {@code DomesticPackageDescription} / {@code InternationalPackageDescription}: pounds and inches. */
  record Package(BigDecimal weight, BigDecimal length, BigDecimal height, BigDecimal width, String mailClass,
      String mailingDate, BigDecimal packageValue) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Response(List<PricingAnswer> pricingOptions) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record PricingAnswer(List<ShippingOption> shippingOptions, String priceType) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record ShippingOption(String mailClass, List<RateOption> rateOptions) {}

  /** {@code DomesticRateOptions} / {@code InternationalRateOptions}: a Prices rate option plus a commitment. */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record RateOption(Commitment commitment, BigDecimal totalBasePrice, BigDecimal totalPrice,
      List<QuoteWire.Rate> rates, List<QuoteWire.ExtraServicePrice> extraServices) {}

  /** {@code Commitment}: {@code scheduleDeliveryDate} is deprecated in favour of {@code expectedDeliveryDate}. */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Commitment(String name, String scheduleDeliveryDate, String expectedDeliveryDate, Boolean guaranteedDelivery) {}
}
