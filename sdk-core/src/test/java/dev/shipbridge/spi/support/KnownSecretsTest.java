package dev.shipbridge.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.CarrierException;
import dev.shipbridge.http.Redaction;
import dev.shipbridge.model.CarrierId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KnownSecretsTest {
  @Test
  void aRegisteredSecretIsMaskedByValueInMessagesAndEveryLoggedRendering() {
    String secret = "k5ecret/Value+With=Specials";
    KnownSecrets.register(secret);
    CarrierException e = CarrierException.details(CarrierId.of("test"), "bad credential " + secret)
        .carrierCode(secret).requestId("r-" + secret).build();
    assertThat(e.getMessage()).doesNotContain(secret).contains(KnownSecrets.MASK);
    assertThat(e.plainMessage()).doesNotContain(secret);
    String json = "{\"note\":\"echo " + secret.replace("/", "\\/") + "\"}";
    assertThat(Redaction.defaults().body(json.getBytes(StandardCharsets.UTF_8), "application/json")).doesNotContain(secret);
    String form = "memo=" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
    assertThat(Redaction.defaults().body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"))
        .doesNotContain(secret).doesNotContain(java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8));
  }

  @Test
  void shortValuesAreNotRegisteredSoCommonWordsSurvive() {
    KnownSecrets.register("secret", null, "  ");
    assertThat(KnownSecrets.mask("the client secret was refused")).isEqualTo("the client secret was refused");
  }

  @Test
  void anAccountNumberFieldIsMaskedByName() {
    String body = "{\"accountType\":\"EPS\",\"accountNumber\":\"1000123456\"}";
    assertThat(Redaction.defaults().body(body.getBytes(StandardCharsets.UTF_8), "application/json")).doesNotContain("1000123456");
  }
}
