package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
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
import dev.shipbridge.testkit.UspsEmulator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UspsLabelWireTest extends EmulatorTestBase {
  static final Parcel BOX = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));

  static LabelRequest.Builder request(String key) {
    return LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE:SP:MACHINABLE")
        .from(WAREHOUSE).to(CUSTOMER).parcel(BOX).idempotencyKey(IdempotencyKey.of(key));
  }

  static Label buy(Shipbridge shipbridge, String key) {
    return shipbridge.label(request(key).build());
  }

  @Test
  void buysADomesticLabelWithThePaymentTokenAndTheIdempotencyKeyAsUuid() {
    Label label = buy(shipbridge, "order-1042");
    assertThat(label.trackingNumber()).matches("9\\d{21}");
    assertThat(new String(label.content(), StandardCharsets.ISO_8859_1)).startsWith("%PDF");
    assertThat(label.postage().currency().getCurrencyCode()).isEqualTo("USD");
    WireRecorder.Exchange sent = recorder.to("/labels/v3/label").get(0);
    assertThat(sent.requestHeaders().get("X-Idempotency-Key")).isEqualTo(label.details().get("idempotencyUuid"));
    assertThat(sent.requestHeaders().get("Accept")).isEqualTo("application/vnd.usps.labels+json");
    assertThat(sent.requestHeaders().get("User-Agent")).isEqualTo(dev.shipbridge.http.UserAgentInterceptor.USER_AGENT);
    assertThat(recorder.to("/oauth2/v3/token").get(0).requestHeaders().get("User-Agent"))
        .isEqualTo(dev.shipbridge.http.UserAgentInterceptor.USER_AGENT);
    assertThat(usps.labelsPurchased()).isEqualTo(1);
    assertThat(shipbridge.track(label.trackingNumber()).trackingNumber()).isEqualTo(label.trackingNumber());
  }

  @Test
  void buyingTwiceWithOneKeyBuysOneLabel() {
    Label first = buy(shipbridge, "order-7");
    Label second = buy(shipbridge, "order-7");
    assertThat(second.trackingNumber()).isEqualTo(first.trackingNumber());
    assertThat(usps.labelsPurchased()).isEqualTo(1);
  }

  @Test
  void neverBuysTwoLabelsWhenTheConnectionResetsAfterTheRequestWasSent() {
    try (Shipbridge retrying = facade(carrier().build(), 3)) {
      usps.injectFault("/labels/v3", UspsEmulator.Fault.CONNECTION_RESET, 1);
      Label label = buy(retrying, "order-reset");
      assertThat(label.trackingNumber()).isNotBlank();
    }
    List<WireRecorder.Exchange> posts = recorder.to("/labels/v3/label");
    assertThat(posts).hasSize(2);
    assertThat(posts.get(1).requestHeaders().get("X-Idempotency-Key"))
        .isEqualTo(posts.get(0).requestHeaders().get("X-Idempotency-Key"));
    assertThat(usps.labelsPurchased()).isEqualTo(1);
  }

  @Test
  void buysAnInternationalZplLabelWithACustomsForm() {
    CustomsDeclaration customs = CustomsDeclaration.of(CustomsDeclaration.ContentType.GIFT, List.of(
        new CustomsItem("Silk scarf", 1, Money.of("45.00", "USD"), Weight.grams(200), "621410", "CN")));
    Label label = shipbridge.label(LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("PRIORITY_MAIL_INTERNATIONAL")
        .from(WAREHOUSE).to(PARIS).parcel(BOX).customs(customs).format(LabelFormat.zpl(203)).build());
    assertThat(label.trackingNumber()).matches("[A-Z]{2}\\d{9}US");
    assertThat(new String(label.content(), StandardCharsets.ISO_8859_1)).startsWith("^XA");
    assertThat(recorder.to("/international-labels/v3/international-label").get(0).requestText())
        .contains("\"customsContentType\":\"GIFT\"").contains("\"AESITN\":\"NO EEI 30.37(a)\"");
  }

  @Test
  void aLabelWithoutAPaymentAccountFailsBeforeTheNetwork() {
    try (Shipbridge unpaid = facade(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).build())) {
      assertThatThrownBy(() -> buy(unpaid, "k")).isInstanceOf(ValidationException.class)
          .hasMessageContaining("paymentAccount");
    }
    assertThat(usps.requestCount("*", "/labels/v3")).isZero();
  }

  @Test
  void cancelsADomesticLabel() {
    Label label = buy(shipbridge, "order-cancel");
    CancelResult result = shipbridge.cancel(label.trackingNumber());
    assertThat(result.status()).isEqualTo(CancelResult.Status.CANCELED);
    assertThat(usps.requestCount("DELETE", "/labels/v3/label/" + label.trackingNumber())).isEqualTo(1);
  }
}
