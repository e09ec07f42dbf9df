package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/** Wire records of the domestic and international {@code total-rates/search} endpoints. */
final class QuoteWire {
  private QuoteWire() {}

  /** {@code TotalRatesQuery} of {@code /prices/v3}. */
  record DomesticQuery(
      @JsonProperty("originZIPCode") String originZip,
      @JsonProperty("destinationZIPCode") String destinationZip,
      BigDecimal weight, BigDecimal length, BigDecimal width, BigDecimal height,
      String priceType, String mailingDate, String accountType, String accountNumber,
      BigDecimal itemValue) {}

  /** {@code TotalRatesQuery} of {@code /international-prices/v3}. */
  record InternationalQuery(
      @JsonProperty("originZIPCode") String originZip,
      String foreignPostalCode, String destinationCountryCode,
      BigDecimal weight, BigDecimal length, BigDecimal width, BigDecimal height,
      String priceType, String mailingDate, String accountType, String accountNumber,
      BigDecimal itemValue) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Result(List<RateOption> rateOptions) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record RateOption(BigDecimal totalBasePrice, BigDecimal totalPrice, List<Rate> rates,
      List<ExtraServicePrice> extraServices) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Rate(@JsonProperty("SKU") String sku, String description, String priceType, BigDecimal price,
      List<Fee> fees, String mailClass, String zone, String productName, String processingCategory,
      String rateIndicator, String destinationEntryFacilityType) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Fee(String name, @JsonProperty("SKU") String sku, BigDecimal price) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record ExtraServicePrice(String extraService, String name, @JsonProperty("SKU") String sku, BigDecimal price) {}
}
