package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire records of {@code GET /addresses/v3/address}. */
final class AddressWire {
  private AddressWire() {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Response(String firm, Standardized address, AdditionalInfo additionalInfo, List<CodeText> corrections,
      List<CodeText> matches, List<String> warnings) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Standardized(String streetAddress, String secondaryAddress, String city, String state,
      @JsonProperty("ZIPCode") String zip, @JsonProperty("ZIPPlus4") String zipPlus4, String urbanization) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record AdditionalInfo(String deliveryPoint, String carrierRoute, @JsonProperty("DPVConfirmation") String dpvConfirmation,
      @JsonProperty("DPVCMRA") String dpvCmra, String business, String centralDeliveryPoint, String vacant) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record CodeText(String code, String text) {}
}
