package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** Wire record of Service Standards 3.x, {@code GET /service-standards/v3/standards} (an array of these). */
final class StandardsWire {
  private StandardsWire() {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Standard(String mailClass, String notes, @JsonProperty("originZIPCode") String originZip,
      @JsonProperty("destinationZIPCode") String destinationZip, BigDecimal days, String effectiveAcceptanceDate,
      String scheduledDeliveryDate) {}
}
