package dev.shipbridge.spi;

/**
 * Marker of what a carrier can do. An adapter implements only the capabilities it supports;
 * {@link Carrier#capability(Class)} finds them.
 */
public interface Capability {}
