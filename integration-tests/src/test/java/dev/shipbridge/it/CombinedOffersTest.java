package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.CarrierFailure;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ValidationException;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CombinedOffer;
import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.ExchangeRate;
import dev.shipbridge.model.ExchangeRates;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17 item 6 on the real adapters, through the facade, under the carriers' default policy
 * and a permissive one: a Cainiao solution the integrator declared to end at US induction, plus
 * the USPS last mile from that facility's ZIP, is a combined offer beside the door-to-door ones.
 */
class CombinedOffersTest {
  private static final String OPTIONS = "/shipments/v3/options/search";
  private static final Address NEWARK = Address.builder().name("Cainiao EWR gateway").line("1 Brewster Rd")
      .city("Newark").region("NJ").postalCode("07114").country("US").build();
  private static final Address LAX = Address.builder().name("Cainiao LAX gateway").line("5600 W Century Blvd")
      .city("Los Angeles").region("CA").postalCode("90045").country("US").build();
  private static final Set<Leg> TO_INDUCTION = EnumSet.of(Leg.FIRST_MILE, Leg.EXPORT_CUSTOMS, Leg.LINE_HAUL, Leg.IMPORT_CUSTOMS);

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));

  /**
   * USPS prices parcels from abroad from 90045 (its induction ZIP). Its quota is 3600 calls an hour
   * (a permit a second), so that the default policy lets a second USPS call into one quote; with
   * USPS's default 60 an hour it cannot (see {@link #underUspsDefaultQuotaTheLastMileCallIsRefusedForItsPermitAndReported}).
   */
  private Shipbridge shipbridge(UspsEmulator usps, CainiaoEmulator cainiao, boolean permissive,
      Consumer<CainiaoCarrier.Builder> declare, Duration quoteTimeout, boolean uspsInduction) {
    return shipbridge(usps, cainiao, permissive, declare, quoteTimeout, uspsInduction, 3600);
  }

  private Shipbridge shipbridge(UspsEmulator usps, CainiaoEmulator cainiao, boolean permissive,
      Consumer<CainiaoCarrier.Builder> declare, Duration quoteTimeout, boolean uspsInduction, int uspsQuota) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(clock::advance)
        .quoteTimeout(quoteTimeout);
    if (permissive) {
      b.resilience(ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
          .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build());
    }
    UspsCarrier.Builder u = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).quotaPerHour(uspsQuota);
    if (uspsInduction) u.inductionZip("90045");
    CainiaoCarrier.Builder c = CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
        .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl());
    declare.accept(c);
    return b.carrier(u.build()).carrier(c.build()).build();
  }

  private Shipbridge shipbridge(UspsEmulator usps, CainiaoEmulator cainiao, boolean permissive,
      Consumer<CainiaoCarrier.Builder> declare) {
    return shipbridge(usps, cainiao, permissive, declare, Duration.ofMinutes(5), true);
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void aDeclaredInductionSolutionAndTheUspsLastMileAreOneOfferWithLegsDaysAndATotal(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, c -> c.usInduction("CAINIAO_LINE_EWR", NEWARK))) {
      cainiao.offerSolution("CAINIAO_LINE_EWR", "Cainiao Line to Newark", 6, 9, 1250, "USD");

      QuoteResult result = shipbridge.quote(Requests.crossBorderQuote());

      assertThat(result.failures()).isEmpty();
      Quote firstLeg = result.of(CarrierId.CAINIAO).stream()
          .filter(q -> q.serviceCode().equals("CAINIAO_LINE_EWR")).findFirst().orElseThrow();
      assertThat(firstLeg.legs()).isEqualTo(TO_INDUCTION);
      assertThat(result.combined()).isNotEmpty();
      for (CombinedOffer o : result.combined()) {
        assertThat(o.firstLeg()).isEqualTo(firstLeg);
        assertThat(o.handover()).isEqualTo(NEWARK);
        assertThat(o.lastLeg().carrier()).isEqualTo(CarrierId.USPS);
        assertThat(o.lastLeg().legs()).containsExactly(Leg.LAST_MILE);
        assertThat(o.lastLeg().details()).containsEntry("originZIPCode", "07114");
        assertThat(o.covers()).containsExactlyInAnyOrder(Leg.values());
        assertThat(o.lastLeg().transitDays()).isNotNull();
        assertThat(o.minTransitDays()).isEqualTo(6 + o.lastLeg().minTransitDays());
        assertThat(o.maxTransitDays()).isEqualTo(9 + o.lastLeg().transitDays());
        assertThat(o.daysBasis()).isEqualTo(DaysBasis.ESTIMATE); // Cainiao's estimate is the weaker leg
        assertThat(o.total()).contains(Money.of(new BigDecimal("12.50"), "USD").plus(o.lastLeg().total()));
      }
      // side by side: the door-to-door offers stay; the induction solution alone is not one
      QuoteResult doorToDoor = result.covering(Leg.values());
      assertThat(doorToDoor.quotes()).extracting(Quote::serviceCode).contains("CAINIAO_STANDARD")
          .doesNotContain("CAINIAO_LINE_EWR");
      assertThat(doorToDoor.combined()).hasSameSizeAs(result.combined());

      // the shopper's rule works on combined offers: in USD only they compete with nothing else door to door
      CombinedOffer cheapest = result.combined().stream()
          .min((a, b) -> a.total().orElseThrow().compareTo(b.total().orElseThrow())).orElseThrow();
      QuoteResult.Choice choice = doorToDoor.inCurrency("USD").cheapestChoice();
      assertThat(choice.combined()).contains(cheapest);
      assertThat(choice.quote()).isEmpty();
      assertThat(choice.isPresent()).isTrue();
      assertThat(choice.combinedTotal().amount()).isEqualTo(cheapest.total().orElseThrow());
      assertThat(choice.explanation()).contains("combined offer");
      int fewest = result.combined().stream().mapToInt(CombinedOffer::transitDays).min().orElseThrow();
      assertThat(doorToDoor.inCurrency("USD").fastestChoice().combined().orElseThrow().transitDays()).isEqualTo(fewest);
      assertThat(result.withinDays(fewest).combined()).allMatch(o -> o.transitDays() == fewest);
      assertThat(result.withinDays(fewest - 1).combined()).isEmpty();
      // a single-quote query never hands back a combined offer's leg as a door-to-door answer
      assertThat(doorToDoor.cheapest()).hasValueSatisfying(q -> assertThat(q.legs()).contains(Leg.LAST_MILE));
    }
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void noCombinedOfferWhenNoQuotedSolutionIsDeclaredToEndAtInduction(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge undeclared = shipbridge(usps, cainiao, permissive, c -> { });
        Shipbridge declaredButNotQuoted = shipbridge(usps, cainiao, permissive,
            c -> c.usInduction("CAINIAO_LINE_EWR", NEWARK))) {
      cainiao.offerSolution("CAINIAO_LINE_EWR", "Cainiao Line to Newark", 6, 9, 1250, "USD");
      QuoteResult plain = undeclared.quote(Requests.crossBorderQuote());
      assertThat(plain.combined()).isEmpty();
      assertThat(plain.of(CarrierId.CAINIAO)).filteredOn(q -> q.serviceCode().equals("CAINIAO_LINE_EWR"))
          .singleElement().satisfies(q -> assertThat(q.legs()).containsExactlyInAnyOrder(Leg.values()));
      assertThat(usps.requestCount("POST", OPTIONS)).isEqualTo(1);

      cainiao.reset(); // the emulator no longer offers it
      QuoteResult none = declaredButNotQuoted.quote(Requests.crossBorderQuote());
      assertThat(none.combined()).isEmpty();
      assertThat(none.failures()).isEmpty();
      assertThat(none.covering(Leg.values()).quotes()).isNotEmpty();
      assertThat(usps.requestCount("POST", OPTIONS)).isEqualTo(2); // one main call each, no last-mile call
    }
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void legsInTwoCurrenciesHaveATotalOnlyWithRatesGiven(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, c -> c.usInduction("CAINIAO_LINE_EWR", NEWARK))) {
      cainiao.offerSolution("CAINIAO_LINE_EWR", "Cainiao Line to Newark", 6, 9, 8900, "CNY");

      QuoteResult result = shipbridge.quote(Requests.crossBorderQuote());

      assertThat(result.combined()).isNotEmpty().allSatisfy(o -> {
        assertThat(o.currencies()).extracting(Currency::getCurrencyCode).containsExactly("CNY", "USD");
        assertThat(o.total()).isEmpty(); // never converted on Shipbridge's own
        assertThat(result.converted(o)).isEmpty();
      });
      assertThat(result.inCurrency("USD").combined()).isEmpty();
      assertThat(result.inCurrency("CNY").combined()).isEmpty();
      QuoteResult.Choice refused = result.covering(Leg.values()).cheapestChoice();
      assertThat(refused.refusal()).isEqualTo(QuoteResult.Choice.Refusal.MIXED_CURRENCIES);

      ExchangeRates rates = ExchangeRates.fixed()
          .rate(ExchangeRate.of("CNY", "USD", "0.14", "test desk", Instant.parse("2026-03-01T00:00:00Z"))).build();
      QuoteResult ranked = result.covering(Leg.values()).withRates(rates, Currency.getInstance("USD"));
      CombinedOffer o = ranked.combined().get(0);
      CombinedOffer.Total total = ranked.converted(o).orElseThrow();
      assertThat(total.amount()).isEqualTo(Money.of("12.46", "USD").plus(o.lastLeg().total()));
      assertThat(total.legs().get(0).isConverted()).isTrue();
      assertThat(total.legs().get(1).isConverted()).isFalse();
      assertThat(total.toString()).contains("89.00 CNY = 12.46 USD at");
      QuoteResult.Choice choice = ranked.cheapestChoice();
      assertThat(choice.isPresent()).isTrue();
      assertThat(choice.explanation()).contains("ranked in USD");
    }
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void aLastMileRefusedForQuotaLeavesTheDoorToDoorOffersAndIsReported(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, c -> c.usInduction("CAINIAO_LINE_EWR", NEWARK))) {
      cainiao.offerSolution("CAINIAO_LINE_EWR", "Cainiao Line to Newark", 6, 9, 1250, "USD");
      usps.rateLimit(1, Duration.ofHours(1)); // the main USPS call passes, the last-mile call gets 429

      QuoteResult result = shipbridge.quote(Requests.crossBorderQuote());

      assertThat(result.combined()).isEmpty();
      assertThat(result.covering(Leg.values()).quotes()).extracting(Quote::carrier).contains(CarrierId.CAINIAO);
      assertThat(result.of(CarrierId.USPS)).isNotEmpty(); // the main USPS answer stays
      assertThat(result.failures()).singleElement().satisfies(f -> {
        assertThat(f.carrier()).isEqualTo(CarrierId.USPS);
        assertThat(f.error()).isInstanceOf(RateLimitedException.class);
      });
    }
  }

  @org.junit.jupiter.api.Test
  void underUspsDefaultQuotaTheLastMileCallIsRefusedForItsPermitAndReported() {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, false, c -> c.usInduction("CAINIAO_LINE_EWR", NEWARK)
            .usInduction("CAINIAO_LINE_LAX", LAX), Duration.ofMinutes(5), true, 60)) {
      cainiao.offerSolution("CAINIAO_LINE_EWR", "Cainiao Line to Newark", 6, 9, 1250, "USD");
      cainiao.offerSolution("CAINIAO_LINE_LAX", "Cainiao Line to Los Angeles", 5, 8, 1100, "USD");

      QuoteResult result = shipbridge.quote(Requests.crossBorderQuote());

      // 60 an hour: the next permit is a minute away, beyond the policy's wait; nothing is sent
      assertThat(usps.requestCount("POST", OPTIONS)).isEqualTo(1);
      assertThat(result.failures()).singleElement().satisfies(f -> {
        assertThat(f.carrier()).isEqualTo(CarrierId.USPS);
        assertThat(f.error()).isInstanceOf(RateLimitedException.class).hasMessageContaining("not sent");
      });
      // LAX hands over at USPS's own induction ZIP: its last mile is the main answer, at no cost
      assertThat(result.combined()).isNotEmpty()
          .allSatisfy(o -> assertThat(o.firstLeg().serviceCode()).isEqualTo("CAINIAO_LINE_LAX"));
      assertThat(result.covering(Leg.values()).quotes()).extracting(Quote::serviceCode).contains("CAINIAO_STANDARD");
    }
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void aLastMileThatIsUnavailableLeavesTheDoorToDoorOffersAndIsReported(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        // USPS without an induction ZIP makes no call for the CN request: the only USPS call is the last mile
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, c -> c.usInduction("CAINIAO_LINE_EWR", NEWARK),
            Duration.ofMinutes(5), false)) {
      cainiao.offerSolution("CAINIAO_LINE_EWR", "Cainiao Line to Newark", 6, 9, 1250, "USD");
      usps.injectFault("/shipments/v3", UspsEmulator.Fault.HTTP_503, 20);

      QuoteResult result = shipbridge.quote(Requests.crossBorderQuote());

      assertThat(usps.requestCount("POST", OPTIONS)).isPositive();
      assertThat(result.combined()).isEmpty();
      assertThat(result.covering(Leg.values()).quotes()).extracting(Quote::serviceCode).contains("CAINIAO_STANDARD");
      List<CarrierFailure> usFailures = result.failures().stream().filter(f -> f.carrier().equals(CarrierId.USPS)).toList();
      assertThat(usFailures).extracting(f -> (Object) f.error().getClass())
          .containsExactlyInAnyOrder(ValidationException.class, CarrierUnavailableException.class);
    }
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void theLastMileCostsOneUspsCallPerInductionZipNotPerSolution(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, c -> c
            .usInduction("CAINIAO_LINE_EWR", NEWARK).usInduction("CAINIAO_LINE_EWR_ECONOMY", NEWARK)
            .usInduction("CAINIAO_LINE_LAX", LAX))) {
      cainiao.offerSolution("CAINIAO_LINE_EWR", "Cainiao Line to Newark", 6, 9, 1250, "USD");
      cainiao.offerSolution("CAINIAO_LINE_EWR_ECONOMY", "Cainiao Economy Line to Newark", 10, 14, 900, "USD");
      cainiao.offerSolution("CAINIAO_LINE_LAX", "Cainiao Line to Los Angeles", 5, 8, 1100, "USD");

      QuoteResult result = shipbridge.quote(Requests.crossBorderQuote());

      // the main quote from 90045 (USPS's induction ZIP, also LAX's: reused) and one from 07114
      assertThat(usps.requestCount("POST", OPTIONS)).isEqualTo(2);
      assertThat(usps.requests()).filteredOn(r -> r.path().startsWith(OPTIONS)).hasSize(2);
      assertThat(result.combined()).extracting(o -> o.firstLeg().serviceCode())
          .contains("CAINIAO_LINE_EWR", "CAINIAO_LINE_EWR_ECONOMY", "CAINIAO_LINE_LAX");
      List<Quote> mainUsps = result.of(CarrierId.USPS);
      assertThat(result.combined()).filteredOn(o -> o.firstLeg().serviceCode().equals("CAINIAO_LINE_LAX"))
          .extracting(CombinedOffer::lastLeg).containsExactlyInAnyOrderElementsOf(mainUsps);
    }
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void aLabelForASolutionEndingAtInductionIsRefusedBeforeAnyCall(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, c -> c.usInduction("CAINIAO_LINE_EWR", NEWARK))) {
      cainiao.offerSolution("CAINIAO_LINE_EWR", "Cainiao Line to Newark", 6, 9, 1250, "USD");
      LabelRequest request = LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_LINE_EWR")
          .from(Requests.SHENZHEN).to(Requests.BROOKLYN).parcel(Requests.BOX).customs(Requests.CUSTOMS)
          .reference("900000000077").idempotencyKey(IdempotencyKey.of("combined-" + permissive)).build();

      assertThatThrownBy(() -> shipbridge.label(request)).isInstanceOf(ValidationException.class)
          .hasMessageContaining("ends at US induction").hasMessageContaining("combined offers is not supported");
      assertThat(cainiao.requestCount("*")).isZero();
      assertThat(cainiao.ordersCreated()).isZero();
    }
  }
}
