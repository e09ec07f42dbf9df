package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestAndAddressMapperTest {
  static final ManifestRequest SCAN = new ManifestRequest(CarrierId.USPS,
      List.of("420631189205590109769900012613"), Fixtures.WAREHOUSE, null);

  @Test
  void aScanFormRequestListsTheLabelsWithoutRoutingPrefixes() {
    var body = Fixtures.wire(ManifestMapper.toWire(SCAN, LocalDate.parse("2026-03-02")));
    assertThat(body.at("/shipment/trackingNumbers").toString()).isEqualTo("[\"9205590109769900012613\"]");
    assertThat(body.get("entryFacilityZIPCode").asText()).isEqualTo("63116");
    assertThat(body.at("/imageInfo/labelType").asText()).isEqualTo("8.5X11LABEL");
    assertThat(body.at("/fromAddress/ZIPPlus4").asText()).isEqualTo("1234");
    assertThat(body.at("/fromAddress").has("phone")).isFalse();
  }

  @Test
  void readsTheMultipartScanFormWithAPlusBoundary() {
    Manifest m = ManifestMapper.fromWire("multipart/form-data; boundary=ENBLgudt45Tp+D7b8eMPXPgf",
        Fixtures.bytes("manifest/scan-form.response.multipart.txt"), SCAN, Fixtures.JSON);
    assertThat(m.manifestId()).isEqualTo("9475038234567000031430");
    assertThat(m.trackingNumbers()).containsExactly("9205590109769900012613");
    assertThat(new String(m.document(), StandardCharsets.ISO_8859_1)).startsWith("%PDF");
  }

  @Test
  void readsTheVendorJsonScanForm() {
    String json = "{\"manifestNumber\":\"9475038234567000031430\",\"SCANFormImage\":\"JVBERi0xLjQK\"}";
    Manifest m = ManifestMapper.fromWire("application/vnd.usps.labels+json", json.getBytes(StandardCharsets.UTF_8), SCAN,
        Fixtures.JSON);
    assertThat(m.trackingNumbers()).containsExactly("420631189205590109769900012613");
    assertThat(m.document()).startsWith((byte) '%');
  }

  @Test
  void addressQueriesCarryTheSplitZipAndSecondaryLine() {
    assertThat(AddressMapper.toWire(Fixtures.WAREHOUSE)).containsExactly(
        java.util.Map.entry("firm", "Acme Goods"), java.util.Map.entry("streetAddress", "4120 Bingham Ave"),
        java.util.Map.entry("city", "St. Louis"), java.util.Map.entry("state", "MO"),
        java.util.Map.entry("ZIPCode", "63116"), java.util.Map.entry("ZIPPlus4", "1234"));
    assertThatThrownBy(() -> AddressMapper.toWire(Fixtures.PARIS)).isInstanceOf(ValidationException.class);
  }

  @Test
  void mapsTheStandardisedAddressWithDpvConfirmation() {
    Address asked = Address.builder().name("Ada Lovelace").line("3120 M St").line("NW").city("Washington").region("DC")
        .postalCode("20027").country("US").residential(true).build();
    AddressValidation v = AddressMapper.fromWire(Fixtures.read(
        Fixtures.bytes("address/address.response.json"), AddressWire.Response.class), asked);
    assertThat(v.deliverable()).isTrue();
    assertThat(v.confirmation()).isEqualTo("Y");
    assertThat(v.standardized().lines()).containsExactly("3120 M ST NW");
    assertThat(v.standardized().postalCode()).isEqualTo("20007-3704");
    assertThat(v.standardized().city()).isEqualTo("WASHINGTON");
    assertThat(v.standardized().name()).isEqualTo("Ada Lovelace");
    assertThat(v.standardized().residential()).isFalse(); // USPS says it is a business
    assertThat(v.corrections()).isEmpty();
  }
}
