package dev.shipbridge.spring.boot;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.TokenStore;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Creates a {@link Shipbridge} bean from {@code shipbridge.*} properties, closed with the context.
 * Beans the application defines win: a {@link Shipbridge}, a carrier of the same type, a {@link
 * Clock}, a {@link TokenStore}, a {@link RateLimiterProvider}, a {@link Sleeper}, a USPS payment
 * account; every {@link ResilienceListener} bean hears the calls, and every {@link
 * ShipbridgeBuilderCustomizer} bean has the last word on the builder.
 *
 * <pre>{@code
 * @Service
 * class Orders {
 *   private final Shipbridge shipbridge;
 *   Orders(Shipbridge shipbridge) { this.shipbridge = shipbridge; }
 *   Label ship(LabelRequest request) { return shipbridge.label(request); }
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnClass(Shipbridge.class)
@ConditionalOnProperty(prefix = "shipbridge", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ShipbridgeProperties.class)
@Import({ShipbridgeCarriersConfiguration.Usps.class, ShipbridgeCarriersConfiguration.Cainiao.class,
    ShipbridgeRedisConfiguration.class, ShipbridgeMicrometerConfiguration.class,
    ShipbridgeHealthConfiguration.class, ShipbridgeWebhookConfiguration.class})
public class ShipbridgeAutoConfiguration {

  /** The facade, with every carrier bean; closed when the context closes. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Shipbridge shipbridge(ShipbridgeProperties properties, ObjectProvider<Carrier> carriers,
      ObjectProvider<Clock> clock, ObjectProvider<TokenStore> tokenStore,
      ObjectProvider<RateLimiterProvider> rateLimiters, ObjectProvider<Sleeper> sleeper,
      ObjectProvider<ResilienceListener> listeners, ObjectProvider<TokenStoreDecorator> tokenStoreDecorators,
      ObjectProvider<ShipbridgeBuilderCustomizer> customizers) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(properties.isDiscoverCarriers());
    carriers.orderedStream().forEach(b::carrier);
    Clock c = clock.getIfUnique(Clock::systemUTC);
    b.clock(c);
    TokenStore tokens = tokenStore.getIfUnique(() -> TokenStore.inMemory(c));
    for (TokenStoreDecorator d : tokenStoreDecorators.orderedStream().toList()) tokens = d.apply(tokens);
    b.tokenStore(tokens);
    rateLimiters.ifUnique(b::rateLimiterProvider);
    sleeper.ifUnique(b::sleeper);
    List<ResilienceListener> all = listeners.orderedStream().toList();
    if (!all.isEmpty()) b.resilienceListener(all.size() == 1 ? all.get(0) : new CompositeResilienceListener(all));
    ResiliencePolicy policy = properties.getResilience().toPolicy();
    if (policy != null) b.resilience(policy);
    if (properties.getQuoteTimeout() != null) b.quoteTimeout(properties.getQuoteTimeout());
    if (properties.getWebhookReplayWindow() != null) b.webhookReplayWindow(properties.getWebhookReplayWindow());
    customizers.orderedStream().forEach(cz -> cz.customize(b));
    return b.build();
  }
}
