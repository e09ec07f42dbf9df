package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.AddressValidation.Change;
import dev.shipbridge.model.AddressValidation.Code;
import dev.shipbridge.model.CarrierId;
import org.junit.jupiter.api.Test;

/** USPS address answers (issue 16 item 5), from the [AE] example and a fixture written from addresses.yaml. */
class AddressAnswerShapesTest {
  private static AddressValidation map(String fixture, Address asked) {
    return AddressMapper.fromWire(Fixtures.JSON.convert(CarrierId.USPS, Fixtures.tree(fixture), AddressWire.Response.class),
        asked);
  }

  @Test
  void whatUspsCorrectedIsFoundByComparingTheRequestAndTheAnswer() {
    // the request of USPS's own example: ZIP 20027 corrected to 20007, "NW" moved into the street line
    Address asked = Address.builder().name("Office").line("3120 M St").line("NW").city("Washington").region("DC")
        .postalCode("20027-3704").country("US").build();
    AddressValidation v = map("address/address.response.json", asked);
    assertThat(v.changes()).containsExactly(new Change("ZIP", "20027", "20007"), new Change("street", "3120 M St", "3120 M ST NW"));
    assertThat(v.carrierCorrections()).as("an empty-code correction means none").isEmpty();
    assertThat(v.corrections()).isEmpty();
    assertThat(v.matches()).containsExactly(new Code("31", "Single Response - exact match"));
    assertThat(v.deliveryPoint()).isEqualTo(new AddressValidation.DeliveryPoint("Y", true, false, false, false, "C036", "20"));
    assertThat(v.deliverable()).isTrue();
  }

  @Test
  void cityZipPlus4AndStreetChangesAndEveryDeliveryPointFlagAreReported() {
    AddressValidation v = map("address/address-default-more-info.response.json", Fixtures.CUSTOMER);
    assertThat(v.changes()).extracting(Change::field).containsExactly("ZIP+4", "city", "street");
    assertThat(v.changes().get(0)).isEqualTo(new Change("ZIP+4", null, "2529"));
    assertThat(v.carrierCorrections()).extracting(Code::code).containsExactly("32");
    assertThat(v.corrections()).singleElement().asString().startsWith("32: Default address");
    AddressValidation.DeliveryPoint dp = v.deliveryPoint();
    assertThat(dp.confirmation()).isEqualTo("D");
    assertThat(dp.cmra()).isTrue();
    assertThat(dp.vacant()).isTrue();
    assertThat(dp.centralDeliveryPoint()).isTrue();
    assertThat(dp.business()).isFalse();
    assertThat(dp.carrierRoute()).isEqualTo("C012");
    // the same state and ZIP, spelled alike, are no change
    assertThat(v.changes()).extracting(Change::field).doesNotContain("state", "ZIP");
  }
}
