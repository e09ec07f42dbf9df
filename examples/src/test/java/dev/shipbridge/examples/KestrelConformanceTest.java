package dev.shipbridge.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
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
            // the integrator's answer template: the kit plants a code Kestrel never sent
            .eventCodes(code -> okJson(KestrelApi.EVENTS.replace("\"code\":\"PU\"", "\"code\":\"" + code + "\"")))
            // Kestrel tracks one number a call: its 404 for one number is that number's failure alone
            .perNumberFailure(List.of("KP123456786", "KP000000000", "KP999999992"), "KP000000000",
                server -> server.stubFor(get(urlPathEqualTo("/v1/parcels/KP000000000/events")).atPriority(2)
                    .willReturn(jsonResponse("{\"error\":{\"code\":\"UNKNOWN_PARCEL\",\"message\":\"no such parcel\"}}", 404))))
            // Kestrel sells no labels (no check()); the facade's own validation refuses a blank number
            .refusing(sb -> sb.track(" ")));
  }
}
