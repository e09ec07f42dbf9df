package dev.shipbridge.spring.boot;

import dev.shipbridge.spi.TokenStore;
import java.util.function.UnaryOperator;

/** Wraps the token store the starter chose (metrics); package-private, not API. */
@FunctionalInterface
interface TokenStoreDecorator extends UnaryOperator<TokenStore> {}
