package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.ManifestCapability;
import dev.shipbridge.spi.QuoteCapability;
import dev.shipbridge.spi.TrackingCapability;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CainiaoCarrierTest {
  private static CainiaoCarrier.Builder full() {
    return CainiaoCarrier.builder().appKey("app-key-1").appSecret("app-secret-XYZ").accessToken("token-SECRET-123")
        .linkProviderId("provider-1").linkSecretKey("link-secret-ABC");
  }

  @Test
  void toStringNeverShowsASecret() {
    String s = full().build().toString();
    assertThat(s).contains("app-key-1").contains("provider-1")
        .doesNotContain("app-secret-XYZ").doesNotContain("token-SECRET-123").doesNotContain("link-secret-ABC");
  }

  @Test
  void aCarrierThatWasOnlyBuiltChecksLabelRequestsButMakesNoCall() {
    CainiaoCarrier built = full().build();
    var zpl = TestData.labelRequest("k").toBuilder().format(dev.shipbridge.model.LabelFormat.zpl(203)).build();
    assertThat(built.check(zpl)).extracting(dev.shipbridge.ValidationException.Violation::path).containsExactly("format");
    assertThat(built.check(TestData.labelRequest("k"))).isEmpty();
    assertThatThrownBy(() -> built.quote(TestData.quoteRequest())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not bound");
    assertThatThrownBy(() -> built.label(TestData.labelRequest("k"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> built.track("LP00579396348112")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> built.handoverDocument("400001", CainiaoCarrier.HandoverDocument.HANDOVER_LIST))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyHttpsBaseUrlsAreAcceptedExceptOnLoopback() {
    assertThatThrownBy(() -> full().iopBaseUrl("http://api-sg.aliexpress.com").build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("iopBaseUrl (cainiao builder): must use https");
    assertThatThrownBy(() -> full().linkBaseUrl("http://link.cainiao.com").build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("linkBaseUrl");
    assertThatThrownBy(() -> full().iopBaseUrl("ftp://x").build()).isInstanceOf(ConfigurationException.class);
    full().iopBaseUrl("ftp://x").iopBaseUrl("http://127.0.0.1:8080").build(); // a later valid value clears the problem
    full().iopBaseUrl("http://127.0.0.1:8080").linkBaseUrl("http://localhost:9090").build();
  }

  @Test
  void aHostNameThatMerelyStartsWith127IsNotLoopback() {
    assertThatThrownBy(() -> full().iopBaseUrl("http://127.attacker.example").build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("must use https");
    assertThatThrownBy(() -> full().linkBaseUrl("http://127.0.0.1.nip.io/gateway").build()).isInstanceOf(ConfigurationException.class);
    full().iopBaseUrl("http://127.10.20.30:8080").build();
  }

  @Test
  void incompleteCredentialSetsAreRefused() {
    assertThatThrownBy(() -> CainiaoCarrier.builder().appKey("k").linkProviderId("p").build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(ConfigurationException.Problem::setting).containsExactly("appSecret", "accessToken", "linkSecretKey"));
    assertThatThrownBy(() -> CainiaoCarrier.builder().linkProviderId("p").build())
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> CainiaoCarrier.builder().build()).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> CainiaoCarrier.builder().appKey(" ").build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("appKey (cainiao builder): must not be blank");
    assertThatThrownBy(() -> full().locale("fr_FR").build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("locale (cainiao builder): must be one of");
  }

  @Test
  void everyInvalidSetterValueAndIncompleteCredentialIsReportedAtOnceAtBuild() {
    CainiaoCarrier.Builder b = CainiaoCarrier.builder().appKey("k").accessToken(" ").iopBaseUrl("http://api-sg.aliexpress.com")
        .locale("fr_FR").environment(null).handoverClient("ACME");

    assertThatThrownBy(b::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
      assertThat(e.problems()).extracting(ConfigurationException.Problem::setting)
          .containsExactly("accessToken", "iopBaseUrl", "locale", "environment", "handoverClient", "appSecret");
      assertThat(e.getMessage()).startsWith("6 configuration problems");
    });
  }

  @Test
  void capabilitiesFollowTheConfiguredCredentials() {
    CainiaoCarrier iop = full().build();
    assertThat(iop.capability(QuoteCapability.class)).isPresent();
    assertThat(iop.capability(LabelCapability.class)).isPresent();
    assertThat(iop.capability(ManifestCapability.class)).isPresent();
    CainiaoCarrier linkOnly = CainiaoCarrier.builder().linkProviderId("p").linkSecretKey("s").build();
    assertThat(linkOnly.capability(QuoteCapability.class)).isEmpty();
    assertThat(linkOnly.capability(LabelCapability.class)).isEmpty();
    assertThat(linkOnly.capability(TrackingCapability.class)).isPresent();
    assertThat(linkOnly.capability(LabelCapability.class).map(LabelCapability::honoursIdempotencyKey)).isEmpty();
    assertThat(iop.honoursIdempotencyKey()).as("Cainiao documents no dedup by out_order_id").isFalse();
  }

  @Test
  void theCarrierOwnsItsNumbersAndNotUspsOnes() {
    CainiaoCarrier c = full().build();
    assertThat(c.id()).isEqualTo(CarrierId.CAINIAO);
    assertThat(c.trackingNumbers().matches("LP00579396348112")).isTrue();
    assertThat(c.trackingNumbers().matches("9400111899223197428490")).isFalse();
  }

  @Test
  void theDefaultPolicyUsesTheOfficialSdkTimeoutsAndNoInventedQuota() {
    var p = full().build().defaultPolicy().resolve(CarrierId.CAINIAO, Operation.TRACK);
    assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(full().build().defaultPolicy().rateLimit(CarrierId.CAINIAO, Operation.LABEL)).isEmpty();
  }

  @Test
  void pushNeedsTheLinkSecret() {
    assertThat(full().build().push().toString()).doesNotContain("link-secret-ABC");
    assertThatThrownBy(() -> CainiaoCarrier.builder().appKey("k").appSecret("s").accessToken("t").build().push())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theProviderIsDiscoveredAndEmptyWhenNothingIsSet() {
    CarrierProvider provider = ServiceLoader.load(CarrierProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.id().equals(CarrierId.CAINIAO)).findFirst().orElseThrow();
    assertThat(provider.create(name -> Optional.empty())).isEmpty();
    Map<String, String> env = Map.of("CAINIAO_APP_KEY", "k", "CAINIAO_APP_SECRET", "s", "CAINIAO_ACCESS_TOKEN", "t",
        "CAINIAO_ENVIRONMENT", "sandbox", "CAINIAO_LINK_PROVIDER_ID", "p", "CAINIAO_LINK_SECRET", "ls");
    var carrier = provider.create(name -> Optional.ofNullable(env.get(name))).orElseThrow();
    assertThat(carrier.toString()).contains("linkdaily.tbsandbox.com").doesNotContain("=ls,");
  }

  @Test
  void theProviderReportsEveryIncompleteSetAndInvalidValueAtOnce() {
    CarrierProvider provider = ServiceLoader.load(CarrierProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.id().equals(CarrierId.CAINIAO)).findFirst().orElseThrow();
    Map<String, String> env = Map.of("CAINIAO_APP_KEY", "k", "CAINIAO_LINK_SECRET", "ls", "CAINIAO_ENVIRONMENT", "staging",
        "CAINIAO_PUBLIC_TRACKING", "yes", "CAINIAO_SENDER_ADDRESS_ID", "1");
    assertThatThrownBy(() -> provider.create(name -> Optional.ofNullable(env.get(name))))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.problems()).extracting(ConfigurationException.Problem::setting).containsExactly(
              "CAINIAO_APP_SECRET, CAINIAO_ACCESS_TOKEN", "CAINIAO_LINK_PROVIDER_ID",
              "CAINIAO_RETURN_ADDRESS_ID, CAINIAO_PICKUP_ADDRESS_ID", "CAINIAO_ENVIRONMENT", "CAINIAO_PUBLIC_TRACKING");
          assertThat(e.getMessage()).doesNotContain("staging").doesNotContain("=ls");
        });
  }
}
