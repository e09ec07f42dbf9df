package dev.shipbridge.spring.boot;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResilienceListener.BreakerState;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@code shipbridge} health indicator when Actuator's health support is present: per carrier,
 * its breaker state, its last success and failure, and whether it accepted the credentials on the
 * last call (no check calls a carrier). DOWN when a breaker is open or credentials were refused.
 * {@code management.health.shipbridge.enabled=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnProperty(prefix = "management.health.shipbridge", name = "enabled", havingValue = "true", matchIfMissing = true)
class ShipbridgeHealthConfiguration {

  @Bean
  CarrierHealthTracker shipbridgeHealthTracker(ObjectProvider<Clock> clock) {
    return new CarrierHealthTracker(clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  HealthIndicator shipbridgeHealthIndicator(Shipbridge shipbridge, CarrierHealthTracker tracker) {
    return () -> {
      for (CarrierId c : shipbridge.carriers()) tracker.know(c);
      boolean down = false;
      Map<String, Object> carriers = new LinkedHashMap<>();
      for (Map.Entry<CarrierId, CarrierHealthTracker.State> e : tracker.states().entrySet()) {
        CarrierHealthTracker.State s = e.getValue();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("breaker", s.breaker().name().toLowerCase(Locale.ROOT));
        d.put("lastSuccess", s.lastSuccess() == null ? "never" : s.lastSuccess().toString());
        d.put("lastFailure", s.lastFailure() == null ? "never" : s.lastFailure().toString());
        d.put("credentials", s.credentials().name().toLowerCase(Locale.ROOT));
        down |= s.breaker() == BreakerState.OPEN || s.credentials() == CarrierHealthTracker.Credentials.REFUSED;
        carriers.put(e.getKey().value(), d);
      }
      return (down ? Health.down() : Health.up()).withDetail("carriers", carriers).build();
    };
  }
}
