package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.CarrierException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ValidationException;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.Subscription;
import dev.shipbridge.model.SubscriptionEvent;
import dev.shipbridge.model.SubscriptionQuery;
import dev.shipbridge.model.SubscriptionRequest;
import dev.shipbridge.model.SubscriptionUpdate;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.UspsEmulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * USPS Subscriptions - Tracking on the real {@link UspsCarrier} through the facade and the
 * emulator, under a permissive policy (the base's) and USPS's default policy; notifications signed
 * with a subscription's secret are verified by {@code Shipbridge.webhooks()}.
 */
class UspsSubscriptionWireTest extends EmulatorTestBase {
  static final String SECRET = "s3cr3t-0123456789abcdefghijklmno"; // 32 characters
  static final String OTHER_SECRET = "other-secret-0123456789abcdefghi";
  static final URI LISTENER = URI.create("https://hooks.example.com/usps");

  static SubscriptionRequest.Builder byNumber(String number) {
    return SubscriptionRequest.builder().carrier(CarrierId.USPS).trackingNumber(number).listenerUrl(LISTENER)
        .secret(SECRET).adminEmail("ops@example.com").event(SubscriptionEvent.ALL_UPDATES);
  }

  private Shipbridge underDefaults() {
    return Shipbridge.builder().discoverCarriers(false).carrier(carrier().build()).clock(clock)
        .sleeper(d -> clock.advance(d)).httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build())
        .resilience(ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(Duration.ofMinutes(2))).build()) // wait for permits
        .build();
  }

  /** The conformance kit's TRACE capture (bound in this module's tests); its switches are package-private. */
  @SuppressWarnings("unchecked")
  private static List<String> capture(String method) {
    try {
      java.lang.reflect.Method m = Class.forName("dev.shipbridge.testkit.conformance.CapturingLogs").getDeclaredMethod(method);
      m.setAccessible(true);
      return (List<String>) m.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static WebhookRequest request(UspsEmulator.Notification n) {
    Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
    n.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    return WebhookRequest.of(n.body().getBytes(StandardCharsets.UTF_8), headers);
  }

  @Test
  void createListGetUpdateAndDeleteUnderTheDefaultAndAPermissivePolicy() {
    try (Shipbridge defaults = underDefaults()) {
      for (Shipbridge sb : new Shipbridge[] {shipbridge, defaults}) {
        Subscription s = sb.subscriptions().create(SubscriptionRequest.builder().carrier(CarrierId.USPS).mid("904128936")
            .listenerUrl(LISTENER).secret(SECRET).adminEmail("ops@example.com")
            .event(SubscriptionEvent.DELIVERY_ACTIVITY).build());
        assertThat(s.status()).isEqualTo(Subscription.Status.ENABLED);
        assertThat(s.mid()).isEqualTo("904128936");
        assertThat(s.events()).containsExactly(SubscriptionEvent.DELIVERY_ACTIVITY);
        assertThat(s.toString()).doesNotContain(SECRET).doesNotContain("ops@example.com");

        assertThat(sb.subscriptions().list(CarrierId.USPS, SubscriptionQuery.byMid("904128936")))
            .extracting(Subscription::id).contains(s.id());
        assertThat(sb.subscriptions().get(CarrierId.USPS, s.id()).listenerUrl()).isEqualTo(LISTENER);

        Subscription disabled = sb.subscriptions().update(CarrierId.USPS,
            SubscriptionUpdate.builder(s.id(), SECRET).status(Subscription.Status.DISABLED).build());
        assertThat(disabled.status()).isEqualTo(Subscription.Status.DISABLED);
        assertThat(disabled.mid()).as("what it follows is kept").isEqualTo("904128936");

        assertThat(sb.subscriptions().delete(CarrierId.USPS, s.id()).id()).isEqualTo(s.id());
        assertThat(catchThrowableOfType(CarrierException.class, () -> sb.subscriptions().get(CarrierId.USPS, s.id())))
            .isInstanceOf(dev.shipbridge.NotFoundException.class);
      }
    }
    assertThat(recorder.exchanges()).filteredOn(x -> x.method().equals("PUT") || x.method().equals("DELETE"))
        .allSatisfy(x -> assertThat(x.requestHeaders().get("If-Match")).isNotBlank());
  }

  @Test
  void aNotificationSignedWithACreatedSubscriptionsSecretIsAcceptedAndATamperedOneRefused() {
    Label label = UspsLabelWireTest.buy(shipbridge, "sub-1");
    Subscription s = shipbridge.subscriptions().create(byNumber(label.trackingNumber()).build());

    PushedTracking pushed = shipbridge.webhooks().handle(request(usps.notification(s.id(), label.trackingNumber())));
    assertThat(pushed.trackingNumber()).isEqualTo(label.trackingNumber());

    UspsEmulator.Notification genuine = usps.notification(s.id(), label.trackingNumber());
    String tampered = genuine.body().replace(label.trackingNumber(), "9400111201080805483016");
    WebhookException refused = catchThrowableOfType(WebhookException.class,
        () -> shipbridge.webhooks().handle(request(new UspsEmulator.Notification(tampered, genuine.headers()))));
    assertThat(refused.reason()).isEqualTo(WebhookException.Reason.BAD_SIGNATURE);

    shipbridge.subscriptions().update(CarrierId.USPS, SubscriptionUpdate.builder(s.id(), OTHER_SECRET).build());
    clock.advance(Duration.ofDays(1)); // the parcel has moved on: a newer notification, not a replay of the first
    assertThat(shipbridge.webhooks().handle(request(usps.notification(s.id(), label.trackingNumber()))).trackingNumber())
        .as("signed with the updated secret").isEqualTo(label.trackingNumber());
  }

  @Test
  void aNotificationOfASubscriptionWhoseSecretIsUnknownIsRefused() {
    Label label = UspsLabelWireTest.buy(shipbridge, "sub-2");
    Subscription s;
    try (Shipbridge elsewhere = facade(carrier().build())) {
      s = elsewhere.subscriptions().create(byNumber(label.trackingNumber()).build());
    }
    WebhookException e = catchThrowableOfType(WebhookException.class,
        () -> shipbridge.webhooks().handle(request(usps.notification(s.id(), label.trackingNumber()))));
    assertThat(e.reason()).isEqualTo(WebhookException.Reason.BAD_SIGNATURE);
    assertThat(e).hasMessageContaining("webhookSecret");
  }

  @Test
  void everyViolationIsReportedBeforeAnyCallAndNoneShowsTheSecret() {
    String shortSecret = "too-short-secret-0123456789";
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> shipbridge.subscriptions().create(
        SubscriptionRequest.builder().carrier(CarrierId.USPS).mid("12345").listenerUrl(URI.create("https://h.example.com/"
            + "x".repeat(200))).secret(shortSecret).adminEmail("a@example.com").adminEmail("b@example.com")
            .adminEmail("c@example.com").adminEmail("d@example.com").build()));

    assertThat(e.violations()).extracting(ValidationException.Violation::path)
        .contains("mid", "listenerUrl", "secret", "adminEmails");
    assertThat(e.getMessage()).doesNotContain(shortSecret);
    ValidationException plain = catchThrowableOfType(ValidationException.class, () -> SubscriptionRequest.builder()
        .carrier(CarrierId.USPS).trackingNumber("9400111201080805483016").mid("904128936")
        .listenerUrl(URI.create("http://hooks.example.com/")).secret(SECRET).build());
    assertThat(plain.violations()).extracting(ValidationException.Violation::path).contains("mid", "listenerUrl");
    assertThat(usps.requests()).as("nothing was sent").isEmpty();
  }

  @Test
  void theSecretNeverReachesALogLineAMessageOrToString() {
    SubscriptionRequest request = byNumber("9205590982952107001084").build();
    capture("start");
    List<String> lines;
    CarrierException refused;
    try {
      Subscription s = shipbridge.subscriptions().create(request);
      shipbridge.subscriptions().get(CarrierId.USPS, s.id());
      usps.denyApi("/subscriptions-tracking/v3r2");
      refused = catchThrowableOfType(CarrierException.class, () -> shipbridge.subscriptions().create(request));
    } finally {
      lines = capture("stop");
    }
    assertThat(lines).isNotEmpty().noneMatch(l -> l.contains(SECRET));
    assertThat(request.toString()).doesNotContain(SECRET);
    assertThat(refused.httpStatus()).as("the entitlement refusal is typed").isEqualTo(403);
    assertThat(refused.getMessage()).doesNotContain(SECRET);
    assertThat(recorder.to("/subscriptions-tracking/v3r2/subscriptions").get(0).requestHeaders().get("Content-Type"))
        .contains("json");
  }
}
