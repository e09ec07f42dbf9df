package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.cainiao.TestData;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.ManifestRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestMapperTest {
  private final CainiaoConfig config = ConfigAccess.of(CainiaoCarrier.builder().appKey("k").appSecret("s").accessToken("t")
      .handoverLoginId("seller@example.com").build());
  private final ManifestRequest request = new ManifestRequest(CarrierId.CAINIAO,
      List.of("LP00579396348112", "LP00560799918466"), TestData.shenzhen(), null);

  @Test
  void draftCommitPdfAndCancelAnswersAreRead() {
    CainiaoWire.HandoverData draft = ManifestMapper.data(Calls.reply("manifest/savedraft.response.json",
        CainiaoWire.Hsf.class), Calls.read(ManifestMapper.SAVE_DRAFT));
    assertThat(draft.handoverOrderId()).isEqualTo("300001");
    assertThat(draft.handoverContentId()).isEqualTo("400001");
    CainiaoWire.HandoverData c = ManifestMapper.data(Calls.reply("manifest/commit.response.json", CainiaoWire.Hsf.class),
        Calls.read(ManifestMapper.COMMIT));
    assertThat(c.handoverContentCode()).isEqualTo("LP00096553139264");
    assertThat(c.handoverContentId()).isEqualTo("400001");
    CainiaoWire.HandoverData pdf = ManifestMapper.data(Calls.reply("manifest/pdf.response.json", CainiaoWire.Hsf.class),
        Calls.read(ManifestMapper.PDF));
    assertThat(LabelMapper.pdf(pdf.body(), Calls.read(ManifestMapper.PDF))).isEqualTo(TestData.bytes("label/label.pdf"));
    assertThat(ManifestMapper.data(Calls.reply("manifest/cancel.response.json", CainiaoWire.Hsf.class),
        Calls.read(ManifestMapper.CANCEL)).result()).isTrue();
  }

  @Test
  void commitSendsTheParcelsTypeAndBigBagAppointment() {
    Map<String, String> p = Calls.form(ManifestMapper.form(config, "[\"LP00579396348112\",\"LP00560799918466\"]",
        "300001", null, null, "self_send"));
    assertThat(p).containsEntry("order_code_list", "[\"LP00579396348112\",\"LP00560799918466\"]")
        .containsEntry("handover_order_id", "300001").containsEntry("type", "self_send")
        .containsEntry("appointment_type", "bigbag").containsEntry("client", "ISV-Shipbridge");
    assertThat(p.get("user_info")).contains("\"login_id\":\"seller@example.com\"");
    assertThat(Calls.form(ManifestMapper.form(config, null, null, "400001", null, "512"))).containsEntry("type", "512")
        .doesNotContainKey("appointment_type");
  }

  @Test
  void aRefusedCommitIsAnInvalidRequest() {
    assertThatThrownBy(() -> ManifestMapper.data(Calls.reply("manifest/commit-failed.response.json", CainiaoWire.Hsf.class),
        Calls.read(ManifestMapper.COMMIT)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot be handed over");
  }

  @Test
  void onlyLpCodesAndAConfiguredLoginAreAccepted() {
    ManifestRequest bad = new ManifestRequest(CarrierId.CAINIAO, List.of("RB123456785CN"), TestData.shenzhen(), null);
    assertThatThrownBy(() -> ManifestMapper.check(bad, config)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("LP code");
    CainiaoConfig noLogin = ConfigAccess.of(CainiaoCarrier.builder().appKey("k").appSecret("s").accessToken("t").build());
    assertThatThrownBy(() -> ManifestMapper.check(request, noLogin)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("handoverLoginId");
  }

  @Test
  void anEntryFacilityIsRefusedNotDroppedForCainiaoCollectsAtTheSeller() {
    ManifestRequest entered = request.withEntry("LP00579396348112", "PARCEL_SELECT:DE:MACHINABLE:DESTINATION_DELIVERY_UNIT",
        TestData.shenzhen());
    assertThatThrownBy(() -> ManifestMapper.check(entered, config)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.violations()).extracting(ValidationException.Violation::path)
            .containsExactly("entries[LP00579396348112]"));
    ManifestMapper.check(request, config);
  }
}
