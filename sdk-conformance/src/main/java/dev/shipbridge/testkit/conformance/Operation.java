package dev.shipbridge.testkit.conformance;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.testkit.Malformations;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One operation of the carrier under test, as the kit drives it: the request the kit breaks (a
 * WireMock request pattern, e.g. {@code post(urlPathEqualTo("/v1/labels"))}), how to call it
 * through the facade, and, unless the integrator's upstream server answers it, one valid answer.
 *
 * <pre>{@code
 * Operation.read("track", get(urlPathMatching("/v1/track/.*")), sb -> sb.track("AC123"))
 *     .answer(okJson("{\"number\":\"AC123\",\"status\":\"IN_TRANSIT\",\"events\":[]}"));
 * Operation.purchase("label", post(urlPathEqualTo("/v1/labels")), sb -> sb.label(request), "order-42")
 *     .answer(okJson(LABEL_JSON));
 * }</pre>
 */
public final class Operation {
  /** What kind of request an operation sends, which decides the rules it must follow. */
  public enum Kind {
    /** A read: any transient failure may be retried. */
    READ,
    /** A purchase (a label): never bought twice; an unknown outcome is said so, with the key. */
    PURCHASE
  }

  private final String name;
  private final Kind kind;
  private final Supplier<MappingBuilder> target;
  private final Function<Shipbridge, Object> call;
  private final String idempotencyKey;
  private ResponseDefinitionBuilder answer;
  private Function<Shipbridge, Object> refused;
  private Function<String, ResponseDefinitionBuilder> withEventCode;
  private TrackManyCase trackMany;
  private Malformations.Valid valid;
  private List<Fault> fallbacks = List.of();

  /** The event code the kit plants in a tracking answer ({@link #eventCodes}): no carrier uses it. */
  public static final String UNKNOWN_EVENT_CODE = "ZZ97";

  /** A {@code trackMany} case: the numbers asked, the one that fails, and the stubs that make it fail. */
  record TrackManyCase(List<String> numbers, String failing, Consumer<WireMockServer> stubs) {}

  private Operation(String name, Kind kind, Supplier<MappingBuilder> target, Function<Shipbridge, Object> call,
      String idempotencyKey) {
    this.name = Objects.requireNonNull(name, "name");
    this.kind = kind;
    this.target = Objects.requireNonNull(target, "target");
    this.call = Objects.requireNonNull(call, "call");
    this.idempotencyKey = idempotencyKey;
  }

  /**
   * A read (quote, track, address check, ...). {@code target} is asked for a fresh pattern each
   * time (a {@link MappingBuilder} is mutable). A quote's call may return the {@code QuoteResult}:
   * the kit reads its failure.
   */
  public static Operation read(String name, Supplier<MappingBuilder> target, Function<Shipbridge, Object> call) {
    return new Operation(name, Kind.READ, target, call, null);
  }

  /** A label purchase under {@code idempotencyKey}, the key the call's request carries. */
  public static Operation purchase(String name, Supplier<MappingBuilder> target, Function<Shipbridge, Object> call,
      String idempotencyKey) {
    return new Operation(name, Kind.PURCHASE, target, call, Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
  }

  /** The valid answer the kit serves for the target (when no upstream server answers it). */
  public Operation answer(ResponseDefinitionBuilder answer) {
    this.answer = answer;
    return this;
  }

  /**
   * A call of this operation that the carrier must refuse before sending anything (for a label,
   * one its {@code LabelCapability.check} rejects): the kit expects a {@code ValidationException}
   * and a server that saw no request at all.
   *
   * <pre>{@code
   * Operation.purchase("label", () -> post(urlPathEqualTo("/v1/labels")), sb -> sb.label(REQUEST), "order-42")
   *     .refusing(sb -> sb.label(REQUEST_WITH_A_ZPL_FORMAT_ACME_DOES_NOT_PRINT));
   * }</pre>
   */
  public Operation refusing(Function<Shipbridge, Object> invalidCall) {
    this.refused = Objects.requireNonNull(invalidCall, "invalidCall");
    return this;
  }

  /**
   * For a tracking operation: a valid answer whose events carry {@code code} as the carrier's
   * event code (the integrator's answer template). The kit plants {@link #UNKNOWN_EVENT_CODE} and
   * expects the call to succeed with an event keeping it raw, as {@code TrackingStatus.UNKNOWN}.
   *
   * <pre>{@code
   * Operation.read("track", () -> get(urlPathMatching("/v1/parcels/.*")), sb -> sb.track("KP123456786"))
   *     .eventCodes(code -> okJson(EVENTS_TEMPLATE.replace("{code}", code)));
   * }</pre>
   */
  public Operation eventCodes(Function<String, ResponseDefinitionBuilder> answerCarrying) {
    this.withEventCode = Objects.requireNonNull(answerCarrying, "answerCarrying");
    return this;
  }

  /**
   * For a tracking operation: {@code Shipbridge.trackMany(numbers)} where only {@code failing}
   * cannot be tracked, {@code stubs} stubbing the kit's server so (at a priority number below 5,
   * above the operation's valid answer). The kit expects one result per number, in order,
   * {@code failing}'s a typed {@code CarrierException} of this carrier, the others tracked.
   *
   * <pre>{@code
   * .perNumberFailure(List.of("KP123456786", "KP000000000"), "KP000000000",
   *     server -> server.stubFor(get(urlPathEqualTo("/v1/parcels/KP000000000/events")).atPriority(2)
   *         .willReturn(jsonResponse(NOT_FOUND_ENVELOPE, 404))));
   * }</pre>
   */
  public Operation perNumberFailure(List<String> numbers, String failing, Consumer<WireMockServer> stubs) {
    List<String> n = List.copyOf(numbers);
    if (!n.contains(failing) || n.size() < 2) throw new IllegalArgumentException("failing must be one of two or more numbers");
    this.trackMany = new TrackManyCase(n, failing, Objects.requireNonNull(stubs, "stubs"));
    return this;
  }

  /**
   * The valid answer the kit derives the testkit's {@link Malformations} from (one case per
   * kind). Without it, an {@link #answer} of JSON (e.g. {@code okJson(...)}) is used; an operation
   * with neither runs no malformation cases.
   */
  public Operation malformations(Malformations.Valid valid) {
    this.valid = Objects.requireNonNull(valid, "valid");
    return this;
  }

  /**
   * Faults on which the carrier answers from another endpoint by design (a fallback): a result is
   * then accepted as well as the failure the fault would give.
   */
  public Operation fallsBackOn(Fault... faults) {
    this.fallbacks = List.of(faults);
    return this;
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  MappingBuilder target() {
    return target.get();
  }

  Object call(Shipbridge shipbridge) {
    return call.apply(shipbridge);
  }

  String idempotencyKey() {
    return idempotencyKey;
  }

  Function<Shipbridge, Object> refused() {
    return refused;
  }

  ResponseDefinitionBuilder answer() {
    return answer;
  }

  Function<String, ResponseDefinitionBuilder> eventCodeAnswer() {
    return withEventCode;
  }

  TrackManyCase trackManyCase() {
    return trackMany;
  }

  List<Fault> fallbacks() {
    return fallbacks;
  }

  /** The valid answer malformations derive from: given, or the JSON answer; null when neither. */
  Malformations.Valid valid() {
    if (valid != null) return valid;
    if (answer == null) return null;
    com.github.tomakehurst.wiremock.http.ResponseDefinition d = answer.build();
    String body = d.getBody();
    if (body == null || body.isBlank()) return null;
    String ct = d.getHeaders() == null || d.getHeaders().getContentTypeHeader() == null
        || !d.getHeaders().getContentTypeHeader().isPresent() ? "application/json"
        : d.getHeaders().getContentTypeHeader().firstValue();
    try {
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    } catch (Exception e) {
      return null;
    }
    return new Malformations.Valid(ct, body, null, null, null, null);
  }

  @Override
  public String toString() {
    return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
