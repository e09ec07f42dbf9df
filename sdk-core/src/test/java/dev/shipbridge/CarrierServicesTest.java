package dev.shipbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import dev.shipbridge.model.SubscriptionQuery;
import dev.shipbridge.model.SubscriptionRequest;
import dev.shipbridge.model.SubscriptionUpdate;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.ReturnLabelCapability;
import dev.shipbridge.spi.support.KnownSecrets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The neutral models of returns, pickups and subscriptions, and the facade's purchase rules for
 * return labels, on a test double (the real adapters are proven in sdk-usps and sdk-cainiao).
 */
class CarrierServicesTest {
  static final Address HOME = Address.builder().name("Joe Doe").line("1100 Wyoming").city("St. Louis").region("MO")
      .postalCode("63118").country("US").build();
  static final Parcel BOX = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));

  @Test
  void eachRequestListsEveryViolationAtOnce() {
    ValidationException returns = catchThrowableOfType(ValidationException.class, () -> ReturnLabelRequest.builder().build());
    assertThat(returns.violations()).extracting(ValidationException.Violation::path)
        .contains("carrier", "serviceCode", "from", "to", "parcel");
    ValidationException pickup = catchThrowableOfType(ValidationException.class, () -> PickupRequest.builder()
        .pkg(PickupRequest.Kind.PRIORITY, 1).pkg(PickupRequest.Kind.PRIORITY, 2).build());
    assertThat(pickup.violations()).extracting(ValidationException.Violation::path)
        .contains("carrier", "address", "date", "estimatedWeight", "location", "packages");
    ValidationException subscription = catchThrowableOfType(ValidationException.class, () -> SubscriptionRequest.builder()
        .listenerUrl(URI.create("/relative")).adminEmail("not-an-email").build());
    assertThat(subscription.violations()).extracting(ValidationException.Violation::path)
        .contains("carrier", "mid", "listenerUrl", "secret", "adminEmails[0]");
    ValidationException update = catchThrowableOfType(ValidationException.class,
        () -> SubscriptionUpdate.builder(" ", "secret-value-abc").status(dev.shipbridge.model.Subscription.Status.SUSPENDED).build());
    assertThat(update.violations()).extracting(ValidationException.Violation::path).contains("subscriptionId", "status");
    ValidationException page = catchThrowableOfType(ValidationException.class, () -> SubscriptionQuery.all().page(-1, 101));
    assertThat(page.violations()).extracting(ValidationException.Violation::path).contains("offset", "limit");
    assertThat(catchThrowableOfType(ValidationException.class, () -> ReprintRequest.of(CarrierId.USPS, "no!", null))
        .violations()).extracting(ValidationException.Violation::path).containsExactly("trackingNumber");
  }

  @Test
  void aSubscriptionSecretIsMaskedEverywhereAndNeverShown() {
    String secret = "secret-Canary-0123456789abcdefgh";
    SubscriptionRequest r = SubscriptionRequest.builder().carrier(CarrierId.USPS).mid("904128936")
        .listenerUrl(URI.create("https://hooks.example.com/")).secret(secret).adminEmail("ops@example.com").build();
    assertThat(r.toString()).doesNotContain(secret).doesNotContain("ops@example.com");
    assertThat(KnownSecrets.mask("USPS echoed " + secret)).doesNotContain(secret);
    assertThat(SubscriptionUpdate.builder("sub-1", secret).build().toString()).doesNotContain(secret);
  }

  @Test
  void onlyLabelsAndReturnLabelsArePurchases() {
    for (Operation op : Operation.values()) {
      assertThat(op.isPurchase()).as(op.name()).isEqualTo(op == Operation.LABEL || op == Operation.RETURN_LABEL);
    }
  }

  /** A carrier whose return-label answer is lost once after sending (503). */
  static final class Returner implements Carrier, ReturnLabelCapability {
    final boolean honours;
    final AtomicInteger sent = new AtomicInteger();

    Returner(boolean honours) {
      this.honours = honours;
    }

    public CarrierId id() {
      return CarrierId.of("returner");
    }

    public Label returnLabel(ReturnLabelRequest r) {
      if (sent.incrementAndGet() == 1) {
        throw new CarrierUnavailableException(CarrierException.details(id(), "answer lost").httpStatus(503).retryable(true));
      }
      return new Label(id(), "RT123456789", r.serviceCode(), r.format(), "%PDF".getBytes(StandardCharsets.ISO_8859_1), null,
          r.idempotencyKey(), null);
    }

    public Label reprint(ReprintRequest r) {
      return new Label(id(), r.trackingNumber(), null, r.format(), "%PDF".getBytes(StandardCharsets.ISO_8859_1), null, null, null);
    }

    public boolean honoursIdempotencyKey() {
      return honours;
    }
  }

  private static Shipbridge facade(Carrier c) {
    return Shipbridge.builder().discoverCarriers(false).carrier(c).sleeper(d -> { })
        .resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build()).build();
  }

  @Test
  void aLostReturnLabelAnswerIsRetriedOnlyWhenTheCarrierHonoursTheKey() {
    ReturnLabelRequest request = ReturnLabelRequest.builder().carrier(CarrierId.of("returner")).serviceCode("BACK")
        .from(HOME).to(HOME).parcel(BOX).idempotencyKey(IdempotencyKey.of("rma-1")).format(LabelFormat.PDF_4X6).build();
    Returner keyed = new Returner(true);
    try (Shipbridge sb = facade(keyed)) {
      assertThat(sb.returns().label(request).idempotencyKey().value()).isEqualTo("rma-1");
      assertThat(keyed.sent).hasValue(2);
    }
    Returner unkeyed = new Returner(false);
    try (Shipbridge sb = facade(unkeyed)) {
      CarrierException e = catchThrowableOfType(CarrierException.class, () -> sb.returns().label(request));
      assertThat(e.outcomeUnknown()).isTrue();
      assertThat(e.idempotencyKey()).hasValue("rma-1");
      assertThat(unkeyed.sent).as("never sent twice").hasValue(1);
    }
  }
}
