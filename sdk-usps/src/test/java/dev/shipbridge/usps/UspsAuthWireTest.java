package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.AddressValidation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UspsAuthWireTest extends EmulatorTestBase {
  @Test
  void oneTokenServesManyCallsAndIsSentAsBearer() {
    shipbridge.validateAddress(CUSTOMER);
    shipbridge.validateAddress(WAREHOUSE);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(1);
    assertThat(recorder.to("/addresses/v3")).allSatisfy(e ->
        assertThat(e.requestHeaders().get("Authorization")).startsWith("Bearer "));
    WireRecorder.Exchange token = recorder.to("/oauth2/v3/token").get(0);
    assertThat(token.requestText()).contains("grant_type=client_credentials").contains("client_id=sandbox-client-id");
  }

  @Test
  void theTokenIsRefreshedBeforeItExpiresWithASafetyMargin() {
    shipbridge.validateAddress(CUSTOMER);
    clock.advance(Duration.ofHours(7).plusMinutes(29));
    shipbridge.validateAddress(CUSTOMER);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2)); // 7 h 31 min: inside the 30-minute margin of the 8-hour token
    shipbridge.validateAddress(CUSTOMER);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(2);
  }

  @Test
  void aHundredConcurrentColdCallersFetchExactlyOneToken() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<AddressValidation>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          return shipbridge.validateAddress(CUSTOMER);
        }));
      }
      start.countDown();
      for (Future<AddressValidation> f : calls) assertThat(f.get().deliverable()).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(1);
    assertThat(usps.requestCount("GET", "/addresses/v3/address")).isEqualTo(100);
  }

  @Test
  void wrongCredentialsAreAnAuthenticationFailureThatNamesNoSecret() {
    try (Shipbridge wrong = facade(carrier().clientSecret("not-the-secret").build())) {
      assertThatThrownBy(() -> wrong.validateAddress(CUSTOMER))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageNotContaining("not-the-secret");
    }
    assertThat(usps.requestCount("GET", "/addresses/v3")).isZero();
  }

  @Test
  void thePaymentTokenIsFetchedOnceWithBothRolesAndSentWithEveryLabel() {
    UspsLabelWireTest.buy(shipbridge, "k-1");
    UspsLabelWireTest.buy(shipbridge, "k-2");
    assertThat(usps.requestCount("POST", "/payments/v3/payment-authorization")).isEqualTo(1);
    String body = recorder.to("/payments/v3").get(0).requestText();
    assertThat(body).contains("\"roleName\":\"PAYER\"").contains("\"roleName\":\"LABEL_OWNER\"")
        .contains("\"accountType\":\"EPS\"").contains("\"accountNumber\":\"1000405525\"");
    assertThat(recorder.to("/labels/v3/label")).allSatisfy(e ->
        assertThat(e.requestHeaders().get("X-Payment-Authorization-Token")).isNotBlank());
  }
}
