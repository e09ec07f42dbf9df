package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.CarrierId;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads USPS answers into the wire records cheaply. The records match property names
 * case-insensitively (USPS's casing drifts: {@code SKU} / {@code sku}), so Jackson lower-cases every
 * incoming name on every lookup; a parser that hands it names already in lower case (from a small
 * cache) makes that a no-op. Results are the same as {@link JsonCodec#read}'s, and anything this
 * path cannot read goes to {@link JsonCodec#read}, which decides and reports exactly as before.
 */
final class WireReader {
  private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
    @Override
    protected ObjectReader computeValue(Class<?> type) {
      return JsonCodec.standard().mapper().readerFor(type);
    }
  };

  private WireReader() {}

  /**
   * The 2xx answer {@code r} as a {@code type}, or the {@link dev.shipbridge.CarrierException}
   * {@link JsonCodec#read} throws, classified by the request's {@code safety}.
   */
  static <T> T read(JsonCodec json, HttpResult r, Class<T> type, RequestSafety safety, String idempotencyKey) {
    byte[] body = r.body();
    if (json == JsonCodec.standard() && body != null && body.length > 0 && body.length <= JsonCodec.MAX_DOCUMENT_LENGTH) {
      try (JsonParser p = new LowerCaseNames(json.mapper().createParser(body))) {
        T value = READERS.get(type).readValue(p);
        if (value != null) return value;
      } catch (IOException | RuntimeException e) {
        // JsonCodec.read below reads it again and says what is wrong, as it always did
      }
    }
    return json.read(CarrierId.USPS, r, type, safety, idempotencyKey);
  }

  /** The cached reader of {@code type}. */
  static ObjectReader reader(Class<?> type) {
    return READERS.get(type);
  }

  /** Lower-cased as Jackson lower-cases them (the mapper's locale); a bounded cache. */
  private static final ConcurrentHashMap<String, String> LOWER = new ConcurrentHashMap<>();
  private static final Locale NAME_LOCALE = JsonCodec.standard().mapper().getDeserializationConfig().getLocale();
  private static final int MAX_CACHED = 1024;

  static String lower(String name) {
    String l = LOWER.get(name);
    if (l != null) return l;
    l = name.toLowerCase(NAME_LOCALE);
    if (LOWER.size() < MAX_CACHED && name.length() <= 64) LOWER.putIfAbsent(name, l);
    return l;
  }

  /** Presents every property name in lower case; values and everything else pass through. */
  static class LowerCaseNames extends JsonParserDelegate {
    LowerCaseNames(JsonParser p) {
      super(p);
    }

    @Override
    public String currentName() throws IOException {
      String n = delegate.currentName();
      return n == null ? null : lower(n);
    }

    @Override
    @Deprecated
    public String getCurrentName() throws IOException {
      return currentName();
    }

    @Override
    public String getText() throws IOException {
      return delegate.currentToken() == JsonToken.FIELD_NAME ? currentName() : delegate.getText();
    }

    @Override
    public String getValueAsString() throws IOException {
      return delegate.currentToken() == JsonToken.FIELD_NAME ? currentName() : delegate.getValueAsString();
    }

    @Override
    public String getValueAsString(String defaultValue) throws IOException {
      return delegate.currentToken() == JsonToken.FIELD_NAME ? currentName() : delegate.getValueAsString(defaultValue);
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken t = nextToken();
      return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    @Override
    public String nextFieldName() throws IOException {
      return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString str) throws IOException {
      return nextToken() == JsonToken.FIELD_NAME && str.getValue().equals(currentName());
    }
  }
}
