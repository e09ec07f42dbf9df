package dev.shipbridge.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shipbridge.CarrierException;
import dev.shipbridge.model.CarrierId;
import java.io.IOException;

/**
 * Jackson, configured once for carrier wire formats (unknown properties ignored, BigDecimal, no
 * nulls sent, size and nesting limits). No {@code java.time} module: the USPS and Cainiao wire
 * records carry dates as text and parse them, so the first call does not pay for one; a wire type
 * with a {@code java.time} field fails to bind, and the failure's cause names it. A body that does
 * not parse into the expected shape becomes a {@link CarrierException}: no Jackson type escapes to
 * the caller.
 */
public final class JsonCodec {
  /** Largest document accepted, in characters. */
  public static final int MAX_DOCUMENT_LENGTH = 8 * 1024 * 1024;
  /** Deepest nesting accepted. */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final JsonCodec DEFAULT = new JsonCodec();

  /** Syntax only, for {@link #unreadable}; built on the first unreadable answer, not at class load. */
  private static final class SyntaxOnly {
    /** Nesting is still bounded, since each open level costs memory. */
    static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
        .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(-1)
            .maxNestingDepth(10 * MAX_NESTING_DEPTH).maxNumberLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE).build())
        .build();
  }

  private final ObjectMapper mapper;

  private JsonCodec() {
    JsonMapper m = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
    m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxDocumentLength(MAX_DOCUMENT_LENGTH)
        .maxNestingDepth(MAX_NESTING_DEPTH)
        .maxStringLength(MAX_DOCUMENT_LENGTH)
        .maxNumberLength(64)
        .build());
    this.mapper = m;
  }

  public static JsonCodec standard() {
    return DEFAULT;
  }

  /** The configured mapper, for adapters' DTO annotations and trees. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Serialises a request body. */
  public byte[] write(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Parses a 2xx answer, or throws {@link #unreadable} for it: one rule decides, for every way an
   * answer can fail to parse.
   */
  public <T> T read(CarrierId carrier, HttpResult result, Class<T> type, RequestSafety safety, String idempotencyKey) {
    Throwable why = null;
    try {
      checkLength(result.body());
      T value = mapper.readValue(result.body(), type);
      if (value != null) return value;
    } catch (IOException | RuntimeException e) {
      why = e;
    }
    throw unreadable(carrier, result, why, safety, idempotencyKey);
  }

  /**
   * The document-length limit, applied before parsing: Jackson checks it while it reads a stream,
   * but a byte array whose excess is in a value it skips (an unknown property) would pass.
   */
  private static void checkLength(byte[] body) throws com.fasterxml.jackson.core.exc.StreamConstraintsException {
    if (body.length > MAX_DOCUMENT_LENGTH) {
      throw new com.fasterxml.jackson.core.exc.StreamConstraintsException(
          "document of " + body.length + " bytes exceeds the limit of " + MAX_DOCUMENT_LENGTH);
    }
  }

  /**
   * The failure for a 2xx answer that could not be read ({@link #read}, or an adapter's own
   * parsing), classified by {@link FailureRules} for {@code safety}: a damaged body (empty, or not
   * one well-formed JSON document) is a {@code DAMAGED_ANSWER}, well-formed JSON of the wrong shape
   * or beyond the limits a {@code WRONG_ANSWER}. {@code why} is kept only by its type (its message
   * could quote the body), except a wire type Jackson cannot bind at all, whose message names the type.
   */
  public CarrierException unreadable(CarrierId carrier, HttpResult result, Throwable why, RequestSafety safety,
      String idempotencyKey) {
    boolean damaged = !wellFormed(result.body());
    String what = damaged ? "a damaged or empty body" : "an answer of an unexpected shape";
    CarrierException.Details d = CarrierException.details(carrier, "the carrier answered with " + what)
        .httpStatus(result.status()).requestId(result.requestId()).idempotencyKey(idempotencyKey)
        .cause(why == null ? null : new MalformedResponse(why.getClass().getName()
            + (why instanceof InvalidDefinitionException e ? ": " + e.getOriginalMessage() : "")));
    FailureRules.classify(d, damaged ? FailureRules.Fault.DAMAGED_ANSWER : FailureRules.Fault.WRONG_ANSWER, safety);
    return new CarrierException(d);
  }

  /** Whether {@code body} is one well-formed JSON document. */
  private static boolean wellFormed(byte[] body) {
    try (com.fasterxml.jackson.core.JsonParser p = SyntaxOnly.FACTORY.createParser(body)) {
      if (p.nextToken() == null) return false;
      p.skipChildren();
      return p.nextToken() == null;
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Parses a response body into a tree, or throws a {@link CarrierException}. */
  public JsonNode tree(CarrierId carrier, byte[] body) {
    if (body == null || body.length == 0) throw malformed(carrier, "an empty body", null);
    try {
      checkLength(body);
      JsonNode n = mapper.readTree(body);
      if (n == null || n.isMissingNode()) throw malformed(carrier, "an empty body", null);
      return n;
    } catch (IOException | RuntimeException e) {
      if (e instanceof CarrierException ce) throw ce;
      throw malformed(carrier, "a body that is not JSON (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Maps a tree onto a type, or throws a {@link CarrierException}. */
  public <T> T convert(CarrierId carrier, JsonNode node, Class<T> type) {
    try {
      return mapper.treeToValue(node, type);
    } catch (IOException | RuntimeException e) {
      throw malformed(carrier, "JSON of an unexpected shape (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static CarrierException malformed(CarrierId carrier, String what, Throwable cause) {
    // The cause's message may quote the body, which may hold personal data: keep only its type.
    return new CarrierException(CarrierException.details(carrier, "the carrier answered with " + what)
        .cause(cause == null ? null : new MalformedResponse(cause.getClass().getName())));
  }

  /** Stands in for a parser exception whose message could quote personal data. */
  static final class MalformedResponse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedResponse(String parserExceptionType) {
      super(parserExceptionType, null, false, false);
    }
  }
}
