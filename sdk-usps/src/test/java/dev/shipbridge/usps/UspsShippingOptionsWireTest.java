package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import java.time.LocalDate;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Quotes through Shipping Options 3.0 (one call for every class, with commitments), the fallback
 * to the Prices APIs on a refusal, and days from Service Standards, on the emulator, under the
 * permissive test policy and under the carrier's default (quota) policy.
 */
class UspsShippingOptionsWireTest extends EmulatorTestBase {
  private static final String OPTIONS = "/shipments/v3/options/search";
  private static final String STANDARDS = "/service-standards/v3/standards";

  private QuoteRequest domestic() {
    return QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(UspsQuoteTrackWireTest.BOX).build();
  }

  private QuoteRequest toNewYork() {
    return QuoteRequest.builder().from(WAREHOUSE).to(dev.shipbridge.model.Address.builder().name("Ann Lee")
        .line("12 Court St").city("Brooklyn").region("NY").postalCode("11201").country("US").build())
        .parcel(UspsQuoteTrackWireTest.BOX).build();
  }

  @Test
  void oneOptionsCallPricesEveryClassWithItsCommitment() {
    QuoteResult r = shipbridge.quote(toNewYork());
    assertThat(r.failures()).isEmpty();
    assertThat(r.quotes()).extracting(q -> q.details().get("mailClass"))
        .contains("USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL", "PRIORITY_MAIL_EXPRESS");
    LocalDate mailing = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("America/New_York"));
    assertThat(r.quotes()).allSatisfy(q -> {
      assertThat(q.daysBasis()).isEqualTo(DaysBasis.COMMITMENT);
      assertThat(q.transitDays()).isNotNull().isPositive();
      assertThat(q.deliveryDate()).isEqualTo(mailing.plusDays(q.transitDays()));
      assertThat(q.details()).containsEntry("quoteApi", "shipping-options").containsKey("commitment");
    });
    assertThat(r.quotes()).filteredOn(q -> q.details().get("mailClass").equals("PRIORITY_MAIL_EXPRESS"))
        .singleElement().satisfies(q -> assertThat(q.guaranteed()).isTrue());
    assertThat(usps.requestCount("POST", OPTIONS)).isEqualTo(1);
    assertThat(usps.requestCount("*", "/prices/v3")).isZero();
    assertThat(usps.requestCount("*", STANDARDS)).isZero();
    assertThat(r.fastest()).get().satisfies(q -> assertThat(q.details().get("mailClass")).isEqualTo("PRIORITY_MAIL_EXPRESS"));
    assertThat(r.cheapestWithin(3)).isPresent();
  }

  @Test
  void theInductionLastMileOfAParcelFromChinaHasDaysToo() {
    QuoteResult r = shipbridge.quote(QuoteRequest.builder().from(SHENZHEN).to(CUSTOMER).parcel(UspsQuoteTrackWireTest.BOX)
        .customs(UspsQuoteTrackWireTest.CUSTOMS).build());
    assertThat(r.quotes()).isNotEmpty().allSatisfy(q -> {
      assertThat(q.details()).containsEntry("inductionZIPCode", "11430");
      assertThat(q.transitDays()).isNotNull();
    });
    assertThat(recorder.to("/shipments/v3").get(0).requestText()).contains("\"originZIPCode\":\"11430\"");
  }

  @Test
  void internationalOptionsArePricedInOneCallAndSayTheirDaysAreUnknown() {
    QuoteResult r = shipbridge.quote(QuoteRequest.builder().from(WAREHOUSE).to(PARIS).parcel(UspsQuoteTrackWireTest.BOX)
        .customs(UspsQuoteTrackWireTest.CUSTOMS).build());
    assertThat(r.quotes()).isNotEmpty().allSatisfy(q -> {
      assertThat(q.serviceCode()).contains("INTERNATIONAL");
      assertThat(q.details()).containsEntry("quoteApi", "shipping-options");
      assertThat(q.daysBasis()).isEqualTo(DaysBasis.UNKNOWN); // USPS states no international commitment
    });
    assertThat(usps.requestCount("POST", OPTIONS)).isEqualTo(1);
    assertThat(usps.requestCount("*", "/international-prices/v3")).isZero();
    assertThat(recorder.to("/shipments/v3").get(0).requestText()).contains("\"destinationCountryCode\":\"FR\"")
        .contains("\"mailClass\":\"ALL\"");
  }

  @Test
  void aRefusedAccountFallsBackToPricesRemembersTheRefusalAndGetsDaysFromServiceStandards() {
    usps.denyApi("/shipments/v3");
    QuoteResult first = shipbridge.quote(toNewYork());
    assertThat(first.failures()).isEmpty();
    assertThat(first.quotes()).isNotEmpty().allSatisfy(q -> {
      assertThat(q.details()).containsEntry("quoteApi", "prices").containsEntry("daysSource", "service-standards");
      assertThat(q.daysBasis()).isEqualTo(DaysBasis.ESTIMATE);
      assertThat(q.transitDays()).isNotNull();
    });
    QuoteResult second = shipbridge.quote(toNewYork());
    assertThat(second.quotes()).allSatisfy(q -> assertThat(q.transitDays()).isNotNull());
    assertThat(usps.requestCount("POST", OPTIONS)).isEqualTo(1); // refusal remembered
    assertThat(usps.requestCount("POST", "/prices/v3/total-rates/search")).isEqualTo(2);
    assertThat(usps.requestCount("GET", STANDARDS)).isEqualTo(1); // cached per ZIP3 pair and class

    clock.advance(Duration.ofHours(25)); // both memories expire
    usps.denyApi("");
    QuoteResult later = shipbridge.quote(toNewYork());
    assertThat(later.quotes()).allSatisfy(q -> assertThat(q.details()).containsEntry("quoteApi", "shipping-options"));
    assertThat(usps.requestCount("POST", OPTIONS)).isEqualTo(2);
  }

  @Test
  void serviceStandardsAreCachedPerZip3PairForTheConfiguredTimeOnTheClock() {
    try (Shipbridge prices = facade(carrier().shippingOptions(false).serviceStandardsCache(Duration.ofHours(2)).build())) {
      prices.quote(domestic());
      prices.quote(domestic().toBuilder().to(CUSTOMER.toBuilder().postalCode("63119").build()).build()); // same ZIP3
      assertThat(usps.requestCount("GET", STANDARDS)).isEqualTo(1);
      prices.quote(toNewYork()); // another pair
      assertThat(usps.requestCount("GET", STANDARDS)).isEqualTo(2);
      clock.advance(Duration.ofHours(2));
      QuoteResult again = prices.quote(domestic());
      assertThat(usps.requestCount("GET", STANDARDS)).isEqualTo(3);
      assertThat(again.quotes()).allSatisfy(q -> assertThat(q.transitDays()).isNotNull());
      assertThat(recorder.to("/service-standards/v3").get(0).url().queryParameter("originZIPCode")).isEqualTo("631");
    }
  }

  @Test
  void aServiceStandardsFailureLeavesDaysUnknownButNeverFailsTheQuote() {
    usps.injectFault("/service-standards/v3", UspsEmulator.Fault.HTTP_503, 1);
    try (Shipbridge prices = facade(carrier().shippingOptions(false).build())) {
      QuoteResult r = prices.quote(domestic());
      assertThat(r.failures()).isEmpty();
      assertThat(r.quotes()).isNotEmpty().allSatisfy(q -> assertThat(q.daysBasis()).isEqualTo(DaysBasis.UNKNOWN));
      QuoteResult retried = prices.quote(domestic()); // the failure was not cached
      assertThat(retried.quotes()).allSatisfy(q -> assertThat(q.daysBasis()).isEqualTo(DaysBasis.ESTIMATE));
    }
  }

  @Test
  void aStandardsTtlOfZeroNeverAsksServiceStandards() {
    try (Shipbridge prices = facade(carrier().shippingOptions(false).serviceStandardsCache(Duration.ZERO).build())) {
      assertThat(prices.quote(domestic()).quotes()).allSatisfy(q -> assertThat(q.transitDays()).isNull());
    }
    assertThat(usps.requestCount("*", STANDARDS)).isZero();
  }

  @Test
  void underTheCarriersDefaultQuotaPolicyAQuoteCostsOneUspsCall() {
    try (Shipbridge byDefault = Shipbridge.builder().discoverCarriers(false).carrier(carrier().build()).clock(clock)
        .sleeper(clock::advance).httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build()).build()) {
      usps.reset();
      for (int i = 0; i < 5; i++) {
        clock.advance(Duration.ofSeconds(61)); // USPS's 60 an hour: one quote a minute
        QuoteResult r = byDefault.quote(toNewYork());
        assertThat(r.failures()).isEmpty();
        assertThat(r.quotes()).allSatisfy(q -> assertThat(q.transitDays()).isNotNull());
      }
      long uspsApiCalls = usps.requests().stream().filter(c -> !c.path().startsWith("/oauth2/")).count();
      assertThat(uspsApiCalls).isEqualTo(5);
    }
  }
}
