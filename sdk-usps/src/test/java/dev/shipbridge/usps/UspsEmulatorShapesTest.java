package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.Weight;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the USPS emulator sends the real answer shapes the adapter reads (a GMT time a day off,
 * label fees, address corrections and DPV facts), each read here through the real {@link
 * UspsCarrier} and the facade.
 */
class UspsEmulatorShapesTest extends EmulatorTestBase {

  @Test
  void anAcceptanceEventWhoseGmtTimestampIsADayOffKeepsTheTimelineInRealChronology() {
    Label label = UspsLabelWireTest.buy(shipbridge, "gmt-1");
    clock.advance(Duration.ofDays(3));
    Tracking t = shipbridge.track(label.trackingNumber());
    List<TrackingEvent> events = t.events();
    assertThat(events).hasSizeGreaterThan(2);
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).time()).as("event " + i).isAfterOrEqualTo(events.get(i - 1).time());
    }
    // the oldest event was read from its local time and offset; the raw values are kept
    assertThat(t.details()).containsKey("eventTimesFromLocalTime");
    assertThat(t.details().get("eventTimesFromLocalTime")).contains(events.get(0).rawCode() + "@").contains(" GMT ");
  }

  @Test
  void aLabelForAParcelLongerThan22InchesCarriesTheNonstandardLengthFeeBesidePostage() {
    Parcel longBox = Parcel.of(Weight.grams(850), Dimensions.of("60", "20", "10", LengthUnit.CENTIMETRE));
    Label label = shipbridge.label(UspsLabelWireTest.request("fee-1").parcel(longBox).build());
    assertThat(label.charges()).filteredOn(c -> c.kind() == Label.ChargeKind.FEE).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("Nonstandard Length > 22");
      assertThat(c.sku()).isEqualTo("D811XVUXXXX0000");
      assertThat(c.price().amount()).isEqualByComparingTo("4.00");
    });
    Label.Charge postage = label.charges().get(0);
    assertThat(postage.kind()).isEqualTo(Label.ChargeKind.POSTAGE);
    assertThat(label.postage().amount()).isEqualByComparingTo(postage.price().amount().add(new java.math.BigDecimal("4.00")));

    Label shortBox = UspsLabelWireTest.buy(shipbridge, "fee-2");
    assertThat(shortBox.charges()).noneMatch(c -> c.kind() == Label.ChargeKind.FEE);
  }

  @Test
  void aMultiUnitBuildingWithoutSuiteIsADefaultMatchWithCorrection32AndDpvD() {
    Address building = Address.builder().name("Joe Doe").line("1200 Market St").city("St. Louis").region("MO")
        .postalCode("63103").country("US").build();
    AddressValidation v = shipbridge.validateAddress(building);
    assertThat(v.deliverable()).isTrue();
    assertThat(v.carrierCorrections()).extracting(AddressValidation.Code::code).containsExactly("32");
    assertThat(v.matches()).isEmpty();
    assertThat(v.deliveryPoint().confirmation()).isEqualTo("D");
    assertThat(v.deliveryPoint().centralDeliveryPoint()).isTrue();
    assertThat(v.deliveryPoint().carrierRoute()).isNotBlank();

    AddressValidation exact = shipbridge.validateAddress(CUSTOMER);
    assertThat(exact.carrierCorrections()).isEmpty();
    assertThat(exact.matches()).extracting(AddressValidation.Code::code).containsExactly("31");
    assertThat(exact.deliveryPoint().confirmation()).isEqualTo("Y");
    assertThat(exact.deliveryPoint().centralDeliveryPoint()).isFalse();
  }
}
