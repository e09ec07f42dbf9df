package dev.shipbridge;

import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.TokenStore;
import java.time.Clock;

/** What a {@link Shipbridge} gives the carriers it binds: its transport, clock and token store. */
record FacadeContext(HttpTransport transport, Clock clock, TokenStore tokenStore) implements CarrierContext {}
