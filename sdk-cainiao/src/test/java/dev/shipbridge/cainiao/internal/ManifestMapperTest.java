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
  void draftCommitAndPdfAnswersAreRead() {
    ManifestMapper.Draft draft = ManifestMapper.fromDraft(TestData.json("manifest/savedraft.response.json"),
        Calls.read(ManifestMapper.SAVE_DRAFT));
    assertThat(draft).isEqualTo(new ManifestMapper.Draft("300001", "400001"));
    ManifestMapper.Committed c = ManifestMapper.fromCommit(TestData.json("manifest/commit.response.json"), draft,
        Calls.read(ManifestMapper.COMMIT));
    assertThat(c.bigBagCode()).isEqualTo("LP00096553139264");
    assertThat(c.handoverContentId()).isEqualTo("400001");
    dev.shipbridge.model.Manifest m = ManifestMapper.toManifest(CarrierId.CAINIAO, request, c, new byte[] {1});
    assertThat(m.containerCode()).isEqualTo("LP00096553139264");
    assertThat(m.handoverOrderId()).isEqualTo("300001");
    assertThat(m.manifestId()).isEqualTo("400001");
    assertThat(ManifestMapper.fromPdf(TestData.json("manifest/pdf.response.json"), Calls.read(ManifestMapper.PDF)))
        .isEqualTo(TestData.bytes("label/label.pdf"));
    assertThat(ManifestMapper.fromCancel(TestData.json("manifest/cancel.response.json"), Calls.read(ManifestMapper.CANCEL)))
        .isTrue();
  }

  @Test
  void commitSendsTheParcelsTypeAndBigBagAppointment() {
    Map<String, String> p = ManifestMapper.commit(request, new ManifestMapper.Draft("300001", "400001"), config);
    assertThat(p).containsEntry("order_code_list", "[\"LP00579396348112\",\"LP00560799918466\"]")
        .containsEntry("handover_order_id", "300001").containsEntry("type", "self_send")
        .containsEntry("appointment_type", "bigbag").containsEntry("client", "ISV-Shipbridge");
    assertThat(p.get("user_info")).contains("\"login_id\":\"seller@example.com\"");
    assertThat(ManifestMapper.pdf("400001", 512, config)).containsEntry("type", "512");
  }

  @Test
  void aRefusedCommitIsAnInvalidRequest() {
    assertThatThrownBy(() -> ManifestMapper.fromCommit(TestData.json("manifest/commit-failed.response.json"),
        new ManifestMapper.Draft("1", "2"), Calls.read(ManifestMapper.COMMIT)))
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
}
