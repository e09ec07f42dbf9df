package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.cainiao.TestData;
import dev.shipbridge.http.HttpResult;
import org.junit.jupiter.api.Test;

/** Every documented Cainiao envelope (issue 16 item 9), from fixtures written from cainiao-api.md 2.4 and 4.4. */
class CainiaoEnvelopeTest {
  private final CainiaoErrors.Call read = Calls.read(TrackMapper.METHOD);
  private final CainiaoErrors.Call create = Calls.create("order-7");

  private static HttpResult ok(String fixture, String contentType) {
    return TestData.result(200, TestData.text(fixture), contentType);
  }

  private static CarrierException link(String fixture, CainiaoErrors.Call call) {
    try {
      CainiaoErrors.readLink(ok(fixture, "application/json"), call, CainiaoWire.Envelope.class);
    } catch (CarrierException e) {
      return e;
    }
    throw new AssertionError("no failure for " + fixture);
  }

  private static CarrierException iop(String fixture, String contentType, CainiaoErrors.Call call) {
    try {
      CainiaoErrors.readIop(ok(fixture, contentType), call, CainiaoWire.Envelope.class);
    } catch (CarrierException e) {
      return e;
    }
    throw new AssertionError("no failure for " + fixture);
  }

  @Test
  void aSignatureFailureNestedUnderResultIsAnAuthenticationErrorWithItsCode() {
    CarrierException e = link("errors/link-result-signature.json", read);
    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.carrierCode()).contains("S02");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aSystemErrorTheCarrierSaysToRetryIsRetryableNotMalformed() {
    CarrierException e = link("errors/link-result-sys-error-retry.json", read);
    assertThat(e).isInstanceOf(CarrierUnavailableException.class);
    assertThat(e.carrierCode()).contains("SYS_ERROR");
    assertThat(e.retryable()).isTrue();
    // Cainiao saying "retry" means it did not act: even a create may be sent again
    CarrierException c = link("errors/link-result-sys-error-retry.json", create);
    assertThat(c.retryable()).isTrue();
    assertThat(c.outcomeUnknown()).isFalse();
  }

  @Test
  void anEmptySuccessFlagIsNotSaidAndTheCodeDecides() {
    CarrierException e = link("errors/link-response-empty-flag.json", read);
    assertThat(e).isInstanceOf(InvalidRequestException.class);
    assertThat(e.carrierCode()).contains("S12");
  }

  @Test
  void anIsvStyleTopCodeIsACallerFault() {
    CarrierException e = iop("errors/top-isv-code.json", "application/json", read);
    assertThat(e).isInstanceOf(InvalidRequestException.class);
    assertThat(e.carrierCode()).contains("isv.invalid-parameter");
    assertThat(e.requestId()).contains("0ba2887315178178017221014");
  }

  @Test
  void aBusinessFailureWithACamelCaseRetryHintUnderResultIsRetryable() {
    var answer = Calls.reply("errors/iop-need-retry-camel.json", CainiaoWire.Envelope.class).status();
    assertThatThrownBy(() -> CainiaoErrors.requireSuccess(answer, read))
        .isInstanceOf(CarrierUnavailableException.class)
        .satisfies(x -> assertThat(((CarrierException) x).retryable()).isTrue())
        .satisfies(x -> assertThat(((CarrierException) x).carrierCode()).contains("SYSTEM_BUSY"));
  }

  @Test
  void xmlWithoutASingleRootIsReadLenientlyAndSaysXmlNotHtml() {
    CarrierException e = iop("errors/xml-no-single-root.xml", "text/xml", read);
    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.carrierCode()).contains("isv.invalid-signature");
    assertThat(e.getMessage()).contains("Invalid signature").doesNotContain("HTML");
    CarrierException viaLink = link("errors/xml-no-single-root.xml", read);
    assertThat(viaLink).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void anErrorCodeBesideResultSuccessTrueIsAnErrorWithThatCode() {
    CarrierException e = iop("errors/xml-success-with-code.xml", "text/xml", read);
    assertThat(e.carrierCode()).contains("B0013");
    assertThat(e.getMessage()).contains("logistics order not found");
    // an XML answer with no error in it is still not what was asked for, and says XML
    CarrierException plain = iop("errors/xml-success.xml", "text/xml", read);
    assertThat(plain.getMessage()).contains("XML").doesNotContain("HTML");
    assertThat(CainiaoJson.isHtml("<!DOCTYPE html><html>")).isTrue();
    assertThat(CainiaoJson.isHtml("<response/>")).isFalse();
  }

  @Test
  void everyBooleanSpellingAndEveryLayerIsRead() {
    for (String flag : new String[] {"false", "\"false\"", "0"}) {
      for (String layer : new String[] {"%s", "{\"response\":%s}", "{\"result\":%s}"}) {
        String body = String.format(layer, "{\"success\":" + flag + ",\"errorCode\":\"S23\",\"errorMsg\":\"toCode ES\"}");
        assertThatThrownBy(() -> CainiaoErrors.readLink(TestData.result(200, body, null), read, CainiaoWire.Envelope.class)).as(body)
            .isInstanceOf(CarrierException.class)
            .satisfies(x -> assertThat(((CarrierException) x).carrierCode()).contains("S23"));
      }
    }
    var ok = CainiaoErrors.readLink(TestData.result(200, "{\"result\":{\"success\":\"true\",\"errorCode\":\"\",\"v\":2}}", null), read, CainiaoWire.Envelope.class);
    assertThat(ok.status().flag()).as("the status of the layer that said success").isTrue();
    assertThat(ok.status().result()).isNull();
  }

  @Test
  void anXmlAnswerDeclaringADoctypeOrEntityIsNotReadNorResolved() throws Exception {
    java.nio.file.Path secret = java.nio.file.Files.createTempFile("cainiao-xxe", ".txt");
    java.nio.file.Files.writeString(secret, "isv.secret-from-disk");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
        + "<error_response><code>&x;</code><msg>&x;</msg></error_response>";
    assertThat(CainiaoJson.xml(xxe)).isNull();
    assertThat(CainiaoJson.xml("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
        + "<error_response><code>&b;</code></error_response>")).isNull();
    assertThat(CainiaoJson.xml("<error_response><code>15</code><msg>Remote service error</msg></error_response>"))
        .isNotNull();
    java.nio.file.Files.delete(secret);
  }
}
