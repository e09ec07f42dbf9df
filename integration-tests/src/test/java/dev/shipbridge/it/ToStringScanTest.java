package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierFailure;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.QuotaDeadlineException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.TrackResult;
import dev.shipbridge.ValidationException;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.cainiao.CainiaoPush;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.http.RedactingLoggingInterceptor;
import dev.shipbridge.http.Redaction;
import dev.shipbridge.http.UserAgentInterceptor;
import dev.shipbridge.it.logging.Capture;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.EventLocation;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingLeg;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.usps.UspsCarrier;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Goal 16, second half: {@code toString()} of every public type of the published modules, each
 * built with the canaries where a secret or personal value goes (carriers and builders with
 * secrets, addresses, requests, labels and documents whose bytes hold the address, tokens, raw
 * HTTP answers, webhook bodies), plus the exceptions Shipbridge itself builds from bad input that
 * holds canaries. A public type missing from this scan fails the test, so new types are scanned too.
 */
class ToStringScanTest {
  private static final byte[] LABEL_BYTES = ("%PDF-1.4\n(" + Canaries.NAME + ", " + Canaries.STREET + ", " + Canaries.PHONE
      + ")\n%%EOF").getBytes(StandardCharsets.ISO_8859_1);

  /** Public types without state worth scanning, and why. */
  private static final Map<Class<?>, String> EXEMPT = Map.of(
      dev.shipbridge.http.WireErrors.class, "static helpers, no instances",
      dev.shipbridge.http.FailureRules.class, "static classification table, no instances",
      dev.shipbridge.http.JsonCodec.class, "holds only a Jackson mapper",
      dev.shipbridge.spi.support.BaseUrls.class, "static helpers, no instances",
      dev.shipbridge.spi.support.KnownSecrets.class, "static registry, no instances",
      dev.shipbridge.spi.support.ReplayGuard.class, "static helpers, no instances");

  @Test
  void noPublicTypeShowsASecretOrPersonalValue() throws Exception {
    Canaries canaries = new Canaries().add("client secret", "CanaryClientSecret44aa")
        .add("USPS authorization code", "CanaryAuthCode5e1d")
        .add("token", "CanaryTokenValue19fe").add("payment account", "CanaryAcct8812");
    Map<Class<?>, List<Object>> built = instances();

    List<String> leaks = new ArrayList<>();
    built.forEach((type, objects) -> {
      for (Object o : objects) leaks.addAll(canaries.find("toString of " + type.getName(), String.valueOf(o)));
      for (Object o : objects) {
        if (o instanceof Throwable t) leaks.addAll(canaries.find("stack trace of " + type.getName(), Capture.trace(t)));
      }
    });
    assertThat(leaks).isEmpty();

    Set<String> missing = new TreeSet<>();
    for (Class<?> type : publicTypes()) {
      if (type.isInterface() || type.isEnum() || type.isAnnotation() || EXEMPT.containsKey(type)) continue;
      if (built.keySet().stream().noneMatch(type::equals)) missing.add(type.getName());
    }
    assertThat(missing).as("public types the scan builds no instance of: add them to instances()").isEmpty();
  }

  private static Map<Class<?>, List<Object>> instances() throws Exception {
    Map<Class<?>, List<Object>> m = new LinkedHashMap<>();
    Address recipient = Canaries.RECIPIENT;
    IdempotencyKey key = IdempotencyKey.of("order-1042");
    CustomsDeclaration customs = CustomsDeclaration.of(CustomsDeclaration.ContentType.GIFT, List.of(
        new CustomsItem("Phone case", 1, Money.of("9.99", "USD"), Weight.grams(300), "392690", "CN")));

    // Carriers and their builders, with every secret set.
    UspsCarrier.Builder usps = UspsCarrier.builder().clientId("client-id").clientSecret("CanaryClientSecret44aa")
        .webhookSecret(Canaries.USPS_WEBHOOK_SECRET)
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "CanaryAcct8812"))
        .authorization(dev.shipbridge.usps.UspsAuthorization.merchant("acme-store", "labels")
            .withAuthorizationCode("CanaryAuthCode5e1d", "https://platform.example/usps/callback"));
    CainiaoCarrier.Builder cainiao = CainiaoCarrier.builder().appKey("500100").appSecret(Canaries.CAINIAO_APP_SECRET)
        .accessToken(Canaries.CAINIAO_ACCESS_TOKEN).linkProviderId("provider").linkSecretKey(Canaries.LINK_SECRET)
        .usInduction("CAINIAO_LINE_EWR", Canaries.RECIPIENT);
    m.computeIfAbsent(dev.shipbridge.ShipbridgeClosedException.class, k -> new ArrayList<>())
        .add(new dev.shipbridge.ShipbridgeClosedException());
    UspsCarrier uspsCarrier = usps.build();
    CainiaoCarrier cainiaoCarrier = cainiao.build();
    put(m, usps, uspsCarrier, uspsCarrier.defaultPolicy(), cainiao, cainiaoCarrier, cainiaoCarrier.push(),
        CainiaoPush.of(Canaries.LINK_SECRET), dev.shipbridge.usps.UspsAuthorization.merchant("acme-store")
            .withAuthorizationCode("CanaryAuthCode5e1d", "https://platform.example/usps/callback"),
        UspsCarrier.PaymentAccount.permit("56982563", "904128936", "904128937",
            "CanaryAcct8812", "63116"));
    dev.shipbridge.spi.support.InMemoryTokenStore tokens = new dev.shipbridge.spi.support.InMemoryTokenStore(java.time.Clock.systemUTC());
    tokens.put("usps:client-id", new dev.shipbridge.spi.TokenStore.Token("CanaryTokenValue19fe", java.time.Instant.MAX));
    put(m, tokens, new dev.shipbridge.spi.support.Checks().add("clientSecret", "is wrong"),
        new dev.shipbridge.spi.support.Details().put("account", "CanaryAcct8812"));
    ShipbridgeBuilder sbBuilder = Shipbridge.builder().discoverCarriers(false).carrier(uspsCarrier).carrier(cainiaoCarrier);
    try (Shipbridge sb = sbBuilder.build()) {
      put(m, sbBuilder, sb, sb.webhooks(), sb.returns(), sb.pickups(), sb.subscriptions());
    }
    // A platform's merchant account, with the carriers holding every secret, and its preflight report.
    var accountBuilder = dev.shipbridge.account.CarrierAccount.builder(dev.shipbridge.account.AccountId.of("merchant-42"))
        .carrier(uspsCarrier).carrier(cainiaoCarrier);
    var account = accountBuilder.build();
    var check = dev.shipbridge.account.Preflight.Check.failed(CarrierId.USPS, "payment", "refused");
    try (Shipbridge sb = Shipbridge.builder().carrier(uspsCarrier).accounts(dev.shipbridge.account.AccountResolver.inMemory()
        .put(account)).build()) {
      put(m, accountBuilder, account, account.id(), dev.shipbridge.account.AccountResolver.inMemory().put(account), check,
          new dev.shipbridge.account.Preflight(account.id(), List.of(check)), sb.account(account.id()));
    }
    // What a root remembers for its carriers (subscription secrets among them): shown as a count only.
    var memory = new dev.shipbridge.spi.CarrierMemory();
    memory.entry("usps.secret", String.class, () -> "CanaryTokenValue19fe");
    put(m, memory);

    // The model, with the recipient's data and label bytes that print it.
    Address.Builder addressBuilder = recipient.toBuilder();
    QuoteRequest.Builder quoteBuilder = QuoteRequest.builder().from(Requests.SHENZHEN).to(recipient).parcel(Requests.BOX)
        .customs(customs);
    LabelRequest.Builder labelBuilder = LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
        .from(Requests.SHENZHEN).to(recipient).parcel(Requests.BOX).customs(customs).idempotencyKey(key)
        .reference("8001234567890123");
    Quote.Builder quoteB = Quote.builder(CarrierId.USPS, "PRIORITY_MAIL", Money.of("9.17", "USD"));
    Quote quote = quoteB.build();
    OffsetDateTime at = OffsetDateTime.of(2026, 3, 2, 15, 0, 0, 0, ZoneOffset.UTC);
    EventLocation where = EventLocation.of("Brooklyn", "NY", "11201", "US");
    TrackingEvent event = new TrackingEvent(at, TrackingStatus.DELIVERED, "01", "Delivered", where, CarrierId.USPS);
    Tracking tracking = Tracking.of("9205590109769900012613", CarrierId.USPS, List.of(event), null, null, Map.of());
    put(m, recipient, addressBuilder, quoteBuilder, quoteBuilder.build(), labelBuilder, labelBuilder.build(), key, customs,
        customs.items().get(0), Requests.BOX, Requests.BOX.weight(), Dimensions.of("30", "20", "10",
            dev.shipbridge.model.LengthUnit.CENTIMETRE), Money.of("9.99", "USD"), LabelFormat.PDF_4X6, quoteB, quote,
        new Quote.Charge("Base price", Money.of("9.17", "USD")), CarrierId.USPS,
        new Label(CarrierId.USPS, "9205590109769900012613", "PRIORITY_MAIL", LabelFormat.PDF_4X6, LABEL_BYTES,
            Money.of("9.17", "USD"), key, Map.of()),
        new Manifest(CarrierId.USPS, "9475038234567000031430", List.of("9205590109769900012613"), LABEL_BYTES),
        new ManifestRequest(CarrierId.USPS, List.of("9205590109769900012613"), recipient, null),
        new ManifestRequest.Entry("PARCEL_SELECT:DE:MACHINABLE:DESTINATION_DELIVERY_UNIT", recipient),
        new AddressValidation(recipient, true, "Y", List.of()),
        new AddressValidation.Change("street", recipient.lines().get(0), recipient.lines().get(0).toUpperCase()),
        new AddressValidation.Code("32", "Default address"),
        new AddressValidation.DeliveryPoint("Y", false, false, false, false, "C036", "20"),
        new Label.Charge(Label.ChargeKind.FEE, "Nonstandard Length fee", "DXFX0XXXXCX0022", Money.of("4.00", "USD")),
        new Label.Commitment("2-Day", null, null),
        new CancelResult(CarrierId.USPS, "9205590109769900012613", CancelResult.Status.CANCELED, "label canceled"),
        event, where, tracking, tracking.legs().get(0), new Handoff(CarrierId.USPS, "9205590109769900012613"),
        new TrackingLeg(CarrierId.USPS, "9205590109769900012613", event, event, null),
        TrackingLeg.accessDenied(CarrierId.USPS, "9400111987654300000028", "not authorized for MID 119876", CarrierId.CAINIAO),
        new PushedTracking(CarrierId.USPS, "9205590109769900012613", List.of(event), Instant.EPOCH, "m-1"),
        new QuoteResult(List.of(quote), List.of()), TrackResult.success("9205590109769900012613", tracking),
        TrackManyOptions.builder().knownStatus("9205590109769900012613", TrackingStatus.DELIVERED),
        TrackManyOptions.builder().build());
    dev.shipbridge.model.ExchangeRate rate = dev.shipbridge.model.ExchangeRate.of("CNY", "USD", "0.14", "desk", Instant.EPOCH);
    dev.shipbridge.model.FixedExchangeRates.Builder ratesBuilder = dev.shipbridge.model.ExchangeRates.fixed().rate(rate);
    dev.shipbridge.model.FixedExchangeRates rates = ratesBuilder.build();
    put(m, rate, ratesBuilder, rates, new dev.shipbridge.model.ConvertedPrice(Money.of("60", "CNY"), Money.of("8.40", "USD"), rate),
        new QuoteResult(List.of(quote), List.of()).withRates(rates, java.util.Currency.getInstance("USD")).cheapestChoice());
    Quote toInduction = Quote.builder(CarrierId.CAINIAO, "CAINIAO_LINE_EWR", Money.of("89", "CNY"))
        .legs(java.util.Set.of(dev.shipbridge.model.Leg.FIRST_MILE)).build();
    Quote lastMile = Quote.builder(CarrierId.USPS, "PRIORITY_MAIL", Money.of("9.17", "USD"))
        .legs(java.util.Set.of(dev.shipbridge.model.Leg.LAST_MILE)).build();
    dev.shipbridge.model.CombinedOffer combined = new dev.shipbridge.model.CombinedOffer(toInduction, lastMile, recipient);
    put(m, combined, combined.total(rates, java.util.Currency.getInstance("USD")).orElseThrow());

    // Returns, pickups and subscriptions: the recipient's address, a subscription secret and administrators' e-mails.
    dev.shipbridge.model.ReturnLabelRequest.Builder returnBuilder = dev.shipbridge.model.ReturnLabelRequest.builder()
        .carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE").from(recipient).to(recipient)
        .parcel(Requests.BOX).idempotencyKey(key).reference("RMA-5531");
    dev.shipbridge.model.PickupRequest.Builder pickupBuilder = dev.shipbridge.model.PickupRequest.builder()
        .carrier(CarrierId.USPS).address(recipient).date(java.time.LocalDate.of(2026, 3, 3))
        .pkg(dev.shipbridge.model.PickupRequest.Kind.PRIORITY, 2).estimatedWeight(Weight.grams(900))
        .location(dev.shipbridge.model.PickupRequest.Location.OTHER).instructions("side gate");
    dev.shipbridge.model.PickupRequest pickupRequest = pickupBuilder.build();
    dev.shipbridge.model.SubscriptionRequest.Builder subscriptionBuilder = dev.shipbridge.model.SubscriptionRequest.builder()
        .carrier(CarrierId.USPS).mid("904128936").listenerUrl(java.net.URI.create("https://hooks.example.com/usps"))
        .secret(Canaries.USPS_WEBHOOK_SECRET).adminEmail(Canaries.EMAIL);
    dev.shipbridge.model.SubscriptionUpdate.Builder updateBuilder =
        dev.shipbridge.model.SubscriptionUpdate.builder("sub-1", Canaries.USPS_WEBHOOK_SECRET).adminEmail(Canaries.EMAIL);
    put(m, returnBuilder, returnBuilder.build(),
        dev.shipbridge.model.ReprintRequest.of(CarrierId.USPS, "9205590109769900012613", null),
        pickupBuilder, pickupRequest, pickupRequest.packages().get(0),
        new dev.shipbridge.model.Pickup(CarrierId.USPS, "WTC412000001", pickupRequest.date(), pickupRequest, "etag-1"),
        new dev.shipbridge.model.PickupEligibility(CarrierId.USPS, true, recipient, null),
        subscriptionBuilder, subscriptionBuilder.build(), updateBuilder, updateBuilder.build(),
        dev.shipbridge.model.SubscriptionQuery.byMid("904128936"),
        new dev.shipbridge.model.Subscription(CarrierId.USPS, "sub-1", "904128936", null,
            java.net.URI.create("https://hooks.example.com/usps"), dev.shipbridge.model.Subscription.Status.ENABLED, null,
            Set.of(), List.of(Canaries.EMAIL), Instant.EPOCH, null, "etag-2"),
        refused(() -> dev.shipbridge.model.SubscriptionRequest.builder().carrier(CarrierId.USPS).mid("904128936")
            .trackingNumber(Canaries.PHONE).listenerUrl(java.net.URI.create("http://hooks.example.com/"))
            .secret(Canaries.USPS_WEBHOOK_SECRET).adminEmail(Canaries.STREET).build()));

    // Plumbing: tokens, raw answers and webhook bodies that hold secrets or the recipient.
    byte[] raw = ("{\"access_token\":\"CanaryTokenValue19fe\",\"name\":\"" + Canaries.NAME + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpTransport transport = new HttpTransport(new OkHttpClient());
    put(m, new TokenStore.Token("CanaryTokenValue19fe", Instant.EPOCH),
        new HttpResult(200, Headers.of("Set-Cookie", "session=CanaryTokenValue19fe"), raw, "application/json", "r-1"),
        WebhookRequest.of(raw, Map.of("X-HMAC", List.of("sig"))), transport, Redaction.defaults(),
        new RedactingLoggingInterceptor(Redaction.defaults()), new UserAgentInterceptor(),
        dev.shipbridge.http.RequestSafety.IDEMPOTENT, dev.shipbridge.http.AttemptLimits.startingNow("usps LABEL attempt 1",
            java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(45)));
    AtomicReference<Object> settings = new AtomicReference<>();
    ResiliencePolicy.Builder policyBuilder = ResiliencePolicy.custom().all(s -> {
      settings.set(s);
      s.maxAttempts(2);
    });
    ResiliencePolicy policy = policyBuilder.build();
    put(m, policyBuilder, policy, settings.get(), policy.resolve(CarrierId.USPS, dev.shipbridge.resilience.Operation.TRACK),
        OperationPolicy.CircuitBreakerSettings.DISABLED, RateLimit.perHour(60),
        dev.shipbridge.resilience.CarrierRateLimiter.Permit.refused(java.time.Duration.ofSeconds(1), "quota"));

    // Exceptions: the ones Shipbridge builds from input holding canaries, and the carrier family.
    put(m, refused(() -> Address.builder().name(Canaries.NAME + "\u0000").line(Canaries.STREET + "\r\nX-Injected: 1")
            .city("Brooklyn").region("NY").postalCode("1120" + Canaries.PHONE).country("US")
            .phone(Canaries.PHONE + "-CanaryAcct8812").email("quentin.canary@@example").build()),
        refused(() -> IdempotencyKey.of(Canaries.EMAIL)),
        refused(() -> LabelRequest.builder().carrier(CarrierId.USPS).serviceCode(Canaries.NAME).from(recipient)
            .to(recipient.toBuilder().country("XX").build()).parcel(Requests.BOX).reference(Canaries.STREET + "\n").build()),
        new ValidationException.Violation("to.name", "is required"), configurationRefused(),
        configurationRefused().problems().get(0));
    CarrierException.Details d = CarrierException.details(CarrierId.USPS, "HTTP 500").httpStatus(500).idempotencyKey("order-1042");
    put(m, d, d.build(), new AuthenticationException(d),
        new dev.shipbridge.TrackingAccessDeniedException(d, "9400111987654300000028", "119876"), new NotFoundException(d), new CarrierUnavailableException(d),
        new InvalidRequestException(d, List.of()), new RateLimitedException(d, java.time.Duration.ofSeconds(30)),
        new QuotaDeadlineException(CarrierId.USPS, 3, Instant.EPOCH, Instant.EPOCH),
        new WebhookException(WebhookException.Reason.BAD_SIGNATURE, "bad signature"),
        new ShipbridgeException("interrupted"), new CarrierFailure(CarrierId.USPS, d.build()),
        new dev.shipbridge.RevocationException(dev.shipbridge.account.AccountId.of("merchant-42"), List.of(CarrierId.USPS),
            new AuthenticationException(d)),
        new CainiaoPush.Notification("TRACEPUSH", "LP00579396348112", List.of(event)));
    return m;
  }

  /** Discovery refusing settings that hold secrets and personal data: what it reports names settings only. */
  private static dev.shipbridge.ConfigurationException configurationRefused() {
    java.util.Map<String, String> env = java.util.Map.of("USPS_CLIENT_ID", Canaries.NAME, "USPS_CLIENT_SECRET", Canaries.STREET,
        "USPS_QUOTA_PER_HOUR", Canaries.EMAIL, "USPS_ENVIRONMENT", Canaries.PHONE, "CAINIAO_APP_KEY", Canaries.NAME,
        "CAINIAO_APP_SECRET", Canaries.STREET);
    try {
      dev.shipbridge.Shipbridge.builder().discoverCarriers(true).settings(n -> java.util.Optional.ofNullable(env.get(n))).build();
    } catch (dev.shipbridge.ConfigurationException e) {
      return e;
    }
    throw new AssertionError("discovery accepted bad settings");
  }

  private static ValidationException refused(Supplier<Object> build) {
    try {
      build.get();
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("expected a ValidationException");
  }

  private static void put(Map<Class<?>, List<Object>> m, Object... objects) {
    for (Object o : objects) m.computeIfAbsent(o.getClass(), k -> new ArrayList<>()).add(o);
  }

  /** The public classes of the published modules' API packages (no {@code internal} package). */
  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    Set<String> names = new TreeSet<>();
    for (Class<?> anchor : List.of(Shipbridge.class, UspsCarrier.class, CainiaoCarrier.class)) {
      File where = new File(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (where.isDirectory()) {
        try (Stream<Path> files = Files.walk(where.toPath())) {
          files.filter(p -> p.toString().endsWith(".class"))
              .forEach(p -> names.add(where.toPath().relativize(p).toString().replace(File.separatorChar, '/')));
        }
      } else {
        try (JarFile jar = new JarFile(where)) {
          jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(names::add);
        }
      }
    }
    List<Class<?>> out = new ArrayList<>();
    for (String n : names) {
      if (!n.startsWith("dev/shipbridge/") || n.contains("/internal/") || n.endsWith("package-info.class")
          || n.endsWith("module-info.class")) continue;
      Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, ToStringScanTest.class.getClassLoader());
      if (Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass() && !c.isSynthetic()
          && (c.getEnclosingClass() == null || Modifier.isPublic(c.getEnclosingClass().getModifiers()))) {
        out.add(c);
      }
    }
    return out;
  }
}
