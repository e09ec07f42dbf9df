package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.cainiao.TestData;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMapperTest {
  private final CainiaoErrors.Call create = Calls.create("order-1042");

  static CainiaoConfig config() {
    return ConfigAccess.of(CainiaoCarrier.builder().appKey("k").appSecret("s").accessToken("t")
        .sellerAddressIds("1001", "1002", null).build());
  }

  @Test
  void createAcceptsIsSuccessAsStringBooleanOrEmpty() {
    assertThat(LabelMapper.fromCreate(Calls.reply("label/order-create.response.json", CainiaoWire.Created.class), create).logisticsOrderId())
        .isEqualTo("LP00579396348112");
    assertThat(LabelMapper.fromCreate(Calls.reply("label/order-create-boolean.response.json", CainiaoWire.Created.class), create).logisticsOrderId())
        .isEqualTo("80012345678");
    assertThat(LabelMapper.fromCreate(Calls.reply("label/order-create-empty-flag.response.json", CainiaoWire.Created.class), create).logisticsOrderId())
        .isEqualTo("LP00560799918466");
  }

  @Test
  void needRetryMakesACreateFailureRetryable() {
    assertThatThrownBy(() -> LabelMapper.fromCreate(Calls.reply("label/order-create-need-retry.response.json", CainiaoWire.Created.class), create))
        .isInstanceOf(CarrierUnavailableException.class)
        .satisfies(e -> assertThat(((CarrierException) e).retryable()).isTrue())
        .satisfies(e -> assertThat(((CarrierException) e).outcomeUnknown()).isFalse());
  }

  @Test
  void aRefusedCreateIsAnInvalidRequestAndNotRetryable() {
    assertThatThrownBy(() -> LabelMapper.fromCreate(Calls.reply("label/order-create-refused.response.json", CainiaoWire.Created.class), create))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("delivery range")
        .satisfies(e -> assertThat(((CarrierException) e).retryable()).isFalse());
  }

  @Test
  void aDuplicateOrderAnswerIsRecognisedNotFailed() {
    LabelMapper.Created c = LabelMapper.fromCreate(Calls.reply("label/order-create-duplicate.response.json", CainiaoWire.Created.class), create);
    assertThat(c.duplicate()).isTrue();
    assertThat(c.logisticsOrderId()).isEqualTo("LP00579396348112");
  }

  @Test
  void aSuccessWithoutAnOrderIdIsOutcomeUnknown() throws Exception {
    var answer = Calls.replyOf("{\"is_success\":true,\"result\":{}}", CainiaoWire.Created.class);
    assertThatThrownBy(() -> LabelMapper.fromCreate(answer, create))
        .isInstanceOf(CarrierException.class)
        .satisfies(e -> assertThat(((CarrierException) e).outcomeUnknown()).isTrue())
        .satisfies(e -> assertThat(((CarrierException) e).idempotencyKey()).contains("order-1042"));
  }

  @Test
  void orderParamCarriesTheIdempotencyKeyTradeOrderAndSellerAddresses() throws Exception {
    Map<String, String> p = Calls.form(LabelMapper.toWire(TestData.labelRequest("order-1042"), config()));
    JsonNode order = JsonCodec.standard().mapper().readTree(p.get("order_param"));
    assertThat(order.at("/out_order_id").asText()).isEqualTo("order-1042");
    assertThat(order.at("/trade_order_param/trade_order_id").asText()).isEqualTo("8001234567890123");
    assertThat(order.at("/solution_param/solution_code").asText()).isEqualTo("CAINIAO_STANDARD");
    assertThat(order.at("/sender_param/seller_address_id").asText()).isEqualTo("1001");
    assertThat(order.has("pickup_info_param")).isFalse();
    assertThat(order.at("/receiver_param/address_param/zip_code").asText()).isEqualTo("11201");
    assertThat(order.at("/package_params/0/weight").asLong()).isEqualTo(350);
  }

  @Test
  void onlineInfoKeepsTheLatestAndOriginalInternationalNumbers() {
    List<LabelMapper.OnlineInfo> rows = LabelMapper.fromOnlineInfo(Calls.reply("label/online-logistics-info-handoff.response.json", CainiaoWire.OnlineInfoAnswer.class), Calls.read(LabelMapper.ONLINE_INFO));
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.lpNumber()).isEqualTo("LP00579396348112");
      assertThat(r.latestNumber()).isEqualTo("9400111899223197428490");
      assertThat(r.originalNumber()).isEqualTo("RB123456785CN");
      assertThat(r.lastMileResource()).isEqualTo("USPS");
      assertThat(r.tradeOrderId()).isEqualTo("8001234567890123");
    });
  }

  @Test
  void printInfoAcceptsWrappedObjectAndRawBase64() {
    byte[] pdf = TestData.bytes("label/label.pdf");
    CainiaoErrors.Call print = Calls.read(LabelMapper.PRINT);
    assertThat(LabelMapper.fromPrintInfo(Calls.reply("label/print-info-wrapped.response.json", CainiaoWire.PrintInfo.class), print)).isEqualTo(pdf);
    assertThat(LabelMapper.fromPrintInfo(Calls.reply("label/print-info-object.response.json", CainiaoWire.PrintInfo.class), print)).isEqualTo(pdf);
    assertThat(LabelMapper.fromPrintInfo(Calls.reply("label/print-info-raw.response.json", CainiaoWire.PrintInfo.class), print)).isEqualTo(pdf);
  }

  @Test
  void printInfoThatIsNotAPdfIsRefusedClearly() {
    assertThatThrownBy(() -> LabelMapper.fromPrintInfo(Calls.reply("label/print-info-not-pdf.response.json", CainiaoWire.PrintInfo.class),
        Calls.read(LabelMapper.PRINT)))
        .isInstanceOf(CarrierException.class).hasMessageContaining("not a PDF");
  }

  @Test
  void theLabelsTrackingNumberIsTheLpCodeAndTheMatcherOwnsIt() {
    LabelMapper.OnlineInfo info = LabelMapper.fromOnlineInfo(Calls.reply("label/online-logistics-info.response.json", CainiaoWire.OnlineInfoAnswer.class),
        Calls.read(LabelMapper.ONLINE_INFO)).get(0);
    LabelRequest request = TestData.labelRequest("order-1042");
    Label label = LabelMapper.toLabel(request, info.lpNumber(), info, TestData.bytes("label/label.pdf"), create);
    assertThat(label.trackingNumber()).isEqualTo("LP00579396348112");
    assertThat(CainiaoNumbers.INSTANCE.matches(label.trackingNumber())).isTrue();
    assertThat(label.details()).containsEntry("internationalTrackingNumber", "RB123456785CN")
        .containsEntry("originalInternationalTrackingNumber", "RB123456785CN")
        .containsEntry("lpNumber", "LP00579396348112");
    assertThat(label.idempotencyKey()).isEqualTo(request.idempotencyKey());
  }

  @Test
  void aNonPdfFormatIsRefusedBeforeAnyCall() {
    LabelRequest zpl = TestData.labelRequest("k").toBuilder().format(LabelFormat.zpl(203)).build();
    assertThat(LabelMapper.violations(zpl)).singleElement().satisfies(v -> assertThat(v.message()).contains("PDF"));
  }
}
