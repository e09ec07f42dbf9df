package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.spi.TrackingNumberMatcher;
import dev.shipbridge.usps.internal.UspsCarrierProvider;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UspsCarrierTest {
  static UspsCarrier.Builder minimal() {
    return UspsCarrier.builder().clientId("my-client").clientSecret("s3cr3t-value");
  }

  @Test
  void toStringNeverShowsTheSecretOrTheFullAccountNumber() {
    UspsCarrier c = minimal().paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937",
        "1000405525")).build();
    assertThat(c.toString()).contains("my-client").doesNotContain("s3cr3t-value").doesNotContain("1000405525")
        .contains("****0552".substring(0, 4));
    assertThat(UspsCarrier.builder().clientSecret("s3cr3t-value").toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void environmentsPointAtUspssHosts() {
    assertThat(minimal().build().baseUrl()).isEqualTo("https://apis.usps.com/");
    assertThat(minimal().environment(UspsCarrier.Environment.TEST).build().baseUrl()).isEqualTo("https://apis-tem.usps.com/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://apis.usps.com", "http://10.0.0.5:8080", "ftp://localhost", "not a url",
      "https://apis.usps.com/?x=1"})
  void refusesBaseUrlsThatAreNotHttpsExceptLoopback(String url) {
    UspsCarrier.Builder b = minimal().baseUrl(url);
    assertThatThrownBy(b::build).isInstanceOfSatisfying(ConfigurationException.class,
        e -> assertThat(e.problems()).extracting(ConfigurationException.Problem::setting).containsExactly("baseUrl"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:9", "http://[::1]:9", "https://proxy.example.com/usps"})
  void acceptsHttpsAndLoopbackHttpBaseUrls(String url) {
    assertThat(minimal().baseUrl(url).build().baseUrl()).startsWith(url.substring(0, 8));
  }

  @Test
  void buildingWithoutCredentialsFailsAndInvalidSetterValuesFailAtBuild() {
    assertThatThrownBy(() -> UspsCarrier.builder().build()).isInstanceOfSatisfying(ConfigurationException.class,
        e -> assertThat(e.problems()).extracting(ConfigurationException.Problem::setting).containsExactly("clientId", "clientSecret"));
    assertThatThrownBy(() -> UspsCarrier.builder().clientId("x").build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("clientSecret");
    assertThatThrownBy(() -> minimal().inductionZip("1143").build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("inductionZip (usps builder): must be five digits");
    assertThatThrownBy(() -> minimal().quotaPerHour(0).build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("quotaPerHour (usps builder): must be at least 1");
    assertThat(minimal().quotaPerHour(0).quotaPerHour(5).build()).as("a later valid value clears the problem").isNotNull();
    assertThatThrownBy(() -> UspsCarrier.PaymentAccount.eps("5", "904128936", "904128937", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UspsCarrier.PaymentAccount.eps("56982563", "9041289", "904128937", "1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyInvalidSetterValueAndMissingSettingIsReportedAtOnceAtBuild() {
    UspsCarrier.Builder b = UspsCarrier.builder().clientId("id").quotaPerHour(0).baseUrl("http://usps.example.com")
        .environment(null).inductionZip("12");

    assertThatThrownBy(b::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
      assertThat(e.problems()).extracting(ConfigurationException.Problem::setting)
          .containsExactly("quotaPerHour", "baseUrl", "environment", "inductionZip", "clientSecret");
      assertThat(e.getMessage()).contains("5 configuration problems", "must use https");
    });
  }

  @Test
  void anAbsentOrNegativeServiceStandardsCacheIsAConfigurationProblemNotAnException() {
    assertThatThrownBy(minimal().serviceStandardsCache(null)::build).isInstanceOfSatisfying(ConfigurationException.class,
        e -> assertThat(e.problems()).extracting(ConfigurationException.Problem::setting).containsExactly("serviceStandardsCache"));
    assertThatThrownBy(minimal().serviceStandardsCache(java.time.Duration.ofSeconds(-1))::build)
        .isInstanceOf(ConfigurationException.class);
    assertThat(minimal().serviceStandardsCache(java.time.Duration.ZERO).build()).isNotNull();
  }

  @Test
  void recognisesUspsNumbersByCheckDigitAndNeverOthers() {
    TrackingNumberMatcher m = minimal().build().trackingNumbers();
    assertThat(m.matches("9400109104250532908587")).isTrue();
    assertThat(m.matches("4201002334249200190132607600833457")).isTrue();
    assertThat(m.matches("EZ000012162US")).isTrue();
    assertThat(m.matches("9400109104250532908588")).isFalse();
    assertThat(m.matches("LP00123456789012")).isFalse();
    assertThat(m.matches("RR473124829CN")).isFalse();
  }

  @Test
  void publishesUspssQuotaOf60CallsAnHourPerApiAsItsDefaultPolicy() {
    UspsCarrier c = minimal().build();
    assertThat(c.defaultPolicy().rateLimit(CarrierId.USPS, Operation.TRACK)).contains(RateLimit.perHour(60));
    assertThat(c.defaultPolicy().rateLimit(CarrierId.USPS, Operation.LABEL)).contains(RateLimit.perHour(60));
    assertThat(minimal().quotaPerHour(600).build().defaultPolicy().rateLimit(CarrierId.USPS, Operation.QUOTE))
        .contains(RateLimit.perHour(600));
  }

  @Test
  void tracks35NumbersPerCallOnV3r2AndOneOnV3() {
    assertThat(minimal().build().maxBatchSize()).isEqualTo(35);
    assertThat(minimal().trackingApi(UspsCarrier.TrackingApi.V3_DETAIL).build().maxBatchSize()).isEqualTo(1);
    assertThat(minimal().build().honoursIdempotencyKey()).isTrue();
  }

  @Test
  void theProviderIsRegisteredForServiceLoaderDiscovery() {
    assertThat(ServiceLoader.load(CarrierProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(UspsCarrierProvider.class);
  }

  @Test
  void theProviderBuildsNothingWithoutCredentialsAndRefusesHalfASet() {
    assertThat(new UspsCarrierProvider().create(settings(Map.of()))).isEmpty();
    assertThatThrownBy(() -> new UspsCarrierProvider().create(settings(Map.of("USPS_CLIENT_ID", "only-id"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("USPS_CLIENT_SECRET");
  }

  @Test
  void theProviderBuildsAConfiguredCarrierFromSettings() {
    Optional<Carrier> c = new UspsCarrierProvider().create(settings(Map.of(
        "USPS_CLIENT_ID", "id", "USPS_CLIENT_SECRET", "secret", "USPS_ENVIRONMENT", "test",
        "USPS_CRID", "56982563", "USPS_MID", "904128936", "USPS_MANIFEST_MID", "904128937",
        "USPS_ACCOUNT_TYPE", "EPS", "USPS_ACCOUNT_NUMBER", "1000405525")));
    assertThat(c).get().isInstanceOfSatisfying(UspsCarrier.class, u -> {
      assertThat(u.baseUrl()).isEqualTo("https://apis-tem.usps.com/");
      assertThat(u.toString()).contains("crid=56982563").doesNotContain("secret]");
    });
    assertThat(new UspsCarrierProvider().create(settings(Map.of("USPS_CLIENT_ID", "id", "USPS_CLIENT_SECRET", "secret",
        "USPS_BASE_URL", "http://127.0.0.1:8089")))).get()
        .extracting(x -> ((UspsCarrier) x).baseUrl()).isEqualTo("http://127.0.0.1:8089/");
  }

  @Test
  void theProviderNamesEverySettingThatIsWrongAtOnceWithoutTheirValues() {
    assertThatThrownBy(() -> new UspsCarrierProvider().create(settings(Map.of("USPS_CLIENT_ID", "id",
        "USPS_CLIENT_SECRET", "secret", "USPS_ENVIRONMENT", "staging", "USPS_BASE_URL", "http://usps.example.com",
        "USPS_QUOTA_PER_HOUR", "abc", "USPS_TRACKING_API", "fast", "USPS_CRID", "56982563"))))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.problems()).extracting(ConfigurationException.Problem::setting).containsExactly("USPS_ENVIRONMENT",
              "USPS_BASE_URL", "USPS_CRID, USPS_MID, USPS_ACCOUNT_NUMBER", "USPS_TRACKING_API", "USPS_QUOTA_PER_HOUR");
          assertThat(e.getMessage()).contains("5 configuration problems", "USPS_QUOTA_PER_HOUR (usps discovery): must be a whole number",
              "set USPS_MID, USPS_ACCOUNT_NUMBER too").doesNotContain("staging", "abc", "fast");
        });
  }

  static CarrierProvider.Settings settings(Map<String, String> values) {
    return name -> Optional.ofNullable(values.get(name));
  }
}
