package dev.shipbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.micrometer.ShipbridgeMicrometer;
import dev.shipbridge.micrometer.TrackingMetrics;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.redis.ShipbridgeRedis;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.tracking.TrackingScheduler;
import dev.shipbridge.usps.UspsCarrier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;

/** Each condition of the auto-configuration, with ApplicationContextRunner (no carrier is called here). */
class ShipbridgeAutoConfigurationTest {
  // The machine's environment variables and system properties are left out (CI exports
  // SHIPBRIDGE_REDIS_URL, which Spring would bind to shipbridge.redis.url): each test states its own.
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withInitializer(context -> {
        context.getEnvironment().getPropertySources().remove("systemEnvironment");
        context.getEnvironment().getPropertySources().remove("systemProperties");
      })
      .withConfiguration(AutoConfigurations.of(ShipbridgeAutoConfiguration.class));

  private static final String[] USPS = {"shipbridge.usps.client-id=id-123", "shipbridge.usps.client-secret=secret-456"};
  private static final String[] CAINIAO = {"shipbridge.cainiao.app-key=500100", "shipbridge.cainiao.app-secret=app-secret-789",
      "shipbridge.cainiao.access-token=token-abc"};
  private static final String[] CAINIAO_SANDBOX = {"shipbridge.cainiao.app-key=500100", "shipbridge.cainiao.app-secret=app-secret-789",
      "shipbridge.cainiao.access-token=token-abc", "shipbridge.cainiao.iop-base-url=http://127.0.0.1:1"};
  /** A Shipbridge needs at least one carrier (build() refuses none): tests of other beans configure USPS. */
  private final ApplicationContextRunner configured = runner.withPropertyValues(USPS);

  @Test
  void withNoCarrierConfiguredTheContextFailsNamingTheProblem() {
    runner.run(context -> {
      assertThat(context).hasFailed();
      assertThat(rootCause(context.getStartupFailure())).isInstanceOf(dev.shipbridge.ConfigurationException.class)
          .hasMessageContaining("no carrier is configured");
    });
  }

  @Test
  void theShipbridgeIsClosedWithTheContext() {
    Shipbridge[] kept = new Shipbridge[1];
    configured.run(context -> {
      kept[0] = context.getBean(Shipbridge.class);
      assertThat(kept[0].carriers()).containsExactly(CarrierId.USPS);
    });
    Throwable afterClose = catchThrowable(() -> kept[0].trackAsync("9400100000000000000000").join());
    assertThat(rootCause(afterClose)).as("closed with the context").isInstanceOf(dev.shipbridge.ShipbridgeClosedException.class);
  }

  @Test
  void shipbridgeEnabledFalseCreatesNothing() {
    runner.withPropertyValues("shipbridge.enabled=false").withPropertyValues(USPS)
        .run(context -> assertThat(context).doesNotHaveBean(Shipbridge.class).doesNotHaveBean(UspsCarrier.class));
  }

  @Test
  void uspsCredentialsCreateAUspsCarrierOnTheTestEnvironmentUnlessProductionIsNamed() {
    runner.withPropertyValues(USPS).run(context -> {
      assertThat(context.getBean(Shipbridge.class).carriers()).containsExactly(CarrierId.USPS);
      assertThat(context.getBean(UspsCarrier.class).baseUrl()).startsWith("https://apis-tem.usps.com");
    });
    runner.withPropertyValues(USPS).withPropertyValues("shipbridge.usps.environment=production")
        .run(context -> assertThat(context.getBean(UspsCarrier.class).baseUrl()).startsWith("https://apis.usps.com"));
  }

  @Test
  void cainiaoCredentialsCreateACainiaoCarrierOnTheSandboxUnlessProductionIsNamed() {
    runner.withPropertyValues(CAINIAO).withPropertyValues("shipbridge.cainiao.iop-base-url=http://127.0.0.1:1").run(context -> {
      assertThat(context.getBean(Shipbridge.class).carriers()).containsExactly(CarrierId.CAINIAO);
      assertThat(context.getBean(CainiaoCarrier.class).toString())
          .contains(CainiaoCarrier.Environment.SANDBOX.linkUrl()).doesNotContain("link.cainiao.com");
    });
    runner.withPropertyValues(CAINIAO).withPropertyValues("shipbridge.cainiao.environment=production").run(context ->
        assertThat(context.getBean(CainiaoCarrier.class).toString()).contains(CainiaoCarrier.Environment.PRODUCTION.linkUrl()));
  }

  @Test
  void outsideProductionCainiaosOpenPlatformGatewayMustBeNamedAndNothingReachesItByDefault() {
    runner.withPropertyValues(CAINIAO).run(context -> {
      assertThat(context).hasFailed();
      assertThat(rootCause(context.getStartupFailure())).isInstanceOf(dev.shipbridge.ConfigurationException.class)
          .hasMessageContaining("shipbridge.cainiao.iop-base-url").hasMessageContaining("environment=production")
          .hasMessageNotContaining("app-secret-789");
    });
    runner.withPropertyValues(CAINIAO).withPropertyValues("shipbridge.cainiao.environment=pre-production").run(context ->
        assertThat(context).hasFailed());
  }

  @Test
  void aCarrierIsOffWhenItsModuleIsAbsentOrItIsDisabled() {
    runner.withPropertyValues(USPS).withPropertyValues(CAINIAO_SANDBOX).withClassLoader(new FilteredClassLoader(UspsCarrier.class))
        .run(context -> assertThat(context).doesNotHaveBean(UspsCarrier.class).hasSingleBean(CainiaoCarrier.class));
    runner.withPropertyValues(USPS).withPropertyValues(CAINIAO_SANDBOX).withPropertyValues("shipbridge.usps.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(UspsCarrier.class).hasSingleBean(CainiaoCarrier.class));
  }

  @Test
  void aCarrierBeanOfTheApplicationWinsOverTheProperties() {
    runner.withPropertyValues(USPS).withUserConfiguration(OwnUsps.class).run(context -> {
      assertThat(context).hasSingleBean(UspsCarrier.class);
      assertThat(context.getBean(UspsCarrier.class).baseUrl()).startsWith("http://127.0.0.1:1");
    });
  }

  @Test
  void aShipbridgeBeanOfTheApplicationWins() {
    runner.withUserConfiguration(OwnShipbridge.class).withPropertyValues(USPS).run(context -> {
      assertThat(context).hasSingleBean(Shipbridge.class);
      assertThat(context.getBeanNamesForType(Shipbridge.class)).containsExactly("myShipbridge");
      assertThat(context.getBean(Shipbridge.class).carriers()).containsExactly(CarrierId.CAINIAO);
    });
  }

  @Test
  void theApplicationsTokenStoreRateLimiterProviderAndClockAreUsed() {
    runner.withPropertyValues(USPS).withUserConfiguration(OwnInfrastructure.class).run(context -> {
      context.getBean(Shipbridge.class);
      OwnInfrastructure own = context.getBean(OwnInfrastructure.class);
      assertThat(own.limiters.get()).as("limiters came from the application's provider").isPositive();
      assertThat(context.getBean(CarrierHealthTracker.class)).isNotNull();
    });
  }

  @Test
  void resiliencePropertiesBecomeAPolicyPerCarrierAndOperation() {
    configured.withPropertyValues("shipbridge.resilience.all.max-attempts=4",
        "shipbridge.resilience.operations.quote.call-timeout=20s",
        "shipbridge.resilience.carriers.usps.operations.label.max-attempts=2",
        "shipbridge.resilience.carriers.usps.all.initial-backoff=2s").run(context -> {
          var policy = context.getBean(ShipbridgeProperties.class).getResilience().toPolicy();
          assertThat(policy.resolve(CarrierId.USPS, Operation.LABEL).maxAttempts()).isEqualTo(2);
          assertThat(policy.resolve(CarrierId.USPS, Operation.TRACK).maxAttempts()).isEqualTo(4);
          assertThat(policy.resolve(CarrierId.USPS, Operation.TRACK).initialBackoff()).hasSeconds(2);
          assertThat(policy.resolve(CarrierId.CAINIAO, Operation.LABEL).maxAttempts()).isEqualTo(4);
          assertThat(policy.resolve(CarrierId.CAINIAO, Operation.QUOTE).callTimeout()).hasSeconds(20);
        });
    configured.run(context -> assertThat(context.getBean(ShipbridgeProperties.class).getResilience().toPolicy()).isNull());
  }

  @Test
  void theApplicationsTrackingSchedulerGetsItsMetersWhenMicrometerAndTrackingArePresent() {
    configured.withUserConfiguration(OwnTracking.class).run(context -> {
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      context.getBean(TrackingScheduler.class).watch(CarrierId.USPS, "9400100000000000000000");
      assertThat(meters.get(TrackingMetrics.WATCHED).gauge().value()).isEqualTo(1);
      assertThat(meters.get(TrackingMetrics.DUE_BACKLOG).gauge().value()).isEqualTo(1);
    });
    configured.withUserConfiguration(OwnTracking.class).withPropertyValues("shipbridge.observability.enabled=false")
        .run(context -> assertThat(context.getBean(MeterRegistry.class).find(TrackingMetrics.WATCHED).gauge()).isNull());
  }

  @Test
  void micrometerIsWiredWhenPresentAndOffWhenAbsentOrDisabled() {
    configured.run(context -> assertThat(context).hasSingleBean(ShipbridgeMicrometer.class)
        .getBeans(ResilienceListener.class).hasSizeGreaterThanOrEqualTo(2));
    configured.withClassLoader(new FilteredClassLoader(ShipbridgeMicrometer.class))
        .run(context -> assertThat(context).hasSingleBean(Shipbridge.class).doesNotHaveBean(ShipbridgeMicrometer.class));
    configured.withPropertyValues("shipbridge.observability.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ShipbridgeMicrometer.class));
  }

  @Test
  void theHealthIndicatorIsThereWithActuatorHealthAndNotWithout() {
    configured.withPropertyValues(USPS).run(context -> {
      assertThat(context).hasBean("shipbridgeHealthIndicator");
      var health = context.getBean("shipbridgeHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus().getCode()).isEqualTo("UP");
      assertThat(health.getDetails().toString()).contains("usps").contains("breaker=closed").contains("credentials=unknown")
          .doesNotContain("secret-456").doesNotContain("id-123");
    });
    configured.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).hasSingleBean(Shipbridge.class).doesNotHaveBean("shipbridgeHealthIndicator"));
    configured.withPropertyValues("management.health.shipbridge.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("shipbridgeHealthIndicator"));
  }

  @Test
  void theWebhookEndpointIsOnlyThereWhenEnabledAndSpringMvcIsPresent() {
    configured.run(context -> assertThat(context).doesNotHaveBean(RouterFunction.class));
    configured.withPropertyValues("shipbridge.webhook.enabled=true")
        .run(context -> assertThat(context).hasBean("shipbridgeWebhookRoute"));
    configured.withPropertyValues("shipbridge.webhook.enabled=true").withClassLoader(new FilteredClassLoader(RouterFunction.class))
        .run(context -> assertThat(context).doesNotHaveBean("shipbridgeWebhookRoute"));
  }

  @Test
  void redisSharesQuotaAndTokensWhenItsUrlIsSetAndTheModuleIsPresent() {
    String[] redis = {"shipbridge.redis.url=redis://127.0.0.1:1", "shipbridge.redis.when-unreachable=fail_open", "shipbridge.redis.fleet-size=3"};
    configured.withPropertyValues(redis).run(context -> {
      assertThat(context).hasSingleBean(ShipbridgeRedis.class);
      assertThat(context.getBean(TokenStore.class)).isSameAs(context.getBean(ShipbridgeRedis.class).tokenStore());
      assertThat(context).hasSingleBean(RateLimiterProvider.class);
    });
    configured.withPropertyValues(redis).withUserConfiguration(OwnInfrastructure.class).run(context -> {
      assertThat(context.getBean(TokenStore.class)).isInstanceOf(CountingTokenStore.class);
      assertThat(context.getBean(RateLimiterProvider.class)).isSameAs(context.getBean(OwnInfrastructure.class).provider);
    });
    configured.withPropertyValues(redis).withClassLoader(new FilteredClassLoader(ShipbridgeRedis.class))
        .run(context -> assertThat(context).hasSingleBean(Shipbridge.class).doesNotHaveBean(ShipbridgeRedis.class));
    configured.run(context -> assertThat(context).doesNotHaveBean(ShipbridgeRedis.class));
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnTracking {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    TrackingScheduler trackingScheduler(Shipbridge shipbridge) {
      return TrackingScheduler.builder().shipbridge(shipbridge).listener(change -> { }).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnUsps {
    @Bean
    UspsCarrier myUsps() {
      return UspsCarrier.builder().baseUrl("http://127.0.0.1:1").clientId("mine").clientSecret("mine-secret").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnShipbridge {
    @Bean
    Shipbridge myShipbridge() {
      return Shipbridge.builder().discoverCarriers(false)
          .carrier(CainiaoCarrier.builder().appKey("own").appSecret("own-secret").accessToken("own-token").build()).build();
    }
  }

  /** A token store that counts what it is asked. */
  static final class CountingTokenStore implements TokenStore {
    final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
    final AtomicInteger fetches = new AtomicInteger();

    @Override
    public Optional<Token> get(String key) {
      return Optional.ofNullable(tokens.get(key));
    }

    @Override
    public void put(String key, Token token) {
      tokens.put(key, token);
    }

    @Override
    public void remove(String key) {
      tokens.remove(key);
    }

    @Override
    public Token getOrFetch(String key, Supplier<Token> fetch) {
      fetches.incrementAndGet();
      return TokenStore.super.getOrFetch(key, fetch);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnInfrastructure {
    final AtomicInteger limiters = new AtomicInteger();
    final RateLimiterProvider provider = (carrier, operation, limit, clock) -> {
      limiters.incrementAndGet();
      return RateLimiterProvider.inJvm().limiter(carrier, operation, limit, clock);
    };

    @Bean
    TokenStore myTokens() {
      return new CountingTokenStore();
    }

    @Bean
    RateLimiterProvider myLimiters() {
      return provider;
    }

    @Bean
    Clock myClock() {
      return Clock.fixed(Instant.parse("2026-03-02T01:00:00Z"), ZoneOffset.UTC);
    }
  }
}
