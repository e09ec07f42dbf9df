package dev.shipbridge.spring.boot;

import dev.shipbridge.redis.ShipbridgeRedis;
import dev.shipbridge.redis.WhenUnreachable;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.spi.TokenStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One quota and token cache for a fleet when shipbridge-redis is present and {@code
 * shipbridge.redis.url} is set; a {@link TokenStore} or {@link RateLimiterProvider} bean of the
 * application's wins over Redis's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.shipbridge.redis.ShipbridgeRedis")
@ConditionalOnProperty(prefix = "shipbridge.redis", name = "url")
class ShipbridgeRedisConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  ShipbridgeRedis shipbridgeRedis(ShipbridgeProperties properties, ObjectProvider<Clock> clock) {
    RedisProperties p = properties.getRedis();
    ShipbridgeRedis.Builder b = ShipbridgeRedis.builder(p.getUrl());
    if (p.getKeyPrefix() != null) b.keyPrefix(p.getKeyPrefix());
    if (p.getWhenUnreachable() != null) b.whenUnreachable(WhenUnreachable.valueOf(p.getWhenUnreachable().name()));
    if (p.getFleetSize() != null) b.fleetSize(p.getFleetSize());
    if (p.getCommandTimeout() != null) b.commandTimeout(p.getCommandTimeout());
    clock.ifUnique(b::clock);
    return b.build();
  }

  @Bean
  @ConditionalOnMissingBean(TokenStore.class)
  TokenStore shipbridgeRedisTokenStore(ShipbridgeRedis redis) {
    return redis.tokenStore();
  }

  @Bean
  @ConditionalOnMissingBean(RateLimiterProvider.class)
  RateLimiterProvider shipbridgeRedisRateLimiters(ShipbridgeRedis redis) {
    return redis.rateLimiters();
  }
}
