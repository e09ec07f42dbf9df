package dev.shipbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Fixtures;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import dev.shipbridge.model.SubscriptionQuery;
import dev.shipbridge.model.SubscriptionRequest;
import dev.shipbridge.model.SubscriptionUpdate;
import dev.shipbridge.model.Weight;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The account a request names, on the models and on a test double (the real adapters are the
 * subjects of UspsRequestAccountsTest and CainiaoRequestAccountsTest): every request model and
 * {@link TrackManyOptions} carries it in {@code equals}, {@code hashCode} and {@code toString}, keeps
 * it through {@code toBuilder}, and the facade routes on it.
 */
class RequestAccountsTest {
  static final AccountId M = AccountId.of("merchant-42");
  static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-0042";

  static QuoteRequest quote() {
    return QuoteRequest.builder().from(Fixtures.cn().build()).to(Fixtures.us().build()).parcel(Fixtures.parcel())
        .customs(Fixtures.customs()).build();
  }

  static LabelRequest label() {
    return LabelRequest.builder().carrier(CarrierId.of("acme")).serviceCode("STD").from(Fixtures.cn().build())
        .to(Fixtures.us().build()).parcel(Fixtures.parcel()).customs(Fixtures.customs())
        .idempotencyKey(IdempotencyKey.of("order-1")).build();
  }

  /** Each kind of request: without an account, and the same request with {@code M}. */
  static List<Object[]> pairs() {
    QuoteRequest q = quote();
    LabelRequest l = label();
    ReturnLabelRequest r = ReturnLabelRequest.builder().carrier(CarrierId.USPS).serviceCode("RET").from(Fixtures.us().build())
        .to(Fixtures.us().build()).parcel(Fixtures.parcel()).idempotencyKey(IdempotencyKey.of("rma-1")).build();
    ManifestRequest m = new ManifestRequest(CarrierId.USPS, List.of("9400100000000000000000"), Fixtures.us().build(), null);
    ReprintRequest p = ReprintRequest.of(CarrierId.USPS, "9400100000000000000000", LabelFormat.PDF_4X6);
    PickupRequest k = PickupRequest.builder().carrier(CarrierId.USPS).address(Fixtures.us().build())
        .date(LocalDate.of(2026, 3, 4)).pkg(PickupRequest.Kind.PRIORITY, 1).estimatedWeight(Weight.grams(900))
        .location(PickupRequest.Location.FRONT_DOOR).build();
    SubscriptionRequest s = SubscriptionRequest.builder().carrier(CarrierId.USPS).mid("904128936")
        .listenerUrl(URI.create("https://hooks.example.com/usps")).secret(SECRET).adminEmail("ops@example.com").build();
    SubscriptionQuery sq = SubscriptionQuery.byMid("904128936");
    SubscriptionUpdate su = SubscriptionUpdate.builder("sub-1", SECRET).build();
    TrackManyOptions t = TrackManyOptions.builder().refreshTerminal(true).build();
    return List.of(
        new Object[] {q, q.withAccount(M), q.toBuilder().account(M).build(), q.withAccount(M).toBuilder().build()},
        new Object[] {l, l.withAccount(M), l.toBuilder().idempotencyKey(l.idempotencyKey()).account(M).build(),
            l.withAccount(M).toBuilder().idempotencyKey(l.idempotencyKey()).build()},
        // each compared with the request built another way (builder, canonical constructor), never with itself
        new Object[] {r, r.withAccount(M), ReturnLabelRequest.builder().carrier(CarrierId.USPS).serviceCode("RET")
            .from(Fixtures.us().build()).to(Fixtures.us().build()).parcel(Fixtures.parcel())
            .idempotencyKey(IdempotencyKey.of("rma-1")).account(M).build(),
            new ReturnLabelRequest(r.carrier(), r.serviceCode(), r.from(), r.to(), r.parcel(), r.format(), r.idempotencyKey(),
                r.reference(), M)},
        new Object[] {m, m.withAccount(M), new ManifestRequest(m.carrier(), m.trackingNumbers(), m.from(), m.shipDate(),
            m.entries(), M), new ManifestRequest(m.carrier(), m.trackingNumbers(), m.from(), m.shipDate()).withAccount(M)},
        new Object[] {p, p.withAccount(M), new ReprintRequest(CarrierId.USPS, "9400100000000000000000", LabelFormat.PDF_4X6, M),
            ReprintRequest.of(CarrierId.USPS, "9400100000000000000000", LabelFormat.PDF_4X6).withAccount(M)},
        new Object[] {k, k.withAccount(M), k.toBuilder().account(M).build(), k.withAccount(M).toBuilder().build()},
        new Object[] {s, s.withAccount(M), SubscriptionRequest.builder().carrier(CarrierId.USPS).mid("904128936")
            .listenerUrl(URI.create("https://hooks.example.com/usps")).secret(SECRET).adminEmail("ops@example.com").account(M)
            .build(), new SubscriptionRequest(s.carrier(), s.mid(), s.trackingNumber(), s.listenerUrl(), s.secret(),
            s.adminEmails(), s.events(), M)},
        new Object[] {sq, sq.withAccount(M), sq.withAccount(M), sq.withAccount(M).page(0, SubscriptionQuery.DEFAULT_LIMIT)},
        new Object[] {su, su.withAccount(M), SubscriptionUpdate.builder("sub-1", SECRET).account(M).build(), su.withAccount(M)},
        new Object[] {t, t.withAccount(M), TrackManyOptions.builder().refreshTerminal(true).account(M).build(), t.withAccount(M)});
  }

  @Test
  void everyRequestKindCarriesItsAccountInEqualsHashCodeAndToStringAndKeepsItWhenDerived() {
    for (Object[] pair : pairs()) {
      Object none = pair[0];
      Object named = pair[1];
      String kind = none.getClass().getSimpleName();
      assertThat(none).as(kind).isNotEqualTo(named);
      assertThat(named).as(kind + " built, derived, paged").isEqualTo(pair[2]).isEqualTo(pair[3]).hasSameHashCodeAs(pair[2]);
      assertThat(named.toString()).as(kind).contains("account=merchant-42").doesNotContain(SECRET);
      assertThat(none.toString()).as(kind).contains("account=null");
      assertThat(account(none)).as(kind).isNull();
      assertThat(account(named)).as(kind).isEqualTo(M);
    }
    assertThat(label().withAccount(M).idempotencyKey()).as("the key is kept (another account: another purchase)")
        .isEqualTo(IdempotencyKey.of("order-1"));
  }

  static AccountId account(Object request) {
    try {
      return (AccountId) request.getClass().getMethod("account").invoke(request);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private final InMemoryAccounts accounts = AccountResolver.inMemory();

  @Test
  void aRequestNamingAnAccountRunsOnItsBoundInstanceAndAMismatchIsRefusedBeforeTheCarrier() {
    FakeCarrier own = new FakeCarrier("acme", "AC", "5.00");
    FakeCarrier merchants = new FakeCarrier("acme", "AC", "7.00");
    accounts.put(CarrierAccount.builder(M).carrier(merchants).build());
    accounts.put(CarrierAccount.builder(AccountId.of("other")).carrier(new FakeCarrier("acme", "AC", "9.00")).build());
    try (Shipbridge sb = Shipbridge.builder().carrier(own).accounts(accounts).build()) {
      Function<QuoteResult, String> price = r -> r.quotes().get(0).total().amount().toPlainString();
      assertThat(price.apply(sb.quote(quote()))).isEqualTo("5.00");
      assertThat(price.apply(sb.quote(quote().withAccount(M)))).isEqualTo("7.00");
      assertThat(price.apply(sb.quoteAsync(quote().withAccount(M)).join())).isEqualTo("7.00");
      assertThat(price.apply(sb.account(M).quote(quote().withAccount(M)))).isEqualTo("7.00");
      sb.label(label().withAccount(M));
      assertThat(merchants.labelCalls).hasValue(1);
      assertThat(own.labelCalls).hasValue(0);

      int quoted = merchants.quoteCalls.get();
      assertThatThrownBy(() -> sb.account(M).quote(quote().withAccount(AccountId.of("other"))))
          .isInstanceOf(ValidationException.class).hasMessageContaining("'other'").hasMessageContaining("'merchant-42'");
      assertThatThrownBy(() -> sb.account(M).label(label().withAccount(AccountId.of("other"))))
          .isInstanceOf(ValidationException.class);
      assertThat(sb.account(M).quoteAsync(quote().withAccount(AccountId.of("other"))))
          .as("an ...Async call never throws").failsWithin(java.time.Duration.ofSeconds(5))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause().isInstanceOf(ValidationException.class).withMessageContaining("'other'");
      assertThat(merchants.quoteCalls).hasValue(quoted);
      assertThat(merchants.labelCalls).hasValue(1);
    }
  }

  @Test
  void aQuotePricedUnderAnAccountCarriesItAndItsLabelIsBoughtThereAndNowhereElse() {
    FakeCarrier own = new FakeCarrier("acme", "AC", "5.00");
    FakeCarrier merchants = new FakeCarrier("acme", "AC", "7.00");
    accounts.put(CarrierAccount.builder(M).carrier(merchants).build());
    AccountId other = AccountId.of("other");
    accounts.put(CarrierAccount.builder(other).carrier(new FakeCarrier("acme", "AC", "9.00")).build());
    try (Shipbridge sb = Shipbridge.builder().carrier(own).accounts(accounts).build()) {
      var pick = sb.quote(quote().withAccount(M)).quotes().get(0);
      assertThat(pick.account()).as("stamped by the routing").isEqualTo(M);
      assertThat(sb.account(M).quote(quote()).quotes().get(0).account()).as("stamped by the bound instance").isEqualTo(M);
      assertThat(sb.quote(quote()).quotes().get(0).account()).as("the instance's own").isNull();
      LabelRequest bought = LabelRequest.builder().quote(pick).from(Fixtures.cn().build()).to(Fixtures.us().build())
          .parcel(Fixtures.parcel()).customs(Fixtures.customs()).idempotencyKey(IdempotencyKey.of("order-9")).build();
      assertThat(bought.account()).as("the builder copies the quote's account").isEqualTo(M);
      sb.label(bought);
      assertThat(merchants.labelCalls).hasValue(1);
      assertThat(own.labelCalls).hasValue(0);
      assertThatThrownBy(() -> sb.account(other).label(bought)).isInstanceOf(ValidationException.class)
          .hasMessageContaining("'merchant-42'");
      assertThatThrownBy(() -> LabelRequest.builder().quote(pick).account(other).from(Fixtures.cn().build())
          .to(Fixtures.us().build()).parcel(Fixtures.parcel()).build())
          .isInstanceOf(ValidationException.class).hasMessageContaining("priced under account 'merchant-42'")
          .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(ValidationException.Violation::path)
              .as("every violation at once").contains("account", "customs"));
      assertThatThrownBy(() -> LabelRequest.builder().account(other).quote(pick).from(Fixtures.cn().build())
          .to(Fixtures.us().build()).parcel(Fixtures.parcel()).customs(Fixtures.customs()).build())
          .as("an account named before the quote").isInstanceOf(ValidationException.class);
      var ownQuote = sb.quote(quote()).quotes().get(0);
      assertThat(LabelRequest.builder().account(M).quote(ownQuote).from(Fixtures.cn().build()).to(Fixtures.us().build())
          .parcel(Fixtures.parcel()).customs(Fixtures.customs()).build().account())
          .as("a quote of no account keeps the builder's").isEqualTo(M);
      assertThat(merchants.labelCalls).hasValue(1);
    }
  }

  @Test
  void aLabelNamingAnotherAccountOnABoundInstanceIsRefusedWithItsOtherViolations() {
    accounts.put(CarrierAccount.builder(M).carrier(new FakeCarrier("acme", "AC", "7.00")).build());
    try (Shipbridge sb = Shipbridge.builder().carrier(new FakeCarrier("acme", "AC", "5.00")).accounts(accounts).build()) {
      LabelRequest late = label().toBuilder().idempotencyKey(IdempotencyKey.of("late")).shipDate(LocalDate.of(2000, 1, 3))
          .account(AccountId.of("other")).build();
      assertThatThrownBy(() -> sb.account(M).label(late)).isInstanceOf(ValidationException.class)
          .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(ValidationException.Violation::path)
              .containsExactly("account", "shipDate"));
    }
  }
}
