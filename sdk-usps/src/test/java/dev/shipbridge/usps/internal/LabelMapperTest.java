package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Weight;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelMapperTest {
  static final LocalDate DAY = LocalDate.parse("2026-03-02");
  static final Parcel BOX = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));

  static LabelRequest.Builder domestic() {
    return LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("PRIORITY_MAIL:SP:MACHINABLE")
        .from(Fixtures.WAREHOUSE).to(Fixtures.CUSTOMER).parcel(BOX).reference("order-1042")
        .idempotencyKey(IdempotencyKey.of("order-1042-label"));
  }

  static LabelRequest.Builder international(List<CustomsItem> items, String itn) {
    return LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("PRIORITY_MAIL_INTERNATIONAL")
        .from(Fixtures.WAREHOUSE).to(Fixtures.PARIS).parcel(BOX)
        .customs(new CustomsDeclaration(CustomsDeclaration.ContentType.MERCHANDISE, items, "INV-77", itn));
  }

  static final List<CustomsItem> SHIRTS =
      List.of(new CustomsItem("Cotton T-shirt", 2, Money.of("9.50", "USD"), Weight.grams(400), "610910", "CN"));

  @Test
  void aDomesticLabelRequestMatchesTheReferenceShape() {
    LabelMapper.Call call = LabelMapper.toWire(domestic().build(), Fixtures.CRID, DAY);
    assertThat(call.api()).isEqualTo(UspsApi.DOMESTIC_LABELS);
    assertThat(Fixtures.wire(call.body())).isEqualTo(Fixtures.tree("label/domestic.request.json"));
  }

  @Test
  void anInternationalLabelCarriesTheCustomsFormWithTheAesExemptionBelowTheThreshold() {
    LabelMapper.Call call = LabelMapper.toWire(international(SHIRTS, null).build(), Fixtures.CRID, DAY);
    assertThat(call.api()).isEqualTo(UspsApi.INTERNATIONAL_LABELS);
    JsonNode body = Fixtures.wire(call.body());
    assertThat(body.at("/imageInfo").toString()).isEqualTo("{\"imageType\":\"PDF\",\"labelType\":\"4X6LABEL\"}");
    assertThat(body.at("/toAddress/countryISOAlpha2Code").asText()).isEqualTo("FR");
    assertThat(body.at("/toAddress/country").asText()).isEqualTo("France");
    assertThat(body.at("/fromAddress/firm").asText()).isEqualTo("Acme Goods");
    JsonNode customs = body.get("customsForm");
    assertThat(customs.get("customsContentType").asText()).isEqualTo("MERCHANDISE");
    assertThat(customs.get("AESITN").asText()).isEqualTo("NO EEI 30.37(a)");
    assertThat(customs.get("invoiceNumber").asText()).isEqualTo("INV-77");
    assertThat(customs.at("/contents/0").toString()).isEqualTo("{\"itemDescription\":\"Cotton T-shirt\",\"itemQuantity\":2,"
        + "\"itemTotalValue\":19,\"itemTotalWeight\":0.89,\"weightUOM\":\"lb\",\"HSTariffNumber\":\"610910\","
        + "\"countryofOrigin\":\"CN\"}");
  }

  @Test
  void anItnIsRequiredWhenOneTariffLineIsWorthMoreThan2500Dollars() {
    List<CustomsItem> laptops =
        List.of(new CustomsItem("Laptop computer", 2, Money.of("1300", "USD"), Weight.grams(400), "847130", "CN"));
    assertThat(LabelMapper.validate(international(laptops, null).build(), DAY))
        .extracting(ValidationException.Violation::path).contains("customs.exportFilingNumber");
    LabelMapper.Call call = LabelMapper.toWire(international(laptops, "X20260301123456").build(), Fixtures.CRID, DAY);
    assertThat(Fixtures.wire(call.body()).at("/customsForm/AESITN").asText()).isEqualTo("X20260301123456");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Gift", "merchandise", "N/A"})
  void vagueCustomsDescriptionsAreRefusedBeforeTheNetwork(String description) {
    List<CustomsItem> items = List.of(new CustomsItem(description, 1, Money.of("5", "USD"), Weight.grams(100), "610910", "CN"));
    assertThat(LabelMapper.validate(international(items, null).build(), DAY))
        .extracting(ValidationException.Violation::message).anyMatch(m -> m.contains("too vague"));
  }

  @Test
  void labelFormatsMapToUspsImageTypes() {
    assertThat(LabelMapper.imageType(LabelFormat.PDF_4X6)).isEqualTo("PDF");
    assertThat(LabelMapper.imageType(LabelFormat.PNG_4X6)).isEqualTo("PNG");
    assertThat(LabelMapper.imageType(LabelFormat.zpl(203))).isEqualTo("ZPL203DPI");
    assertThat(LabelMapper.imageType(LabelFormat.zpl(300))).isEqualTo("ZPL300DPI");
    assertThat(LabelMapper.labelType(new LabelFormat(LabelFormat.Type.PDF, 300, LabelFormat.PageSize.FOUR_BY_FOUR)))
        .isEqualTo("4X4LABEL");
  }

  @Test
  void unsupportedCombinationsAreRefusedListingEveryViolation() {
    LabelRequest r = international(SHIRTS, null).format(LabelFormat.PNG_4X6).serviceCode("PRIORITY_MAIL").build();
    assertThat(LabelMapper.validate(r, DAY))
            .extracting(ValidationException.Violation::path).contains("serviceCode", "format.type");
    LabelRequest noDims = domestic().parcel(Parcel.of(Weight.grams(300))).build();
    assertThat(LabelMapper.validate(noDims, DAY))
        .extracting(ValidationException.Violation::path).contains("parcel.dimensions");
  }

  @Test
  void everyKeyEvenAUuidIsSentAsAStableUuidDerivedWithTheCridAndTheBoundAccount() {
    String uuid = "8be4df61-93ca-11d2-aa0d-00e098032b8c";
    String derived = LabelMapper.idempotencyUuid(IdempotencyKey.of(uuid), Fixtures.CRID);
    assertThat(derived).as("a UUID key is derived too: sent unchanged it would be one purchase under every account")
        .isNotEqualTo(uuid).isEqualTo(LabelMapper.idempotencyUuid(IdempotencyKey.of(uuid), Fixtures.CRID));
    String underA = LabelMapper.scope(Fixtures.CRID, java.util.Optional.of(dev.shipbridge.account.AccountId.of("a")));
    String underB = LabelMapper.scope(Fixtures.CRID, java.util.Optional.of(dev.shipbridge.account.AccountId.of("b")));
    assertThat(LabelMapper.scope(Fixtures.CRID, java.util.Optional.empty())).as("the default account: as before")
        .isEqualTo(Fixtures.CRID);
    assertThat(LabelMapper.idempotencyUuid(IdempotencyKey.of("order-1042"), underA)).as("one CRID, two accounts")
        .isNotEqualTo(LabelMapper.idempotencyUuid(IdempotencyKey.of("order-1042"), underB))
        .isNotEqualTo(LabelMapper.idempotencyUuid(IdempotencyKey.of("order-1042"), Fixtures.CRID));
    String a = LabelMapper.idempotencyUuid(IdempotencyKey.of("order-1042"), Fixtures.CRID);
    assertThat(UUID.fromString(a)).isNotNull();
    assertThat(LabelMapper.idempotencyUuid(IdempotencyKey.of("order-1042"), Fixtures.CRID)).isEqualTo(a);
    assertThat(LabelMapper.idempotencyUuid(IdempotencyKey.of("order-1043"), Fixtures.CRID)).isNotEqualTo(a);
  }

  @Test
  void readsAMultipartLabelWithAPlusInTheUnquotedBoundaryAndLfLines() {
    Label label = Fixtures.label("multipart/form-data; boundary=FNfrpx9bbvOkzqOIlaOc8mp+", Fixtures.bytes("label/domestic.response.multipart.txt"), domestic().build(), "u", Fixtures.JSON);
    assertDomestic(label);
  }

  @Test
  void readsAMultipartLabelWithAQuotedBoundaryAndCrlfLines() {
    byte[] crlf = Fixtures.text("label/domestic.response.multipart.txt").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    assertDomestic(Fixtures.label("multipart/form-data; charset=utf-8; boundary=\"FNfrpx9bbvOkzqOIlaOc8mp+\"",
        crlf, domestic().build(), "u", Fixtures.JSON));
  }

  @Test
  void readsAMultipartLabelWhoseContentTypeLacksTheBoundary() {
    assertDomestic(Fixtures.label("multipart/form-data", Fixtures.bytes("label/domestic.response.multipart.txt"),
        domestic().build(), "u", Fixtures.JSON));
  }

  private static void assertDomestic(Label label) {
    assertThat(label.trackingNumber()).isEqualTo("9205590109769900012613");
    assertThat(new String(label.content(), StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4");
    assertThat(label.postage()).isEqualTo(Money.of("13.45", "USD"));
    assertThat(label.details()).containsEntry("routingInformation", "42063118").containsEntry("zone", "01")
        .containsEntry("scheduledDeliveryDate", "2026-03-04");
    assertThat(label.idempotencyKey()).isEqualTo(IdempotencyKey.of("order-1042-label"));
  }

  @Test
  void readsTheVendorJsonFormWithNestedMetadataAndAnS10Number() {
    LabelRequest r = international(SHIRTS, null).format(LabelFormat.zpl(203)).build();
    Label label = Fixtures.label("application/vnd.usps.labels+json", Fixtures.bytes("label/international.response.json"), r, "u", Fixtures.JSON);
    assertThat(label.trackingNumber()).isEqualTo("EZ000012162US");
    assertThat(new String(label.content(), StandardCharsets.US_ASCII)).startsWith("^XA");
    assertThat(label.postage()).isEqualTo(Money.of("71.44", "USD"));
    assertThat(label.details()).containsEntry("priceGroup", "01");
  }

  @Test
  void readsTheFlatVendorJsonForm() {
    String flat = "{\"trackingNumber\":\"9400109104250532908587\",\"postage\":6.25,\"labelImage\":\"JVBERi0xLjQK\"}";
    Label label = Fixtures.label("application/vnd.usps.labels+json", flat.getBytes(StandardCharsets.UTF_8),
        domestic().build(), "u", Fixtures.JSON);
    assertThat(label.trackingNumber()).isEqualTo("9400109104250532908587");
    assertThat(label.postage()).isEqualTo(Money.of("6.25", "USD"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"postage\":6.25,\"labelImage\":\"JVBERi0xLjQK\"}", "{\"trackingNumber\":\"9400109104250532908587\"}",
      "{\"trackingNumber\":{\"x\":1},\"labelImage\":\"JVBERi0xLjQK\"}"})
  void anIntactLabelAnswerItCannotRepresentIsOutcomeUnknownWithTheKeyNeverAParserException(String body) {
    assertThatThrownBy(() -> Fixtures.label("application/json", body.getBytes(StandardCharsets.UTF_8),
        domestic().build(), "u", Fixtures.JSON))
        .isInstanceOfSatisfying(CarrierException.class, e -> {
          assertThat(e.outcomeUnknown()).isTrue();
          assertThat(e.retryable()).isFalse();
          assertThat(e.idempotencyKey()).contains("order-1042-label");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html>oops</html>", "{\"labelMetadata\":{\"trackingNumber\":\"94001", ""})
  void aDamagedLabelAnswerIsForCoresRulesUnderTheKeyWhichReturnsTheSameLabel(String body) {
    assertThatThrownBy(() -> Fixtures.label("application/json", body.getBytes(StandardCharsets.UTF_8),
        domestic().build(), "u", Fixtures.JSON))
        .isInstanceOfSatisfying(CarrierException.class, e -> {
          assertThat(e.retryable()).as("the same key returns the same label").isTrue();
          assertThat(e.idempotencyKey()).contains("order-1042-label");
        });
  }

  @Test
  void mapsCancelAnswersAndRefundRefusals() {
    LabelWire.CancelResponse disputed = Fixtures.read(
        Fixtures.bytes("label/cancel-disputed.response.json"), LabelWire.CancelResponse.class);
    assertThat(LabelAnswer.cancelFromWire(disputed, "9205590109769900012613"))
        .extracting(CancelResult::status, CancelResult::message)
        .containsExactly(CancelResult.Status.PENDING, "refund requested, dispute 103789");
    assertThat(LabelAnswer.cancelFromWire(new LabelWire.CancelResponse("n", "CANCELED", null), "n").status())
        .isEqualTo(CancelResult.Status.CANCELED);
    assertThat(LabelAnswer.cancelFromRefusal("A refund request for this order cannot be submitted", "n"))
        .map(CancelResult::status).contains(CancelResult.Status.REJECTED);
    assertThat(LabelAnswer.cancelFromRefusal("A refund request for this order has already been submitted today", "n"))
        .map(CancelResult::status).contains(CancelResult.Status.PENDING);
    assertThat(LabelAnswer.cancelFromRefusal("Something else", "n")).isEmpty();
  }
}
