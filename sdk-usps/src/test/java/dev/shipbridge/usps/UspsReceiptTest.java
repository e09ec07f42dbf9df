package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.ReceiptOption;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LabelRequest#receipt()} through the facade on the emulator, under the carrier's default
 * policy and a permissive one: NONE by default, {@code SEPARATE_PAGE} answered with the multipart
 * {@code receiptImage} part in {@link Label#receipt()}, {@code SAME_PAGE} on the label, and the
 * combinations USPS refuses caught before any call.
 */
class UspsReceiptTest {
  private final WireRecorder recorder = new WireRecorder();
  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private UspsEmulator usps;
  private Shipbridge shipbridge;

  private void start(String policy) {
    usps = UspsEmulator.start(clock);
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525")).build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
        .sleeper(clock::advance).httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build());
    if (policy.equals("permissive")) {
      b.resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(1).unlimited()).build());
    }
    shipbridge = b.build();
  }

  @AfterEach
  void stop() {
    if (shipbridge != null) shipbridge.close();
    if (usps != null) usps.close();
    if (SpecConformance.enabled()) {
      assertThat(SpecConformance.violations(recorder.exchanges())).as("every exchange conforms to USPS's specs").isEmpty();
    }
  }

  private String sentReceiptOption(int index) {
    String body = recorder.to("/labels/v3/label").get(index).requestText();
    int at = body.indexOf("\"receiptOption\":\"");
    return body.substring(at + 17, body.indexOf('"', at + 17));
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void aLabelAsksForNoReceiptByDefault(String policy) {
    start(policy);
    Label label = UspsLabelWireTest.buy(shipbridge, "receipt-default");
    assertThat(sentReceiptOption(0)).isEqualTo("NONE");
    assertThat(label.receipt()).isNull();
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void aSeparateReceiptIsTheReceiptImagePart(String policy) {
    start(policy);
    Label pdf = shipbridge.label(UspsLabelWireTest.request("receipt-pdf").receipt(ReceiptOption.SEPARATE_DOCUMENT).build());
    assertThat(sentReceiptOption(0)).isEqualTo("SEPARATE_PAGE");
    assertThat(new String(pdf.receipt(), StandardCharsets.ISO_8859_1)).startsWith("%PDF");
    assertThat(new String(pdf.content(), StandardCharsets.ISO_8859_1)).startsWith("%PDF");
    assertThat(pdf.receipt()).isNotEqualTo(pdf.content());
    // the adapter asks for USPS's one-document form (application/vnd.usps.labels+json): receiptImage in base64
    assertThat(new String(recorder.to("/labels/v3/label").get(0).responseBody(), StandardCharsets.ISO_8859_1))
        .contains("\"receiptImage\":\"JVBERi0");
    clock.advance(java.time.Duration.ofMinutes(2)); // the default policy spaces label calls a minute apart

    Label png = shipbridge.label(UspsLabelWireTest.request("receipt-png").format(LabelFormat.PNG_4X6)
        .receipt(ReceiptOption.SEPARATE_DOCUMENT).build());
    assertThat(png.receipt()).isNotNull();
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void aZplLabelCarriesItsReceiptAsASecondSegmentAndASamePageReceiptStaysOnTheLabel(String policy) {
    start(policy);
    Label zpl = shipbridge.label(UspsLabelWireTest.request("receipt-zpl").format(LabelFormat.zpl(203))
        .receipt(ReceiptOption.SEPARATE_DOCUMENT).build());
    assertThat(zpl.receipt()).isNull();
    assertThat(new String(zpl.content(), StandardCharsets.UTF_8)).contains("CUSTOMER RECEIPT")
        .satisfies(t -> assertThat(t.split("\\^XA", -1)).hasSize(3));
    clock.advance(java.time.Duration.ofMinutes(2)); // the default policy spaces label calls a minute apart

    Label samePage = shipbridge.label(UspsLabelWireTest.request("receipt-same").receipt(ReceiptOption.SAME_PAGE).build());
    assertThat(sentReceiptOption(1)).isEqualTo("SAME_PAGE");
    assertThat(samePage.receipt()).isNull();
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void receiptsUspsCannotGiveAreRefusedBeforeAnyCall(String policy) {
    start(policy);
    assertThatThrownBy(() -> shipbridge.label(UspsLabelWireTest.request("zpl-same").format(LabelFormat.zpl(300))
        .receipt(ReceiptOption.SAME_PAGE).build()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> assertThat(v.message()).contains("160009")));
    assertThatThrownBy(() -> shipbridge.label(UspsLabelWireTest.request("zpl-4x4").format(new LabelFormat(LabelFormat.Type.ZPL, 203, LabelFormat.PageSize.FOUR_BY_FOUR))
        .receipt(ReceiptOption.SEPARATE_DOCUMENT).build()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> assertThat(v.message()).contains("160370")));
    assertThatThrownBy(() -> shipbridge.label(LabelRequest.builder().carrier(CarrierId.USPS)
        .serviceCode("PRIORITY_MAIL_INTERNATIONAL").from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.PARIS)
        .parcel(UspsLabelWireTest.BOX).customs(UspsQuoteTrackWireTest.CUSTOMS).receipt(ReceiptOption.SEPARATE_DOCUMENT)
        .build()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(ValidationException.Violation::path).containsExactly("receipt"));
    assertThat(usps.requestCount("*", "/labels/v3")).isZero();
    assertThat(usps.requestCount("*", "/international-labels/v3")).isZero();
  }
}
