package dev.shipbridge.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.testkit.conformance.CarrierConformanceKit;
import dev.shipbridge.testkit.conformance.Operation;
import java.util.List;

/** The examples' custom carrier (real HTTP through HttpTransport, its own error mapping) passes the conformance kit. */
class KestrelConformanceTest extends CarrierConformanceKit {
  @Override
  protected Carrier carrier(String baseUrl) {
    return new CustomCarrier.KestrelCarrier(baseUrl, "kit-key");
  }

  @Override
  protected List<String> secrets() {
    return List.of("kit-key");
  }

  @Override
  protected List<String> ownTrackingNumbers() {
    return List.of("KP123456786");
  }

  @Override
  protected dev.shipbridge.spi.CarrierProvider provider() {
    return new CustomCarrier.KestrelProvider();
  }

  @Override
  protected List<Operation> operations() {
    return List.of(
        Operation.read("quote", () -> post(urlPathEqualTo("/v1/rates")), sb -> sb.quote(QuoteRequest.builder()
            .from(Sandbox.stLouisWarehouse()).to(Sandbox.brooklynConsumer()).parcel(Parcel.of(Weight.pounds("2"))).build()))
            .answer(okJson(KestrelApi.RATES)),
        Operation.read("track", () -> get(urlPathMatching("/v1/parcels/[^/]+/events")), sb -> sb.track("KP123456786"))
            .answer(okJson(KestrelApi.EVENTS))
            // Kestrel sells no labels (no check()); the facade's own validation refuses a blank number
            .refusing(sb -> sb.track(" ")));
  }
}
