package dev.shipbridge.spring.boot;

import dev.shipbridge.micrometer.ShipbridgeMicrometer;
import dev.shipbridge.micrometer.TrackingMetrics;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.tracking.TrackingScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Observations and metrics when shipbridge-micrometer is on the classpath: the application's
 * {@code ObservationRegistry} and {@code MeterRegistry} beans (none: no-op observations and
 * Micrometer's global registry), and the meters of a {@code TrackingScheduler} bean.
 * {@code shipbridge.observability.enabled=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"dev.shipbridge.micrometer.ShipbridgeMicrometer", "io.micrometer.observation.ObservationRegistry"})
@ConditionalOnProperty(prefix = "shipbridge.observability", name = "enabled", havingValue = "true", matchIfMissing = true)
class ShipbridgeMicrometerConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ShipbridgeMicrometer shipbridgeMicrometer(ObjectProvider<ObservationRegistry> observations, ObjectProvider<MeterRegistry> meters) {
    return ShipbridgeMicrometer.of(observations.getIfUnique(() -> ObservationRegistry.NOOP),
        meters.getIfUnique(() -> Metrics.globalRegistry));
  }

  @Bean
  ResilienceListener shipbridgeObservationListener(ShipbridgeMicrometer micrometer) {
    return micrometer.resilienceListener();
  }

  @Bean
  TokenStoreDecorator shipbridgeMeteredTokenStore(ShipbridgeMicrometer micrometer) {
    return micrometer::tokenStore;
  }

  @Bean
  WebhookGate shipbridgeMeteredWebhooks(ShipbridgeMicrometer micrometer) {
    return micrometer::handleWebhook;
  }

  /** An HTTP client observing each attempt; a later customizer of the application's may replace it. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  ObservedHttpClient shipbridgeObservedHttpClient(ShipbridgeMicrometer micrometer) {
    return new ObservedHttpClient(new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30))
        .addInterceptor(micrometer.httpInterceptor()).build());
  }

  /**
   * The meters of the application's {@code TrackingScheduler} bean (one; with several, none is
   * bound: their untagged meters would collide) when shipbridge-tracking is on the classpath.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.shipbridge.tracking.TrackingScheduler")
  static class Tracking {
    @Bean
    SmartInitializingSingleton shipbridgeTrackingMetrics(ObjectProvider<TrackingScheduler> schedulers,
        ObjectProvider<MeterRegistry> meters) {
      return () -> {
        TrackingScheduler scheduler = schedulers.getIfUnique();
        if (scheduler != null) TrackingMetrics.bind(scheduler, meters.getIfUnique(() -> Metrics.globalRegistry));
      };
    }
  }

  /** Gives the facade the observed client, and closes it after the facade (which does not own it). */
  static final class ObservedHttpClient implements ShipbridgeBuilderCustomizer, DisposableBean {
    private final OkHttpClient client;

    ObservedHttpClient(OkHttpClient client) {
      this.client = client;
    }

    @Override
    public void customize(dev.shipbridge.ShipbridgeBuilder builder) {
      builder.httpClient(client);
    }

    @Override
    public void destroy() {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
