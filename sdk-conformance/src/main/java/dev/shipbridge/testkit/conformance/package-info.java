/**
 * The carrier conformance kit: a JUnit 5 class an adapter's test extends ({@link
 * dev.shipbridge.testkit.conformance.CarrierConformanceKit}) to prove, through the {@code
 * Shipbridge} facade and on WireMock, that the adapter follows Shipbridge's failure model ({@link
 * dev.shipbridge.testkit.conformance.Rules}).
 *
 * <pre>{@code
 * class AcmeConformanceTest extends CarrierConformanceKit {
 *   @Override protected Carrier carrier(String baseUrl) { return new AcmeCarrier(baseUrl, "key"); }
 *   @Override protected List<Operation> operations() {
 *     return List.of(Operation.read("track", () -> get(urlPathMatching("/v1/track/.*")), sb -> sb.track("AC1"))
 *         .answer(okJson(TRACK_JSON)));
 *   }
 * }
 * }</pre>
 */
package dev.shipbridge.testkit.conformance;
