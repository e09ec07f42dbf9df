package dev.shipbridge.spi;

import dev.shipbridge.http.HttpTransport;
import java.time.Clock;

/**
 * What the {@link dev.shipbridge.Shipbridge} instance shares with the carriers it holds: one HTTP
 * transport (one connection pool), one clock and one token store. Given to
 * {@link Carrier#bind(CarrierContext)} when the facade is built.
 */
public interface CarrierContext {
  /** The shared transport; adapters send every request through it. */
  HttpTransport transport();

  /** The clock to read time from (token expiry, ship dates); injectable for tests. */
  Clock clock();

  /** Where adapters cache access tokens; shared across JVMs when configured so. */
  TokenStore tokenStore();
}
