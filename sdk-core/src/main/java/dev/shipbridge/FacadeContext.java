package dev.shipbridge;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.CarrierMemory;
import dev.shipbridge.spi.TokenStore;
import java.time.Clock;
import java.util.Optional;

/**
 * What a {@link Shipbridge} gives the carriers it binds: its transport, clock and token store, the
 * root's {@link CarrierMemory}, and the account it is bound for.
 */
record FacadeContext(HttpTransport transport, Clock clock, TokenStore tokenStore, CarrierMemory memory,
    Optional<AccountId> account) implements CarrierContext {}
