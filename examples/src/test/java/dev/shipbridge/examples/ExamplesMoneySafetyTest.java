package dev.shipbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No example reaches a non-loopback host unless it is given {@code --buy} and explicit
 * credentials, and then only a test environment. Every host an HTTP client of the JVM connects to
 * is recorded by a {@link ProxySelector}; non-loopback hosts are sent to a closed loopback port, so
 * even a failing run sends nothing off this machine.
 */
class ExamplesMoneySafetyTest {
  /** Every variable a carrier's discovery reads, set to production values, as a developer's shell might be. */
  private static final Map<String, String> PRODUCTION_SHELL = new LinkedHashMap<>();

  static {
    PRODUCTION_SHELL.put("USPS_CLIENT_ID", "prod-client-id");
    PRODUCTION_SHELL.put("USPS_CLIENT_SECRET", "prod-client-secret");
    PRODUCTION_SHELL.put("USPS_ENVIRONMENT", "PRODUCTION");
    PRODUCTION_SHELL.put("USPS_BASE_URL", "https://apis.usps.com");
    PRODUCTION_SHELL.put("USPS_CRID", "56982563");
    PRODUCTION_SHELL.put("USPS_MID", "904128936");
    PRODUCTION_SHELL.put("USPS_ACCOUNT_NUMBER", "1000405525");
    PRODUCTION_SHELL.put("CAINIAO_APP_KEY", "prod-app-key");
    PRODUCTION_SHELL.put("CAINIAO_APP_SECRET", "prod-app-secret");
    PRODUCTION_SHELL.put("CAINIAO_ACCESS_TOKEN", "prod-seller-token");
    PRODUCTION_SHELL.put("CAINIAO_LINK_PROVIDER_ID", "prod-provider");
    PRODUCTION_SHELL.put("CAINIAO_LINK_SECRET", "prod-link-secret");
    PRODUCTION_SHELL.put("CAINIAO_ENVIRONMENT", "production");
    PRODUCTION_SHELL.put("CAINIAO_IOP_URL", "https://api-sg.aliexpress.com");
    PRODUCTION_SHELL.put("CAINIAO_LINK_URL", "https://link.cainiao.com/gateway/link.do");
    PRODUCTION_SHELL.put("CAINIAO_PUBLIC_TRACKING", "true");
  }

  private final List<URI> offLoopback = new CopyOnWriteArrayList<>();
  private final Map<String, String> savedProperties = new HashMap<>();
  private ProxySelector savedSelector;

  @BeforeEach
  void recordEveryHostAndSetAProductionShell() {
    savedSelector = ProxySelector.getDefault();
    ProxySelector.setDefault(new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        if (uri.getHost() != null && Target.isLoopback(uri.getHost())) return List.of(Proxy.NO_PROXY);
        offLoopback.add(uri);
        return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 9))); // discard port: refused
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    });
    PRODUCTION_SHELL.forEach((k, v) -> {
      savedProperties.put(k, System.getProperty(k));
      System.setProperty(k, v);
    });
  }

  @AfterEach
  void restore() {
    ProxySelector.setDefault(savedSelector);
    savedProperties.forEach((k, v) -> {
      if (v == null) System.clearProperty(k);
      else System.setProperty(k, v);
    });
  }

  private interface Example {
    void run(PrintStream out) throws Exception;
  }

  private static List<String> output(Example example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      example.run(out);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void withoutBuyEveryExampleStaysOnLoopbackEvenWithProductionCredentialsInTheEnvironment(@TempDir Path dir) {
    Map<String, Example> examples = new LinkedHashMap<>();
    examples.put("CrossBorderShipment", out -> CrossBorderShipment.run(out, CarrierProvider.Settings.system(), dir));
    examples.put("QuoteOnly", QuoteOnly::run);
    examples.put("TrackMany", TrackMany::run);
    examples.put("CustomCarrier", CustomCarrier::run);
    examples.put("WebhookReceiver", WebhookReceiver::run);
    examples.put("ResilienceTuning", ResilienceTuning::run);

    examples.forEach((name, example) -> {
      List<String> lines = output(example);
      assertThat(lines.get(0)).as(name).startsWith("Mode: embedded sandbox");
      assertThat(offLoopback).as(name + " reached a non-loopback host").isEmpty();
    });
  }

  @Test
  void crossBorderShipmentWithBuyButProductionSettingsRefusesAndNamesEveryOffendingVariable(@TempDir Path dir) {
    int[] exit = new int[1];
    List<String> lines = output(out -> exit[0] = CrossBorderShipment.run(out, CarrierProvider.Settings.system(), dir, "--buy"));
    String all = String.join("\n", lines);

    assertThat(exit[0]).isEqualTo(2);
    assertThat(lines.get(0)).contains("refused before any request");
    assertThat(all).contains("USPS_ENVIRONMENT=PRODUCTION", "USPS_BASE_URL resolves to https://apis.usps.com",
        "CAINIAO_ENVIRONMENT=production", "CAINIAO_LINK_URL resolves to https://link.cainiao.com",
        "CAINIAO_IOP_URL resolves to https://api-sg.aliexpress.com", "CAINIAO_PUBLIC_TRACKING=true");
    assertThat(all).doesNotContain("prod-client-secret", "prod-app-secret", "prod-seller-token", "prod-link-secret");
    assertThat(offLoopback).isEmpty();
  }

  @Test
  void theTestEnvironmentsStillRefuseCainiaoWhoseOpenPlatformGatewayIsAlwaysProduction() {
    Map<String, String> env = Map.of("USPS_CLIENT_ID", "id", "USPS_CLIENT_SECRET", "s",
        "CAINIAO_APP_KEY", "k", "CAINIAO_APP_SECRET", "s", "CAINIAO_ACCESS_TOKEN", "t");
    Target.Decision d = Target.decide(name -> Optional.ofNullable(env.get(name)), "--buy");

    assertThat(d.sandbox()).isFalse();
    assertThat(d.baseUrls()).containsEntry("USPS_BASE_URL", "https://apis-tem.usps.com")
        .containsEntry("CAINIAO_LINK_URL", "https://linkdaily.tbsandbox.com/gateway/link.do");
    assertThat(d.refusals()).singleElement().asString().startsWith("CAINIAO_IOP_URL resolves to https://api-sg.aliexpress.com");
  }

  @Test
  void withBuyDiscoverySeesOnlyTheCheckedCarriersSoAnotherProvidersUncheckedUrlIsNeverReached() {
    Map<String, String> env = Map.of("USPS_CLIENT_ID", "id", "USPS_CLIENT_SECRET", "s",
        "KESTREL_API_KEY", "live-key", "KESTREL_BASE_URL", "https://api.kestrel-post.invalid");
    Target.Decision d = Target.decide(name -> Optional.ofNullable(env.get(name)), "--buy");

    assertThat(d.settings().get("KESTREL_API_KEY")).isEmpty();
    assertThat(d.settings().get("KESTREL_BASE_URL")).isEmpty();
    assertThat(new CustomCarrier.KestrelProvider().create(d.settings())).isEmpty();
    assertThat(d.settings().get("USPS_CLIENT_ID")).contains("id");
  }

  @Test
  void credentialsWithoutBuyOrBuyWithoutCredentialsMeanTheSandbox() {
    Map<String, String> env = Map.of("USPS_CLIENT_ID", "id", "USPS_CLIENT_SECRET", "s");
    assertThat(Target.decide(name -> Optional.ofNullable(env.get(name))).sandbox()).isTrue();
    assertThat(Target.decide(name -> Optional.empty(), "--buy").sandbox()).isTrue();
  }

  @Test
  void aHostIsSafeOnlyWhenLoopbackOrAKnownTestHostOverHttps() {
    assertThat(Target.isSafe("http://127.0.0.1:8080")).isTrue();
    assertThat(Target.isSafe("http://[::1]:8080/x")).isTrue();
    assertThat(Target.isSafe("http://localhost:1")).isTrue();
    assertThat(Target.isSafe("https://apis-tem.usps.com")).isTrue();
    assertThat(Target.isSafe("http://apis-tem.usps.com")).isFalse();
    assertThat(Target.isSafe("https://apis.usps.com")).isFalse();
    assertThat(Target.isSafe("https://127.0.0.1.example.com")).isFalse();
    assertThat(Target.isSafe("https://prelink.cainiao.com/gateway/link.do")).isFalse();
    assertThat(Target.isSafe("not a url")).isFalse();
  }

  @Test
  void withBuyTheResolvedBaseUrlsAreTheOnesUsed(@TempDir Path dir) {
    MutableClock clock = MutableClock.startingAt(Sandbox.START);
    try (UspsEmulator usps = UspsEmulator.start(clock); CainiaoEmulator cainiao = CainiaoEmulator.start(clock)) {
      Map<String, String> env = new HashMap<>();
      env.put("USPS_CLIENT_ID", usps.clientId());
      env.put("USPS_CLIENT_SECRET", usps.clientSecret());
      env.put("USPS_BASE_URL", usps.baseUrl());
      env.put("CAINIAO_APP_KEY", cainiao.appKey());
      env.put("CAINIAO_APP_SECRET", cainiao.appSecret());
      env.put("CAINIAO_ACCESS_TOKEN", cainiao.accessToken());
      env.put("CAINIAO_IOP_URL", cainiao.iopBaseUrl());
      env.put("CAINIAO_LINK_URL", cainiao.linkBaseUrl());
      int[] exit = new int[1];
      List<String> lines = output(out -> exit[0] = CrossBorderShipment.run(out, name -> Optional.ofNullable(env.get(name)),
          dir, "--buy"));

      assertThat(lines.get(0)).startsWith("Mode: carrier test environments (--buy): " + usps.baseUrl());
      assertThat(String.join("\n", lines)).containsPattern("Label: cainiao tracking number LP\\d{14}");
      assertThat(exit[0]).isZero();
      assertThat(cainiao.ordersCreated()).isEqualTo(1);
      assertThat(offLoopback).isEmpty();
    }
  }
}
