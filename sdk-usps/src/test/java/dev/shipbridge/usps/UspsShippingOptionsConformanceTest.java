package dev.shipbridge.usps;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.testkit.conformance.Fault;
import dev.shipbridge.testkit.conformance.Operation;
import dev.shipbridge.usps.internal.Fixtures;
import java.util.List;

/**
 * The real {@link UspsCarrier} quoting through Shipping Options 3.0 (its default path), under the
 * default policy: the kit breaks {@code /shipments/v3/options/search}. A 403 or 404 there falls
 * back to the Prices APIs by design (a result is accepted; UspsShippingOptionsWireTest covers the
 * fallback itself). The matcher, provider and TRACE cases run in {@link UspsConformanceTest}.
 */
class UspsShippingOptionsConformanceTest extends UspsConformanceTest {
  @Override
  protected Carrier carrier(String baseUrl) {
    return UspsCarrier.builder().baseUrl(baseUrl).clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430").shippingOptions(true).build();
  }

  @Override
  protected List<String> ownTrackingNumbers() {
    return List.of();
  }

  @Override
  protected CarrierProvider provider() {
    return null;
  }

  @Override
  protected boolean traceLogs() {
    return false;
  }

  @Override
  protected List<Operation> operations() {
    return List.of(
        Operation.read("quote (Shipping Options)", () -> post(urlPathEqualTo("/shipments/v3/options/search")),
            sb -> sb.quote(QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER)
                .parcel(UspsLabelWireTest.BOX).build()))
            .fallsBackOn(Fault.STATUS_403, Fault.STATUS_404)
            .malformations(json(Fixtures.text("quote/options-search.response.json"))));
  }
}
