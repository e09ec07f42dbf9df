/**
 * Shipbridge core's own plumbing (registry, resilient executor, spacing limiter, journey merging).
 * Not part of the API and not for adapters: what an adapter needs is in {@link
 * dev.shipbridge.spi.support} and {@link dev.shipbridge.http}. May change in any release.
 */
package dev.shipbridge.internal;
