package dev.shipbridge.spi;

/**
 * Says whether a tracking number belongs to a carrier. Given numbers are already trimmed,
 * uppercased and stripped of spaces. A matcher must not claim numbers another carrier owns:
 * check digits and country suffixes, not mere lengths.
 */
@FunctionalInterface
public interface TrackingNumberMatcher {
  TrackingNumberMatcher NONE = n -> false;

  boolean matches(String trackingNumber);
}
