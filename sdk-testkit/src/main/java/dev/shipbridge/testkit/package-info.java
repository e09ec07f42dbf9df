/**
 * Carrier emulators that speak USPS's and Cainiao's real wire formats on loopback.
 *
 * <p>They run on WireMock and import no SDK code, so they cannot agree with the SDK's bugs. The
 * SDK's own tests, the example programs (as their embedded sandbox) and integrators' tests use
 * them. Both emulators can share one {@link dev.shipbridge.testkit.MutableClock}, so a test or an
 * example moves a parcel's journey forward without sleeping:
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
 * try (UspsEmulator usps = UspsEmulator.start(clock)) {
 *   String baseUrl = usps.baseUrl();        // http://127.0.0.1:<port>
 *   clock.advance(Duration.ofDays(2));       // tracking progresses
 * }
 * }</pre>
 */
package dev.shipbridge.testkit;
