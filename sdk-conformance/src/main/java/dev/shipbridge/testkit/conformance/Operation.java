package dev.shipbridge.testkit.conformance;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shipbridge.Shipbridge;
import java.util.Objects;
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

  @Override
  public String toString() {
    return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
