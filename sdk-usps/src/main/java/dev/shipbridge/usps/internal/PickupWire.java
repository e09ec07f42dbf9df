package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/** Wire records of the Carrier Pickup API ({@code /pickup/v3}, carrier-pickup.yaml). */
final class PickupWire {
  private PickupWire() {}

  /** {@code SchedulePickupRequest}: the body of POST, and inside a PUT's {@code PickupConfirmation}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Schedule(String pickupDate, PickupAddress pickupAddress, List<Package> packages, BigDecimal estimatedWeight,
      Location pickupLocation, Boolean nextAvailablePickup) {}

  /** {@code PickupAddress}: the contact's names and firm, the address, 1 or 2 contact methods. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record PickupAddress(String firstName, String lastName, String firm, DomesticAddress address, List<Contact> contact) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DomesticAddress(String streetAddress, String secondaryAddress, String city, String state,
      @JsonProperty("ZIPCode") String zip, @JsonProperty("ZIPPlus4") String zipPlus4, String urbanization) {}

  /** {@code NotificationMethod}: one of e-mail or a 10-digit cell number. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Contact(String email, String cellNumber) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Package(String packageType, Integer packageCount) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Location(String packageLocation, String specialInstructions, Boolean dogPresent) {}

  /** {@code PickupConfirmation}: the answer of POST, GET and PUT, and the body of PUT. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Confirmation(String confirmationNumber, String pickupDate, Schedule carrierPickupRequest) {}

  /** The PUT body: a confirmation without its read-only number. */
  record Change(String pickupDate, Schedule carrierPickupRequest) {}
}
