package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/** Wire records of the domestic and international label APIs. */
final class LabelWire {
  private LabelWire() {}

  /** {@code LabelRequest} of {@code POST /labels/v3/label}. */
  record DomesticRequest(DomesticImageInfo imageInfo, UsAddress toAddress, UsAddress fromAddress,
      DomesticPackage packageDescription) {}

  /** {@code InternationalLabelRequest} of {@code POST /international-labels/v3/international-label}. */
  record InternationalRequest(InternationalImageInfo imageInfo, ForeignAddress toAddress, UsAddress fromAddress,
      InternationalPackage packageDescription, CustomsForm customsForm) {}

  record DomesticImageInfo(String imageType, String labelType, String receiptOption) {}

  record InternationalImageInfo(String imageType, String labelType) {}

  /** A US address of the label APIs ({@code DomesticLabelAddress}); also the SCAN form's {@code fromAddress}. */
  record UsAddress(String firstName, String lastName, String firm, String streetAddress, String secondaryAddress,
      String city, String state, @JsonProperty("ZIPCode") String zip, @JsonProperty("ZIPPlus4") String zipPlus4,
      String phone, String email) {}

  /** {@code InternationalLabelAddress}. */
  record ForeignAddress(String firstName, String lastName, String firm, String streetAddress, String secondaryAddress,
      String city, String province, String postalCode, String country, String countryISOAlpha2Code, String phone) {}

  record DomesticPackage(String mailClass, String rateIndicator, String processingCategory,
      String destinationEntryFacilityType, String weightUOM, BigDecimal weight, String dimensionsUOM,
      BigDecimal length, BigDecimal width, BigDecimal height, String mailingDate,
      List<Reference> customerReference, FacilityAddress destinationEntryFacilityAddress) {}

  /** {@code DomesticAddress} of {@code packageDescription.destinationEntryFacilityAddress}: no name fields. */
  record FacilityAddress(String streetAddress, String secondaryAddress, String city, String state,
      @JsonProperty("ZIPCode") String zip, @JsonProperty("ZIPPlus4") String zipPlus4) {}

  record InternationalPackage(String mailClass, String rateIndicator, String processingCategory,
      String destinationEntryFacilityType, String weightUOM, BigDecimal weight, String dimensionsUOM,
      BigDecimal length, BigDecimal width, BigDecimal height, String mailingDate,
      List<Reference> customerReference) {}

  record Reference(String referenceNumber, Boolean printReferenceNumber) {}

  record CustomsForm(String customsContentType, String contentComments, @JsonProperty("AESITN") String aesItn,
      String invoiceNumber, List<CustomsItem> contents) {}

  record CustomsItem(String itemDescription, int itemQuantity, BigDecimal itemTotalValue, BigDecimal itemTotalWeight,
      String weightUOM, @JsonProperty("HSTariffNumber") String hsTariffNumber, String countryofOrigin) {}

  /** {@code LabelMetadata} (domestic) and its international twin, read leniently. */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Metadata(String trackingNumber, String internationalTrackingNumber, String routingInformation,
      BigDecimal postage, List<ExtraService> extraServices, List<Fee> fees, String zone,
      String internationalPriceGroup, Commitment commitment, @JsonProperty("SKU") String sku, String constructCode,
      @JsonAlias("labelBrokerId") String labelBrokerID, String mailingDate) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record ExtraService(@JsonAlias("serviceName") String name, @JsonAlias("serviceID") String extraService,
      BigDecimal price, @JsonProperty("SKU") String sku) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Fee(String name, BigDecimal price, @JsonProperty("SKU") String sku) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Commitment(String name, String scheduleDeliveryDate, String expectedDeliveryDate) {}

  /** {@code CancelResponse}. */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record CancelResponse(String trackingNumber, String status, String disputeId) {}
}
