package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.cainiao.TestData;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading (b) of issue 17 item 6: a solution ends at US induction only when the integrator says so. */
class UsInductionsTest {
  private static final Address LAX = Address.builder().name("LAX gateway").line("5600 W Century Blvd")
      .city("Los Angeles").region("CA").postalCode("90045").country("US").build();
  private final CainiaoErrors.Call call = Calls.read(QuoteMapper.METHOD);

  private List<Quote> quotes(UsInductions inductions, QuoteRequest request) {
    return QuoteMapper.fromWire(Calls.reply("quote/solution-inquiry.response.json", CainiaoWire.Inquiry.class),
        request, call, inductions);
  }

  @Test
  void aDeclaredSolutionToAUsAddressCoversTheLegsUpToImportCustomsAndNamesItsZip() {
    List<Quote> quotes = quotes(new UsInductions(Map.of("CAINIAO_ECONOMY", LAX)), TestData.quoteRequest());
    Quote economy = quotes.stream().filter(q -> q.serviceCode().equals("CAINIAO_ECONOMY")).findFirst().orElseThrow();
    assertThat(economy.legs()).containsExactlyInAnyOrder(Leg.FIRST_MILE, Leg.EXPORT_CUSTOMS, Leg.LINE_HAUL, Leg.IMPORT_CUSTOMS);
    assertThat(economy.details()).containsEntry("handoverPostalCode", "90045");
    Quote standard = quotes.stream().filter(q -> q.serviceCode().equals("CAINIAO_STANDARD")).findFirst().orElseThrow();
    assertThat(standard.legs()).containsExactlyInAnyOrder(Leg.values());
    UsInductions inductions = new UsInductions(Map.of("CAINIAO_ECONOMY", LAX));
    assertThat(inductions.handover(CarrierId.CAINIAO, economy)).contains(LAX);
    assertThat(inductions.handover(CarrierId.CAINIAO, standard)).isEmpty();
    assertThat(inductions.handover(CarrierId.of("cainiao-2"), economy)).isEmpty();
  }

  @Test
  void undeclaredSolutionsAndNonUsDestinationsStayDoorToDoor() {
    assertThat(quotes(UsInductions.NONE, TestData.quoteRequest()))
        .allSatisfy(q -> assertThat(q.legs()).containsExactlyInAnyOrder(Leg.values()));
    Address paris = Address.builder().name("Marie Curie").line("1 Rue de Rivoli").city("Paris").postalCode("75001")
        .country("FR").build();
    QuoteRequest toFrance = TestData.quoteRequest().toBuilder().to(paris).build();
    assertThat(quotes(new UsInductions(Map.of("CAINIAO_ECONOMY", LAX)), toFrance))
        .allSatisfy(q -> assertThat(q.legs()).containsExactlyInAnyOrder(Leg.values()));
  }

  @Test
  void aLabelForADeclaredSolutionToTheUsIsAViolation() {
    UsInductions inductions = new UsInductions(Map.of("CAINIAO_STANDARD", LAX));
    assertThat(inductions.violations(TestData.labelRequest("k-1"))).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("ends at US induction (90045)"));
    assertThat(UsInductions.NONE.violations(TestData.labelRequest("k-1"))).isEmpty();
  }

  @Test
  void aFacilityOutsideTheUsOrABlankSolutionCodeIsAConfigurationProblem() {
    Address shenzhen = TestData.quoteRequest().from();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.shipbridge.cainiao.CainiaoCarrier.builder()
            .appKey("500100").appSecret("secret").accessToken("token").usInduction("CAINIAO_ECONOMY", shenzhen).build())
        .isInstanceOf(dev.shipbridge.ConfigurationException.class).hasMessageContaining("usInduction")
        .hasMessageContaining("must be in the US");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.shipbridge.cainiao.CainiaoCarrier.builder()
            .appKey("500100").appSecret("secret").accessToken("token").usInduction(" ", LAX).build())
        .isInstanceOf(dev.shipbridge.ConfigurationException.class).hasMessageContaining("usInduction");
  }
}
