package dev.shipbridge.spi;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.http.HttpTransport;
import java.time.Clock;
import java.util.Optional;

/**
 * What the {@link dev.shipbridge.Shipbridge} instance shares with the carriers it holds: one HTTP
 * transport (one connection pool), one clock and one token store, the root instance's {@link
 * CarrierMemory} and the account the carriers are bound for. Given to
 * {@link Carrier#bind(CarrierContext)} when the facade is built.
 */
public interface CarrierContext {
  /** The shared transport; adapters send every request through it. */
  HttpTransport transport();

  /** The clock to read time from (token expiry, ship dates); injectable for tests. */
  Clock clock();

  /** Where adapters cache access tokens; shared across JVMs when configured so. */
  TokenStore tokenStore();

  /**
   * What the root {@code Shipbridge} remembers for all its carriers, across the instances bound for
   * its accounts and their rebuilds ({@link CarrierMemory}). The default, for a context made by
   * hand: a fresh memory on each ask, so a carrier asks once, when bound.
   */
  default CarrierMemory memory() {
    return new CarrierMemory();
  }

  /**
   * The account the carriers are bound for ({@code Shipbridge.account(id)}); empty for the
   * builder's own carriers and by default. A bound carrier refuses a request naming another account.
   */
  default Optional<AccountId> account() {
    return Optional.empty();
  }
}
