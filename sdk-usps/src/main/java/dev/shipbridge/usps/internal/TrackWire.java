package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire records of tracking v3 ({@code GET /tracking/v3/tracking/{n}?expand=DETAIL}) and v3r2
 * ({@code POST /tracking/v3r2/tracking}). One record reads both: the v3 names are aliases of the
 * v3r2 ones ({@code eventZIP} / {@code eventZIPCode}, {@code destinationZIP} /
 * {@code destinationZIPCode}, ...), and property names are matched case-insensitively. Answers are
 * read from their bytes straight into these records, in one pass.
 */
final class TrackWire {
  private TrackWire() {}

  /** One item of the v3r2 request body. */
  record Item(String trackingNumber) {}

  /**
   * A v3 answer, or one item of a v3r2 answer. A v3r2 failure item carries {@code statusCode} and
   * the parts of a USPS error body ({@code error}, {@code error_description}, {@code fault}, {@code
   * message}, {@code errors}, {@code code}), kept as small trees for {@link UspsErrorBody}; all are
   * null on a success.
   */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Detail(String trackingNumber, String status, String statusCategory, String statusSummary,
      String mailClass, String mailClassCode,
      String originCity, String originState, @JsonAlias("originZIP") String originZIPCode,
      String destinationCity, String destinationState, @JsonAlias("destinationZIP") String destinationZIPCode,
      @JsonAlias("destinationCountryCode") String destinationCountry,
      String expectedDeliveryDate, String expectedDeliveryTimeStamp, String predictedDeliveryDate,
      String predictedDeliveryTimeStamp, DeliveryExpectation deliveryDateExpectation,
      List<Event> trackingEvents, List<String> eventSummaries,
      String statusCode, JsonNode error, @JsonProperty("error_description") JsonNode errorDescription,
      JsonNode fault, JsonNode message, JsonNode errors, JsonNode code) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record DeliveryExpectation(String expectedDeliveryDate, String predictedDeliveryDate, String guaranteedDeliveryDate) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Event(String eventType, String eventTimestamp, @JsonProperty("GMTTimestamp") String gmtTimestamp,
      @JsonProperty("GMTOffset") String gmtOffset, String eventCountry, String eventCity, String eventState,
      @JsonAlias("eventZIP") String eventZIPCode, String eventCode, String firm) {}

  /**
   * A v3r2 answer (200 or 207): an array of items, or one bare item. Elements that are not objects
   * are skipped, and an answer that is neither an array nor an object (or {@code null}) has no items.
   */
  @JsonDeserialize(using = BatchReader.class)
  record Batch(List<Detail> items) {}

  /** Reads a {@link Batch} item by item from the parser; no tree of the whole answer. */
  static final class BatchReader extends StdDeserializer<Batch> {
    BatchReader() {
      super(Batch.class);
    }

    @Override
    public Batch deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      List<Detail> items = new ArrayList<>();
      if (p.currentToken() == JsonToken.START_OBJECT) {
        items.add(ctxt.readValue(p, Detail.class));
      } else if (p.currentToken() == JsonToken.START_ARRAY) {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t == null) throw MismatchedInputException.from(p, Batch.class, "unterminated array");
          if (t == JsonToken.START_OBJECT) items.add(ctxt.readValue(p, Detail.class));
          else p.skipChildren();
        }
      } else {
        p.skipChildren();
      }
      return new Batch(items);
    }

    @Override
    public Batch getNullValue(DeserializationContext ctxt) {
      return new Batch(List.of());
    }
  }
}
