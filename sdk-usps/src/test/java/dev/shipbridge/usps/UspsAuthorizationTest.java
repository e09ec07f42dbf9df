package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ConfigurationException;
import org.junit.jupiter.api.Test;

class UspsAuthorizationTest {
  @Test
  void aMerchantNeedsAnIdAndScopesMustBeScopeTokens() {
    assertThatThrownBy(() -> UspsAuthorization.merchant(" ")).hasMessageContaining("merchantId");
    assertThatThrownBy(() -> UspsAuthorization.merchant("m", "labels tracking")).hasMessageContaining("scope");
    assertThatThrownBy(() -> UspsAuthorization.clientCredentials("\"labels\"")).hasMessageContaining("scope");
    assertThat(UspsAuthorization.merchant("m", "labels", "tracking").scopes()).containsExactly("labels", "tracking");
  }

  @Test
  void aCodeBelongsToAMerchantAndIsNeverShown() {
    assertThatThrownBy(() -> UspsAuthorization.clientCredentials().withAuthorizationCode("c0de-1234-abcd", "https://x.example/cb"))
        .hasMessageContaining("merchant");
    assertThatThrownBy(() -> UspsAuthorization.merchant("m").withAuthorizationCode("c0de-1234-abcd", " "))
        .hasMessageContaining("redirectUri");
    UspsAuthorization a = UspsAuthorization.merchant("m", "labels").withAuthorizationCode("c0de-1234-abcd", "https://x.example/cb");
    assertThat(a.hasAuthorizationCode()).isTrue();
    assertThat(a.toString()).contains("merchant=m").doesNotContain("c0de-1234-abcd");
    UspsCarrier usps = UspsCarrier.builder().clientId("id").clientSecret("secret-value-1").authorization(a).build();
    assertThat(usps.toString()).contains("merchant=m").doesNotContain("c0de-1234-abcd");
  }

  @Test
  void aNullAuthorizationIsAConfigurationProblemListedWithTheOthers() {
    assertThatThrownBy(() -> UspsCarrier.builder().authorization(null).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.getMessage())
            .contains("authorization").contains("clientId").contains("clientSecret"));
  }
}
