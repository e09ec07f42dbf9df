package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configuration problems of both real adapters' discovery fail the build at once, each named. */
class ConfigurationProblemsTest {
  private static ShipbridgeBuilder discovering(Map<String, String> env) {
    return Shipbridge.builder().discoverCarriers(true).settings(name -> Optional.ofNullable(env.get(name)));
  }

  @Test
  void aBadVariableOfEachCarrierFailsTheBuildListingEveryProblemWithoutValues() {
    Map<String, String> env = Map.of("USPS_CLIENT_ID", "id", "USPS_CLIENT_SECRET", "very-secret",
        "USPS_QUOTA_PER_HOUR", "abc", "USPS_ENVIRONMENT", "staging",
        "CAINIAO_APP_KEY", "k", "CAINIAO_APP_SECRET", "app-secret-value");
    assertThatThrownBy(() -> discovering(env).build()).isInstanceOfSatisfying(ConfigurationException.class, e -> {
      assertThat(e.problems()).extracting(ConfigurationException.Problem::setting)
          .containsExactlyInAnyOrder("USPS_ENVIRONMENT", "USPS_QUOTA_PER_HOUR", "CAINIAO_ACCESS_TOKEN");
      assertThat(e.getMessage()).contains("3 configuration problems")
          .doesNotContain("very-secret", "app-secret-value", "abc", "staging");
    });
  }

  @Test
  void shellVariablesAddNoCarrierUnlessDiscoveryIsOptedIn() {
    try (UspsEmulator usps = UspsEmulator.start()) {
      Map<String, String> env = Map.of("CAINIAO_APP_KEY", "k", "CAINIAO_APP_SECRET", "s", "CAINIAO_ACCESS_TOKEN", "t");
      UspsCarrier carrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
          .clientSecret(usps.clientSecret()).build();
      try (Shipbridge s = Shipbridge.builder().settings(name -> Optional.ofNullable(env.get(name))).carrier(carrier).build();
          Shipbridge opted = discovering(env).carrier(carrier).build()) {
        assertThat(s.carriers()).containsExactly(CarrierId.USPS);
        assertThat(opted.carriers()).containsExactly(CarrierId.USPS, CarrierId.CAINIAO);
      }
    }
  }

  @Test
  void zeroCarriersFailAtBuildTimeNotAtTheFirstCall() {
    assertThatThrownBy(() -> Shipbridge.builder().build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no carrier is configured");
    assertThatThrownBy(() -> discovering(Map.of()).build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("discovery found none");
  }
}
