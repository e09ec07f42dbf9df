package dev.shipbridge.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;

/** Requests, answers and WireMock sequences shared by the wire-level tests. */
final class WireFixtures {
  static final String QUOTE_OK = "{\"services\":[{\"code\":\"GROUND\",\"amount\":\"5.10\",\"currency\":\"USD\"}]}";
  static final String LABEL_OK = "{\"trackingNumber\":\"WR000000001\",\"pdf\":\"%PDF-1.4 label\"}";
  static final String TRACK_OK = "{\"trackingNumber\":\"WR123456\",\"status\":\"IN_TRANSIT\"}";
  static final String TRACKING_NUMBER = "WR123456";

  private WireFixtures() {}

  static Address from() {
    return Address.builder().name("Grace Hopper").line("1 Main St").city("Springfield").region("IL")
        .postalCode("62701").country("US").build();
  }

  static Address to() {
    return Address.builder().name("Ada Lovelace").line("2 Elm St").city("Denver").region("CO")
        .postalCode("80202").country("US").build();
  }

  static QuoteRequest quoteRequest() {
    return QuoteRequest.builder().from(from()).to(to()).parcel(Parcel.of(Weight.grams(850))).build();
  }

  static LabelRequest labelRequest(String key) {
    return LabelRequest.builder().carrier(WireCarrier.ID).serviceCode("GROUND").from(from()).to(to())
        .parcel(Parcel.of(Weight.grams(850))).idempotencyKey(IdempotencyKey.of(key)).build();
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** Answers successive requests to {@code path} with {@code answers}, the last one repeating. */
  static void sequence(WireMockExtension wm, String path, ResponseDefinitionBuilder... answers) {
    String scenario = "seq " + path;
    for (int i = 0; i < answers.length; i++) {
      String state = i == 0 ? Scenario.STARTED : "step " + i;
      var stub = any(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state).willReturn(answers[i]);
      if (i < answers.length - 1) stub = stub.willSetStateTo("step " + (i + 1));
      wm.stubFor(stub);
    }
  }
}
